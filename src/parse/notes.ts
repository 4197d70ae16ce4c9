import type { MarkdownIt, StateBlock } from "markdown-it";
import { envIssues } from "./env.js";
import { tokenizeInside } from "./tokenize-inside.js";

const OPEN = /^:{3,}\s*\{?\s*\.?notes\s*\}?\s*$/;
const CLOSE = /^:{3,}\s*$/;

/** markdown-it plugin: pandoc/Quarto `::: notes` … `:::` fenced divs become `notes_open`/`notes_close`. */
export function notesPlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", "notes_div", notesDiv, { alt: ["paragraph", "reference", "blockquote", "list"] });
}

function notesDiv(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const text = (n: number) => state.src.slice(state.bMarks[n]! + state.tShift[n]!, state.eMarks[n]);
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (!OPEN.test(text(startLine))) return false;
  let close = -1;
  for (let n = startLine + 1; n < endLine; n++) {
    if (CLOSE.test(text(n)) && state.sCount[n]! - state.blkIndent < 4) {
      close = n;
      break;
    }
  }
  if (silent) return true;
  if (close < 0) {
    envIssues(state.env).push({
      severity: "warning",
      code: "notes-unclosed",
      message: "`::: notes` is never closed with `:::`; the notes run to the end of the slide",
      line: startLine,
      column: 0,
    });
    close = endLine;
  }
  const open = state.push("notes_open", "aside", 1);
  open.map = [startLine, close];
  open.block = true;
  tokenizeInside(state, startLine, close);
  const end = state.push("notes_close", "aside", -1);
  end.block = true;
  state.line = Math.min(close + 1, endLine);
  return true;
}
