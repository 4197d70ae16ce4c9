import { readFile, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { JSHandle, Page } from "puppeteer-core";
import { openLaidOut, openPart } from "../../fit/measure.js";
import { halfway, halvesAt, type SecondHalf } from "../../fit/measurer.js";
import { deckSections } from "../../fit/sections.js";
import type { DeckMeta, Plan, Stage } from "../../types.js";
import { outlineOf } from "./bookmarks.js";
import { finishPdf } from "./finish.js";
import { joinPdfs } from "./join.js";
import { makeSheets, retargetLinks, sheetHomes, showSheets } from "./sheets.js";

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
  /** The page already shows this deck in the measuring layout (the fit pass just measured it): whole, or its first half when `split`. */
  laidOut: boolean;
  /** The page showing the deck's second half, when the fit laid it out in two halves. */
  split?: SecondHalf | undefined;
  /** Opens another page of the deck's browser (a renderer of its own), to lay out and print half of a long deck on the other core. */
  another?: (() => Promise<Page>) | undefined;
}

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

/** The sheets a page prints, and the page. */
interface Printer {
  page: Page;
  sheets: JSHandle<HTMLElement[]>;
}

/** Sheets `from` to `to` of the deck printed `chunk` at a time, in order. */
async function printRange(p: Printer, from: number, to: number, chunk: number, timeout: number): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for (let at = from; at < to; at += chunk) {
    await showSheets(p.page, p.sheets, at, Math.min(at + chunk, to));
    await collectGarbage(p.page);
    parts.push(await p.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout }));
  }
  return parts;
}

/** The sheet each chunk starts at: `chunk` sheets at a time from 0 to `mid`, and from `mid` to `total`. */
function chunkStarts(total: number, mid: number, chunk: number): number[] {
  const cuts: number[] = [];
  for (let at = 0; at < mid; at += chunk) cuts.push(at);
  for (let at = mid; at < total; at += chunk) cuts.push(at);
  return cuts;
}

/** The second page of a deck laid out in halves (it shows the slides from `mid` on), made sheets. */
interface SecondPrinter {
  mid: number;
  printer: Promise<Printer>;
}

/**
 * The deck printed in chunks of at most `chunk` sheets, the others out of the document, joined
 * into one PDF (join.ts); printed at once when it is one chunk. With a `second` page (another
 * renderer: the machine's other core), the deck's second half is printed there at the same
 * time. When the chunks' PDFs are not ones join.ts follows, `atOnce` prints it in one go. All
 * sheets are in the first page's deck again at the end. Tagged: the structure tree (headings,
 * lists, tables, figures with their alt text) for screen readers and reflow; Chromium tags by
 * default, said here so it stays on (size: docs).
 */
async function printChunks(
  first: Printer,
  second: SecondPrinter | undefined,
  chunk: number,
  timeout: number,
  atOnce: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const total = await first.sheets.evaluate((s) => s.length);
  const mid = second?.mid ?? total;
  const cuts = chunkStarts(total, mid, chunk);
  if (cuts.length <= 1 && !second) return atOnce();
  let parts: Uint8Array[] = [];
  let home: Record<string, number> = {};
  try {
    const other = await second?.printer;
    // each half's page holds the elements of its own slides only
    home = { ...(other ? await sheetHomes(other.sheets) : {}), ...(await sheetHomes(first.sheets)) };
    await retargetLinks(first.sheets, cuts, home, false);
    if (other) await retargetLinks(other.sheets, cuts, home, false);
    const [own, theirs] = await Promise.all([
      printRange(first, 0, mid, chunk, timeout),
      other ? printRange(other, mid, total, chunk, timeout) : [],
    ]);
    parts = [...own, ...theirs];
  } finally {
    await showSheets(first.page, first.sheets, 0, total);
    await retargetLinks(first.sheets, cuts, home, true);
  }
  try {
    return joinPdfs(parts);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return atOnce();
  }
}

/**
 * Open the deck to print it, in the measuring layout: in two halves at once, one a page, when
 * it is long enough and a second page can be had (the machine has a second core), else whole.
 * The second half, if it was cut in two.
 */
async function openDeck(page: Page, htmlPath: string, setup: PrintSetup, timeout: number): Promise<SecondHalf | undefined> {
  const { width, height, another } = setup;
  const html = another && availableParallelism() >= 2 ? await readFile(htmlPath, "utf8") : undefined;
  const sections = html === undefined ? undefined : deckSections(html);
  const mid = sections && halfway(sections);
  if (!another || html === undefined || !sections || mid === undefined) {
    await openLaidOut(page, htmlPath, width, height, timeout);
    return undefined;
  }
  const [first, rest] = halvesAt(sections, mid);
  const second = await another();
  try {
    await Promise.all([
      openPart(page, { htmlPath, html, sections, keep: first, name: ".lectern-half-0.html" }, width, height, timeout),
      openPart(second, { htmlPath, html, sections, keep: rest, name: ".lectern-half-1.html" }, width, height, timeout),
    ]);
    return { page: second, mid };
  } catch (err) {
    await second.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Print a built deck to PDF, one page per slide at the slide's size, from the page(s) the fit
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
  const opened = setup.laidOut ? undefined : await openDeck(page, htmlPath, setup, timeout);
  const split = setup.laidOut ? setup.split : opened;
  let sheets: JSHandle<HTMLElement[]> | undefined;
  let raw: Uint8Array;
  try {
    sheets = await makeSheets(page, width, height);
    const printer = split && makeSheets(split.page, width, height).then((s) => ({ page: split.page, sheets: s }));
    printer?.catch(() => undefined); // awaited by printChunks, or of no use once it failed
    const second = split && printer && { mid: split.mid, printer };
    const print = () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout });
    const atOnce = async () => {
      if (!split) return print();
      // the first page holds the first half only: the whole deck, in it
      await openLaidOut(page, htmlPath, width, height, timeout);
      sheets = await makeSheets(page, width, height);
      return print();
    };
    raw = await printChunks({ page, sheets }, second, chunk, timeout, atOnce);
  } finally {
    await sheets?.dispose().catch(() => undefined);
    await opened?.page.close().catch(() => undefined);
  }
  watch?.lap("print");
  const info = { title: plan.title, author: meta.author, subject: meta.subtitle, lang: plan.lang };
  const { bytes, pages } = await finishPdf(raw, info, outlineOf(plan));
  await writeFile(pdfPath, bytes);
  watch?.lap("pdf-finish");
  return { pages, bytes: bytes.length, data: bytes };
}
