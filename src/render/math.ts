import { createHash } from "node:crypto";
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
function countingMacros(macros: Record<string, string>, limit: number, wrote: () => void): Record<string, string> {
  let reads = 0;
  return new Proxy(macros, {
    getOwnPropertyDescriptor(target, name) {
      if (++reads > limit) throw new FormulaTooLarge();
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
    set(target, name, value) {
      wrote();
      return Reflect.set(target, name, value);
    },
    defineProperty(target, name, descriptor) {
      wrote();
      return Reflect.defineProperty(target, name, descriptor);
    },
    deleteProperty(target, name) {
      wrote();
      return Reflect.deleteProperty(target, name);
    },
  });
}

/** The memo's key of a formula: its TeX, display or inline, and the deck's macros as they are now; none: render afresh. */
function texKey(tex: string, display: boolean, ctx: RenderContext): string | undefined {
  ctx.macrosKey ??= macrosKey(ctx.macros);
  return ctx.macrosKey === undefined ? undefined : `${display ? "D" : "I"}\0${ctx.macrosKey}\0${tex}`;
}

/**
 * The macros as text: a `\gdef`'s definition is KaTeX's own object (its tokens' text counts, not
 * where they were read); `\df@tag` (the last `\tag`) is dropped by KaTeX before every formula.
 */
function macrosKey(macros: Record<string, unknown>): string | undefined {
  try {
    const entries = Object.entries(macros).filter(([name]) => name !== "\\df@tag");
    const text = JSON.stringify(entries, (key, value: unknown) => (key === "loc" ? undefined : value));
    return createHash("sha256").update(text).digest("base64url");
  } catch {
    return undefined; // not a definition KaTeX makes: render afresh
  }
}

/**
 * After a formula that wrote to the macros: whether they are as they were. KaTeX writes macros
 * of its own inside a formula's group (environments) and takes them back; a `\gdef` stays.
 */
function unchanged(ctx: RenderContext): boolean {
  const now = macrosKey(ctx.macros);
  const same = now !== undefined && now === ctx.macrosKey;
  ctx.macrosKey = now;
  return same;
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
  const key = ctx.memo && texKey(tex, display, ctx);
  const known = key === undefined ? undefined : ctx.memo?.tex(key);
  if (known) {
    budget.spentMs += known.ms;
    return known.html;
  }
  const start = budget.now();
  let wrote = false;
  try {
    const html = katex.renderToString(mathjaxCompat(tex), {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      macros: countingMacros(ctx.macros, MAX_FORMULA_TOKENS, () => {
        wrote = true;
      }),
      trust: false,
      strict: "ignore",
      maxSize: 50,
      maxExpand: 1000,
    });
    // a formula that leaves a definition behind is rendered again each time: its definitions are part of the render
    if (key !== undefined && (!wrote || unchanged(ctx))) ctx.memo?.keepTex(key, { html, ms: budget.now() - start });
    return html;
  } catch (err) {
    if (key !== undefined && wrote) unchanged(ctx);
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
