/**
 * What the printed PDF gets after Chromium wrote it: the document information (title, author,
 * subject, creator), its language, and the bookmarks — new objects, a new catalog and info
 * dictionary. The file is then written again from Chromium's objects as they are, the small
 * ones packed into compressed object streams (pack.ts): no object is parsed beyond the catalog,
 * the page tree and the info, so the finish costs little whatever the deck's size (a full PDF
 * library parsed and re-wrote every object: 0.8 s for 1,000 pages). A PDF this reader does not
 * follow (pdf-syntax.ts) is finished by pdf-lib instead.
 */
import type { OutlineEntry } from "./bookmarks.js";
import { writePacked } from "./pack.js";
import { CREATOR, type Finished, type FinishInfo, PRODUCER } from "./pdf-info.js";
import { objectBodies, type PdfDict, pageObjects, pdfText, readObjectDict, readXref, writeDict } from "./pdf-syntax.js";

export type { Finished, FinishInfo } from "./pdf-info.js";

const literal = (s: string) => (/^[\w-]*$/.test(s) ? `(${s})` : pdfText(s));

/** Outline items as PDF objects numbered from `next`: the outline root first. */
function outlineObjects(entries: readonly OutlineEntry[], pages: readonly number[], next: number): [number, string][] {
  const objects: [number, string][] = [];
  let n = next;
  const rootNum = n++;
  const build = (items: readonly OutlineEntry[], parent: number) => {
    const nums = items.map(() => n++);
    let count = 0;
    items.forEach((item, i) => {
      const page = pages[Math.min(item.page, pages.length - 1)];
      const d = [`/Title ${pdfText(item.title)}`, `/Parent ${parent} 0 R`];
      if (i > 0) d.push(`/Prev ${nums[i - 1]} 0 R`);
      if (i < nums.length - 1) d.push(`/Next ${nums[i + 1]} 0 R`);
      if (page !== undefined) d.push(`/Dest [${page} 0 R /XYZ null null null]`);
      if (item.children.length) {
        const sub = build(item.children, nums[i] as number);
        d.push(`/First ${sub.first} 0 R`, `/Last ${sub.last} 0 R`, `/Count ${-sub.count}`); // closed by default
      }
      objects.push([nums[i] as number, `<<${d.join("\n")}>>`]);
      count++;
    });
    return { first: nums[0] as number, last: nums[nums.length - 1] as number, count };
  };
  const top = build(entries, rootNum);
  objects.push([rootNum, `<</Type /Outlines\n/First ${top.first} 0 R\n/Last ${top.last} 0 R\n/Count ${top.count}>>`]);
  return objects;
}

/** `raw` finished and packed (pack.ts), or undefined when `raw` is not a PDF read here. */
function packed(raw: Uint8Array, info: FinishInfo, outline: readonly OutlineEntry[]): Finished | undefined {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1");
  const xref = readXref(text);
  const rootNum = xref?.trailer.get("Root")?.ref;
  const size = xref?.trailer.get("Size")?.number;
  if (!xref || rootNum === undefined || size === undefined) return undefined;
  const catalog = readObjectDict(text, xref, rootNum);
  const pagesNum = catalog.get("Pages")?.ref;
  if (pagesNum === undefined) return undefined;
  const pages = pageObjects(text, xref, pagesNum);

  let next = size;
  const objects: [number, string][] = [];
  if (outline.length && pages.length) {
    const items = outlineObjects(outline, pages, next);
    catalog.set("Outlines", { raw: `${next} 0 R` });
    next += items.length;
    objects.push(...items);
    catalog.set("PageMode", { raw: "/UseOutlines" });
  }
  catalog.set("Lang", { raw: literal(info.lang) });
  if (!catalog.has("ViewerPreferences")) catalog.set("ViewerPreferences", { raw: "<</DisplayDocTitle true>>" });
  objects.push([rootNum, writeDict(catalog)]);

  const oldInfo = xref.trailer.get("Info")?.ref;
  const dict: PdfDict = oldInfo === undefined ? new Map() : readObjectDict(text, xref, oldInfo);
  dict.set("Title", { raw: pdfText(info.title) });
  if (info.author) dict.set("Author", { raw: pdfText(info.author) });
  if (info.subject) dict.set("Subject", { raw: pdfText(info.subject) });
  dict.set("Creator", { raw: pdfText(CREATOR) });
  dict.set("Producer", { raw: pdfText(PRODUCER) });
  const infoNum = oldInfo ?? next++;
  objects.push([infoNum, writeDict(dict)]);

  const all = objectBodies(text, xref);
  for (const [num, value] of objects) all.set(num, `\n${value}\n`);
  return { bytes: writePacked(all, { root: rootNum, info: infoNum }), pages: pages.length };
}

/** The printed PDF with its information, language and bookmarks. */
export async function finishPdf(raw: Uint8Array, info: FinishInfo, outline: readonly OutlineEntry[]): Promise<Finished> {
  let done: Finished | undefined;
  try {
    done = packed(raw, info, outline);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
  }
  // pdf-lib is loaded only for a PDF that needs it: a build without one never pays its load
  return done ?? (await import("./rewrite.js")).rewritten(raw, info, outline);
}
