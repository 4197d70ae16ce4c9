import { join } from "node:path";
import { positional } from "../../fit/cache.js";
import { printDeckPdf } from "../../output/pdf/print.js";
import { anotherPage, type DeckStep } from "./step.js";

/** The PDF, `<deck>.pdf`: one page per slide, printed from the page the fit measured (and, for half of a long deck, from a second page). */
export const pdf: DeckStep = {
  name: "pdf",
  wanted: ({ ctx, page }) => ctx.config.wantsPdf && page !== undefined,
  async run(work) {
    const { ctx, output } = work;
    const { result } = output;
    const fileName = `${ctx.name}.pdf`;
    const { data: _, ...info } = await printDeckPdf(
      work.page as NonNullable<typeof work.page>,
      join(work.tmp, "index.html"),
      join(work.tmp, fileName),
      result.plan,
      result.article.source.meta,
      ctx.config.timeout,
      {
        width: ctx.options.metrics.width,
        height: ctx.options.metrics.height,
        laidOut: output.fit !== undefined,
        split: work.second,
        // a theme that styles slides by their place gets one page
        another: positional(work.themeCss) ? undefined : anotherPage(work),
      },
      work.watch,
    );
    output.pdf = { path: join(ctx.dir, fileName), ...info };
  },
};
