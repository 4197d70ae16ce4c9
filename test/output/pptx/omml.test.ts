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

describe("OMML of TeX alignments and letters", () => {
  it("writes `aligned` as an equation array, one argument per row, aligned at each `&` (a matrix stays a matrix)", () => {
    const omml = toOmml(mathml(String.raw`\begin{aligned} f(t) &= a + b, \\ c_n &= \frac{1}{T} \end{aligned}`)) ?? "";
    expect(omml).not.toContain("<m:m>");
    const rows = /<m:eqArr>([\s\S]*)<\/m:eqArr>/.exec(omml)?.[1] ?? "";
    // two rows, each holding both sides: no cell begins with a bare `=`
    expect(rows.match(/<m:e><m:r><m:t[^>]*>f\(t\)/g)).toHaveLength(1);
    expect(omml.match(/<m:rPr><m:aln\/><\/m:rPr><m:t[^>]*>=/g)).toHaveLength(2);
    const matrix = toOmml(mathml(String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`)) ?? "";
    expect(matrix).toContain("<m:m>");
    expect(matrix).not.toContain("<m:eqArr>");
  });

  it("keeps letters one run each, as the MathML has them, and a function name whole", () => {
    const omml = toOmml(mathml(String.raw`e^{in\omega_0 t} + \sin x`)) ?? "";
    const texts = [...omml.matchAll(/<m:t[^>]*>([^<]*)<\/m:t>/g)].map((m) => m[1]);
    expect(texts).not.toContain("in");
    expect(texts).toEqual(expect.arrayContaining(["i", "n"]));
    expect(texts.some((t) => t?.includes("sin\u2061"))).toBe(true);
  });
});

describe("OMML of a numbered formula", () => {
  it("is the formula, then its number after a space (not a four-column matrix around it)", () => {
    const omml = toOmml(mathml(String.raw`y = Xw + b \tag{3}`)) ?? "";
    expect(omml).not.toContain("<m:m>");
    const texts = [...omml.matchAll(/<m:t[^>]*>([^<]*)<\/m:t>/g)].map((m) => m[1]).join("");
    expect(texts).toBe("y=Xw+b (3)");
  });
});
