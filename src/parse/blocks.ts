import type { Token } from "markdown-it";
import type { Block, BlockKind } from "../types.js";
import { balanceTags, netDepth } from "./html-balance.js";
import { inlineText, splitSentences } from "./sentences.js";

export interface BlockContext {
  chunk: number;
  /** The file is a deck cut by `---`: after `Note:` the rest of the slide is notes (reveal-md). */
  explicit: boolean;
  /** Marp file: every HTML comment that is not a directive is a presenter note. */
  marp: boolean;
  /** Reading a box's children: a box inside it stays one block. */
  inFrame?: boolean;
}

const NOTE_PARAGRAPH = /^notes?:\s*/i;
const NOTE_COMMENT = /^<!--\s*(?:notes?|speaker)\s*:?\s*([\s\S]*?)\s*-->\s*$/i;
const COMMENT = /^<!--([\s\S]*?)-->\s*$/;
const DIRECTIVE = /^\s*(?:_?[\w-]+\s*:.*|\s*)$/;

const MAX_WRAPPER_LINES = 30;

/** Index of the token closing the one opened at `start` (same level). */
function closing(tokens: Token[], start: number): number {
  const open = tokens[start] as Token;
  if (open.nesting !== 1) return start;
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    depth += (tokens[i] as Token).nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Ranges of the direct children opened with `type` between `from` and `to`. */
function childRanges(tokens: Token[], from: number, to: number, type: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = from; i < to; i++) {
    if ((tokens[i] as Token).type === type) {
      const end = closing(tokens, i);
      out.push([i, end + 1]);
      i = end;
    }
  }
  return out;
}

function make(kind: BlockKind, tokens: Token[], ctx: BlockContext, text = ""): Block {
  const map = tokens[0]?.map ?? tokens.find((t) => t.map)?.map ?? [0, 1];
  return { kind, tokens, lines: [map[0], map[1]], chunk: ctx.chunk, text, units: [] };
}

