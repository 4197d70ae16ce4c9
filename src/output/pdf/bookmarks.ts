import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from "pdf-lib";
import { wordsFor } from "../../render/words.js";
import type { Plan } from "../../types.js";

export interface OutlineEntry {
  title: string;
  /** 0-based page. */
  page: number;
  children: OutlineEntry[];
}

/**
 * Bookmarks of a deck's PDF (one page per slide, in plan order): an entry per top-level
 * stack — the section, or the title — with a child per slide title (continuations skipped).
 */
export function outlineOf(plan: Plan): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let page = 0;
  for (const stack of plan.stacks) {
    const [head, ...rest] = stack.slides;
    if (!head) continue;
    const entry: OutlineEntry = {
      title: head.kind === "agenda" ? wordsFor(plan.lang).agenda : (head.title ?? `Slide ${page + 1}`),
      page,
      children: [],
    };
    page++;
    for (const slide of rest) {
      if (!slide.continued && slide.title && slide.title !== entry.children[entry.children.length - 1]?.title) {
        entry.children.push({ title: slide.title, page, children: [] });
      }
      page++;
    }
    entries.push(entry);
  }
  return entries;
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
