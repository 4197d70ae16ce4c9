/**
 * A measuring page kept open across the rebuilds of a long-lived process (`serve`): the deck as
 * the last build left it, laid out in the measuring layout (fit/measure) with every slide empty.
 * A rebuild's few changed slides are measured by putting the slides of the page the measurer
 * would have loaded (fit/measurer, `keepOnly`) into it, instead of loading that page: the same
 * document (the page around the slides is the same text, the deck's assets the same files), the
 * same slides, so the same layout, without loading the page, its stylesheets and its fonts again.
 * When it cannot be the same (another page around the slides, other assets, an image on a slide)
 * it says so and the measurer loads the page as before.
 */
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { assetsPrint } from "./cache.js";
import { openLaidOut, readMeasures, type SlideMeasure } from "./measure.js";
import { type DeckSections, deckSections, keepOnly } from "./sections.js";

export interface WarmPage {
  /**
   * The measures of the `keep` slides of `html` (a page whose assets are in `assetsDir`, whose
   * `assetsPrint` is `print` when the caller has it), as a load of its `keepOnly` page gives
   * them; undefined when this page cannot give them.
   */
  measure(
    html: string,
    sections: DeckSections,
    keep: ReadonlySet<number>,
    assetsDir: string,
    print?: readonly string[],
  ): Promise<SlideMeasure[] | undefined>;
  /** Lay out `html` (the deck just written to `dir`) with its slides empty, for the next rebuild. */
  load(html: string): Promise<void>;
  /** A deck is laid out in it. */
  ready(): boolean;
  /** The browser's version (part of a measurement's key, fit/cache). */
  browserVersion(): Promise<string>;
  close(): Promise<void>;
}

export interface WarmPageInput {
  /** Opens the page (it may load the files of `dir`). */
  open(): Promise<Page>;
  /** The deck folder. */
  dir: string;
  width: number;
  height: number;
  timeout: number;
}

/** The page beside the deck's own (its assets resolve the same). */
const WARM_PAGE = ".lectern-warm.html";
const SLIDES_OPEN = '<div class="slides">';
/** Markup that makes the page load something. */
const LOADS = /media\/|\s(?:src|srcset|poster|data|background)\s*=|url\(|<(?:link|iframe|object|embed|video|audio|source|image|use)\b/i;

/** Where `.slides` holds its content in `html`: from after its tag to the end of its last section. */
function slidesRegion(html: string, sections: DeckSections): { head: string; tail: string; from: number; end: number } | undefined {
  const open = html.indexOf(SLIDES_OPEN);
  const from = open < 0 ? -1 : html.indexOf("<section", open);
  if (from < 0) return undefined;
  const end = from + html.length - sections.shell.length;
  if (!sections.shell.startsWith(html.slice(0, from)) || !sections.shell.startsWith("\n</div>", from)) return undefined;
  return { head: html.slice(open + SLIDES_OPEN.length, from), tail: "\n", from, end };
}

export function createWarmPage(input: WarmPageInput): WarmPage {
  let page: Page | undefined;
  /**
   * What the page shows: the page around the slides and the deck's assets when it was loaded,
   * the slides' tags (`keepOnly` of no slide, the slides' region), and the slides now filled in.
   */
  let shown: { shell: string; assets: string; skeleton: string; filled: number[] } | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    ready: () => page !== undefined && shown !== undefined,
    browserVersion: async () => (page as Page).browser().version(),
    measure: (html, sections, keep, assetsDir, print) =>
      serial(async () => {
        if (!page || !shown || shown.shell !== sections.shell) return undefined;
        if ((print ?? assetsPrint(assetsDir)).join("\n") !== shown.assets) return undefined;
        const region = slidesRegion(html, sections);
        if (!region) return undefined;
        const inRegion = (page: string) => page.slice(region.from, page.length - (html.length - region.end));
        const kept = sections.slides.filter((s) => keep.has(s.index));
        const fill = kept.map((s) => [s.index, html.slice(s.from, s.to)] as const);
        // what a slide loads (images from the deck folder, which does not have this build's yet; what the
        // page refuses to load, which the build reports) is loaded by the page the measurer opens
        if (fill.some(([, inner]) => LOADS.test(inner))) return undefined;
        const skeleton = inRegion(keepOnly(html, sections, new Set()));
        // the same slides' tags as the page has: only the slides measured now are filled in (and the last ones emptied)
        const same = skeleton === shown.skeleton;
        const swap = { all: same ? undefined : `${region.head}${skeleton}${region.tail}`, empty: same ? shown.filled : [], fill };
        try {
          await page.evaluate(async ({ all, empty, fill }) => {
            const box = document.querySelector(".reveal .slides");
            if (!box) throw new Error("no slides");
            if (all !== undefined) box.innerHTML = all;
            const slide = (i: number) => box.querySelector(`section[data-lectern-slide="${i}"]`);
            for (const i of empty) slide(i)?.replaceChildren();
            for (const [i, inner] of fill) {
              const el = slide(i);
              if (!el) throw new Error(`no slide ${i}`);
              el.innerHTML = inner;
            }
            void document.body.offsetHeight; // lay out: the fonts it needs start loading
            await document.fonts.ready;
            await Promise.all([...document.images].map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))));
          }, swap);
          shown = { ...shown, skeleton, filled: kept.map((s) => s.index) };
          return (await readMeasures(page)).filter((m) => keep.has(m.slide));
        } catch {
          shown = undefined; // load it again next time
          return undefined;
        }
      }),
    load: (html) =>
      serial(async () => {
        const was = shown;
        shown = undefined;
        const sections = deckSections(html);
        if (!sections) return;
        // laid out already (the measures since put the deck's slides in): nothing to load
        if (page && was?.shell === sections.shell && was.assets === assetsPrint(input.dir).join("\n")) {
          shown = was;
          return;
        }
        page ??= await input.open();
        const skeleton = keepOnly(html, sections, new Set());
        await openLaidOut(page, join(input.dir, "index.html"), input.width, input.height, input.timeout, {
          html: skeleton,
          name: WARM_PAGE,
        });
        const region = slidesRegion(html, sections);
        const tags = region ? skeleton.slice(region.from, skeleton.length - (html.length - region.end)) : "";
        shown = { shell: sections.shell, assets: assetsPrint(input.dir).join("\n"), skeleton: tags, filled: [] };
      }).catch(() => {
        shown = undefined;
      }),
    close: () =>
      serial(async () => {
        shown = undefined;
        await page?.close().catch(() => undefined);
        page = undefined;
      }),
  };
}
