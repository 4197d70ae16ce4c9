/**
 * A notebook's JSON read with the position of everything in it: each cell's source lines
 * (where each starts inside its JSON string) and outputs, so that a diagnostic about a
 * notebook's article can name the line of the `.ipynb` file it comes from.
 */
import { getNodeValue, type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface NotebookOutput {
  value: JsonObject;
  /** Offset of the output's object in the JSON text. */
  offset: number;
}

export interface NotebookCell {
  /** 0-based position among the notebook's cells. */
  index: number;
  type: string;
  /** Offset of the cell's object in the JSON text. */
  offset: number;
  /** The cell's source joined, `\n` line endings. */
  source: string;
  /** Per line of `source`: the JSON offset its first character is at (inside a string), else the cell's. */
  lineOffsets: number[];
  metadata: JsonObject;
  outputs: NotebookOutput[];
  attachments: JsonObject;
}

export interface Notebook {
  metadata: JsonObject;
  cells: NotebookCell[];
  /** Offset of the notebook's `metadata` (0 when absent). */
  metadataOffset: number;
}

/** Why a text is no notebook Lectern reads, at an offset of the text. */
export interface NotebookProblem {
  message: string;
  offset: number;
}

export const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

const property = (node: Node | undefined, key: string): Node | undefined =>
  node?.type === "object" ? node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1] : undefined;

/** A notebook's text as strings joined: nbformat writes multi-line text as a list of lines. */
export function joinText(value: Json | undefined): string {
  if (typeof value === "string") return value;
  return Array.isArray(value) ? value.filter((s) => typeof s === "string").join("") : "";
}

/**
 * The JSON offset where each line of a string (or list of strings) begins: the escapes are
 * walked, so `\\n` inside one string starts a line as a new list item does.
 */
function lineOffsets(node: Node | undefined, text: string, fallback: number): number[] {
  const strings = node?.type === "string" ? [node] : (node?.children ?? []).filter((c) => c.type === "string");
  const starts: number[] = [];
  let atLineStart = true;
  for (const s of strings) {
    const end = s.offset + s.length - 1;
    for (let i = s.offset + 1; i < end; i++) {
      if (atLineStart) starts.push(i);
      atLineStart = false;
      if (text[i] !== "\\") continue;
      if (text[i + 1] === "n") atLineStart = true;
      i += text[i + 1] === "u" ? 5 : 1;
    }
  }
  if (atLineStart || starts.length === 0) starts.push(strings.length ? (strings.at(-1) as Node).offset : fallback);
  return starts;
}

/** The JSON offset of a decoded column of a line that starts at `start` inside a JSON string. */
export function offsetOfColumn(text: string, start: number, column: number): number {
  let i = start;
  for (let c = 0; c < column && i < text.length && text[i] !== '"'; c++) i += text[i] !== "\\" ? 1 : text[i + 1] === "u" ? 6 : 2;
  return i;
}

function readCell(node: Node, index: number, text: string): NotebookCell {
  const value = getNodeValue(node) as Json;
  const cell = isObject(value) ? value : {};
  const sourceNode = property(node, "source");
  const outputsNode = property(node, "outputs");
  const outputs = (outputsNode?.children ?? []).flatMap((o) => {
    const v = getNodeValue(o) as Json;
    return isObject(v) ? [{ value: v, offset: o.offset }] : [];
  });
  return {
    index,
    type: typeof cell.cell_type === "string" ? cell.cell_type : "",
    offset: node.offset,
    source: joinText(cell.source).replace(/\r\n?/g, "\n"),
    lineOffsets: lineOffsets(sourceNode, text, node.offset),
    metadata: isObject(cell.metadata) ? cell.metadata : {},
    outputs,
    attachments: isObject(cell.attachments) ? cell.attachments : {},
  };
}

/** Read a notebook (nbformat 4): its cells with positions, or the problem that stops it. */
export function readNotebookJson(text: string): Notebook | NotebookProblem {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const what = printParseErrorCode(first.error)
      .replace(/(?<=[a-z])(?=[A-Z])/g, " ")
      .toLowerCase();
    return { message: `not valid JSON: ${what}`, offset: first.offset };
  }
  const value = root ? (getNodeValue(root) as Json) : undefined;
  if (!root || !isObject(value)) return { message: "not a notebook: the JSON is not an object", offset: root?.offset ?? 0 };
  const nbformat = value.nbformat;
  const at = (key: string) => property(root, key)?.offset ?? 0;
  if (typeof nbformat === "number" && nbformat < 4) {
    return {
      message: `nbformat ${nbformat} is not read: convert it with \`jupyter nbconvert --to notebook --nbformat 4\``,
      offset: at("nbformat"),
    };
  }
  const cells = property(root, "cells");
  if (cells?.type !== "array") {
    return { message: "not a notebook: it has no `cells` list", offset: cells?.offset ?? root.offset };
  }
  return {
    metadata: isObject(value.metadata) ? value.metadata : {},
    metadataOffset: at("metadata"),
    cells: (cells.children ?? []).map((c, i) => readCell(c, i, text)),
  };
}
