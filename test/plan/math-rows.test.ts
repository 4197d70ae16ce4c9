import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { mathRows, rowsTex } from "../../src/plan/math-rows.js";
import { texEm } from "../../src/plan/text-width.js";
import { allSlides, contentSections } from "../helpers.js";

const WIDE = 30;
const long = (n: number) => Array.from({ length: n }, (_, i) => `x_{${i}}`).join(" + ");

describe("mathRows", () => {
  it("gives the rows of an aligned derivation as written", () => {
    const rows = mathRows("\\begin{aligned} a &= b \\\\ c &= d \\\\[2pt] e &\\le f \\end{aligned}", WIDE, texEm);
    expect(rows?.rows.map((r) => r.trim())).toEqual(["a &= b", "c &= d", "e &\\le f"]);
    expect(rows?.asWritten).toBe(true);
  });

  it("breaks a formula wider than the slide at its top-level relations, aligned there", () => {
    const tex = `f(x) = ${long(8)} \\le ${long(8)} \\approx ${long(6)}`;
    const rows = mathRows(tex, WIDE, texEm);
    expect(rows?.env).toBe("aligned");
    expect(rows?.rows.map((r) => r.trim())).toEqual([`f(x) &= ${long(8)}`, `&\\le ${long(8)}`, `&\\approx ${long(6)}`]);
    expect(rows?.asWritten).toBe(false);
  });

  it("puts two equations set side by side (`, \\qquad`) on two rows, each aligned at its relation, not cut at the second one's `=`", () => {
    const tex = `f(t) = ${long(9)}, \\qquad c_n = \\frac{1}{T} ${long(9)}`;
    const rows = mathRows(tex, WIDE, texEm);
    expect(rows?.rows.map((r) => r.trim())).toEqual([`f(t) &= ${long(9)},`, `c_n &= \\frac{1}{T} ${long(9)}`]);
  });

  it("leaves a wide formula with a \\tag whole (a tag is not allowed inside aligned)", () => {
    expect(mathRows(`f(x) = ${long(12)} = ${long(12)} = ${long(12)} \\tag{3}`, WIDE, texEm)).toBeUndefined();
    const r = buildDeck(`# A\n\n## B\n\n$$\nf(x) = ${long(12)} = ${long(12)} = ${long(12)} \\tag{3}\n$$\n`, { file: "t.md" });
    expect(r.diagnostics.map((d) => d.code)).not.toContain("math-invalid");
  });

  it("does not cut inside braces or \\left…\\right, nor a formula that fits", () => {
    expect(mathRows("a = b = c", WIDE, texEm)).toBeUndefined();
    const tex = `\\left( ${long(10)} = y \\right) + \\frac{${long(10)} = z}{2} = ${long(12)}`;
    expect(mathRows(tex, WIDE, texEm)).toBeUndefined(); // one relation at the top: nowhere to break
  });

  it("breaks a too-wide aligned row written with several & relations (a `\\\\` typed as `\\`)", () => {
    const tex = `\\begin{aligned}\n\\log p(x) &= ${long(6)} \\\n &= ${long(7)} \\\n &\\geq ${long(5)}\n\\end{aligned}`;
    const rows = mathRows(tex, WIDE, texEm);
    expect(rows?.rows.length).toBe(3);
    expect(rows?.rows[0]).toContain("\\log p(x) &=");
    expect(rows?.rows[2]?.trim().startsWith("&\\geq")).toBe(true);
    expect(rowsTex(rows as NonNullable<typeof rows>, 1, 3)).toMatch(/^\\begin\{aligned\}.*\\\\.*\\end\{aligned\}$/s);
  });
});

describe("wide formulas on slides", () => {
  it("sets a formula wider than the slide as rows, not scaled", () => {
    const r = buildDeck(`# A\n\n## B\n\nWe have:\n\n$$\nf(x) = ${long(9)} = ${long(9)} = ${long(9)}\n$$\n`, { file: "t.md" });
    const slide = allSlides(r).find((s) => s.pieces.some((p) => r.article.blocks[p.block]?.kind === "math"));
    expect(slide?.scale ?? 1).toBe(1);
    const html = contentSections(r.html).find((s) => s.includes("katex-display")) ?? "";
    expect(html).toContain("\\begin{aligned}f(x) &amp;=");
    expect(html).not.toContain("lectern-scaled");
  });
});
