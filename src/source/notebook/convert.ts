/**
 * A notebook as a Markdown article: markdown cells as they are (the dialect is detected on the
 * whole, as for any article), code cells as code in the kernel's language, their outputs
 * below them (outputs.ts). Jupyter Book's cell tags and RISE's slide types decide what goes on
 * the slides, what into the speaker notes, and what is left out.
 */
import type { NotebookOrigin } from "../../types.js";
import { type ArticleWriter, createWriter } from "./origin.js";
import { fenceFor, type OutputProblem, outputParts } from "./outputs.js";
import { isObject, type Json, type JsonObject, joinText, type Notebook, type NotebookCell } from "./read.js";

export interface NotebookArticle {
  text: string;
  origin: NotebookOrigin;
  /** Problems with a 0-based line of `text`. */
  problems: { code: string; message: string; line: number }[];
}

/** Where a part of a cell goes: on the slide, into the speaker notes, or nowhere. */
type Place = "slide" | "notes" | "none";

interface CellPlan {
  input: Place;
  outputs: Place;
  /** RISE: `---` (slide) or `----` (subslide) before the cell. */
  separator?: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const str = (v: Json | undefined): string | undefined => (typeof v === "string" ? v : undefined);

/** The kernel's language, for code cells' highlighting. */
function kernelLanguage(meta: JsonObject): string {
  const spec = isObject(meta.kernelspec) ? meta.kernelspec : {};
  const info = isObject(meta.language_info) ? meta.language_info : {};
  return (str(spec.language) ?? str(info.name) ?? "").toLowerCase().replace(/[^\w+#-]/g, "");
}

/**
 * Jupyter Book's tags (`remove-*`: gone; `hide-*`: no toggle on a slide, so into the speaker
 * notes), `jupyter.source_hidden` / `outputs_hidden` (as `hide-*`), RISE's `slideshow.slide_type`
 * (`skip`: gone; `notes`: speaker notes; `slide` / `subslide`: a new slide, when the notebook is
 * a RISE deck; `fragment` and `-`: on the slide).
 */
function planCell(cell: NotebookCell, deck: boolean): CellPlan {
  const tags = new Set(Array.isArray(cell.metadata.tags) ? cell.metadata.tags.filter((t) => typeof t === "string") : []);
  const jupyter = isObject(cell.metadata.jupyter) ? cell.metadata.jupyter : {};
  const type = slideType(cell);
  const gone = tags.has("remove-cell") || type === "skip";
  const toNotes = tags.has("hide-cell") || type === "notes";
  const part = (remove: boolean, hide: boolean): Place => (gone || remove ? "none" : toNotes || hide ? "notes" : "slide");
  const input = part(tags.has("remove-input"), tags.has("hide-input") || jupyter.source_hidden === true);
  const outputs = part(tags.has("remove-output"), tags.has("hide-output") || jupyter.outputs_hidden === true);
  const separator = !deck || gone ? undefined : type === "slide" ? "---" : type === "subslide" ? "----" : undefined;
  return { input, outputs, separator };
}

function slideType(cell: NotebookCell): string | undefined {
  const slideshow = isObject(cell.metadata.slideshow) ? cell.metadata.slideshow : {};
  return str(slideshow.slide_type);
}

/** A leading YAML block (`---` … `---`) in the first markdown or raw cell: the article's front matter. */
function isFrontMatter(cell: NotebookCell | undefined): boolean {
  return !!cell && (cell.type === "raw" || cell.type === "markdown") && /^---[ \t]*\n[\s\S]*?\n(---|\.\.\.)[ \t]*(\n|$)/.test(cell.source);
}

/** Front matter from the notebook's metadata (`title`, `authors`), when no cell gives one. */
function metadataFrontMatter(meta: JsonObject): string | undefined {
  const title = str(meta.title);
  const names = (Array.isArray(meta.authors) ? meta.authors : []).map((a) => (isObject(a) ? str(a.name) : str(a))).filter(Boolean);
  const lines = [title && `title: ${JSON.stringify(title)}`, names.length ? `author: ${JSON.stringify(names.join(", "))}` : ""];
  return lines.some(Boolean) ? `---\n${lines.filter(Boolean).join("\n")}\n---` : undefined;
}

/** A markdown cell's `attachment:name` images as `data:` URLs. */
function withAttachments(cell: NotebookCell): string {
  return cell.source.replace(/attachment:([^\s)"'>]+)/g, (all, name: string) => {
    const bundle = cell.attachments[decodeURIComponent(name)] ?? cell.attachments[name];
    if (!isObject(bundle)) return all;
    const mime = Object.keys(bundle).find((m) => /^image\/(png|jpeg|gif|webp)$/.test(m));
    return mime ? `data:${mime};base64,${joinText(bundle[mime]).replace(/\s+/g, "")}` : all;
  });
}

/** What a raw cell holds, when it is meant for Markdown or HTML output (else it is left out). */
function rawFormat(cell: NotebookCell): "markdown" | "html" | undefined {
  const format = (str(cell.metadata.format) ?? str(cell.metadata.raw_mimetype) ?? "").toLowerCase();
  return /markdown/.test(format) ? "markdown" : /html/.test(format) ? "html" : undefined;
}

/** A cell's source lines without the blank lines at its end. */
const trimmed = (source: string) => source.replace(/\s+$/, "");

function writeInput(w: ArticleWriter, cell: NotebookCell, lang: string): void {
  const at = { offset: cell.offset, cell: cell.index };
  if (cell.type === "code") {
    const source = trimmed(cell.source);
    if (!source) return;
    const fence = fenceFor(source);
    w.write(`\n${fence}${lang}`, at);
    w.source(source, cell.lineOffsets, cell.index);
    w.write(fence, at);
    return;
  }
  const source = trimmed(cell.type === "markdown" ? withAttachments(cell) : cell.source);
  if (!source) return;
  w.write("", at);
  if (cell.type === "raw" && rawFormat(cell) === "html") w.write("<div>", at);
  w.source(source, cell.lineOffsets, cell.index);
  if (cell.type === "raw" && rawFormat(cell) === "html") w.write("</div>", at);
}

/** Convert a read notebook into the article Lectern builds. */
export function notebookArticle(nb: Notebook, json: string): NotebookArticle {
  const w = createWriter();
  const problems: NotebookArticle["problems"] = [];
  const lang = kernelLanguage(nb.metadata);
  const deck = nb.cells.some((c) => ["slide", "subslide"].includes(slideType(c) ?? ""));
  let cells = nb.cells;
  const first = cells[0];
  if (first && isFrontMatter(first)) {
    w.source(first.source.replace(/\n+$/, ""), first.lineOffsets, first.index);
    cells = cells.slice(1);
  } else {
    const fm = metadataFrontMatter(nb.metadata);
    if (fm) w.write(fm, { offset: nb.metadataOffset, cell: -1 });
  }
  let shown = false;
  const report = (list: readonly OutputProblem[], cell: number) => {
    for (const p of list) {
      problems.push({ code: p.code, message: p.message, line: w.length });
      w.write("", { offset: p.offset, cell });
    }
  };
  for (const cell of cells) {
    const plan = planCell(cell, deck);
    const at = { offset: cell.offset, cell: cell.index };
    const known = cell.type === "code" || cell.type === "markdown" || (cell.type === "raw" && rawFormat(cell));
    if (!known) continue;
    if (plan.separator && shown) w.write(`\n${plan.separator}\n`, at);
    const { parts, problems: left } = cell.type === "code" ? outputParts(cell.outputs) : { parts: [], problems: [] };
    report(plan.outputs === "none" ? [] : left, cell.index);
    const slideOutputs = plan.outputs === "slide" ? parts : [];
    const noteOutputs = plan.outputs === "notes" ? parts : [];
    const before = w.length;
    if (plan.input === "slide") writeInput(w, cell, lang);
    for (const p of slideOutputs) w.write(`\n${p.markdown}`, { offset: p.offset, cell: cell.index });
    const notesInput = plan.input === "notes" && trimmed(cell.source) !== "";
    if (notesInput || noteOutputs.length) {
      w.write("\n::: notes", at);
      if (notesInput) writeInput(w, cell, lang);
      for (const p of noteOutputs) w.write(`\n${p.markdown}`, { offset: p.offset, cell: cell.index });
      w.write("\n:::", at);
    }
    if (w.length > before) shown = true;
  }
  const { text, origin } = w.done(json);
  // control characters escaped in the JSON (`\u0000`) are no text; what is left of ANSI codes neither
  return { text: `${text.replace(CONTROL, "")}\n`, origin, problems };
}
