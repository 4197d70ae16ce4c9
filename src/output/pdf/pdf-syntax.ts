/**
 * Just enough of PDF's syntax to read what Chromium's printing (Skia) writes: a classic
 * cross-reference table, the trailer, and the dictionaries of the catalog, the page tree and
 * the document information. Read-only and shallow: a value is kept as its source text, next to
 * what it says when it is a reference, a name, a number or an array of references. Anything
 * else (a cross-reference stream, an object inside an object stream) is "not readable here",
 * and the caller falls back to a full PDF library.
 */

/** A value of a dictionary: its text as written, and what it is when that matters here. */
export interface PdfValue {
  raw: string;
  ref?: number;
  name?: string;
  number?: number;
  refs?: number[];
}

export type PdfDict = Map<string, PdfValue>;

/** Where each object starts, and what the trailer says. */
export interface XrefTable {
  offsets: Map<number, number>;
  trailer: PdfDict;
  /** Offset of the cross-reference section (the next update's `/Prev`). */
  start: number;
}

const WHITE = /[\0\t\n\f\r ]/;
const DELIM = /[()<>[\]{}/%]/;

/** A reader over the file as latin1 text (one character per byte, offsets kept). */
class Reader {
  constructor(
    readonly s: string,
    public at: number,
  ) {}

  skip(): void {
    const { s } = this;
    while (this.at < s.length) {
      const c = s[this.at] as string;
      if (WHITE.test(c)) this.at++;
      else if (c === "%") while (this.at < s.length && s[this.at] !== "\n" && s[this.at] !== "\r") this.at++;
      else break;
    }
  }

  /** A bare word: a number, `R`, `obj`, `true`… */
  word(): string {
    this.skip();
    const from = this.at;
    while (this.at < this.s.length && !WHITE.test(this.s[this.at] as string) && !DELIM.test(this.s[this.at] as string)) this.at++;
    return this.s.slice(from, this.at);
  }

  /** One value; a dictionary's entries are read when `dict` asks for them. */
  value(): PdfValue {
    this.skip();
    const { s } = this;
    const from = this.at;
    const c = s[this.at];
    if (c === "/") {
      this.at++;
      const name = this.word();
      return { raw: s.slice(from, this.at), name };
    }
    if (c === "(") {
      let depth = 0;
      for (; this.at < s.length; this.at++) {
        const ch = s[this.at];
        if (ch === "\\") this.at++;
        else if (ch === "(") depth++;
        else if (ch === ")" && --depth === 0) break;
      }
      this.at++;
      return { raw: s.slice(from, this.at) };
    }
    if (s.startsWith("<<", this.at)) {
      this.dict();
      return { raw: s.slice(from, this.at) };
    }
    if (c === "<") {
      this.at = s.indexOf(">", this.at) + 1;
      if (this.at === 0) throw new SyntaxError("unterminated hex string");
      return { raw: s.slice(from, this.at) };
    }
    if (c === "[") {
      this.at++;
      const refs: number[] = [];
      let all = true;
      for (this.skip(); s[this.at] !== "]"; this.skip()) {
        if (this.at >= s.length) throw new SyntaxError("unterminated array");
        const v = this.value();
        if (v.ref !== undefined) refs.push(v.ref);
        else all = false;
      }
      this.at++;
      return all ? { raw: s.slice(from, this.at), refs } : { raw: s.slice(from, this.at) };
    }
    const w = this.word();
    if (!w) throw new SyntaxError(`unexpected ${JSON.stringify(c)} at ${from}`);
    if (/^\d+$/.test(w)) {
      // `n g R`: a reference
      const back = this.at;
      const gen = this.word();
      if (/^\d+$/.test(gen) && this.word() === "R") return { raw: s.slice(from, this.at), ref: Number(w) };
      this.at = back;
    }
    const n = Number(w);
    return Number.isFinite(n) ? { raw: w, number: n } : { raw: w };
  }

  dict(): PdfDict {
    this.skip();
    if (!this.s.startsWith("<<", this.at)) throw new SyntaxError(`no dictionary at ${this.at}`);
    this.at += 2;
    const out: PdfDict = new Map();
    for (this.skip(); !this.s.startsWith(">>", this.at); this.skip()) {
      if (this.at >= this.s.length) throw new SyntaxError("unterminated dictionary");
      const key = this.value();
      if (key.name === undefined) throw new SyntaxError(`a dictionary key that is not a name at ${this.at}`);
      out.set(key.name, this.value());
    }
    this.at += 2;
    return out;
  }
}

