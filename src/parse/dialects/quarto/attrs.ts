import type { MarkdownIt, StateCore, StateInline } from "markdown-it";
import markdownItAttrs from "markdown-it-attrs";
import { dialectOf } from "../dialect.js";

/** A pandoc attribute block `{#id .class key=value key="quoted value"}`, read. */
export type PandocAttrs = {
  id?: string;
  classes: string[];
  values: Record<string, string>;
};

const ATTR = /#([\w:.-]+)|\.([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))|([\w-]+)/g;

/** Read the inside of `{…}` (the braces optional). */
export function readAttrs(text: string): PandocAttrs {
  const inner = text.trim().replace(/^\{/, "").replace(/\}$/, "");
  const out: PandocAttrs = { classes: [], values: {} };
  for (const m of inner.matchAll(ATTR)) {
    if (m[1]) out.id = m[1];
    else if (m[2]) out.classes.push(m[2]);
    else if (m[3]) out.values[m[3]] = m[4] ?? m[5] ?? m[6] ?? "";
    else if (m[7]) out.classes.push(m[7]);
  }
  return out;
}

/**
 * Attributes Lectern reads from `{…}` on headings, images, links and spans; others (Quarto's
 * `auto-animate`, `style`, `preview-link`…) are dropped, so no CSS of the article's reaches the page.
 */
const ALLOWED = ["id", "class", "width", "height", "top", "left", "right", "bottom", /^background(?:-[a-z]+)?$/];

/** Only in Quarto articles: the core rule of a plugin, gated by the parse env's dialect. */
const gated =
  (fn: (state: StateCore) => unknown) =>
  (state: StateCore): unknown =>
    dialectOf(state.env).name === "quarto" ? fn(state) : false;

/**
 * markdown-it plugin (Quarto / pandoc): `{.class key=value}` after headings, images, links
 * and `[spans]` becomes their attributes (markdown-it-attrs, its core rule acting only in
 * Quarto articles, its fence renderer left out: Lectern renders code itself).
 */
export function quartoAttrsPlugin(md: MarkdownIt): void {
  const ruler = {
    before: (at: string, name: string, fn: (state: StateCore) => unknown) => md.core.ruler.before(at, name, gated(fn) as never),
  };
  markdownItAttrs({ core: { ruler }, renderer: { rules: {} } } as unknown as Parameters<typeof markdownItAttrs>[0], {
    allowedAttributes: ALLOWED,
  });
  md.inline.ruler.push("quarto_span", span);
}

/** `[text]{…}` is a span (pandoc bracketed spans); markdown-it-attrs then gives it its attributes. */
function span(state: StateInline, silent: boolean): boolean {
  if (dialectOf(state.env).name !== "quarto" || state.src.charCodeAt(state.pos) !== 0x5b) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, state.pos, false);
  if (labelEnd < 0 || state.src.charCodeAt(labelEnd + 1) !== 0x7b) return false;
  if (silent) return true;
  const max = state.posMax;
  state.pos += 1;
  state.posMax = labelEnd;
  state.push("span_open", "span", 1);
  state.md.inline.tokenize(state);
  state.push("span_close", "span", -1);
  state.pos = labelEnd + 1;
  state.posMax = max;
  return true;
}
