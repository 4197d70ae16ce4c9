/**
 * The data of the pipeline's back half: what a deck's steps produce (the deck folder, its PDF,
 * handouts and single file), what the deck folder remembers (its record), the course index's
 * entries, and a run's result. Options and their resolved forms live in `config/`.
 */
import type { BuildResult, Diagnostic, HandoutLayout } from "./pipeline.js";

/** What the fit pass did to one deck. */
export interface FitReport {
  measured: number;
  /** Overflowing slides that were re-planned (counted per pass). */
  replanned: number;
  /** Slides whose content was scaled down because it could not be split further. */
  scaled: number;
  passes: number;
  /** Measured/estimated height of the deck's content when the estimates were rescaled (1 = untouched). */
  calibration?: number;
  /**
   * Slides too large even at their legible scale (no text below 16 px, plan/legible): 0-based
   * source line, title, px beyond the slide at that scale, and the scale they were shrunk to
   * instead so that nothing is cut (undefined: they still overflow).
   */
  overflowing: { line: number; title: string; px: number; scale?: number | undefined }[];
  /** Slide measurements laid out in the browser, over every pass. */
  inBrowser: number;
  /** Slide measurements reused (the same slide, theme, fonts, size, Lectern and Chromium measured before), over every pass. */
  reused: number;
  /** Browser pages the deck was laid out in at once: 2 for a long deck, in two halves (one per core). */
  pages?: number;
}

/** One file written beside a deck's index.html. */
export interface WrittenFile {
  path: string;
  bytes: number;
}

export interface DeckOutput {
  /** The article's path as given. */
  input: string;
  /** Deck name: the folder under `outDir`. */
  name: string;
  /** The deck folder. */
  dir: string;
  /** `dir/index.html` was written (false: the article gave no deck, or writing failed). */
  written: boolean;
  /** Number of slides in the deck. */
  slides: number;
  result: BuildResult;
  diagnostics: Diagnostic[];
  /** What the browser fit did (undefined when it did not run). */
  fit?: FitReport;
  /** The PDF written, if any. */
  pdf?: WrittenFile & { pages: number };
  /** The self-contained single file, when asked for. */
  standalone?: WrittenFile;
  /** The editable PowerPoint file, when asked for: its slides, and its formulas as native equations or pictured. */
  pptx?: WrittenFile & { slides: number; equations: number; pictured: number };
  /** Nothing changed since the last build: the deck folder was left as it was. */
  cached?: boolean;
  /** Handout PDFs written. */
  handouts: (WrittenFile & { layout: HandoutLayout; pages: number })[];
}

export interface RunResult {
  decks: DeckOutput[];
  diagnostics: Diagnostic[];
  /** No errors (and, with `strict`, no warnings). */
  ok: boolean;
  /** A browser was needed (for a PDF) and none was found: the CLI exits with 3. */
  browserMissing: boolean;
}

/** What the course index shows of a deck: plain data, links relative to the deck folder. */
export interface CourseEntry {
  title: string;
  subtitle?: string;
  author?: string;
  date?: string;
  lang: string;
  slides: number;
  /** Top-level sections, each with the reveal.js hash of its slide (`#/1-intro`) when it has one. */
  sections: { title: string; hash?: string }[];
  /** Files beside the deck's index.html to download: the PDF (no `handout`) and the handouts. */
  downloads: { file: string; handout?: HandoutLayout }[];
}

/**
 * What a built deck folder remembers about how it was made (`<deck>/.lectern.json`). It holds
 * no filesystem path: files are named relative to the deck folder, local media relative to the
 * project root, and diagnostics without the article's path (a build puts its own back).
 */
export interface DeckRecord {
  key: string;
  diagnostics: Omit<Diagnostic, "file">[];
  /** Local files the deck copied (project-root relative, `/`-separated), with what they were then. */
  media: Record<string, { size: number; mtimeMs: number }>;
  fit?: FitReport;
  pdf?: { file: string; pages: number; bytes: number };
  handouts: { layout: HandoutLayout; file: string; pages: number; bytes: number }[];
  standalone?: { file: string; bytes: number };
  pptx?: { file: string; bytes: number; slides: number; equations: number; pictured: number };
  /** The deck's entry on the course index. */
  entry: CourseEntry;
}

/**
 * What a run reports while it works (`RunOptions.onProgress`): a deck starts, a step of a deck
 * starts (`render`: source to HTML; then the deck's STEPS by name: `browser`, `fit`, `pdf`,
 * `handouts`, …, with the deck's slide count so far), a deck is done.
 */
export type ProgressEvent =
  | { type: "deck-start"; input: string; name: string; index: number; total: number }
  | { type: "step"; input: string; name: string; step: string; slides: number }
  | { type: "deck-done"; deck: DeckOutput; done: number; total: number };
