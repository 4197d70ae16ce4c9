import { join } from "node:path";
import { openLaidOut } from "../../fit/measure.js";
import type { DeckStep } from "./step.js";

/**
 * `<deck>.pptx`: an editable PowerPoint file, read from the deck the fit laid out (it reopens
 * the fitted deck in the measuring layout, which the PDF then prints from as well). Without a
 * browser it is not made, with a warning.
 */
export const pptx: DeckStep = {
  name: "pptx",
  wanted: ({ ctx }) => ctx.config.pptx,
  async run(work) {
    const { ctx, output, notes, page } = work;
    if (!page) {
      notes.add(
        "warning",
        "pptx-skipped",
        "no PowerPoint file was written: it is read from the deck laid out in a browser, and none ran",
        0,
      );
      return;
    }
    const { writePptx } = await import("../../output/pptx/write.js");
    const { metrics } = ctx.options;
    await openLaidOut(page, join(work.tmp, "index.html"), metrics.width, metrics.height, ctx.config.timeout, { painted: true });
    const { plan, article } = output.result;
    const meta = article.source.meta;
    const fileName = `${ctx.name}.pptx`;
    const info = await writePptx(page, join(work.tmp, fileName), {
      title: plan.title,
      lang: plan.lang,
      author: meta.author,
      subtitle: meta.subtitle,
    });
    const { slides, bytes, equations, pictured } = info;
    output.pptx = { path: join(ctx.dir, fileName), bytes, slides, equations, pictured };
    if (pictured > 0) {
      const shown = info.unconverted.slice(0, 3).map((t) => `\`${t.length > 40 ? `${t.slice(0, 40)}…` : t}\``);
      notes.add(
        "info",
        "pptx-math-pictured",
        `${pictured} formula${pictured === 1 ? "" : "s"} could not be made a PowerPoint equation (${shown.join(", ")}${pictured > 3 ? ", …" : ""}): shown as a picture (display) or as TeX (inline)`,
        0,
      );
    }
  },
};
