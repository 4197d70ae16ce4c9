import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DeckStep } from "./step.js";

/** Handouts beside the PDF, `<deck>-handout-<layout>.pdf`, made from its pages. */
export const handouts: DeckStep = {
  name: "handouts",
  wanted: ({ ctx, output }) => ctx.config.handouts.length > 0 && output.pdf !== undefined,
  async run(work) {
    const { ctx, output, watch } = work;
    const { plan } = output.result;
    // loaded when handouts are made: pdf-lib costs every other build nothing
    const { notesHandout, nUpHandout } = await import("../../output/pdf/handout.js");
    const { PDFDocument } = await import("pdf-lib");
    const slides = await readFile(join(work.tmp, `${ctx.name}.pdf`));
    const { paper, timeout } = ctx.config;
    const page = work.page as NonNullable<typeof work.page>;
    const html = join(work.tmp, "index.html");
    for (const layout of ctx.config.handouts) {
      const bytes =
        layout === "notes"
          ? await notesHandout(page, html, slides, paper, plan.title, timeout)
          : await nUpHandout(page, html, slides, layout, paper, plan.title, timeout);
      const fileName = `${ctx.name}-handout-${layout}.pdf`;
      await writeFile(join(work.tmp, fileName), bytes);
      const pages = (await PDFDocument.load(bytes)).getPageCount();
      output.handouts.push({ layout, path: join(ctx.dir, fileName), pages, bytes: bytes.length });
      watch.lap("handouts");
    }
  },
};
