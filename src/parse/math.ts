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
  const inlineMath = state.tokens.filter(
    (t) => t.type === "inline" && t.map && (t.children ?? []).some((c) => c.type.startsWith("math_inline") && c.markup === "$$"),
  );
  const rendered = (line: number) => inlineMath.some((t) => t.map && line >= t.map[0] && line < t.map[1]);
  const kept = issues.filter((i) => i.code !== "math-unclosed" || !rendered(i.line));
  issues.splice(0, issues.length, ...kept);
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
  let end = -1;
  // MyST (markdown-it-dollarmath) allows a space before the closing `$`
  const myst = dialectOf(state.env).name === "myst";
  if (open === "$") {
    // pandoc rules: no space after the opening $, none before the closing $, no digit after it
    if (isWs(src.charCodeAt(from)) || src.charCodeAt(from) === 0x24) return false;
    let i = from;
    while ((i = src.indexOf("$", i)) !== -1) {
      if (src.charCodeAt(i - 1) === 0x5c) {
        i++;
        continue;
      }
      if ((myst || !isWs(src.charCodeAt(i - 1))) && !/[0-9]/.test(src[i + 1] ?? "")) {
        end = i;
        break;
      }
      i++;
    }
  } else {
    end = src.indexOf(close, from);
  }
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
    // one-line block: `$$ x $$` — only when nothing but spaces follows
    const after = rest.slice(closeAt + close.length);
    if (after.trim() !== "" && !EQ_LABEL.test(after)) return false;
    content = [rest.slice(0, closeAt)];
    label = EQ_LABEL.exec(after)?.[1];
    found = true;
  } else {
    if (rest.trim() !== "") content.push(rest);
    for (let n = startLine + 1; n < endLine; n++) {
      const t = lineText(n);
      if (state.sCount[n]! < state.blkIndent && t.trim() !== "") break;
      const at = t.indexOf(close);
      if (at >= 0) {
        content.push(t.slice(0, at));
        label = EQ_LABEL.exec(t.slice(at + close.length))?.[1];
        last = n;
        found = true;
        break;
      }
      content.push(t);
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
