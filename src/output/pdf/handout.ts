import { PDFDocument, rgb } from "pdf-lib";
import type { Page } from "puppeteer-core";
import type { Paper } from "../../types.js";
import { type Box, drawFrame, openDeck, printSheets, sheetCss } from "./handout-sheets.js";

const MARGIN = 36;
const GAP = 18;
/** Room for the page number under the slides. */
const FOLIO = 14;
/** The 3-up slide column's share of the width (the ruled lines take the rest). */
const RULED_SHARE = 0.52;

/**
 * Where the slides go on a page of size w × h (PDF points, origin bottom left). Slides are as
 * large as the printable area allows; the height they leave is shared evenly above, between
 * and below the rows, so the margins stay balanced (a 2 × 3 grid of wide slides on portrait
 * paper is limited by the width, and centring the block left two large bands).
 */
function grid(layout: 2 | 3 | 4 | 6, [w, h]: [number, number], aspect: number): Box[] {
  const cols = layout === 4 || layout === 6 ? 2 : 1;
  const rows = layout === 2 || layout === 4 ? 2 : 3;
  const areaW = w - 2 * MARGIN;
  const areaH = h - 2 * MARGIN - FOLIO;
  const columnW = layout === 3 ? areaW * RULED_SHARE : areaW;
  const slotW = Math.min((columnW - (cols - 1) * GAP) / cols, ((areaH - (rows - 1) * GAP) / rows) * aspect);
  const slotH = slotW / aspect;
  const usedW = layout === 3 ? areaW : cols * slotW + (cols - 1) * GAP;
  const left = MARGIN + (areaW - usedW) / 2;
  const space = (areaH - rows * slotH - (rows - 1) * GAP) / (rows + 1);
  const slots: Box[] = [];
  for (let r = 0; r < rows; r++) {
    const top = h - MARGIN - (r + 1) * space - r * (slotH + GAP);
    for (let c = 0; c < cols; c++) slots.push({ x: left + c * (slotW + GAP), y: top - slotH, w: slotW, h: slotH });
  }
  return slots;
}

const NUP_CSS = `
.lectern-handout-folio { position: absolute; left: 0; right: 0; bottom: ${MARGIN / 2 - 2}pt; text-align: center; font-size: 8pt; line-height: 1; color: #666; font-variant-numeric: tabular-nums; }
`;

/** The slide PDF a handout is made from, and its pages' width-to-height ratio. */
async function slidesOf(pdf: Uint8Array): Promise<{ doc: PDFDocument; aspect: number }> {
  const doc = await PDFDocument.load(pdf);
  const first = doc.getPage(0);
  return { doc, aspect: first.getWidth() / first.getHeight() };
}

/**
 * N slides per page, vector (the slide PDF's own pages placed and scaled); 3-up with ruled
 * lines for notes. Chromium prints the pages with their numbers (in the deck's font, embedded);
 * pdf-lib then places the slides.
 */
export async function nUpHandout(
  page: Page,
  htmlPath: string,
  slidesPdf: Uint8Array,
  layout: 2 | 3 | 4 | 6,
  paper: Paper,
  title: string,
  timeout: number,
): Promise<Uint8Array> {
  const { doc: source, aspect } = await slidesOf(slidesPdf);
  const perPage = layout;
  const count = Math.ceil(source.getPageCount() / perPage);
  const folios = Array.from(
    { length: count },
    (_, s) => `<div class="lectern-handout-sheet"><div class="lectern-handout-folio">${s + 1} / ${count}</div></div>`,
  );
  await openDeck(page, htmlPath, timeout);
  const out = await printSheets(page, folios, sheetCss({ paper, landscape: layout === 4 }) + NUP_CSS, timeout);
  const pages = await out.embedPages(source.getPages());
  out.getPages().forEach((sheet, s) => {
    const size: [number, number] = [sheet.getWidth(), sheet.getHeight()];
    grid(layout, size, aspect).forEach((slot, k) => {
      const embedded = pages[s * perPage + k];
      if (!embedded) return;
      sheet.drawPage(embedded, { x: slot.x, y: slot.y, width: slot.w, height: slot.h });
      drawFrame(sheet, slot);
      if (layout !== 3) return;
      const x0 = slot.x + slot.w + GAP;
      const x1 = size[0] - MARGIN;
      for (let y = slot.y + slot.h - 18; y >= slot.y; y -= 20) {
        sheet.drawLine({ start: { x: x0, y }, end: { x: x1, y }, thickness: 0.4, color: rgb(0.7, 0.7, 0.7) });
      }
    });
  });
  out.setTitle(`${title} — handout`);
  out.setCreator("Lectern");
  return out.save();
}

/** The notes page's padding, in mm (CSS) and in PDF points (where pdf-lib places the slide). */
const NOTES_PAD_MM = 12.7;
const NOTES_PAD = (NOTES_PAD_MM / 25.4) * 72;

/** The notes page: an empty box the slide's shape on top (the slide goes there), notes below. */
const NOTES_CSS = (aspect: number) => `
.lectern-handout-sheet { padding: ${NOTES_PAD_MM}mm; }
.lectern-handout-slot { width: 100%; aspect-ratio: ${aspect}; }
.lectern-handout-notes { margin-top: 8mm; font-size: 11pt; line-height: 1.6; }
.lectern-handout-notes p { margin: 0 0 3mm; }
.lectern-handout-number { font-size: 8pt; color: #666; margin-top: 2mm; }
`;

/**
 * One page per slide: the slide (vector, from the slide PDF) above its speaker notes.
 * Chromium lays out and prints the notes (CJK and math with the deck's own fonts);
 * pdf-lib then places each slide page in the box left for it, and frames it.
 */
export async function notesHandout(
  page: Page,
  htmlPath: string,
  slidesPdf: Uint8Array,
  paper: Paper,
  title: string,
  timeout: number,
): Promise<Uint8Array> {
  const { doc: slides, aspect } = await slidesOf(slidesPdf);
  await openDeck(page, htmlPath, timeout);
  const notes = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("section[data-lectern-slide]")]
      .filter((s) => !s.classList.contains("lectern-stack"))
      .map((s) => s.querySelector(":scope > aside.notes")?.innerHTML ?? ""),
  );
  const sheets = notes.map(
    (html, i) =>
      `<div class="lectern-handout-sheet"><div class="lectern-handout-slot"></div><div class="lectern-handout-number">${i + 1}</div><div class="lectern-handout-notes">${html}</div></div>`,
  );
  const doc = await printSheets(page, sheets, sheetCss({ paper, landscape: false }) + NOTES_CSS(aspect), timeout);
  const embedded = await doc.embedPages(slides.getPages());
  doc.getPages().forEach((sheet, i) => {
    const slide = embedded[i];
    if (!slide) return;
    const w = sheet.getWidth() - 2 * NOTES_PAD;
    const box = { x: NOTES_PAD, y: sheet.getHeight() - NOTES_PAD - w / aspect, w, h: w / aspect };
    sheet.drawPage(slide, { x: box.x, y: box.y, width: box.w, height: box.h });
    drawFrame(sheet, box);
  });
  doc.setTitle(`${title} — notes`);
  doc.setCreator("Lectern");
  return doc.save();
}
