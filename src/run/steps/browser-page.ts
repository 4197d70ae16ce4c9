import { BrowserNotFoundError } from "../../browser/find.js";
import type { DeckStep } from "./step.js";

/**
 * Open the page the fit and printing share. It may load the files of the deck's temporary
 * folder only (the deck and Lectern's assets copied into it). Without a browser, a deck that
 * only wanted the fit is built on the estimate, with a note; a PDF cannot be, and fails.
 */
export const browserPage: DeckStep = {
  name: "browser",
  wanted: ({ ctx, session }) => session !== undefined && ctx.config.usesBrowser,
  async run(work) {
    const { ctx, session, notes, watch } = work;
    try {
      const opened = await (session as NonNullable<typeof session>).newPage([], [work.tmp]);
      work.page = opened.page;
      work.blocked = opened.blocked;
      watch.lap("browser");
    } catch (err) {
      if (!(err instanceof BrowserNotFoundError) || ctx.config.wantsPdf) throw err;
      const reason = err.message.split("\n")[0];
      notes.add("info", "fit-skipped", `slides were not measured in a browser (${reason}): the layout rests on the estimate`, 0);
    }
  },
};
