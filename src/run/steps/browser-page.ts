import type { Page } from "puppeteer-core";
import { BrowserNotFoundError } from "../../browser/find.js";
import { diagramBlocks } from "../../diagrams/apply.js";
import type { DeckStep } from "./step.js";

/**
 * Open the page the fit and printing share. It may load the files of the deck's temporary
 * folder only (the deck and Lectern's assets copied into it). Without a browser, a deck that
 * only wanted the fit (or its diagrams drawn: they stay code) is built on the estimate, with a
 * note; a PDF cannot be, and fails. A `--no-fit` deck opens a page only to draw its diagrams.
 */
export const browserPage: DeckStep = {
  name: "browser",
  wanted: ({ ctx, session, output }) =>
    session !== undefined && (ctx.config.usesBrowser || diagramBlocks(output.result.article).length > 0),
  async run(work) {
    const { ctx, session, notes, watch } = work;
    const open = () => (session as NonNullable<typeof session>).newPage([], [work.tmp]);
    // only the fit wants it, and the warm page measures what changed: opened if the fit asks
    if (work.warm?.ready() && !ctx.config.wantsPdf && !ctx.config.pptx && !diagramBlocks(work.output.result.article).length) {
      let opening: Promise<Page> | undefined;
      work.openPage = () => {
        opening ??= open().then((opened) => {
          work.page = opened.page;
          work.blocked = opened.blocked;
          return opened.page;
        });
        return opening;
      };
      return;
    }
    try {
      const opened = await open();
      work.page = opened.page;
      work.blocked = opened.blocked;
      watch.lap("browser");
    } catch (err) {
      if (!(err instanceof BrowserNotFoundError) || ctx.config.wantsPdf) throw err;
      const reason = err.message.split("\n")[0];
      if (ctx.config.fit)
        notes.add("info", "fit-skipped", `slides were not measured in a browser (${reason}): the layout rests on the estimate`, 0);
      const first = diagramBlocks(work.output.result.article)[0];
      if (first) notes.add("warning", "diagram-skipped", `diagrams are shown as code: no browser to draw them in (${reason})`, first.line);
    }
  },
};
