/**
 * A slide's `<style scoped>` (Marp) as rules that reach only that slide: every selector is
 * prefixed with the slide's own attribute selector (`section` itself becomes the slide), and
 * every declaration goes through the same allowlist as raw HTML's `style` attributes
 * (style-attr.ts): no `url()`, no `@import`, no at-rule but `@media`, nothing that loads.
 */
import { safeStyle, valueOk } from "./style-attr.js";

export interface ScopedCss {
  css: string;
  /** Something was left out (a rule, an at-rule, a declaration). */
  dropped: boolean;
}

const SELECTOR = /^[\w\s.#:>+~*()[\]="'^$|-]+$/;
const MEDIA = /^@media[\w\s():,.-]*$/i;
const MAX_CSS = 20_000;
/** Declarations a slide's own style may set beyond the attribute allowlist. */
const EXTRA = /^(background|text-transform|font-family)$/;

/** Scope `css` to the slide matched by `scope` (an attribute selector such as `section[data-lectern-look="3"]`). */
export function scopeCss(css: string, scope: string): ScopedCss {
  const state = { dropped: css.length > MAX_CSS };
  const text = css.slice(0, MAX_CSS).replace(/\/\*[\s\S]*?(?:\*\/|$)/g, " ");
  return { css: rules(text, scope, state, 0), dropped: state.dropped };
}

function rules(text: string, scope: string, state: { dropped: boolean }, depth: number): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    const semi = text.indexOf(";", i);
    if (open < 0) {
      if (text.slice(i).trim()) state.dropped = true;
      break;
    }
    if (semi >= 0 && semi < open) {
      // `@import …;`, `@charset …;` or a stray declaration: never kept
      state.dropped = true;
      i = semi + 1;
      continue;
    }
    const close = matching(text, open);
    const prelude = text.slice(i, open).trim();
    const body = text.slice(open + 1, close);
    i = close + 1;
    if (prelude.startsWith("@")) {
      if (depth === 0 && MEDIA.test(prelude)) out.push(`${prelude}{${rules(body, scope, state, 1)}}`);
      else state.dropped = true;
      continue;
    }
    const selectors = prelude.split(",").map((s) => s.trim());
    if (!prelude || !selectors.every((s) => s && SELECTOR.test(s))) {
      state.dropped = true;
      continue;
    }
    const decls = declarations(body, state);
    if (decls) out.push(`${selectors.map((s) => scoped(s, scope)).join(",")}{${decls}}`);
  }
  return out.join("\n");
}

/** Index of the `}` closing the `{` at `open` (or the end of the text). */
function matching(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === "{") depth++;
    else if (text[j] === "}" && --depth === 0) return j;
  }
  return text.length;
}

function scoped(selector: string, scope: string): string {
  if (/^(?:section|:root)(?![\w-])/.test(selector)) return selector.replace(/^(?:section|:root)/, scope);
  return `${scope} ${selector}`;
}

function declarations(body: string, state: { dropped: boolean }): string {
  const kept: string[] = [];
  const rest: string[] = [];
  for (const raw of body.split(";")) {
    const d = raw.trim();
    if (!d) continue;
    const at = d.indexOf(":");
    const prop = d.slice(0, Math.max(0, at)).trim().toLowerCase();
    const value = d.slice(at + 1).trim();
    if (at > 0 && EXTRA.test(prop)) {
      const ok = prop === "font-family" ? /^[\w\s,-]+$/.test(value) : valueOk(prop, value.replace(/\s*!important$/i, ""));
      if (ok) kept.push(`${prop}: ${value}`);
      else state.dropped = true;
    } else rest.push(d);
  }
  const filtered = safeStyle(rest.join(";"));
  if (filtered.dropped) state.dropped = true;
  return [...kept, filtered.css].filter(Boolean).join("; ");
}
