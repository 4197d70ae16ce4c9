import type { MarkdownIt, StateBlock, StateCore, StateInline, Token } from "markdown-it";
import { dialectOf } from "./dialects/dialect.js";
import { envIssues } from "./env.js";

/**
 * markdown-it plugin: LaTeX math as tokens (rendered later by render/math).
 *  inline: `$…$`, `$$…$$` mid-sentence (display style), `\(…\)`, `\[…\]`
 *  block:  `$$` … `$$` and `\[` … `\]` on their own lines.
 * Inline tokens carry `meta.offset` (position in the inline source) so a later core
 * rule can give each formula its source line.
 */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "math_inline", mathInline);
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.core.ruler.after("inline", "math_trailing_punct", mathTrailingPunct);
  md.core.ruler.after("inline", "math_unclosed_check", dropFalseUnclosed);
}

/**
 * A `$$` line that opened no block may still have been read as inline math (`$$ … $$` inside a
 * paragraph, a list item continued lazily): then nothing is unclosed, and the error goes.
 */
function dropFalseUnclosed(state: StateCore): void {
  const issues = envIssues(state.env);
  if (!issues.some((i) => i.code === "math-unclosed")) return;
  // lines of paragraphs that hold inline `$$` math: linear in lines, whatever the issue count
  const covered = new Set<number>();
  for (const t of state.tokens) {
    if (t.type !== "inline" || !t.map || !(t.children ?? []).some((c) => c.type.startsWith("math_inline") && c.markup === "$$")) continue;
    for (let line = t.map[0]; line < t.map[1]; line++) covered.add(line);
  }
  if (!covered.size) return;
  let kept = 0;
  for (const issue of issues) if (issue.code !== "math-unclosed" || !covered.has(issue.line)) issues[kept++] = issue;
  issues.length = kept;
}

const TRAILING_PUNCT = /^[，。、；：！？）」』”’,.;:!?)\]]+/;

/**
 * Punctuation right after an inline formula moves into the formula token (`meta.after`),
 * so the renderer keeps them together: a line never starts with the comma after a formula.
 */
function mathTrailingPunct(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.children;
    if (block.type !== "inline" || !children) continue;
    for (let i = 0; i + 1 < children.length; i++) {
      const math = children[i] as Token;
      const next = children[i + 1] as Token;
      if (math.type !== "math_inline" || next.type !== "text") continue;
      const m = TRAILING_PUNCT.exec(next.content);
      if (!m) continue;
      math.meta = { ...(math.meta ?? {}), after: m[0] };
      next.content = next.content.slice(m[0].length);
    }
  }
}

function isWs(code: number | undefined): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === undefined;
}

/**
 * Where a closer was last searched for in vain, per closer: a search from there on fails too
 * (whether a position closes depends only on the characters around it), so it is not repeated.
 * Kept on markdown-it's state, as its own backtick rule does: one paragraph's scan is linear.
 */
type Misses = Record<string, number>;

function missesOf(state: object): Misses {
  const s = state as { lecternMathMisses?: Misses };
  s.lecternMathMisses ??= {};
  return s.lecternMathMisses;
}

/** The offset of the inline formula's closer at or after `from`, or -1. */
function findInlineClose(state: StateInline, close: string, from: number): number {
  const misses = missesOf(state);
  // MyST (markdown-it-dollarmath) allows a space before the closing `$`
  const myst = close === "$" && dialectOf(state.env).name === "myst";
  const key = myst ? "$ myst" : close;
  if (from >= (misses[key] ?? Number.POSITIVE_INFINITY)) return -1;
  const end = close === "$" ? findDollar(state.src, from, myst) : state.src.indexOf(close, from);
  if (end < 0) misses[key] = Math.min(from, misses[key] ?? from);
  return end;
}

