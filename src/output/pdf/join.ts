/**
 * Several PDFs Chromium printed from one deck (one per chunk of its sheets: print.ts) joined
 * into one, as if printed at once: every object kept, renumbered after the chunks before it;
 * one page tree over the chunks' page trees; one structure tree (the chunks' sheet elements
 * under the first chunk's container, the parent tree's keys and the pages' `/StructParents`
 * shifted, one ID tree). Fonts stay the chunk's own: each chunk's subsets hold its glyphs only.
 * What it does not follow (see pdf-syntax.ts) is a SyntaxError: the caller prints at once.
 */
import {
  objectBodies,
  type PdfDict,
  type PdfValue,
  pageObjects,
  readObjectDict,
  readValueAt,
  readXref,
  writeDict,
  type XrefTable,
} from "./pdf-syntax.js";

/** Strings (kept), references and `/StructParent(s) n` (renumbered), in an object's dictionary text. */
const TOKENS = /\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>|\b(\d+) (\d+) R\b|(\/StructParents?) (\d+)/g;

interface Chunk {
  text: string;
  xref: XrefTable;
  /** Added to each object number. */
  delta: number;
  /** Added to each parent-tree key. */
  keys: number;
  catalog: PdfDict;
  pages: number;
  struct: PdfDict;
  /** The structure elements from the document down to the one holding the sheets. */
  spine: number[];
  /** The sheets' elements under the spine's end. */
  sheets: number[];
  /** Its pages, in order. */
  pageList: number[];
}

/**
 * A link to a sheet printed in another chunk, as print.ts writes it for Chromium (which drops
 * a link whose target is not in the document): a web link, made an internal one here.
 */
export const SHEET_LINK = "https://lectern.invalid/sheet/";
const SHEET_ACTION = /\/A\s*<<\s*\/Type\s*\/Action\s*\/S\s*\/URI\s*\/URI\s*\(https:\/\/lectern\.invalid\/sheet\/(\d+)\)\s*>>/g;

const renumber = (raw: string, c: Pick<Chunk, "delta" | "keys">) =>
  raw.replace(TOKENS, (m, num?: string, gen?: string, key?: string, sp?: string) => {
    if (num !== undefined) return `${Number(num) + c.delta} ${gen} R`;
    if (key !== undefined) return `${key} ${Number(sp) + c.keys}`;
    return m;
  });

const ref = (v: PdfValue | undefined, what: string): number => {
  if (v?.ref === undefined) throw new SyntaxError(`no ${what}`);
  return v.ref;
};

function readChunk(raw: Uint8Array, delta: number, keys: number): Chunk {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1");
  const xref = readXref(text);
  if (!xref) throw new SyntaxError("a cross-reference stream");
  const catalog = readObjectDict(text, xref, ref(xref.trailer.get("Root"), "catalog"));
  for (const key of catalog.keys())
    if (!["Type", "Pages", "MarkInfo", "StructTreeRoot", "ViewerPreferences", "Lang", "Dests"].includes(key))
      throw new SyntaxError(`/${key} in a chunk's catalog`);
  const struct = readObjectDict(text, xref, ref(catalog.get("StructTreeRoot"), "structure tree"));
  const spine = [ref(struct.get("K"), "document element")];
  for (;;) {
    const k = readObjectDict(text, xref, spine[spine.length - 1] as number).get("K");
    if (k?.ref !== undefined) spine.push(k.ref);
    else if (k?.refs) {
      const pages = ref(catalog.get("Pages"), "page tree");
      return { text, xref, delta, keys, catalog, pages, struct, spine, sheets: k.refs, pageList: pageObjects(text, xref, pages) };
    } else throw new SyntaxError("a structure element with marked content where the sheets were expected");
  }
}

/** The `(key) n 0 R` pairs of a name tree's leaves under `num`. */
function names(c: Chunk, num: number, out: [string, string][]): void {
  const node = readObjectDict(c.text, c.xref, num);
  for (const kid of node.get("Kids")?.refs ?? []) names(c, kid, out);
  const list = node.get("Names")?.raw ?? "";
  for (const m of list.matchAll(/(\((?:[^()\\]|\\.)*\))\s+(\d+) (\d+) R/g))
    out.push([m[1] as string, `${Number(m[2]) + c.delta} ${m[3]} R`]);
}

