/**
 * The lines of a notebook's article and where each comes from, and the diagnostics made on
 * that article placed back in the `.ipynb` file: at the JSON line (and column) of the cell's
 * source, with the cell named in the message (`… (cell 7, line 3)`).
 */
import type { Diagnostic, LineOrigin, NotebookOrigin } from "../../types.js";
import { countBelow } from "../../util/sorted.js";
import { offsetOfColumn } from "./read.js";

/** The article's text being written, line by line, each line with its origin. */
export interface ArticleWriter {
  /** Lines Lectern writes (a fence, an output…), all at one place of the notebook. */
  write(text: string, at: { offset: number; cell: number }): void;
  /** Lines of a cell's source, each at its own place. */
  source(text: string, lineOffsets: readonly number[], cell: number): void;
  /** Number of lines written so far. */
  readonly length: number;
  done(json: string): { text: string; origin: NotebookOrigin };
}

export function createWriter(): ArticleWriter {
  const lines: string[] = [];
  const origins: LineOrigin[] = [];
  return {
    write(text, at) {
      for (const line of text.split("\n")) {
        lines.push(line);
        origins.push({ offset: at.offset, exact: false, cell: at.cell, cellLine: -1 });
      }
    },
    source(text, lineOffsets, cell) {
      text.split("\n").forEach((line, i) => {
        lines.push(line);
        const offset = lineOffsets[i];
        const exact = offset !== undefined;
        origins.push({ offset: offset ?? (lineOffsets.at(-1) as number), exact, cell, cellLine: i });
      });
    },
    get length() {
      return lines.length;
    },
    done(json) {
      return { text: lines.join("\n"), origin: { json, lines: origins } };
    },
  };
}

/** 0-based offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Diagnostics made on a notebook's article, placed in the notebook: line and column of the
 * JSON text, the cell named in the message. One at 1:1 is about the whole file and stays.
 */
export function placeDiagnostics(list: readonly Diagnostic[], origin: NotebookOrigin | undefined): Diagnostic[] {
  if (!origin) return [...list];
  const starts = lineStarts(origin.json);
  return list.map((d) => {
    const o = origin.lines[d.line - 1];
    if (!o || (d.line === 1 && d.column === 1)) return d;
    const offset = o.exact ? offsetOfColumn(origin.json, o.offset, d.column - 1) : o.offset;
    const line = countBelow(starts, offset + 1) - 1;
    const where = o.cell < 0 ? "" : o.cellLine < 0 ? ` (cell ${o.cell + 1})` : ` (cell ${o.cell + 1}, line ${o.cellLine + 1})`;
    return { ...d, line: line + 1, column: offset - (starts[line] as number) + 1, message: `${d.message}${where}` };
  });
}