/** pandoc rules for a closing `$`: not escaped, no space before it (MyST allows one), no digit after it. */
function findDollar(src: string, from: number, spaceBefore: boolean): number {
  for (let i = src.indexOf("$", from); i !== -1; i = src.indexOf("$", i + 1)) {
    if (src.charCodeAt(i - 1) === 0x5c) continue;
    if ((spaceBefore || !isWs(src.charCodeAt(i - 1))) && !/[0-9]/.test(src[i + 1] ?? "")) return i;
  }
  return -1;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  const ch = src.charCodeAt(start);
  let open: string;
  let close: string;
  if (ch === 0x24 /* $ */) {
    if (start > 0 && src.charCodeAt(start - 1) === 0x5c /* \ */) return false;
    open = src.charCodeAt(start + 1) === 0x24 ? "$$" : "$";
    close = open;
  } else if (ch === 0x5c /* \ */) {
    const next = src[start + 1];
    if (next === "(") [open, close] = ["\\(", "\\)"];
    else if (next === "[") [open, close] = ["\\[", "\\]"];
    else return false;
  } else {
    return false;
  }
  const from = start + open.length;
  if (open === "$" && (isWs(src.charCodeAt(from)) || src.charCodeAt(from) === 0x24)) return false;
  const end = findInlineClose(state, close, from);
  if (end < 0) return false;
  if (!silent) {
    const display = open !== "$" && open !== "\\(";
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.markup = open;
    token.content = src.slice(from, end);
    token.meta = { offset: start };
  }
  state.pos = end + close.length;
  return true;
}

/**
 * The line that closes a display block opened on `startLine`, or -1: the first line with the
 * closer, before the block's container ends (a non-blank line indented less). A search in vain
 * is remembered with where it stopped, so a later block opened inside that span fails at once.
 */
function findBlockClose(state: StateBlock, close: string, startLine: number, endLine: number): number {
  const misses = missesOf(state);
  const key = `${close} ${state.blkIndent} ${endLine}`;
  const from = misses[`${key} from`] ?? Number.POSITIVE_INFINITY;
  const stop = misses[`${key} stop`] ?? Number.NEGATIVE_INFINITY;
  if (startLine >= from && startLine < stop) return -1;
  let n = startLine + 1;
  for (; n < endLine; n++) {
    const t = state.src.slice(state.bMarks[n]! + state.tShift[n]!, state.eMarks[n]);
    if (state.sCount[n]! < state.blkIndent && t.trim() !== "") break;
    if (t.includes(close)) return n;
  }
  misses[`${key} from`] = startLine;
  misses[`${key} stop`] = n;
  return -1;
}

/** A MyST equation label after the closing `$$`: `$$ … $$ (eq-name)`. */
const EQ_LABEL = /^\s*\(([\w:.-]+)\)\s*$/;

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (n: number) => state.src.slice(state.bMarks[n]! + state.tShift[n]!, state.eMarks[n]);
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = lineText(startLine);
  let open: string;
  let close: string;
  if (first.startsWith("$$")) [open, close] = ["$$", "$$"];
  else if (first.startsWith("\\[")) [open, close] = ["\\[", "\\]"];
  else return false;

  const rest = first.slice(open.length);
  let content: string[] = [];
  let last = startLine;
  let found = false;
  let label: string | undefined;
  const closeAt = rest.indexOf(close);
  if (closeAt >= 0) {
    // one-line block: `$$ x $$` — only when nothing but spaces (or a MyST label) follows
    const after = rest.slice(closeAt + close.length);
    if (after.trim() !== "" && !EQ_LABEL.test(after)) return false;
    content = [rest.slice(0, closeAt)];
    label = EQ_LABEL.exec(after)?.[1];
    found = true;
  } else {
    if (rest.trim() !== "") content.push(rest);
    const end = findBlockClose(state, close, startLine, endLine);
    if (end >= 0) {
      for (let n = startLine + 1; n < end; n++) content.push(lineText(n));
      const closing = lineText(end);
      content.push(closing.slice(0, closing.indexOf(close)));
      label = EQ_LABEL.exec(closing.slice(closing.indexOf(close) + close.length))?.[1];
      last = end;
      found = true;
    }
  }
  if (!found) {
    // reported even when asked silently (paragraph continuation): the build dedupes by line
    envIssues(state.env).push({
      severity: "error",
      code: "math-unclosed",
      message: `\`${open}\` display math is never closed with \`${close}\``,
      line: startLine,
      column: 0,
    });
    return false;
  }
  if (silent) return true;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = content.join("\n").trim();
  token.markup = open;
  token.map = [startLine, last + 1];
  if (label) token.meta = { labels: [label] };
  state.line = last + 1;
  return true;
}
