import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderPlan } from "../../build.js";
import { createDiagnostics } from "../../diagnostics/collect.js";
import { type MeasureEntries, positional, readMeasures, slideKeys, writeMeasures } from "../../fit/cache.js";
import { fitDeck } from "../../fit/fit.js";
import { measuringSource, openLaidOut } from "../../fit/measure.js";
import { createMeasurer } from "../../fit/measurer.js";
import type { WarmPage } from "../../fit/warm.js";
import type { DeckStep, DeckWork } from "./step.js";

/** Diagnostics of the estimate that a measurement in the browser supersedes. */
export const MEASURED_CODES: ReadonlySet<string> = new Set(["overflow-likely"]);

const slideCount = (plan: { stacks: { slides: unknown[] }[] }) => plan.stacks.reduce((n, s) => n + s.slides.length, 0);

/**
 * What earlier builds measured of this deck: `serve`'s measurements in memory, else (with the
 * cache on) those the deck folder kept; undefined with `--no-cache` (every slide is measured).
 */
function knownMeasures(work: DeckWork): MeasureEntries | undefined {
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
    const { ctx, output, notes, watch } = work;
    const { result } = output;
    const page = work.page ?? (work.openPage as NonNullable<typeof work.openPage>);
    const htmlPath = join(work.tmp, "index.html");
    const { metrics } = ctx.options;
    const quiet = createDiagnostics(ctx.file);
    const keyOf = slideKeys({
      dir: work.tmp,
      metrics,
      browserVersion: await (typeof page === "function" ? (work.warm as WarmPage).browserVersion() : page.browser().version()),
      measuring: measuringSource(),
      themeCss: work.themeCss,
      media: result.media,
    });
    const measurer = createMeasurer({
      page,
      htmlPath,
      width: metrics.width,
      height: metrics.height,
      timeout: ctx.config.timeout,
      keyOf,
      known: knownMeasures(work),
      whole: positional(work.themeCss),
      warm: work.warm,
    });
    const fitted = await fitDeck({
      measurer,
      html: result.html,
      article: result.article,
      plan: result.plan,
      metrics,
      write: async (p) => {
        const html = renderPlan(result.article, p, ctx.options, quiet, undefined, work.memo);
        await writeFile(htmlPath, html);
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
    await writeMeasures(work.tmp, measurer.used);
    watch.lap("fit");
    // the PDF prints from the page the fit leaves in the measuring layout: the whole deck
    if (ctx.config.wantsPdf && work.page && !measurer.laidOut())
      await openLaidOut(work.page, htmlPath, metrics.width, metrics.height, ctx.config.timeout);
  },
};