/** The `key value` pairs of a flat number tree (keys shifted), as text. */
function nums(c: Chunk, num: number): string {
  const node = readObjectDict(c.text, c.xref, num);
  if (node.has("Kids")) throw new SyntaxError("a parent tree with kids");
  const list = node.get("Nums")?.raw ?? "[]";
  const out: string[] = [];
  const items = list.slice(1, -1);
  for (let at = 0; ; ) {
    while (/\s/.test(items[at] ?? "")) at++;
    if (at >= items.length) break;
    const key = readValueAt(items, at);
    const value = readValueAt(items, key.end);
    if (key.value.number === undefined) throw new SyntaxError("a parent tree key that is not a number");
    out.push(`${key.value.number + c.keys} ${renumber(value.value.raw, c)}`);
    at = value.end;
  }
  return out.join(" ");
}

/** One chunk's objects as `[number, text after "n 0 obj"]`, renumbered, except those in `skip`; `edits` replace a dictionary. */
function objects(
  c: Chunk,
  skip: ReadonlySet<number>,
  edits: ReadonlyMap<number, (d: PdfDict) => void>,
  pageAt: (sheet: number) => string,
): [number, string][] {
  const out: [number, string][] = [];
  for (const [num, body] of objectBodies(c.text, c.xref)) {
    if (skip.has(num)) continue;
    const edit = edits.get(num);
    if (edit) {
      const dict = readObjectDict(c.text, c.xref, num);
      for (const [k, v] of dict) dict.set(k, { raw: renumber(v.raw, c) });
      edit(dict);
      out.push([num + c.delta, `\n${writeDict(dict)}\n`]);
      continue;
    }
    const { end } = readValueAt(body, 0);
    const dict = renumber(body.slice(0, end), c).replace(
      SHEET_ACTION,
      (_, n: string) => `/Dest [${pageAt(Number(n))} /XYZ null null null]`,
    );
    out.push([num + c.delta, dict + body.slice(end)]);
  }
  return out;
}