/** Fence info → language: `python`, `{.python .input}`, `ts {1|3|all}`, `python title="x"`. */
export function fenceLanguage(info: string): string {
  const trimmed = info.trim();
  const braced = /^\{\s*\.?([\w+#-]+)/.exec(trimmed);
  if (braced) return (braced[1] as string).toLowerCase();
  return (trimmed.split(/[\s{]/)[0] ?? "").toLowerCase();
}

/**
 * An HTML block that opens elements it does not close (`<div class="columns">` … markdown
 * … `</div>`) takes every following block up to the one that closes them: one block, so a
 * slide never holds half of the wrapper.
 */
function htmlGroupEnd(tokens: Token[], start: number): number {
  const first = tokens[start] as Token;
  if (first.type !== "html_block") return start;
  let depth = balanceTags(first.content).open.length;
  let end = start;
  while (depth > 0 && end + 1 < tokens.length) {
    const from = end + 1;
    end = closing(tokens, from);
    for (const t of tokens.slice(from, end + 1)) {
      if (t.type === "html_block") depth += netDepth(t.content);
    }
  }
  // A wrapper around more than a slide's worth of content is dropped instead (each block
  // then stands alone, its tags balanced when rendered): the content matters more.
  const lastLine = Math.max(...tokens.slice(start, end + 1).map((t) => t.map?.[1] ?? 0));
  if (lastLine - (first.map?.[0] ?? 0) > MAX_WRAPPER_LINES) return start;
  return end;
}

/** Turn one chunk's top-level markdown-it tokens into blocks. */
export function toBlocks(tokens: Token[], ctx: BlockContext): Block[] {
  const blocks: Block[] = [];
  let notesRest = false;
  for (let i = 0; i < tokens.length; i++) {
    const groupEnd = htmlGroupEnd(tokens, i);
    if (groupEnd > i) {
      const group = tokens.slice(i, groupEnd + 1);
      i = groupEnd;
      const block = make("html", group, ctx, textOf(group));
      block.lines = [block.lines[0], Math.max(block.lines[1], ...group.map((t) => t.map?.[1] ?? 0))];
      blocks.push(block);
      continue;
    }
    const end = closing(tokens, i);
    const slice = tokens.slice(i, end + 1);
    i = end;
    const framed = ctx.inFrame ? [] : frameChildren(slice, ctx);
    if (framed.length) {
      blocks.push(...framed);
      continue;
    }
    const block = convert(slice, ctx);
    if (!block) continue;
    if (notesRest) block.kind = "notes";
    if (ctx.explicit && block.kind === "notes" && block.notePrefix) notesRest = true;
    blocks.push(block);
  }
  return blocks;
}

/**
 * A box (`admonition_open` … `admonition_close`) becomes its children, each a block of its own
 * that knows its box: a long exercise box then goes on over slides between paragraphs, code
 * lines or list items instead of being shrunk whole. Nothing for any other block.
 */
function frameChildren(slice: Token[], ctx: BlockContext): Block[] {
  const open = slice[0] as Token;
  if (open.type !== "admonition_open" || slice.length < 3) return [];
  const children = toBlocks(slice.slice(1, -1), { ...ctx, inFrame: true });
  const shown = children.filter((b) => b.kind !== "notes");
  if (!shown.length) return [];
  const id = `${ctx.chunk}:${open.map?.[0] ?? 0}`;
  const close = slice[slice.length - 1] as Token;
  // notes written in a box are notes still: they go to the slide's notes, outside any box
  return children.map((b) =>
    b.kind === "notes" ? b : { ...b, frame: { id, open, close, first: b === shown[0], last: b === shown[shown.length - 1] } },
  );
}

function convert(slice: Token[], ctx: BlockContext): Block | undefined {
  const first = slice[0] as Token;
  switch (first.type) {
    case "heading_open": {
      const inline = slice[1] as Token;
      const b = make("heading", slice, ctx, inlineText(inline.children ?? []).trim());
      b.level = Number(first.tag.slice(1));
      return b;
    }
    case "paragraph_open": {
      const inline = slice[1] as Token;
      const children = inline.children ?? [];
      const meaningful = children.filter((c) => !(c.type === "softbreak" || (c.type === "text" && !c.content.trim())));
      if (meaningful.length > 0 && meaningful.every((c) => c.type === "image")) {
        return make("image", slice, ctx, inlineText(children));
      }
      if (NOTE_PARAGRAPH.test(inline.content)) {
        const b = make("notes", slice, ctx, inline.content);
        b.notePrefix = true;
        return b;
      }
      const b = make("paragraph", slice, ctx, inlineText(children));
      b.inline = splitSentences(children);
      return b;
    }
    case "bullet_list_open":
    case "ordered_list_open": {
      const b = make("list", slice, ctx, textOf(slice));
      b.ranges = childRanges(slice, 1, slice.length - 1, "list_item_open");
      return b;
    }
    case "table_open": {
      const b = make("table", slice, ctx, textOf(slice));
      const body = slice.findIndex((t) => t.type === "tbody_open");
      b.ranges = body < 0 ? [] : childRanges(slice, body + 1, closing(slice, body), "tr_open");
      return b;
    }
    case "fence":
    case "code_block": {
      const lang = first.type === "fence" ? fenceLanguage(first.info) : "";
      const lines = first.content.replace(/\n$/, "").split("\n");
      if (lang === "math" || lang === "latex-math" || lang === "katex") {
        const b = make("math", slice, ctx, first.content);
        b.code = [first.content.trim()];
        return b;
      }
      const b = make("code", slice, ctx, first.content);
      b.lang = lang;
      b.code = lines;
      return b;
    }
    case "math_block": {
      const b = make("math", slice, ctx, first.content);
      b.code = [first.content];
      return b;
    }
    case "notes_open":
      return make("notes", slice, ctx, textOf(slice));
    case "blockquote_open":
      return make("blockquote", slice, ctx, textOf(slice));
    case "hr":
      return make("rule", slice, ctx);
    case "html_block":
      return htmlBlock(slice, ctx);
    default:
      return make("html", slice, ctx, textOf(slice));
  }
}

function htmlBlock(slice: Token[], ctx: BlockContext): Block | undefined {
  const html = (slice[0] as Token).content.trim();
  const note = NOTE_COMMENT.exec(html);
  if (note) return make("notes", slice, ctx, note[1] as string);
  const comment = COMMENT.exec(html);
  if (comment) {
    const body = comment[1] as string;
    if (ctx.marp && !body.split("\n").every((l) => DIRECTIVE.test(l))) return make("notes", slice, ctx, body.trim());
    return undefined; // a directive or a plain comment: not shown
  }
  if (/^<style[\s>]/i.test(html)) return undefined;
  return make("html", slice, ctx, html.replace(/<[^>]*>/g, " "));
}

function textOf(slice: Token[]): string {
  return slice
    .filter((t) => t.type === "inline" || t.type === "fence" || t.type === "code_block")
    .map((t) => (t.type === "inline" ? inlineText(t.children ?? []) : t.content))
    .join("\n");
}
