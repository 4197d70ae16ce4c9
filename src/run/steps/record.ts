import { writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { courseEntry } from "../../output/course/entry.js";
import { CACHE_FILE, mediaStamps } from "../../output/folder/record.js";
import type { DeckRecord } from "../../types.js";
import { deckDiagnostics } from "../deck-diagnostics.js";
import type { DeckStep, DeckWork } from "./step.js";

/** What the deck folder will remember: its outputs by file name, its course index entry, no path. */
function recordOf(work: DeckWork): DeckRecord {
  const { output, ctx } = work;
  const { result, pdf, handouts, standalone, pptx } = output;
  const downloads = [
    ...(pdf ? [{ file: basename(pdf.path) }] : []),
    ...handouts.map((h) => ({ file: basename(h.path), handout: h.layout })),
  ];
  return {
    key: work.key,
    diagnostics: output.diagnostics.map(({ file: _, ...d }) => d),
    media: mediaStamps(result.media, ctx.root),
    fit: output.fit,
    pdf: pdf && { file: basename(pdf.path), pages: pdf.pages, bytes: pdf.bytes },
    handouts: handouts.map((h) => ({ layout: h.layout, file: basename(h.path), pages: h.pages, bytes: h.bytes })),
    standalone: standalone && { file: basename(standalone.path), bytes: standalone.bytes },
    pptx: pptx && { file: basename(pptx.path), bytes: pptx.bytes, slides: pptx.slides, equations: pptx.equations, pictured: pptx.pictured },
    entry: courseEntry(result, output.slides, downloads),
  };
}

/** The deck's record, `.lectern.json`, written last: the cache and the course index read it. */
export const record: DeckStep = {
  name: "record",
  wanted: () => true,
  async run(work) {
    const { output, notes } = work;
    output.diagnostics = deckDiagnostics(
      output.result.diagnostics,
      notes.list,
      output.fit !== undefined,
      output.result.article.source.origin,
    );
    output.result.diagnostics = output.diagnostics; // one list: the deck's
    await writeFile(join(work.tmp, CACHE_FILE), JSON.stringify(recordOf(work)));
  },
};
