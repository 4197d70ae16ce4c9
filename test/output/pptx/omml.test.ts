/**
 * The Office Math written for KaTeX's formulas is valid OMML where mathml2omml's is not: no
 * text outside `m:t`, no style `undefined`, one `m:argPr` per argument, no Word run properties.
 * LibreOffice's OMML import shows a bare text as nothing and PowerPoint may call the file damaged.
 */
import katex from "katex";
import { describe, expect, it } from "vitest";
import { toOmml } from "../../../src/output/pptx/omml.js";

const mathml = (tex: string, displayMode = true) => {
  const html = katex.renderToString(tex, { output: "mathml", displayMode });
  return html.slice(html.indexOf("<math"), html.lastIndexOf("</math>") + "</math>".length);
};

/** Text between tags that is not inside an `m:t`. */
function bareText(omml: string): string[] {
  const out: string[] = [];
  let inText = 0;
  let at = 0;
  for (const m of omml.matchAll(/<[^>]+>/g)) {
    const text = omml.slice(at, m.index);
    if (inText === 0 && text.trim()) out.push(text);
    if (/^<m:t[\s>]/.test(m[0])) inText++;
    else if (m[0] === "</m:t>") inText--;
    at = m.index + m[0].length;
  }
  return out;
}

const FORMULAS = [
  String.raw`\int_0^1 f(x)\,dx = \mathbb{R}`,
  String.raw`f(t) = \sum_{n=-\infty}^{\infty} c_n e^{i n \omega_0 t}`,
  String.raw`\begin{aligned} f(t) &= \sum_{n} c_n \\ c_n &= \frac{1}{T}\int_{-T/2}^{T/2} f(t)\,dt \end{aligned}`,
  String.raw`\hat{\mathbf{y}} = \mathbf{X}\mathbf{w} + b`,
];

describe("OMML of KaTeX's formulas", () => {
  it.each(FORMULAS)("is valid Office Math: %s", (tex) => {
    const omml = toOmml(mathml(tex)) ?? "";
    expect(omml).toMatch(/^<m:oMath\b[\s\S]*<\/m:oMath>$/);
    expect(bareText(omml)).toEqual([]);
    expect(omml).not.toContain('m:val="undefined"');
    expect(omml).not.toMatch(/<w:/);
    expect(omml).not.toMatch(/<\/m:argPr><m:argPr>/);
  });

  it("keeps every character of the formula in its runs", () => {
    const omml = toOmml(mathml(String.raw`\int_0^1 f(x)\,dx`)) ?? "";
    const text = [...omml.matchAll(/<m:t[^>]*>([^<]*)<\/m:t>/g)].map((m) => m[1]).join("");
    expect(text.replace(/\s/g, "")).toBe("01f(x)dx");
  });
});

describe("a sum's operand", () => {
  it("is inside the sum (not an empty box beside it), up to the next term", () => {
    const omml = toOmml(mathml(String.raw`f = \sum_{n=1}^{N} c_n e^{n} + 1`)) ?? "";
    expect(omml).not.toContain("<m:e/></m:nary>");
    const nary = /<m:nary>[\s\S]*<\/m:nary>/.exec(omml)?.[0] ?? "";
    const operand = /<\/m:sup><m:e>([\s\S]*)<\/m:e><\/m:nary>/.exec(nary)?.[1] ?? "";
    expect(operand).toContain("<m:sSub>");
    expect(operand).toContain("<m:sSup>");
    // the `+ 1` after it is a term of its own, after the sum
    expect(operand).not.toContain(">+<");
    expect(omml.slice(omml.indexOf("</m:nary>"))).toMatch(/<m:t[^>]*>\+/);
  });
});
