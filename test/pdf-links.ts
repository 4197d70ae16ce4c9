/** A PDF's internal links, read with pdf-lib: shared by the PDF tests. */
import { readFileSync } from "node:fs";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from "pdf-lib";

/**
 * The PDF's internal links (a `/Dest`, or a `GoTo` action): for each, the 1-based page it is on
 * and the one it lands on (0: it lands nowhere).
 */
export async function internalLinks(file: string): Promise<[number, number][]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const pages = doc.getPages();
  const named = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  const pageOf = (dest: unknown): number => {
    const array = dest instanceof PDFName ? named?.lookupMaybe(dest, PDFArray) : dest instanceof PDFArray ? dest : undefined;
    const target = array?.get(0);
    return target instanceof PDFRef ? pages.findIndex((p) => p.ref === target) + 1 : 0;
  };
  return pages.flatMap((page, i) => {
    const annots = page.node.Annots();
    return Array.from({ length: annots?.size() ?? 0 }, (_, k) => annots?.lookup(k, PDFDict)).flatMap((annot): [number, number][] => {
      if (!annot) return [];
      if (annot.get(PDFName.of("Dest"))) return [[i + 1, pageOf(annot.lookup(PDFName.of("Dest")))]];
      const action = annot.lookupMaybe(PDFName.of("A"), PDFDict);
      return action?.get(PDFName.of("S")) === PDFName.of("GoTo") ? [[i + 1, pageOf(action.lookup(PDFName.of("D")))]] : [];
    });
  });
}
