import katex from "katex";
import "katex/contrib/mhchem";
import { escapeHtml } from "../util/html.js";
import type { MathBudget, RenderContext } from "./context.js";
import { mathjaxCompat } from "./mathjax-compat.js";

/**
 * TeX tokens KaTeX may read for one formula, macro expansions included. KaTeX's `maxExpand`
 * counts expansions, not their size: `\a` → 500 × `\b` → 5,000 `x` each is 501 expansions
 * and 2.5 million symbols (minutes of work). A slide's largest formulas read a few thousand.
 */
export const MAX_FORMULA_TOKENS = 20_000;

/** Milliseconds of KaTeX per render of a deck; formulas after that are shown as TeX source. */
export const MATH_TIME_BUDGET_MS = 20_000;

export function createMathBudget(limitMs = MATH_TIME_BUDGET_MS, now: () => number = () => performance.now()): MathBudget {
  return { limitMs, now, spentMs: 0, exhausted: false };
}

/** Thrown from inside KaTeX when a formula reads more than its share of tokens. */
class FormulaTooLarge extends Error {}

/**
 * The deck's macros as KaTeX sees them, counting reads. KaTeX's expander looks every token it
 * reads up in this object (`Object.prototype.hasOwnProperty.call(macros, name)`, then the
 * built-ins), so the count is the formula's expanded size; writes (`\gdef`) pass through.
 */
function countingMacros(macros: Record<string, string>, limit: number): Record<string, string> {
  let reads = 0;
  return new Proxy(macros, {
    getOwnPropertyDescriptor(target, name) {
      if (++reads > limit) throw new FormulaTooLarge();
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
  });
}

/** The formula's TeX in a visible box, with why it is not rendered as its tooltip. */
function texBox(tex: string, display: boolean, why: string): string {
  const tag = display ? "div" : "span";
  return `<${tag} class="lectern-math-error" title="${escapeHtml(why)}">${escapeHtml(tex)}</${tag}>`;
}

/**
 * TeX → KaTeX HTML + MathML. A bad formula becomes a visible error box and an error
 * diagnostic at its source line; empty math renders nothing and gets a warning. A formula
 * that expands past `MAX_FORMULA_TOKENS` is refused (`math-too-large`); once the deck's KaTeX
 * time is used up, every later formula is shown as TeX, with one `math-too-slow`.
 */
export function renderTex(tex: string, display: boolean, ctx: RenderContext, line: number, column = 0): string {
  if (tex.trim() === "") {
    ctx.diags.add("warning", "math-empty", "empty formula (`$$$$` or `$ $`) left out", line, column);
    return "";
  }
  const budget = ctx.math;
  if (budget.spentMs >= budget.limitMs) {
    const why = `not rendered: KaTeX used up this deck's ${budget.limitMs / 1000} s`;
    if (!budget.exhausted) {
      budget.exhausted = true;
      ctx.diags.add("error", "math-too-slow", `${why}; this formula and every later one are shown as TeX source`, line, column);
    }
    return texBox(tex, display, why);
  }
  const start = budget.now();
  try {
    return katex.renderToString(mathjaxCompat(tex), {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      macros: countingMacros(ctx.macros, MAX_FORMULA_TOKENS),
      trust: false,
      strict: "ignore",
      maxSize: 50,
      maxExpand: 1000,
    });
  } catch (err) {
    if (err instanceof FormulaTooLarge) {
      const why = `formula too large: it expands to more than ${MAX_FORMULA_TOKENS} TeX tokens`;
      ctx.diags.add("error", "math-too-large", `${why} (check its macros); shown as TeX source`, line, column);
      return texBox(tex, display, why);
    }
    const message = err instanceof Error ? err.message.replace(/^KaTeX parse error:\s*/, "") : String(err);
    ctx.diags.add("error", "math-invalid", `bad formula: ${message}`, line, column);
    return texBox(tex, display, message);
  } finally {
    budget.spentMs += budget.now() - start;
  }
}
