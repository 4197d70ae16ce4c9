import { pathToFileURL } from "node:url";
import { PDFDocument, type PDFPage, rgb } from "pdf-lib";
import type { Page } from "puppeteer-core";
import type { Paper } from "../../types.js";

/** Paper sizes in mm, portrait (what CSS `@page` and the sheets are sized in). */
const PAPER_MM: Record<Paper, [number, number]> = { a4: [210, 297], letter: [215.9, 279.4] };

/** A handout page: its size and whether it lies on its side. */
export interface Sheet {
  paper: Paper;
  landscape: boolean;
}

/** The CSS every handout prints with: the paper, no margins, one `.lectern-handout-sheet` per page. */
export function sheetCss({ paper, landscape }: Sheet): string {
  const [pw, ph] = PAPER_MM[paper];
  const [w, h] = landscape ? [ph, pw] : [pw, ph];
  return `
@page { size: ${w}mm ${h}mm; margin: 0; }
html, body { margin: 0 !important; padding: 0 !important; background: white !important; overflow: visible !important; height: auto !important; }
.lectern-handout-sheet { position: relative; width: ${w}mm; height: ${h}mm; box-sizing: border-box; page-break-after: always; break-after: page; overflow: hidden; font-family: "Noto Sans SC", sans-serif; color: #111; }
`;
}

/** Open the built deck (scripts off) so that the sheets print with its own fonts. */
export async function openDeck(page: Page, htmlPath: string, timeout: number): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load", timeout });
}

/**
 * Print the given sheets (HTML, one `.lectern-handout-sheet` each) in the open deck's page:
 * its body is replaced and the deck's theme and reveal.js styles removed, its font faces kept,
 * so every glyph on a handout is in a font Chromium embeds (a pdf-lib standard font is not).
 */
export async function printSheets(page: Page, sheets: string[], css: string, timeout: number): Promise<PDFDocument> {
  await page.evaluate(
    (html: string, style: string) => {
      document.body.className = "";
      document.body.innerHTML = html;
      const element = document.createElement("style");
      element.textContent = style;
      document.head.append(element);
      for (const link of document.querySelectorAll('link[href*="theme.css"], link[href*="reveal.css"]')) link.remove();
    },
    sheets.join(""),
    css,
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  return PDFDocument.load(await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout }));
}

/** A box on a page, in PDF points (origin bottom left). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The slide frame: a thin grey line drawn over the slide's edges, all four sides alike. */
export function drawFrame(sheet: PDFPage, box: Box): void {
  sheet.drawRectangle({ x: box.x, y: box.y, width: box.w, height: box.h, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5 });
}
