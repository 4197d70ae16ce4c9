import type { Page } from "puppeteer-core";
import type { BrowserSession } from "../../browser/session.js";
import type { DeckContext } from "../../config/deck-context.js";
import type { Diagnostics } from "../../diagnostics/collect.js";
import type { MeasureEntries, MeasureStore } from "../../fit/cache.js";
import type { SecondHalf } from "../../fit/measurer.js";
import type { WarmPage } from "../../fit/warm.js";
import type { RenderMemo } from "../../render/memo.js";
import type { Stopwatch } from "../../timings.js";
import type { DeckOutput } from "../../types.js";

/** One deck being built: its context, the temporary folder its files go to, what it has made so far. */
export interface DeckWork {
  readonly ctx: DeckContext;
  /** The temporary deck folder (it replaces the deck folder once every step succeeded). */
  readonly tmp: string;
  /** Filled in step by step (its `result` holds the current plan and HTML). */
  readonly output: DeckOutput;
  /** The steps' own diagnostics. */
  readonly notes: Diagnostics;
  readonly watch: Stopwatch;
  /** The run's browser (undefined when no step of this run needs one). */
  readonly session: BrowserSession | undefined;
  /** The page the browser steps share, once opened (it loads only the files of `tmp`). */
  page?: Page;
  /** The second page the fit laid the deck's second half out in (the PDF prints that half from it). */
  second?: SecondHalf;
  /** Pages opened besides `page` (a long deck's second half): closed with the deck, what they refused reported with its own. */
  readonly others: { page: Page; blocked: string[] }[];
  /** Opens `page` when the fit first needs it: set instead of `page` when the warm page (fit/warm) can measure the deck. */
  openPage?: () => Promise<Page>;
  /** URLs the page refused to load. */
  blocked: string[];
  /** The theme's CSS text, as copied into the deck. */
  readonly themeCss: string;
  /** The cache key the deck's record keeps. */
  readonly key: string;
  /** Slide measurements kept across rebuilds (`serve`); undefined: the deck folder's, with the cache on. */
  readonly measures?: MeasureStore | undefined;
  /** What the deck's renders share (render/memo): the first render's, and, in `serve`, the earlier builds'. */
  readonly memo: RenderMemo;
  /** A measuring page kept across rebuilds (`serve`, fit/warm). */
  readonly warm?: WarmPage | undefined;
  /** The deck was fitted before its folder was written (steps/fit `fitEarly`), with these measurements. */
  readonly fitted?: MeasureEntries | undefined;
}

/**
 * Opens another page of the deck's browser, loading only the deck's files as the first does;
 * it is closed with the deck, and what it refuses is reported with what the first refused.
 */
export function anotherPage(work: DeckWork): (() => Promise<Page>) | undefined {
  const { session } = work;
  if (!session) return undefined;
  return async () => {
    const opened = await session.newPage([], [work.tmp]);
    work.others.push(opened);
    return opened.page;
  };
}

/** A step of a deck's build, run in the order of `STEPS` on the complete temporary folder. */
export interface DeckStep {
  readonly name: string;
  /** Whether this deck needs the step (from the context alone, or from what earlier steps made). */
  wanted(work: DeckWork): boolean;
  run(work: DeckWork): Promise<void>;
}