/** The last cross-reference table and its trailer; undefined for a cross-reference stream. */
export function readXref(text: string): XrefTable | undefined {
  const tail = text.lastIndexOf("startxref");
  if (tail < 0) return undefined;
  const start = Number(new Reader(text, tail + 9).word());
  if (!Number.isInteger(start) || !text.startsWith("xref", start)) return undefined;
  const r = new Reader(text, start + 4);
  const offsets = new Map<number, number>();
  for (;;) {
    const first = r.word();
    if (first === "trailer") break;
    const count = Number(r.word());
    if (!/^\d+$/.test(first) || !Number.isInteger(count)) return undefined;
    r.skip();
    for (let i = 0; i < count; i++) {
      const entry = text.slice(r.at, r.at + 18);
      const m = /^(\d{10}) (\d{5}) ([nf])/.exec(entry);
      if (!m) return undefined;
      if (m[3] === "n") offsets.set(Number(first) + i, Number(m[1]));
      r.at += 18;
      r.skip();
    }
  }
  const trailer = r.dict();
  if (trailer.has("Prev")) return undefined; // an updated file: its older sections are not read here
  return { offsets, trailer, start };
}

/** The dictionary that object `num` is (`num 0 obj << … >>`). */
export function readObjectDict(text: string, xref: XrefTable, num: number): PdfDict {
  const at = xref.offsets.get(num);
  if (at === undefined) throw new SyntaxError(`object ${num} is not in the cross-reference table`);
  const r = new Reader(text, at);
  if (Number(r.word()) !== num || !/^\d+$/.test(r.word()) || r.word() !== "obj") throw new SyntaxError(`object ${num} is not at ${at}`);
  return r.dict();
}

const LEAF = /^\d+ 0 obj\s*<<\s*\/Type\s*\/Page[\0\t\n\f\r /<>[\]]/;

/** The page objects, in order, under the page-tree node `num`. */
export function pageObjects(text: string, xref: XrefTable, num: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const walk = (n: number) => {
    if (seen.has(n)) throw new SyntaxError("a cycle in the page tree");
    seen.add(n);
    // a leaf Chromium writes `<</Type /Page` first: its resources need not be read
    const at = xref.offsets.get(n);
    if (at !== undefined && LEAF.test(text.slice(at, at + 64))) {
      out.push(n);
      return;
    }
    const node = readObjectDict(text, xref, n);
    if (node.get("Type")?.name === "Page") out.push(n);
    else for (const kid of node.get("Kids")?.refs ?? []) walk(kid);
  };
  walk(num);
  return out;
}

/**
 * Each object's body — what is written between `n 0 obj` and `endobj` — by number. Objects
 * follow each other (Chromium writes no garbage between them): one ends where the next starts.
 */
export function objectBodies(text: string, xref: XrefTable): Map<number, string> {
  const starts = [...xref.offsets].sort((a, b) => a[1] - b[1]);
  const out = new Map<number, string>();
  starts.forEach(([num, at], i) => {
    const end = starts[i + 1]?.[1] ?? xref.start;
    const head = text.indexOf("obj", at) + 3;
    const stop = text.lastIndexOf("endobj", end);
    if (head < 3 || stop < head) throw new SyntaxError(`object ${num} is not where the table says`);
    out.set(num, text.slice(head, stop));
  });
  return out;
}

/** The value written at `at` (a dictionary, an array…) and where it ends. */
export function readValueAt(text: string, at: number): { value: PdfValue; end: number } {
  const r = new Reader(text, at);
  const value = r.value();
  return { value, end: r.at };
}

/** A text string as PDF writes any Unicode: UTF-16BE with its byte order mark, in hex. */
export function pdfText(text: string): string {
  let hex = "FEFF";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase();
  return `<${hex}>`;
}

/** A dictionary written back: its entries in order, values as they were written. */
export const writeDict = (dict: PdfDict): string => `<<${[...dict].map(([k, v]) => `/${k} ${v.raw}`).join("\n")}>>`;
