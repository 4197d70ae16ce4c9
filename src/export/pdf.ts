import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { PDFDocument } from "pdf-lib";
import type { Page } from "puppeteer-core";
import type { DeckMeta, Plan } from "../types.js";
import { addOutline, outlineOf } from "./outline.js";

export interface PdfInfo {
  pages: number;
  bytes: number;
  /** The PDF itself (handouts are made from it). */
  data: Uint8Array;
}

/**
 * Print a built deck to PDF: reveal.js's print view (one page per slide, page size = slide
 * size), one `page.pdf()` call once fonts, images and the print layout are ready; then
 * document metadata. It is written inside the deck's temporary folder (export/write-deck),
 * which replaces the old deck only when everything succeeded: a failed print leaves the
 * previous PDF as it was.
 */
export async function printDeckPdf(
  page: Page,
  htmlPath: string,
  pdfPath: string,
  plan: Plan,
  meta: DeckMeta,
  timeout: number,
): Promise<PdfInfo> {
  await page.setJavaScriptEnabled(true);
  await page.goto(`${pathToFileURL(htmlPath).href}?print-pdf`, { waitUntil: "load", timeout });
  await page.waitForFunction(
    () => {
      const reveal = (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal;
      return Boolean(reveal?.isReady()) && document.querySelectorAll(".reveal .slides .pdf-page").length > 0;
    },
    { timeout, polling: 50 },
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  const raw = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout });
  const doc = await PDFDocument.load(raw);
  doc.setTitle(plan.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subtitle) doc.setSubject(meta.subtitle);
  doc.setLanguage(plan.lang);
  doc.setCreator("Lectern");
  doc.setProducer("Lectern (Chromium + pdf-lib)");
  addOutline(doc, outlineOf(plan));
  const bytes = await doc.save();
  await writeFile(pdfPath, bytes);
  return { pages: doc.getPageCount(), bytes: bytes.length, data: bytes };
}
