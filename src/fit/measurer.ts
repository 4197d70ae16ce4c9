/**
 * The fit's measurements, pass by pass: a slide whose key (fit/cache) was measured before
 * reuses that measure; the rest are laid out in the browser. When every slide is known the
 * browser is not asked at all; when a few are not, the browser lays out a copy of the page in
 * which only those have content (the others keep their tags, so the page's structure is the
 * same); a theme that styles slides by their place gets the whole page instead. A whole page
 * measured after another whole page of the same deck is not loaded again: the slides that
 * changed are replaced in place (fit/relayout), and only they are laid out anew.
 */
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import type { Page } from "puppeteer-core";
import { fromMeasured, type Measured, type MeasureEntries, toMeasured } from "./cache.js";
import { measureSlides, openPart, readMeasures, type SlideMeasure } from "./measure.js";
import { relayout, type Shown, shownDeck } from "./relayout.js";
import { type DeckSections, deckSections, keepOnly, type SlideSection } from "./sections.js";
import type { WarmPage } from "./warm.js";

export interface MeasurerInput {
  /** The page, or how to open it when the browser is first asked (the warm page answers most of serve's rebuilds). */
  page: Page | (() => Promise<Page>);
  /** Where the deck's index.html is (each pass writes the page it measures there). */
  htmlPath: string;
  width: number;
  height: number;
  timeout: number;
  /** The key of a slide of a page (fit/cache `slideKeys`); undefined: no keys, no cache. */
  keyOf?: ((html: string, sections: DeckSections, slide: SlideSection) => string) | undefined;
  /** Measurements of earlier builds; undefined: measure every slide of every pass (`--no-cache`). */
  known?: MeasureEntries | undefined;
  /** Slides are styled by their place among the others: measure them in the whole page. */
  whole?: boolean;
  /** A page kept laid out across rebuilds (fit/warm), which measures a few slides without loading the page. */
  warm?: WarmPage | undefined;
  /** `assetsPrint` of the deck's folder (fit/cache), when the caller has it. */
  assets?: readonly string[] | undefined;
  /**
   * Opens a second page (a renderer of its own): a long deck is then laid out in two halves at
   * once, one a page, on the machine's two cores (and the PDF printed from both).
   */
  another?: (() => Promise<Page>) | undefined;
}

/** The second page of a deck laid out in two halves: it shows the slides from `mid` on, the first page those before. */
export interface SecondHalf {
  page: Page;
  mid: number;
}

export interface Measurer {
  /** The measures of every content slide of `html` (the page just written to `htmlPath`). */
  measure(html: string): Promise<SlideMeasure[]>;
  /** Slides laid out in the browser, and slides whose measure was reused, over every pass. */
  readonly counts: { inBrowser: number; reused: number; pages: number };
  /** What this fit measured or reused, by slide key (what the next build may reuse). */
  readonly used: Map<string, Measured>;
  /**
   * The page shows the last measured deck whole, in the measuring layout (the PDF prints from
   * it), or its first half, `second()` showing the rest.
   */
  laidOut(): boolean;
  /** The second page, when the last measured deck was laid out in two halves. */
  second(): SecondHalf | undefined;
  /** Close the second page, if one was opened (the deck is then laid out in the first page only, if at all). */
  dropSecond(): Promise<void>;
}

/**
 * Content slides a half must have at least for a deck to be laid out in two halves: each page
 * loads the deck's fonts and styles itself (about 0.5 s), so a 130-slide deck gained nothing
 * from a second page, a 1,000-slide one 30 % of its fit and print.
 */
export const HALF_MIN = 100;

/**
 * Where to cut the deck in two halves with as many content slides each (at a top-level
 * section: a stack stays whole), or undefined when it is too short to be worth a second page.
 */
export function halfway(sections: DeckSections): number | undefined {
  const measured = sections.slides.filter((s) => s.measured).length;
  if (measured < 2 * HALF_MIN) return undefined;
  let seen = 0;
  for (const s of sections.slides) {
    if (s.measured) seen++;
    if (seen * 2 >= measured && s.at === s.of - 1) return s.index + 1 < sections.slides.length ? s.index + 1 : undefined;
  }
  return undefined;
}

/** The slides before `mid`, and those from `mid` on: the two halves of a deck cut at `halfway`. */
export function halvesAt(sections: DeckSections, mid: number): [Set<number>, Set<number>] {
  const indexes = sections.slides.map((s) => s.index);
  return [new Set(indexes.filter((i) => i < mid)), new Set(indexes.filter((i) => i >= mid))];
}

/** The page with only some slides filled in, beside the deck (its assets resolve the same). */
const PARTIAL_PAGE = ".lectern-measure.html";

