import type { Diagnostics } from "../diagnostics/collect.js";
import type { Block } from "../types.js";

const TRAILING_NOISE = /(?:\$\$\$\$|\$\$\s*\$\$|\uFFFD|\s)+$/u;
const ENDS_SENTENCE = /[。！？!?.…:：;；"'”’」』)）\]】*_`~>|-]$/u;
const WORDISH = /[\p{L}\p{N},，、]$/u;

/** Warn when the article's last prose stops mid-sentence: the file was probably cut off. */
export function checkTruncation(blocks: readonly Block[], lines: readonly string[], diags: Diagnostics): void {
  const last = [...blocks].reverse().find((b) => b.kind !== "notes");
  if (!last || !["paragraph", "columns"].includes(last.kind)) return;
  const lineIndex = last.lines[1] - 1;
  const text = (lines[lineIndex] ?? "").replace(TRAILING_NOISE, "");
  if (!text || ENDS_SENTENCE.test(text) || !WORDISH.test(text)) return;
  const tail = [...text].slice(-12).join("");
  diags.add("warning", "truncated", `the article stops mid-sentence ("…${tail}"): the file looks cut off`, lineIndex, text.length);
}

/** True when no block has anything to show. */
export function isTextless(blocks: readonly Block[]): boolean {
  return !blocks.some((b) => b.kind !== "notes" && b.kind !== "rule" && (b.text.trim() !== "" || b.kind === "image" || b.kind === "math"));
}
