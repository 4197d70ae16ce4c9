import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderPlan } from "../../build.js";
import { createDiagnostics } from "../../diagnostics/collect.js";
import { fitDeck } from "../../fit/fit.js";
import type { DeckStep } from "./step.js";

/** Diagnostics of the estimate that a measurement in the browser supersedes. */
export const MEASURED_CODES: ReadonlySet<string> = new Set(["overflow-likely"]);

const slideCount = (plan: { stacks: { slides: unknown[] }[] }) => plan.stacks.reduce((n, s) => n + s.slides.length, 0);

/**
 * Measure every slide in the browser and re-plan what overflows, until each fits; the deck's
 * HTML in the temporary folder is rewritten with the fitted plan. Re-renders use the deck's own
 * options (its root included) and report into a sink of their own: what the first render
 * reported is not repeated.
 */
export const fit: DeckStep = {
  name: "fit",
  wanted: ({ ctx, page }) => ctx.config.fit && page !== undefined,
  async run(work) {
    const { ctx, output, notes, watch } = work;
    const { result } = output;
    const htmlPath = join(work.tmp, "index.html");
    const quiet = createDiagnostics(ctx.file);
    const fitted = await fitDeck({
      page: work.page as NonNullable<typeof work.page>,
      htmlPath,
      article: result.article,
      plan: result.plan,
      metrics: ctx.options.metrics,
      timeout: ctx.config.timeout,
      write: async (p) => {
        const html = renderPlan(result.article, p, ctx.options, quiet);
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
    watch.lap("fit");
  },
};
