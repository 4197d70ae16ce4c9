import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { dialectOf } from "./dialect.js";
import { roleOf as role } from "./roles.js";

/** What a block's opening token carries once labelled (`meta.labels`, `meta.caption`). */
export interface LabelMeta {
  labels?: string[];
  caption?: string;
}

const LABEL_ROLES = new Set(["label", "eqlabel"]);
/** A MyST target line: `(sec-intro)=`. */
const MYST_TARGET = /^\(([\w:.-]+)\)=$/;
/** A d2lbook caption line before a table: `:常见延迟。` (a colon, then the caption). */
const CAPTION = /^:(?![a-z_]+:`)\s*([^\n]+)$/;

const isBlank = (t: Token) => t.type === "softbreak" || t.type === "hardbreak" || (t.type === "text" && t.content.trim() === "");

export function addLabel(token: Token, label: string): void {
  const meta = (token.meta ?? {}) as LabelMeta;
  token.meta = { ...meta, labels: [...(meta.labels ?? []), label] };
}

/** Index ranges [open, close] of the top-level blocks. */
function topBlocks(tokens: Token[]): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  tokens.forEach((t, i) => {
    if (depth === 0) start = i;
    depth += t.nesting;
    if (depth === 0) out.push([start, i]);
  });
  return out;
}

/**
 * markdown-it plugin (d2lbook, MyST): labels (`:label:`x``, `:eqlabel:`, `(x)=`) move onto the
 * opening token of the block they name — the block they are written in, the block before a
 * label standing alone (d2lbook), the block after a target line (MyST). A `:width:` sizes
 * the image beside it; a `:caption` line before a table becomes its caption; a label
 * swallowed as the last table row (d2lbook writes it right under the table) is taken out.
 * References are resolved later, at render time, against the slides the plan made.
 */
export function labelsPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "dialect_labels", (state: StateCore) => {
    const { name } = dialectOf(state.env);
    if (name !== "d2lbook" && name !== "myst") return;
    const tokens = state.tokens;
    const drop = new Set<number>();
    let pending: string[] = [];
    let previous: Token | undefined;
    for (const [open, close] of topBlocks(tokens)) {
      const opener = tokens[open] as Token;
      const inline = opener.type === "paragraph_open" ? (tokens[open + 1] as Token) : undefined;
      const target = inline && MYST_TARGET.exec(inline.content.trim());
      if (target) {
        pending.push(target[1] as string);
        for (let i = open; i <= close; i++) drop.add(i);
        continue;
      }
      for (const label of pending) addLabel(opener, label);
      pending = [];
      if (opener.type === "table_open") tableLabels(tokens, open, close, opener, drop);
      const found = labelsIn(tokens, open, close);
      const children = inline?.children ?? [];
      if (inline && found.length && children.every(isBlank)) {
        // a label on a line of its own names the block before it
        for (let i = open; i <= close; i++) drop.add(i);
        for (const label of found) if (previous) addLabel(previous, label);
        continue;
      }
      for (const label of found) addLabel(opener, label);
      const caption = inline && CAPTION.exec(inline.content.trim());
      const next = tokens[close + 1];
      if (caption && next?.type === "table_open") {
        next.meta = { ...(next.meta ?? {}), caption: caption[1] };
        for (let i = open; i <= close; i++) drop.add(i);
        continue;
      }
      previous = opener;
    }
    if (drop.size) state.tokens = tokens.filter((_, i) => !drop.has(i));
  });
}

/** Take the label and width roles out of a block's inline tokens; return its labels. */
function labelsIn(tokens: Token[], open: number, close: number): string[] {
  const labels: string[] = [];
  for (let i = open; i <= close; i++) {
    const inline = tokens[i] as Token;
    if (inline.type !== "inline" || !inline.children) continue;
    const kids = inline.children;
    const width = kids.map(role).find((r) => r?.role === "width")?.value ?? (inline.meta as { width?: string } | null)?.width;
    const image = kids.find((k) => k.type === "image");
    if (width && image) image.meta = { ...(image.meta ?? {}), width };
    const kept: Token[] = [];
    for (const kid of kids) {
      const r = role(kid);
      if (r && (LABEL_ROLES.has(r.role) || r.role === "width")) {
        if (r.role !== "width") labels.push(r.value);
        // the line break before it goes too
        if (kept.length && isBlank(kept[kept.length - 1] as Token)) kept.pop();
        continue;
      }
      kept.push(kid);
    }
    while (kept.length && isBlank(kept[0] as Token)) kept.shift();
    inline.children = kept;
  }
  return labels;
}

/** A body row holding nothing but labels (d2lbook's `:label:` under a table) is taken out. */
function tableLabels(tokens: Token[], open: number, close: number, table: Token, drop: Set<number>): void {
  for (let i = open; i <= close; i++) {
    if ((tokens[i] as Token).type !== "tr_open") continue;
    let end = i;
    while (end < close && (tokens[end] as Token).type !== "tr_close") end++;
    const cells = tokens.slice(i, end).filter((t) => t.type === "inline");
    const roles = cells.flatMap((c) => (c.children ?? []).filter((k) => !isBlank(k)));
    if (roles.length && roles.every((k) => LABEL_ROLES.has(role(k)?.role ?? ""))) {
      for (const k of roles) addLabel(table, role(k)?.value ?? "");
      for (let j = i; j <= end; j++) drop.add(j);
    }
    i = end;
  }
}
