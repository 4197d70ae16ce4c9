import { writeFile } from "node:fs/promises";
import type { JSHandle, Page } from "puppeteer-core";
import { openLaidOut } from "../../fit/measure.js";
import type { DeckMeta, Plan, Stage } from "../../types.js";
import { outlineOf } from "./bookmarks.js";
import { finishPdf } from "./finish.js";
import { joinPdfs, SHEET_LINK } from "./join.js";

/**
 * Sheets printed per `page.pdf()`: Chromium lays out and records every page it prints before
 * writing any, so one print of a 1,600-slide deck took its renderer past 1.3 GB (and over the
 * timeout on a busy machine); printed a chunk at a time, the other sheets out of the document,
 * its memory stays that of a chunk, and the chunks are joined (join.ts). Each chunk's PDF has
 * its own subsets of the fonts: more chunks, a larger file.
 */
export const PRINT_CHUNK = 200;

export interface PdfInfo {
  pages: number;
  bytes: number;
  /** The PDF itself (handouts are made from it). */
  data: Uint8Array;
}

/** How the page holding the deck is set up when printing starts. */
export interface PrintSetup {
  /** Slide size in CSS px (one PDF page each). */
  width: number;
  height: number;
  /** The page already shows this deck in the measuring layout (the fit pass just measured it). */
  laidOut: boolean;
}

/**
 * Pages for print, on top of the measuring layout (fit/measure): each slide box is wrapped
 * in a page-sized sheet that starts a new page, with the slide inside it positioned out of
 * flow, and the sheets follow each other directly (no stack containers around them).
 * Chromium then paginates 155 sheets in about 0.7 s; printing the same slides as boxes in
 * the normal flow took 7 s (its fragmentation walks the whole flow per page), and reveal.js's
 * own `?print-pdf` view needs a second page load plus its layout pass. While the sheets are
 * made the page shows nothing on screen (`lectern-printing`): printing lays the deck out in
 * print media anyway, and a screen layout of the sheets first cost 15% of the print. The
 * stylesheet goes in with the sheets, in one task: added after them, a frame between the two
 * laid the sheets out on screen (1.3 s of a 1,000-slide deck's print).
 */
const PRINT_CSS = (w: number, h: number) => `
html.lectern-printing { display: none !important; }
@media print { html.lectern-printing { display: block !important; visibility: visible !important; } }
@page { size: ${w}px ${h}px; margin: 0; }
html, body { margin: 0 !important; padding: 0 !important; background: var(--lectern-bg); }
html, body, .reveal, .reveal * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.reveal .slides { counter-reset: lectern-page; }
.reveal .slides .lectern-sheet { position: relative; overflow: hidden; z-index: 1; width: ${w}px; height: ${h}px; break-before: page; background: var(--lectern-bg); counter-increment: lectern-page; }
.reveal .slides .lectern-sheet > section { position: absolute !important; inset: 0 !important; margin: 0 !important; padding: calc(var(--lectern-pad-y) * 1px) calc(var(--lectern-pad-x) * 1px); }
.reveal .slides .lectern-sheet::after { content: counter(lectern-page); position: absolute; z-index: 2; right: 16px; bottom: 12px; font: 14px/1 var(--lectern-font-sans); color: var(--lectern-slide-number-fg); font-variant-numeric: tabular-nums; }
`;

/** Put sheets `from` to `to` alone in the deck, their page numbers going on from `from`. */
const showSheets = (page: Page, sheets: JSHandle<HTMLElement[]>, from: number, to: number) =>
  page.evaluate(
    (sheets, from, to) => {
      const container = document.querySelector<HTMLElement>(".reveal .slides");
      if (!container) return;
      container.replaceChildren(...sheets.slice(from, to));
      container.style.counterReset = `lectern-page ${from}`;
    },
    sheets,
    from,
    to,
  );

/**
 * Links to an element on a sheet of another chunk made web links to that sheet (SHEET_LINK:
 * Chromium writes no link to an element not in the document; join.ts makes them internal
 * again), or, with `back`, what they were.
 */