/** The chunks' PDFs as one; a single chunk as it is. */
export function joinPdfs(raws: readonly Uint8Array[]): Uint8Array {
  const [first] = raws;
  if (!first) throw new SyntaxError("nothing printed");
  if (raws.length === 1) return first;
  const chunks: Chunk[] = [];
  let delta = 0;
  let keys = 0;
  for (const raw of raws) {
    const c = readChunk(raw, delta, keys);
    chunks.push(c);
    delta += ref({ raw: "", ref: c.xref.trailer.get("Size")?.number }, "size");
    keys += c.struct.get("ParentTreeNextKey")?.number ?? 0;
  }
  const head = chunks[0] as Chunk;
  if (chunks.some((c) => c.spine.length !== head.spine.length)) throw new SyntaxError("chunks whose structure differs above the sheets");
  const holder = (head.spine[head.spine.length - 1] as number) + head.delta;
  const pagesRoot = delta;
  const structRoot = delta + 1;
  const parentTree = delta + 2;
  const idTree = delta + 3;
  const ids: [string, string][] = [];
  const allPages = chunks.flatMap((c) => c.pageList.map((p) => p + c.delta));
  const pageAt = (sheet: number) => `${allPages[Math.min(sheet, allPages.length - 1)]} 0 R`;
  const dests = new Map<string, string>();
  const all: [number, string][] = [];
  let count = 0;
  for (const c of chunks) {
    const skip = new Set([ref(c.xref.trailer.get("Root"), "catalog"), ref(c.catalog.get("StructTreeRoot"), "structure tree")]);
    skip.add(ref(c.struct.get("ParentTree"), "parent tree"));
    const idRoot = c.struct.get("IDTree")?.ref;
    if (idRoot !== undefined) {
      names(c, idRoot, ids);
      for (const kid of readObjectDict(c.text, c.xref, idRoot).get("Kids")?.refs ?? []) skip.add(kid);
      skip.add(idRoot);
    }
    const edits = new Map<number, (d: PdfDict) => void>();
    count += readObjectDict(c.text, c.xref, c.pages).get("Count")?.number ?? 0;
    edits.set(c.pages, (d) => d.set("Parent", { raw: `${pagesRoot} 0 R` }));
    if (c === head) {
      edits.set(c.spine[0] as number, (d) => d.set("P", { raw: `${structRoot} 0 R` }));
      const sheets = chunks.flatMap((k) => k.sheets.map((s) => `${s + k.delta} 0 R`));
      edits.set(c.spine[c.spine.length - 1] as number, (d) => d.set("K", { raw: `[${sheets.join(" ")}]` }));
    } else {
      for (const s of c.spine) skip.add(s);
      for (const s of c.sheets) edits.set(s, (d) => d.set("P", { raw: `${holder} 0 R` }));
    }
    const destsRef = c.catalog.get("Dests")?.ref;
    if (destsRef !== undefined) {
      for (const [name, v] of readObjectDict(c.text, c.xref, destsRef)) dests.set(name, renumber(v.raw, c));
      skip.add(destsRef);
    }
    all.push(...objects(c, skip, edits, pageAt));
  }
  const catalog = new Map(head.catalog);
  for (const [k, v] of catalog) catalog.set(k, { raw: renumber(v.raw, head) });
  catalog.set("Pages", { raw: `${pagesRoot} 0 R` });
  catalog.set("StructTreeRoot", { raw: `${structRoot} 0 R` });
  const destsNum = idTree + 1;
  if (dests.size) {
    catalog.set("Dests", { raw: `${destsNum} 0 R` });
    all.push([destsNum, `\n<<${[...dests].map(([k, v]) => `/${k} ${v}`).join("\n")}>>\n`]);
  } else catalog.delete("Dests");
  const rootNum = ref(head.xref.trailer.get("Root"), "catalog");
  ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  all.push(
    [rootNum, `\n${writeDict(catalog)}\n`],
    [pagesRoot, `\n<</Type /Pages\n/Count ${count}\n/Kids [${chunks.map((c) => `${c.pages + c.delta} 0 R`).join(" ")}]>>\n`],
    [
      structRoot,
      `\n<</Type /StructTreeRoot\n/K ${(head.spine[0] as number) + head.delta} 0 R\n/ParentTreeNextKey ${keys}\n/ParentTree ${parentTree} 0 R${ids.length ? `\n/IDTree ${idTree} 0 R` : ""}>>\n`,
    ],
    [
      parentTree,
      `\n<</Type /ParentTree\n/Nums [${chunks.map((c) => nums(c, ref(c.struct.get("ParentTree"), "parent tree"))).join(" ")}]>>\n`,
    ],
  );
  if (ids.length) all.push([idTree, `\n<</Names [${ids.map(([k, v]) => `${k} ${v}`).join(" ")}]>>\n`]);
  const info = head.xref.trailer.get("Info");
  const trailer = `/Size ${destsNum + 1}\n/Root ${rootNum} 0 R${info ? `\n/Info ${renumber(info.raw, head)}` : ""}`;
  return write(head.text.slice(0, head.text.indexOf("\n", head.text.indexOf("%PDF")) + 1), all, trailer, destsNum + 1);
}

/** A classic PDF file of these objects. */
function write(header: string, all: readonly [number, string][], trailer: string, size: number): Uint8Array {
  const parts: string[] = [header, "%\xe2\xe3\xcf\xd3\n"];
  let at = parts[0]!.length + parts[1]!.length;
  const offsets = new Map<number, number>();
  for (const [num, body] of all) {
    const text = `${num} 0 obj${body}endobj\n`;
    offsets.set(num, at);
    parts.push(text);
    at += text.length;
  }
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const o = offsets.get(n);
    xref += o === undefined ? "0000000000 00000 f \n" : `${String(o).padStart(10, "0")} 00000 n \n`;
  }
  parts.push(xref, `trailer\n<<${trailer}>>\nstartxref\n${at}\n%%EOF\n`);
  return Buffer.from(parts.join(""), "latin1");
}
