import type { StateCore, Token } from "markdown-it";
import type { AdmonitionMeta } from "../alerts.js";
import type { DivMeta } from "./divs.js";

/** Quarto's callout kinds, each the admonition box of the same name. */
const CALLOUT = /^callout-(note|tip|warning|important|caution)$/;
/** `. . .` alone in a paragraph: a pause. */
const PAUSE = /^\.[ \t]+\.[ \t]+\.$/;
/** A group of the blocks after a pause ends before these (a new slide, notes, the footer, another pause). */
const STOPS = new Set(["heading_open", "notes_open", "quarto_footer_open", "hr"]);

/** What a `quarto_column_open` token carries: its `width="40%"`. */
export type ColumnMeta = { width?: string };
/** What a `quarto_fragment_open` token carries: the reveal.js classes (`fragment`, `fade-up`…). */
export type FragmentMeta = { classes: string[] };

/** Index of the token closing the one opened at `start`. */
function closing(tokens: readonly Token[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    depth += (tokens[i] as Token).nesting;
    if (depth <= 0) return i;
  }
  return tokens.length - 1;
}

function wrap(state: StateCore, type: string, like: Token, inner: Token[], meta?: Record<string, unknown>, tag = "div"): Token[] {
  const open = new state.Token(`${type}_open`, tag, 1);
  open.block = true;
  open.map = like.map;
  open.level = like.level;
  if (meta) open.meta = meta;
  const close = new state.Token(`${type}_close`, tag, -1);
  close.block = true;
  close.level = like.level;
  return [open, ...inner, close];
}

const isPause = (tokens: readonly Token[], i: number) =>
  tokens[i]?.type === "paragraph_open" && tokens[i + 2]?.type === "paragraph_close" && PAUSE.test((tokens[i + 1] as Token).content.trim());

/** `incremental`: `true` inside `::: incremental` (or `incremental: true`), `false` inside `::: nonincremental`. */
export function quartoTransform(state: StateCore, tokens: Token[], incremental: boolean, fence: (t: Token) => Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isPause(tokens, i)) {
      // everything after the pause, up to the next slide (or notes, footer, pause), is one fragment
      let end = i + 3;
      while (end < tokens.length && !STOPS.has((tokens[end] as Token).type) && !isPause(tokens, end)) {
        const meta = (tokens[end] as Token).meta as DivMeta | null;
        if (tokens[end]?.type === "quarto_div_open" && meta?.classes.some((c) => c === "notes" || c === "footer")) break;
        end = closing(tokens, end) + 1;
      }
      const inner = quartoTransform(state, tokens.slice(i + 3, end), incremental, fence);
      if (inner.length) out.push(...wrap(state, "quarto_fragment", t, inner, { classes: ["fragment"] } satisfies FragmentMeta));
      i = end - 1;
      continue;
    }
    if (t.type === "fence") {
      out.push(...fence(t));
      continue;
    }
    if (t.nesting !== 1) {
      out.push(t);
      continue;
    }
    const end = closing(tokens, i);
    const slice = tokens.slice(i, end + 1);
    i = end;
    if (t.type === "quarto_div_open") out.push(...divTokens(state, slice, incremental, fence));
    else {
      if (incremental && (t.type === "bullet_list_open" || t.type === "ordered_list_open")) {
        for (const item of slice) if (item.type === "list_item_open" && item.level === t.level + 1) item.attrJoin("class", "fragment");
      }
      out.push(...slice);
    }
  }
  return out;
}

function divTokens(state: StateCore, slice: Token[], incremental: boolean, fence: (t: Token) => Token[]): Token[] {
  const open = slice[0] as Token;
  const meta = (open.meta ?? { classes: [], values: {} }) as DivMeta;
  const has = (c: string) => meta.classes.includes(c);
  const inc = has("incremental") ? true : has("nonincremental") ? false : incremental;
  let inner = quartoTransform(state, slice.slice(1, -1), inc, fence);
  for (const t of inner) t.level = Math.max(0, t.level - 1);
  if (has("notes")) return wrap(state, "notes", open, inner, undefined, "aside");
  if (has("footer")) return wrap(state, "quarto_footer", open, inner);
  const callout = meta.classes.map((c) => CALLOUT.exec(c)?.[1]).find(Boolean);
  if (callout) {
    let title = meta.values.title;
    if (title === undefined && inner[0]?.type === "heading_open") {
      title = (inner[1] as Token).content;
      inner = inner.slice(3);
    }
    const box: AdmonitionMeta = title === undefined ? { kind: callout } : { kind: callout, title };
    const [first, ...rest] = wrap(state, "admonition", open, inner, box);
    return [first as Token, ...rest];
  }
  if (has("columns")) {
    // its columns side by side; anything else inside goes in a column of its own
    const cols: Token[] = [];
    for (let i = 0; i < inner.length; i++) {
      const end = closing(inner, i);
      const part = inner.slice(i, end + 1);
      i = end;
      if (part[0]?.type === "quarto_column_open") cols.push(...part);
      else cols.push(...wrap(state, "quarto_column", part[0] as Token, part, {}));
    }
    return wrap(state, "quarto_columns", open, cols);
  }
  if (has("column")) return wrap(state, "quarto_column", open, inner, { width: meta.values.width } satisfies ColumnMeta);
  if (has("fragment")) {
    const classes = meta.classes.filter((c) => /^[\w-]+$/.test(c));
    return wrap(state, "quarto_fragment", open, inner, { classes } satisfies FragmentMeta);
  }
  // another div (`panel-tabset`, `r-stack`, `{layout-ncol=2}`, `{style=…}`): its content as it is
  return inner;
}