export function createMeasurer(input: MeasurerInput): Measurer {
  const { htmlPath, width, height, timeout, keyOf, known } = input;
  // opened once, when first asked (every pass then uses the same page)
  let opening: Promise<Page> | undefined;
  const pageOf = (): Promise<Page> => {
    const { page } = input;
    if (typeof page !== "function") return Promise.resolve(page);
    opening ??= page();
    return opening;
  };
  const counts = { inBrowser: 0, reused: 0, pages: 1 };
  const used = new Map<string, Measured>();
  let whole = false;
  /** The whole deck the page shows in the measuring layout, when it does. */
  let shown: Shown | undefined;
  /** The second page, and what it and the first show, when the deck was last laid out in two halves. */
  let halves: { page: Page; mid: number; shown: (Shown | undefined)[] } | undefined;
  let secondPage: Promise<Page> | undefined;
  const openSecond = async (): Promise<Page | undefined> => {
    if (!input.another || availableParallelism() < 2) return undefined;
    secondPage ??= input.another();
    // no second page to be had: the deck is laid out in the first alone
    return secondPage.catch(() => undefined);
  };

  /** One half of the deck (slides `keep`) laid out on page `k`, in place of `before` when it can. */
  const measureHalf = async (
    page: Page,
    k: number,
    html: string,
    sections: DeckSections,
    keep: ReadonlySet<number>,
    before: Shown | undefined,
  ) => {
    const own = keepOnly(html, sections, keep);
    const ownSections = deckSections(own);
    const next = ownSections && shownDeck(own, ownSections);
    const fresh = before && next && ownSections ? await relayout(page, before, next, ownSections) : undefined;
    if (fresh === undefined)
      await openPart(page, { htmlPath, html, sections, keep, name: `.lectern-half-${k}.html` }, width, height, timeout);
    const measures = (await readMeasures(page)).filter((m) => keep.has(m.slide));
    return { measures, next, fresh: fresh ?? measures.length };
  };

  /** The deck laid out in two halves at once, one a page; undefined when it is not cut in two. */
  const measureHalves = async (html: string, sections: DeckSections): Promise<SlideMeasure[] | undefined> => {
    const mid = input.whole ? undefined : halfway(sections);
    const page = mid === undefined ? undefined : await openSecond();
    if (mid === undefined || !page) return undefined;
    const before = whole && halves ? halves.shown : [undefined, undefined];
    const [first, rest] = halvesAt(sections, mid);
    whole = false;
    shown = undefined;
    halves = undefined;
    const [a, b] = await Promise.all([
      pageOf().then((p) => measureHalf(p, 0, html, sections, first, before[0])),
      measureHalf(page, 1, html, sections, rest, before[1]),
    ]);
    counts.inBrowser += a.fresh + b.fresh;
    counts.pages = 2;
    whole = true;
    halves = { page, mid, shown: [a.next, b.next] };
    return [...a.measures, ...b.measures];
  };

  const measureWhole = async (html: string, sections = deckSections(html)): Promise<SlideMeasure[]> => {
    const split = sections && (await measureHalves(html, sections));
    if (split) return split;
    const next = sections && shownDeck(html, sections);
    const before = whole && !halves ? shown : undefined;
    halves = undefined;
    counts.pages = 1;
    shown = undefined;
    const fresh = before && next && sections ? await relayout(await pageOf(), before, next, sections) : undefined;
    let measures: SlideMeasure[];
    if (fresh !== undefined) {
      measures = await readMeasures(await pageOf());
      counts.inBrowser += fresh;
    } else {
      // the page just written to htmlPath: laid out from the text in hand, not read back
      measures = await measureSlides(await pageOf(), htmlPath, width, height, timeout, { html });
      counts.inBrowser += measures.length;
    }
    whole = true;
    shown = next;
    return measures;
  };

  const measurePart = async (html: string, sections: DeckSections, keep: ReadonlySet<number>): Promise<SlideMeasure[]> => {
    const warm = await input.warm?.measure(html, sections, keep, dirname(htmlPath), input.assets);
    if (warm) {
      counts.inBrowser += warm.length;
      whole = false;
      return warm;
    }
    const page = await pageOf(); // first: a page that cannot be opened leaves no file behind
    whole = false;
    shown = undefined;
    halves = undefined;
    await openPart(page, { htmlPath, html, sections, keep, name: PARTIAL_PAGE }, width, height, timeout);
    const measures = (await readMeasures(page)).filter((m) => keep.has(m.slide));
    counts.inBrowser += measures.length;
    return measures;
  };

  return {
    counts,
    used,
    laidOut: () => whole,
    second: () => (whole && halves ? { page: halves.page, mid: halves.mid } : undefined),
    async dropSecond() {
      const opened = secondPage;
      secondPage = undefined;
      halves = undefined;
      await opened?.then(
        (p) => p.close(),
        () => undefined,
      );
    },
    async measure(html) {
      const sections = keyOf ? deckSections(html) : undefined;
      if (!keyOf || !sections) return measureWhole(html);
      const slides = sections.slides.filter((s) => s.measured);
      const keys = new Map(slides.map((s) => [s.index, keyOf(html, sections, s)]));
      const reuse = (s: SlideSection) => {
        const key = keys.get(s.index) as string;
        return known ? (used.get(key) ?? known.get(key)) : undefined;
      };
      const missing = new Set(slides.filter((s) => !reuse(s)).map((s) => s.index));
      let fresh: SlideMeasure[] = [];
      if (missing.size === slides.length || (missing.size && input.whole)) fresh = await measureWhole(html, sections);
      else if (missing.size) fresh = await measurePart(html, sections, missing);
      else whole = false;
      const byIndex = new Map(fresh.map((m) => [m.slide, m]));
      const out = slides.map(
        (s) => byIndex.get(s.index) ?? (missing.has(s.index) ? undefined : fromMeasured(s.index, reuse(s) as Measured)),
      );
      // the browser did not find a slide this page has: measure the page as it is
      if (out.some((m) => m === undefined)) return measureWhole(html);
      for (const [i, s] of slides.entries()) {
        if (!byIndex.has(s.index)) counts.reused++;
        used.set(keys.get(s.index) as string, toMeasured(out[i] as SlideMeasure));
      }
      return out as SlideMeasure[];
    },
  };
}
