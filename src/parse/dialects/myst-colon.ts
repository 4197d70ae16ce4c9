/**
 * MyST colon fences: `:::{note}` … `:::` is the directive ```` ```{note} ```` … ```` ``` ````
 * written so that its body reads as Markdown in other tools. The outer fence of a nested pair
 * has more colons (`::::{note}` around `:::{tip}`); a fence closes at a line of at least as many
 * colons as it opened with. Each becomes the `fence` token a backtick directive gives, so the
 * directives rule (myst-directives.ts) reads both the same way.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { envIssues } from "../env.js";
import { dialectOf } from "./dialect.js";

const OPEN = /^(:{3,})\s*(\{[a-z][\w-]*\}.*)$/;

export function mystColonFencePlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", "myst_colon_fence", colonFence, { alt: ["paragraph", "reference", "blockquote", "list"] });
}

function colonFence(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (dialectOf(state.env).name !== "myst") return false;
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const text = (n: number) => state.src.slice((state.bMarks[n] ?? 0) + (state.tShift[n] ?? 0), state.eMarks[n]);
  const open = OPEN.exec(text(startLine).trimEnd());
  if (!open) return false;
  if (silent) return true;
  const colons = (open[1] as string).length;
  let close = -1;
  for (let n = startLine + 1; n < endLine; n++) {
    const line = text(n).trim();
    if ((state.sCount[n] ?? 0) < state.blkIndent) break;
    if (/^:{3,}$/.test(line) && line.length >= colons) {
      close = n;
      break;
    }
  }
  if (close < 0) {
    envIssues(state.env).push({
      severity: "warning",
      code: "directive-unclosed",
      message: `directive \`${open[0].trim()}\` is never closed with \`${open[1]}\`; it runs to the end of the slide`,
      line: startLine,
      column: 0,
    });
  }
  const last = close < 0 ? endLine : close;
  const token = state.push("fence", "code", 0);
  token.info = open[2] as string;
  token.markup = open[1] as string;
  token.content = state.getLines(startLine + 1, last, state.sCount[startLine] ?? 0, true);
  token.map = [startLine, Math.min(last + 1, endLine)];
  state.line = Math.min(last + 1, endLine);
  return true;
}
