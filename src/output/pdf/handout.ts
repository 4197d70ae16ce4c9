import { pathToFileURL } from "node:url";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { Page } from "puppeteer-core";
import type { Paper } from "../../types.js";

const PAPER: Record<Paper, [number, number]> = { a4: [595.28, 841.89], letter: [612, 792] };
const MARGIN = 36;
const GAP = 18;

interface Slot {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the slides go on a page (PDF points, origin bottom left), and the page size. */
function grid(layout: 2 | 3 | 4 | 6, paper: Paper, aspect: number): { size: [number, number]; slots: Slot[]; ruled: boolean } {
  const [pw, ph] = PAPER[paper];
  const landscape = layout === 4;
  const [w, h] = landscape ? [ph, pw] : [pw, ph];
  const cols = layout === 2 || layout === 3 ? 1 : 2;
  const rows = layout === 2 ? 2 : layout === 3 ? 3 : layout === 4 ? 2 : 3;
  const ruled = layout === 3;
  const areaW = (w - 2 * MARGIN - (cols - 1) * GAP) * (ruled ? 0.52 : 1);
  const areaH = (h - 2 * MARGIN - 14 - (rows - 1) * GAP) / rows;
  const slotW = Math.min(areaW / (ruled ? 1 : cols) - (ruled ? 0 : 0), areaH * aspect);
  const slotH = slotW / aspect;
  const slots: Slot[] = [];
  const usedW = ruled ? slotW : cols * slotW + (cols - 1) * GAP;
  const left = ruled ? MARGIN : (w - usedW) / 2;
  const usedH = rows * slotH + (rows - 1) * GAP;
  const top = h - MARGIN - (h - 2 * MARGIN - 14 - usedH) / 2;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      slots.push({ x: left + c * (slotW + GAP), y: top - (r + 1) * slotH - r * GAP, w: slotW, h: slotH });
    }
  }
  return { size: [w, h], slots, ruled };
}

/** N slides per page, vector (the slide PDF's own pages placed and scaled); 3-up with ruled lines for notes. */
export async function nUpHandout(slidesPdf: Uint8Array, layout: 2 | 3 | 4 | 6, paper: Paper, title: string): Promise<Uint8Array> {
  const source = await PDFDocument.load(slidesPdf);
  const out = await PDFDocument.create();
  const font = await out.embedFont(StandardFonts.Helvetica);
  const pages = await out.embedPages(source.getPages());
  const first = source.getPage(0);
  const aspect = first.getWidth() / first.getHeight();
  const { size, slots, ruled } = grid(layout, paper, aspect);
  const perPage = slots.length;
  const sheets = Math.ceil(pages.length / perPage);
  for (let s = 0; s < sheets; s++) {
    const sheet = out.addPage(size);
    slots.forEach((slot, k) => {
      const embedded = pages[s * perPage + k];
      if (!embedded) return;
      sheet.drawPage(embedded, { x: slot.x, y: slot.y, width: slot.w, height: slot.h });
      sheet.drawRectangle({ x: slot.x, y: slot.y, width: slot.w, height: slot.h, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5 });
      if (ruled) {
        const x0 = slot.x + slot.w + GAP;
        const x1 = size[0] - MARGIN;
        for (let y = slot.y + slot.h - 18; y >= slot.y; y -= 20) {
          sheet.drawLine({ start: { x: x0, y }, end: { x: x1, y }, thickness: 0.4, color: rgb(0.7, 0.7, 0.7) });
        }
      }
    });
    sheet.drawText(`${s + 1} / ${sheets}`, { x: size[0] / 2 - 12, y: MARGIN / 2, size: 8, font, color: rgb(0.4, 0.4, 0.4) });
  }
  out.setTitle(`${title} — handout`);
  out.setCreator("Lectern");
  return out.save();
}

/** The notes page layout, in CSS (mm) and in PDF points: slide box on top, notes below. */
const NOTES_CSS = (paper: Paper) => {
  const [w] = PAPER[paper];
  const widthMm = (w / 72) * 25.4;
  return `
@page { size: ${paper === "a4" ? "A4" : "letter"} portrait; margin: 0; }
html, body { margin: 0 !important; padding: 0 !important; background: white !important; overflow: visible !important; height: auto !important; }
.lectern-handout-page { width: ${widthMm}mm; height: ${paper === "a4" ? 297 : 279.4}mm; box-sizing: border-box; padding: 12.7mm; page-break-after: always; break-after: page; overflow: hidden; font-family: "Noto Sans SC", sans-serif; color: #111; }
.lectern-handout-slot { width: 100%; aspect-ratio: 16 / 9; border: 0.5pt solid #999; box-sizing: border-box; }
.lectern-handout-notes { margin-top: 8mm; font-size: 11pt; line-height: 1.6; }
.lectern-handout-notes p { margin: 0 0 3mm; }
.lectern-handout-number { font-size: 8pt; color: #666; margin-top: 2mm; }
`;
};

/**
 * One page per slide: the slide (vector, from the slide PDF) above its speaker notes.
 * Chromium lays out and prints the notes (CJK and math with the deck's own fonts);
 * pdf-lib then places each slide page in the box left for it.
 */
export async function notesHandout(
  page: Page,
  htmlPath: string,
  slidesPdf: Uint8Array,
  paper: Paper,
  title: string,
  timeout: number,
): Promise<Uint8Array> {
  await page.setJavaScriptEnabled(false);
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load", timeout });
  await page.evaluate((css: string) => {
    const slides = [...document.querySelectorAll<HTMLElement>("section[data-lectern-slide]")].filter(
      (s) => !s.classList.contains("lectern-stack"),
    );
    const pages = slides.map((s, i) => {
      const notes = s.querySelector(":scope > aside.notes")?.innerHTML ?? "";
      return `<div class="lectern-handout-page"><div class="lectern-handout-slot"></div><div class="lectern-handout-number">${i + 1}</div><div class="lectern-handout-notes">${notes}</div></div>`;
    });
    document.body.className = "";
    document.body.innerHTML = pages.join("");
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
    for (const link of document.querySelectorAll('link[href*="theme.css"], link[href*="reveal.css"]')) link.remove();
  }, NOTES_CSS(paper));
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const notesPdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout });
  const doc = await PDFDocument.load(notesPdf);
  const slides = await PDFDocument.load(slidesPdf);
  const embedded = await doc.embedPages(slides.getPages());
  const [pw, ph] = PAPER[paper];
  const pad = (12.7 / 25.4) * 72;
  const w = pw - 2 * pad;
  const first = slides.getPage(0);
  const h = (w * first.getHeight()) / first.getWidth();
  doc.getPages().forEach((sheet, i) => {
    const slide = embedded[i];
    if (slide) sheet.drawPage(slide, { x: pad, y: ph - pad - h, width: w, height: h });
  });
  doc.setTitle(`${title} — notes`);
  doc.setCreator("Lectern");
  return doc.save();
}
