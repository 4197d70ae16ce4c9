import { describe, expect, it } from "vitest";
import { createDiagnostics } from "../../src/diagnostics/collect.js";
import type { RenderContext } from "../../src/render/context.js";
import { createMathBudget, MATH_TIME_BUDGET_MS, renderTex } from "../../src/render/math.js";

/** What renderTex reads of a render context, with a clock that moves 400 ms per reading (and so per formula). */
function context(limitMs: number) {
  let t = 0;
  const diags = createDiagnostics("t.md");
  const ctx = { diags, macros: {}, math: createMathBudget(limitMs, () => (t += 400)) } as unknown as RenderContext;
  return { ctx, diags };
}

describe("the deck's KaTeX time budget", () => {
  it("renders until the budget is spent, then shows every later formula as TeX, with one diagnostic", () => {
    const { ctx, diags } = context(1000);
    const html = ["a^1", "a^2", "a^3", "a^4", "\\frac{1}{2}"].map((tex, i) => renderTex(tex, i === 4, ctx, 10 + i));
    expect(html.slice(0, 3).every((h) => h.includes('class="katex"'))).toBe(true); // 400, 800, 1200 ms spent
    expect(html[3]).toMatch(
      /^<span class="lectern-math-error" title="not rendered: KaTeX used up this deck(?:'|&#39;)s 1 s">a\^4<\/span>$/,
    );
    expect(html[4]).toMatch(/^<div class="lectern-math-error"[^>]*>\\frac\{1\}\{2\}<\/div>$/);
    expect(diags.list).toMatchObject([{ severity: "error", code: "math-too-slow", line: 14 }]);
    expect(diags.list[0]?.message).toContain("every later one");
  });

  it("is 20 s per render of a deck by default", () => {
    expect(MATH_TIME_BUDGET_MS).toBe(20_000);
    expect(createMathBudget()).toMatchObject({ limitMs: 20_000, spentMs: 0, exhausted: false });
  });
});
