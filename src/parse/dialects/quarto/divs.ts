import type { MarkdownIt, StateBlock } from "markdown-it";
import { envIssues } from "../../env.js";
import { tokenizeInside } from "../../tokenize-inside.js";
import { dialectOf } from "../dialect.js";
import { type PandocAttrs, readAttrs } from "./attrs.js";

/** `::: name`, `::: {.class key=value}`, `:::: {#id}` (trailing colons allowed). */
const OPEN = /^(:{3,})\s*(\{[^}]*\}|[\w-]+)\s*:*\s*$/;
const CLOSE = /^:{3,}\s*$/;
const FENCE = /^(`{3,}|~{3,})/;

/** What a `quarto_div_open` token carries. */
export type DivMeta = PandocAttrs;

/**
 * markdown-it plugin (Quarto / pandoc): fenced divs, nested by counting — a fence with a name
 * or attributes opens, a bare one closes the innermost open div — become `quarto_div_open`
 * (meta: the attributes) … `quarto_div_close`; the quarto transform then gives each its meaning.
 */
export function quartoDivsPlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", "quarto_div", div, { alt: ["paragraph", "reference", "blockquote", "list"] });
}

function div(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (dialectOf(state.env).name !== "quarto") return false;
  const text = (n: number) => state.src.slice((state.bMarks[n] ?? 0) + (state.tShift[n] ?? 0), state.eMarks[n]);
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const open = OPEN.exec(text(startLine));
  if (!open) return false;
  if (silent) return true;
  let depth = 1;
  let fence: string | undefined;
  let close = -1;
  for (let n = startLine + 1; n < endLine; n++) {
    const line = text(n);
    const f = FENCE.exec(line);
    if (fence !== undefined) {
      if (f && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    if (f) fence = f[1];
    else if (OPEN.test(line)) depth++;
    else if (CLOSE.test(line) && --depth === 0) {
      close = n;
      break;
    }
  }
  if (close < 0) {
    envIssues(state.env).push({
      severity: "warning",
      code: "quarto-div-unclosed",
      message: `fenced div \`${open[0].trim()}\` is never closed with \`:::\`; it runs to the end of the slide`,
      line: startLine,
      column: 0,
    });
    close = endLine;
  }
  const attrs = (open[2] as string).startsWith("{") ? readAttrs(open[2] as string) : { classes: [open[2] as string], values: {} };
  const token = state.push("quarto_div_open", "div", 1);
  token.map = [startLine, Math.min(close + 1, endLine)];
  token.block = true;
  token.meta = attrs satisfies DivMeta;
  tokenizeInside(state, startLine, close);
  const end = state.push("quarto_div_close", "div", -1);
  end.block = true;
  state.line = Math.min(close + 1, endLine);
  return true;
}
