import type { Diagnostics } from "../diagnostics/collect.js";
import type { Block } from "../types.js";

/** Empty math, replacement characters and spaces at the very end: a loop, not a regex (no backtracking). */
function trimNoise(text: string): string {
  let end = text.length;
  while (end > 0 && /[$\uFFFD\s]/u.test(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
const ENDS_SENTENCE = /[。！？!?.…:：;；"'”’」』)）\]】*_`~>|-]$/u;
const WORDISH = /[\p{L}\p{N},，、]$/u;
/** A closed inline (or display) formula at the end: `$x$`, `$$x$$`; no space inside its dollars. */
const FORMULA_END = /(?<![\\$])\$\$?(?!\s)[^$]*[^$\s\\]\$\$?$/u;

/** Warn when the article's last prose stops mid-sentence: the file was probably cut off. */
export function checkTruncation(blocks: readonly Block[], lines: readonly string[], diags: Diagnostics): void {
  const last = [...blocks].reverse().find((b) => b.kind !== "notes");
  if (!last || !["paragraph", "columns"].includes(last.kind)) return;
  const lineIndex = last.lines[1] - 1;
  const line = lines[lineIndex] ?? "";
  // a formula closing the last sentence (`… ok $x$`) is an ending, not a cut
  if (FORMULA_END.test(line.trimEnd())) return;
  const text = trimNoise(line);
  if (!text || ENDS_SENTENCE.test(text) || !WORDISH.test(text)) return;
  const tail = [...text].slice(-12).join("");
  diags.add("warning", "truncated", `the article stops mid-sentence ("…${tail}"): the file looks cut off`, lineIndex, text.length);
}

/** True when no block has anything to show. */
export function isTextless(blocks: readonly Block[]): boolean {
  return !blocks.some((b) => b.kind !== "notes" && b.kind !== "rule" && (b.text.trim() !== "" || b.kind === "image" || b.kind === "math"));
}
