/**
 * Jupyter notebooks (`.ipynb`, nbformat 4) as articles: read the JSON with positions (read.ts),
 * write the cells as one Markdown article (convert.ts, outputs.ts), and keep where each line
 * came from (origin.ts) so that diagnostics name the notebook's own lines.
 */
import type { Diagnostics } from "../../diagnostics/collect.js";
import { type NotebookArticle, notebookArticle } from "./convert.js";
import { readNotebookJson } from "./read.js";

export { placeDiagnostics } from "./origin.js";

/** A path that names a notebook. */
export const isNotebookFile = (file: string): boolean => /\.ipynb$/i.test(file);

/** 0-based line and column of an offset of `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split("\n").length - 1;
  return { line, column: before.length - (before.lastIndexOf("\n") + 1) };
}

/**
 * A notebook's decoded JSON as the article to build, or `undefined` (one `notebook-invalid`
 * error at the place in the JSON that stops it) when it is no notebook Lectern can read.
 */
export function readNotebook(json: string, diags: Diagnostics): NotebookArticle | undefined {
  const nb = readNotebookJson(json);
  if ("message" in nb) {
    const { line, column } = position(json, nb.offset);
    diags.add("error", "notebook-invalid", `${nb.message}; nothing is built from this notebook`, line, column);
    return undefined;
  }
  const article = notebookArticle(nb, json);
  for (const p of article.problems) diags.add("warning", p.code, p.message, p.line, 0);
  return article;
}
