/**
 * The reader's check of a PDF, for tests: does each page hold every character its slide
 * shows? The work is in bench/lib/pdf-text.mjs (shared with bench/pdf-complete.mjs); this
 * gives it types and lays the deck out with fit/measure's `openLaidOut` from the sources.
 */
import type { Page } from "puppeteer-core";
// @ts-expect-error: plain ESM without declarations (bench/ is not compiled)
import * as impl from "../bench/lib/pdf-text.mjs";
import { openLaidOut } from "../src/fit/measure.js";

export interface IncompletePage {
  /** 1-based page (= slide) number. */
  page: number;
  /** The characters the page lacks, once per missing occurrence (normalised, see `normalise`). */
  missing: string;
  /** Visible characters the slide cuts off (outside the slide box or a clipping ancestor). */
  clipped: string;
  /** The slide's visible text, normalised. */
  text: string;
}

export interface PdfCompleteness {
  pages: number;
  slides: number;
  incomplete: IncompletePage[];
  /** Characters the screen itself cannot draw (no font has them: a box on screen and on paper). */
  unrenderable: { page: number; chars: string }[];
}

const lib = impl as {
  checkDeckPdf(input: {
    page: Page;
    htmlPath: string;
    pdfPath: string;
    open: typeof openLaidOut;
    timeout?: number;
  }): Promise<PdfCompleteness>;
  missingChars(expected: string, actual: string): string;
  normalise(text: string): string;
  visibleSlideTexts(page: Page): Promise<{ text: string; clipped: string; unrenderable: string }[]>;
};

/** Open the deck at `htmlPath` in the measuring layout and compare each slide with its PDF page. */
export const checkDeckPdf = (page: Page, htmlPath: string, pdfPath: string) =>
  lib.checkDeckPdf({ page, htmlPath, pdfPath, open: openLaidOut });
export const { missingChars, normalise, visibleSlideTexts } = lib;
