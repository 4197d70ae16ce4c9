/** Formulas written for MathJax render in KaTeX; what KaTeX still cannot do stays a visible, reported error. */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { count, slidesHtml, withCode } from "../helpers.js";

const build = (tex: string) => {
  const r = buildDeck(`# T\n\n$$\n${tex}\n$$\n`, { file: "mj.md" });
  return { html: slidesHtml(r.html), diagnostics: r.diagnostics };
};

describe("MathJax-isms", () => {
  const cases: [string, string][] = [
    ["an `_` in \\text", "\\text{num_params} = 10"],
    ["\\textrm with `_`", "\\textrm{max_len}"],
    ["\\mathbbm", "\\mathbbm{1}_{x > 0}"],
    ["\\mathds", "\\mathds{R}^n"],
    ["\\mbox", "\\mbox{if } x"],
    ["\\bm and \\boldsymbol", "\\bm{x} + \\boldsymbol{\\mu}"],
    ["\\operatorname*", "\\operatorname*{argmax}_a Q(s, a)"],
    ["\\label inside a formula", "E = mc^2 \\label{eq:einstein}"],
    ["\\require", "\\require{cancel} x"],
    ["eqnarray", "\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}"],
    ["\\abs and \\norm", "\\abs{x} + \\norm{y}"],
  ];
  for (const [name, tex] of cases) {
    it(`renders ${name}`, () => {
      const { html, diagnostics } = build(tex);
      expect(withCode(diagnostics, "math-invalid")).toEqual([]);
      expect(count(html, 'class="katex"')).toBe(1);
    });
  }

  it("keeps an escaped `\\_` in \\text as it is", () => {
    expect(withCode(build("\\text{a\\_b}").diagnostics, "math-invalid")).toEqual([]);
  });

  it("still reports what KaTeX cannot do, and shows the TeX", () => {
    const { html, diagnostics } = build("\\undefinedmacro{x}");
    expect(withCode(diagnostics, "math-invalid")).toHaveLength(1);
    expect(html).toContain('class="lectern-math-error"');
    expect(html).toContain("\\undefinedmacro{x}");
  });
});
