/**
 * The fit's measurements, pass by pass: a slide whose key (fit/cache) was measured before
 * reuses that measure; the rest are laid out in the browser. When every slide is known the
 * browser is not asked at all; when a few are not, the browser lays out a copy of the page in
 * which only those have content (the others keep their tags, so the page's structure is the
 * same); a theme that styles slides by their place gets the whole page instead. A whole page
 * measured after another whole page of the same deck is not loaded again: the slides that
 * changed are replaced in place (fit/relayout), and only they are laid out anew.
 */
import { rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Page } from "puppeteer-core";
import { fromMeasured, type Measured, type MeasureEntries, toMeasured } from "./cache.js";
import { measureSlides, readMeasures, type SlideMeasure } from "./measure.js";
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
}

export interface Measurer {
  /** The measures of every content slide of `html` (the page just written to `htmlPath`). */
  measure(html: string): Promise<SlideMeasure[]>;
  /** Slides laid out in the browser, and slides whose measure was reused, over every pass. */
  readonly counts: { inBrowser: number; reused: number };
  /** What this fit measured or reused, by slide key (what the next build may reuse). */
  readonly used: Map<string, Measured>;
  /** The page shows the last measured deck whole, in the measuring layout (the PDF prints from it). */
  laidOut(): boolean;
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
  const counts = { inBrowser: 0, reused: 0 };
  const used = new Map<string, Measured>();
  let whole = false;
  /** The whole deck the page shows in the measuring layout, when it does. */
  let shown: Shown | undefined;

  const measureWhole = async (html: string, sections = deckSections(html)): Promise<SlideMeasure[]> => {
    const next = sections && shownDeck(html, sections);
    const before = whole ? shown : undefined;
    shown = undefined;
    const fresh = before && next && sections ? await relayout(await pageOf(), before, next, sections) : undefined;
    let measures: SlideMeasure[];
    if (fresh !== undefined) {
      measures = await readMeasures(await pageOf());
      counts.inBrowser += fresh;
    } else {
      measures = await measureSlides(await pageOf(), htmlPath, width, height, timeout);
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
    const path = join(dirname(htmlPath), PARTIAL_PAGE);
    await writeFile(path, keepOnly(html, sections, keep));
    whole = false;
    shown = undefined;
    try {
      const measures = (await measureSlides(page, path, width, height, timeout)).filter((m) => keep.has(m.slide));
      counts.inBrowser += measures.length;
      return measures;
    } finally {
      await rm(path, { force: true });
    }
  };

  return {
    counts,
    used,
    laidOut: () => whole,
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