const retargetLinks = (sheets: JSHandle<HTMLElement[]>, chunk: number, back: boolean) =>
  sheets.evaluate(
    (sheets, chunk, back, prefix) => {
      if (back) {
        for (const a of document.querySelectorAll<HTMLAnchorElement>("a[data-lectern-href]")) {
          a.setAttribute("href", a.dataset.lecternHref ?? "");
          delete a.dataset.lecternHref;
        }
        return;
      }
      const home = new Map<string, number>();
      sheets.forEach((sheet, i) => {
        for (const el of sheet.querySelectorAll("[id]")) if (!home.has(el.id)) home.set(el.id, i);
      });
      sheets.forEach((sheet, i) => {
        for (const a of sheet.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
          const href = a.getAttribute("href") ?? "";
          let id = href.slice(1);
          try {
            id = decodeURIComponent(id);
          } catch {}
          const target = home.get(id);
          if (target === undefined || Math.floor(target / chunk) === Math.floor(i / chunk)) continue;
          a.dataset.lecternHref = href;
          a.setAttribute("href", `${prefix}${target}`);
        }
      });
    },
    chunk,
    back,
    SHEET_LINK,
  );

/**
 * Let the renderer free what no longer shows: the boxes of the screen layout the fit measured
 * (all slides) and of the chunk printed last. Blink collects layout objects with its garbage
 * only; left to its own pace, that garbage took a 2,000-slide deck's renderer from 650 MB to
 * over 1 GB while printing, and after a collection it holds 120 MB.
 */
async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send("HeapProfiler.collectGarbage");
  } finally {
    await cdp.detach();
  }
}

/**
 * The deck printed `chunk` sheets at a time, the others out of the document, joined into one
 * PDF; printed at once when the chunks' PDFs are not ones join.ts follows. All sheets are in
 * the deck again at the end. Tagged: the structure tree (headings, lists, tables, figures with
 * their alt text) for screen readers and reflow; Chromium tags by default, said here so it
 * stays on (size: docs).
 */
async function printChunks(page: Page, sheets: JSHandle<HTMLElement[]>, chunk: number, timeout: number): Promise<Uint8Array> {
  const print = () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout });
  const total = await sheets.evaluate((s) => s.length);
  if (total <= chunk) return print();
  const parts: Uint8Array[] = [];
  await retargetLinks(sheets, chunk, false);
  for (let from = 0; from < total; from += chunk) {
    await showSheets(page, sheets, from, from + chunk);
    await collectGarbage(page);
    parts.push(await print());
  }
  await showSheets(page, sheets, 0, total);
  await retargetLinks(sheets, chunk, true);
  try {
    return joinPdfs(parts);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return print();
  }
}

/**
 * Print a built deck to PDF, one page per slide at the slide's size, from the page the fit
 * pass measured (no reload: the deck is already laid out with fonts and images ready), or
 * after opening it in that layout. Then document metadata and bookmarks (finish.ts). It is
 * written inside the deck's temporary folder (export/write-deck), which replaces the old
 * deck only when everything succeeded: a failed print leaves the previous PDF as it was.
 */
export async function printDeckPdf(
  page: Page,
  htmlPath: string,
  pdfPath: string,
  plan: Plan,
  meta: DeckMeta,
  timeout: number,
  setup: PrintSetup,
  watch?: { lap(stage: Stage): void },
  chunk = PRINT_CHUNK,
): Promise<PdfInfo> {
  const { width, height } = setup;
  if (!setup.laidOut) await openLaidOut(page, htmlPath, width, height, timeout);
  const sheets = await page.evaluateHandle(
    (css) => {
      // one flat run of sheets, in slide order (vertical stacks dissolve: they are only containers)
      // reveal.css restyles any printed page whose root lacks .print-pdf (its Ctrl+P handout look)
      const style = document.createElement("style");
      style.textContent = css;
      document.head.append(style);
      document.documentElement.classList.add("print-pdf", "lectern-printing");
      const container = document.querySelector(".reveal .slides");
      if (!container) return [];
      const sheets = [...container.querySelectorAll("section[data-lectern-slide]")].map((slide) => {
        const sheet = document.createElement("div");
        sheet.className = "lectern-sheet";
        sheet.append(slide);
        return sheet;
      });
      container.replaceChildren(...sheets);
      return sheets;
    },
    PRINT_CSS(width, height),
  );
  const raw = await printChunks(page, sheets, chunk, timeout).finally(() => sheets.dispose());
  watch?.lap("print");
  const info = { title: plan.title, author: meta.author, subject: meta.subtitle, lang: plan.lang };
  const { bytes, pages } = await finishPdf(raw, info, outlineOf(plan));
  await writeFile(pdfPath, bytes);
  watch?.lap("pdf-finish");
  return { pages, bytes: bytes.length, data: bytes };
}
