/**
 * A printed PDF finished by pdf-lib (finish.ts uses it only for a PDF its own reader does not
 * follow): every object parsed, the information, language and bookmarks set, the whole file
 * written again. Loaded on demand: pdf-lib costs a build that needs no PDF nothing.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from "pdf-lib";
import type { OutlineEntry } from "./bookmarks.js";
import { CREATOR, type Finished, type FinishInfo, PRODUCER } from "./pdf-info.js";

/** The same with pdf-lib: parse every object, then write the whole file again. */
export async function rewritten(raw: Uint8Array, info: FinishInfo, outline: readonly OutlineEntry[]): Promise<Finished> {
  const doc = await PDFDocument.load(raw);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author) doc.setAuthor(info.author);
  if (info.subject) doc.setSubject(info.subject);
  doc.setLanguage(info.lang);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  addOutline(doc, outline);
  return { bytes: await doc.save(), pages: doc.getPageCount() };
}

/** Write outline entries into the PDF's catalog (pdf-lib has no high-level outline API). */
export function addOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (!entries.length) return;
  const context = doc.context;
  const pageRefs = doc.getPages().map((p) => p.ref);
  const rootRef = context.nextRef();

  const build = (items: readonly OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((item, i) => {
      const ref = refs[i] as PDFRef;
      const target = pageRefs[Math.min(item.page, pageRefs.length - 1)];
      const d = PDFDict.withContext(context);
      d.set(PDFName.of("Title"), PDFHexString.fromText(item.title));
      d.set(PDFName.of("Parent"), parent);
      if (i > 0) d.set(PDFName.of("Prev"), refs[i - 1] as PDFRef);
      if (i < refs.length - 1) d.set(PDFName.of("Next"), refs[i + 1] as PDFRef);
      if (target) {
        const dest = PDFArray.withContext(context);
        dest.push(target);
        dest.push(PDFName.of("XYZ"));
        dest.push(PDFNull);
        dest.push(PDFNull);
        dest.push(PDFNull);
        d.set(PDFName.of("Dest"), dest);
      }
      if (item.children.length) {
        const sub = build(item.children, ref);
        d.set(PDFName.of("First"), sub.first);
        d.set(PDFName.of("Last"), sub.last);
        d.set(PDFName.of("Count"), PDFNumber.of(-sub.count)); // closed by default
      }
      context.assign(ref, d);
      count += 1;
    });
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef, count };
  };

  const top = build(entries, rootRef);
  const root = PDFDict.withContext(context);
  root.set(PDFName.of("Type"), PDFName.of("Outlines"));
  root.set(PDFName.of("First"), top.first);
  root.set(PDFName.of("Last"), top.last);
  root.set(PDFName.of("Count"), PDFNumber.of(top.count));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
