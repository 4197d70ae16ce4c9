import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { count, readFixture, slidesHtml, withCode } from "../helpers.js";

/** Build a snippet and return its slides HTML and diagnostics. */
function build(src: string) {
  const r = buildDeck(src, { file: "math.md" });
  return { html: slidesHtml(r.html), diagnostics: r.diagnostics };
}

describe("math that renders", () => {
  const cases: [string, string, boolean][] = [
    ["inline $…$", "Inline $x^2$ here.", false],
    ["a $$ … $$ block", "Display:\n\n$$\n\\int_0^1 x\\,dx\n$$\n\nEnd.", true],
    ["$$a$$ in the middle of a sentence", "We have $$a+b$$ in the middle.", true],
    ["\\( … \\)", "Paren \\(y = mx\\) form.", false],
    ["\\[ … \\]", "Bracket \\[z = 1\\] form.", true],
    ["a ```math fence", "```math\nE = mc^2\n```\n\nEnd.", true],
    ["\\begin{aligned}", "$$\n\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n$$\n\nEnd.", true],
    ["\\begin{cases}", "$$\nf(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{else} \\end{cases}\n$$\n\nEnd.", true],
    ["\\begin{bmatrix}", "$$\n\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}\n$$\n\nEnd.", true],
    ["mhchem \\ce{H2O}", "Water is $\\ce{H2O}$.", false],
  ];
  for (const [name, src, display] of cases) {
    it(`renders ${name} as KaTeX HTML with MathML`, () => {
      const { html, diagnostics } = build(src);
      expect(diagnostics).toEqual([]);
      expect(count(html, 'class="katex"')).toBe(1);
      expect(html).toContain("<math");
      expect(html).not.toContain("lectern-math-error");
      expect(html.includes("katex-display")).toBe(display);
      // the TeX delimiters are gone from the visible text
      expect(html.replace(/<annotation[\s\S]*?<\/annotation>/g, "")).not.toMatch(/\$|\\\(|\\\[/);
    });
  }

  it("renders mhchem as chemistry (subscript 2), not as a product of variables", () => {
    const { html } = build("Water is $\\ce{H2O}$.");
    expect(html).toContain('<mi mathvariant="normal">H</mi>');
    expect(html).toMatch(/<msub>[\s\S]*?<mn>2<\/mn>/);
  });

  it("uses macros from front matter (katex: {macros})", () => {
    const src =
      '---\nkatex:\n  macros:\n    "\\\\R": "\\\\mathbb{R}"\n    "\\\\vect": "\\\\mathbf{#1}"\n---\n\nReals $\\R$ and $\\vect{v}$ here.\n';
    const { html, diagnostics } = build(src);
    expect(diagnostics).toEqual([]);
    expect(html).toContain("mathbb");
    expect(html).toContain("mathbf");
    expect(html).not.toContain("lectern-math-error");
  });

  it("uses macros from a top-level `macros:` key whose names lack the backslash", () => {
    const { html, diagnostics } = build('---\nmacros:\n  RR: "\\\\mathbb{R}"\n---\n\n$\\RR$ ok.\n');
    expect(diagnostics).toEqual([]);
    expect(html).toContain("mathbb");
  });

  it("without the macro, the same formulas are errors", () => {
    const { diagnostics } = build("Vector $\\vect{v}$ and $\\RR$ here.\n");
    expect(withCode(diagnostics, "math-invalid")).toHaveLength(2);
  });
});

describe("math that does not render", () => {
  it("shows a bad formula in an error box and reports math-invalid at its line and column", () => {
    const r = buildDeck(readFixture("bad-math.md"), { file: "bad-math.md" });
    const html = slidesHtml(r.html);
    expect(count(html, '<span class="lectern-math-error"')).toBe(2);
    expect(html).toContain(">\\frac{1}{</span>");
    expect(html).toContain(">\\badcommand</span>");
    expect(count(html, 'class="katex"')).toBe(1); // the good one still renders
    const bad = withCode(r.diagnostics, "math-invalid");
    expect(bad).toMatchObject([
      { severity: "error", file: "bad-math.md", line: 5, column: 8 },
      { severity: "error", file: "bad-math.md", line: 7, column: 9 },
    ]);
    expect(bad[1]?.message).toContain("\\badcommand");
    expect(r.usable).toBe(true);
  });

  it("shows a bad display formula in a div error box", () => {
    const { html, diagnostics } = build("Before.\n\n$$\n\\frac{1}{\n$$\n\nAfter.\n");
    expect(html).toContain('<div class="lectern-math-error"');
    expect(withCode(diagnostics, "math-invalid")).toMatchObject([{ line: 3 }]);
  });

  it("reports an unclosed $$ block at its line (math-unclosed, an error)", () => {
    const r = buildDeck(readFixture("unclosed.md"), { file: "unclosed.md" });
    expect(withCode(r.diagnostics, "math-unclosed")).toMatchObject([{ severity: "error", line: 5, column: 1 }]);
    expect(r.usable).toBe(true);
  });

  it("reports an unclosed \\[ block", () => {
    const { diagnostics } = build("Intro.\n\n\\[\nx = 1\n\nEnd.\n");
    expect(withCode(diagnostics, "math-unclosed")).toMatchObject([{ line: 3 }]);
  });

  it("leaves empty math out with a warning", () => {
    const { html, diagnostics } = build("Empty $$$$ here.\n");
    expect(withCode(diagnostics, "math-empty")).toMatchObject([{ severity: "warning", line: 1 }]);
    expect(html).not.toContain("$$$$");
    expect(html).not.toContain("lectern-math-error");
  });

  it("does not read currency ($5 and $10) as math", () => {
    const { html, diagnostics } = build("It costs $5 and $10 today.\n");
    expect(diagnostics).toEqual([]);
    expect(html).toContain("It costs $5 and $10 today.");
    expect(html).not.toContain("katex");
  });

  it("does not read an escaped \\$ as the start of math", () => {
    const { html } = build("Price \\$x and \\$y here.\n");
    expect(html).not.toContain("katex");
    expect(html).toContain("$x and $y");
  });

  it("does not read $ inside an HTML attribute as math", () => {
    const src = 'Press <span title="$slidev.nav.next()">next</span> now and $y$.\n';
    const { html, diagnostics } = build(src);
    expect(diagnostics).toEqual([]);
    expect(html).toContain('title="$slidev.nav.next()"');
    expect(count(html, 'class="katex"')).toBe(1);
  });

  it("does not render math inside inline code or code fences", () => {
    const { html } = build("Use `$x$` literally.\n\n```text\n$$ y $$\n```\n");
    expect(html).not.toContain("katex");
    expect(html).toContain("<code>$x$</code>");
  });
});

describe("`$$` read as inline math is not reported as unclosed", () => {
  const cases: [string, string][] = [
    ["a list item continued lazily", "1. 公式如下：\n$$\nV(s)=1\n$$\n\n后文。\n"],
    ["a paragraph holding $$ … $$ over lines", "文字 $$\nx=1\n$$ 文字\n"],
  ];
  for (const [name, src] of cases) {
    it(name, () => {
      const { html, diagnostics } = build(src);
      expect(withCode(diagnostics, "math-unclosed")).toEqual([]);
      expect(count(html, 'class="katex"')).toBe(1);
    });
  }
  it("a $$ that really is never closed is still an error", () => {
    expect(withCode(build("Text.\n\n$$\nx = 1\n\nMore text.\n").diagnostics, "math-unclosed")).toHaveLength(1);
  });
});
