import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { renderPlan } from "../../build.js";
import { createDiagnostics } from "../../diagnostics/collect.js";
import { diagramBlocks } from "../../diagrams/apply.js";
import { assetsPrint, filesPrint, type MeasureEntries, positional, readMeasures, slideKeys, writeMeasures } from "../../fit/cache.js";
import { fitDeck } from "../../fit/fit.js";
import { measuringSource, openLaidOut } from "../../fit/measure.js";
import { createMeasurer, type Measurer } from "../../fit/measurer.js";
import type { WarmPage } from "../../fit/warm.js";
import type { DeckFile } from "../../output/folder/assets.js";
import { anotherPage, type DeckStep, type DeckWork } from "./step.js";

/** Diagnostics of the estimate that a measurement in the browser supersedes. */
export const MEASURED_CODES: ReadonlySet<string> = new Set(["overflow-likely"]);

const slideCount = (plan: { stacks: { slides: unknown[] }[] }) => plan.stacks.reduce((n, s) => n + s.slides.length, 0);

/**
 * What earlier builds measured of this deck: `serve`'s measurements in memory, else (with the
 * cache on) those the deck folder kept; undefined with `--no-cache` (every slide is measured).
 */
function knownMeasures(work: Pick<DeckWork, "ctx" | "measures">): MeasureEntries | undefined {
  const { ctx, measures } = work;
  if (measures) return measures.get(ctx.dir) ?? new Map();
  return ctx.config.cache ? readMeasures(ctx.dir) : undefined;
}

/**
 * Measure every slide in the browser and re-plan what overflows, until each fits; the deck's
 * HTML in the temporary folder is rewritten with the fitted plan. A slide measured before (same
 * HTML, theme, fonts, size, Lectern and Chromium: fit/cache) is not laid out again. Re-renders
 * use the deck's own options (its root included) and report into a sink of their own: what the
 * first render reported is not repeated.
 */
export const fit: DeckStep = {
  name: "fit",
  wanted: ({ ctx, page, openPage }) => ctx.config.fit && (page !== undefined || openPage !== undefined),
  async run(work) {
    const { ctx, watch } = work;
    // fitted already, before the folder was written (fitEarly): only its measurements are written
    if (work.fitted) {
      await writeMeasures(work.tmp, work.fitted);
      return;
    }
    const page = work.page ?? (work.openPage as NonNullable<typeof work.openPage>);
    const htmlPath = join(work.tmp, "index.html");
    // a long deck is laid out in two halves at once, in two pages
    const measurer = await fitOutput(work, { page, assetsDir: work.tmp, htmlPath, another: anotherPage(work) });
    await writeMeasures(work.tmp, measurer.used);
    watch.lap("fit");
    // the PDF prints from the page(s) the fit leaves in the measuring layout: the whole deck
    const { metrics } = ctx.options;
    const second = ctx.config.wantsPdf ? measurer.second() : undefined;
    if (second) work.second = second;
    else await measurer.dropSecond();
    if (ctx.config.wantsPdf && work.page && !measurer.laidOut())
      await openLaidOut(work.page, htmlPath, metrics.width, metrics.height, ctx.config.timeout);
  },
};

/** What the fit reads of a deck's work (the early fit has no temporary folder yet). */
type FitWork = Pick<DeckWork, "ctx" | "output" | "notes" | "themeCss" | "measures" | "memo" | "warm">;

/** Refused by the early fit's page: only the warm page measures before the folder is written. */
class NotWarm extends Error {}

/**
 * `serve`: fit the deck before its folder is written, when the warm page (fit/warm) holds the
 * deck's page and the deck folder on disk already has every asset the new deck needs (`files`): the same fit as the step's, with the same keys, but no page loaded and
 * no file written. The measurements it used, or undefined when it cannot (nothing of the deck
 * changed then: the step fits it as usual).
 */
export async function fitEarly(work: FitWork, files: readonly DeckFile[]): Promise<MeasureEntries | undefined> {
  const { ctx, warm, output } = work;
  const { config, dir } = ctx;
  if (!config.fit || !warm?.ready() || config.wantsPdf || config.pptx || diagramBlocks(output.result.article).length) return undefined;
  const assets = assetsPrint(dir);
  if (filesPrint(files).join("\n") !== assets.join("\n")) return undefined; // an asset the folder lacks yet
  const refuse = () => Promise.reject(new NotWarm("the warm page cannot measure this deck"));
  try {
    return (await fitOutput(work, { page: refuse, assetsDir: dir, assets })).used;
  } catch (err) {
    if (err instanceof NotWarm) return undefined;
    throw err;
  }
}

/**
 * The fit itself: measure, re-plan, and put the fitted plan and HTML into the deck's result.
 * `htmlPath`: where each pass's page is written for the page to load (absent: none is).
 */
async function fitOutput(
  work: FitWork,
  at: {
    page: Page | (() => Promise<Page>);
    assetsDir: string;
    assets?: readonly string[];
    htmlPath?: string;
    another?: (() => Promise<Page>) | undefined;
  },
): Promise<Measurer> {
  const { ctx, output, notes } = work;
  const { result } = output;
  const { page, htmlPath } = at;
  const { metrics } = ctx.options;
  const quiet = createDiagnostics(ctx.file);
  const assets = at.assets ?? assetsPrint(at.assetsDir); // read once: the keys and the warm page's check
  const keyOf = slideKeys({
    dir: at.assetsDir,
    assets,
    metrics,
    browserVersion: await (typeof page === "function" ? (work.warm as WarmPage).browserVersion() : page.browser().version()),
    measuring: measuringSource(),
    themeCss: work.themeCss,
    media: result.media,
  });
  const measurer = createMeasurer({
    page,
    htmlPath: htmlPath ?? join(at.assetsDir, "index.html"),
    width: metrics.width,
    height: metrics.height,
    timeout: ctx.config.timeout,
    keyOf,
    known: knownMeasures(work),
    whole: positional(work.themeCss),
    warm: work.warm,
    assets,
    another: at.another,
  });
  const fitted = await fitDeck({
    measurer,
    html: result.html,
    article: result.article,
    plan: result.plan,
    metrics,
    write: async (p) => {
      const html = renderPlan(result.article, p, ctx.options, quiet, undefined, work.memo);
      if (htmlPath) await writeFile(htmlPath, html);
      return html;
    },
  });
  if (fitted.html) result.html = fitted.html;
  result.plan = fitted.plan;
  output.fit = fitted.report;
  output.slides = slideCount(fitted.plan);
  for (const o of fitted.report.overflowing) {
    const shrunk = o.scale ? `: shrunk to ${Math.round(o.scale * 100)}% so that none of it is cut` : "";
    notes.add("warning", "overflow", `slide "${o.title}" still overflows by ${o.px}px at its smallest legible size${shrunk}`, o.line);
  }
  work.measures?.set(ctx.dir, measurer.used);
  return measurer;
}
