import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DeckStep } from "./step.js";

/** `<deck>.html`: the finished deck as one self-contained file (fonts subset to its glyphs). */
export const singleFile: DeckStep = {
  name: "single-file",
  wanted: ({ ctx }) => ctx.config.standalone,
  async run(work) {
    const { ctx, output } = work;
    const { standaloneHtml } = await import("../../output/single-file/standalone.js");
    const html = await standaloneHtml(work.tmp, output.result.glyphs);
    const fileName = `${ctx.name}.html`;
    await writeFile(join(work.tmp, fileName), html);
    output.standalone = { path: join(ctx.dir, fileName), bytes: Buffer.byteLength(html) };
    work.watch.lap("standalone");
  },
};
