/**
 * `serve`'s fit before the folder is written (steps/fit `fitEarly`), in Chromium: with the warm
 * page holding the deck and the deck folder holding every asset the new deck needs, a rebuild
 * hears its fitted page before its folder is written at all (no temporary folder yet, the old
 * deck on disk), and the folder then written holds the deck `build` writes. A rebuild that needs
 * an asset the folder lacks (a new font slice) is fitted in its folder as before.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../../src/browser/session.js";
import { deckContext } from "../../../src/config/deck-context.js";
import { resolveRun } from "../../../src/config/run-config.js";
import { measureStore } from "../../../src/fit/cache.js";
import { createWarmPage } from "../../../src/fit/warm.js";
import { buildFile } from "../../../src/index.js";
import { runDeck } from "../../../src/run/deck.js";
import type { DeckOutput } from "../../../src/types.js";
import { REPO_ROOT, tempDir } from "../../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const text = (extra: string) =>
  `# 讲座\n\n${Array.from({ length: 8 }, (_, i) => `## 第${i + 1}部分\n\n第${i + 1}部分的文字，一句足够长的话，在幻灯片上会换一次行。${i === 3 ? extra : ""}\n\n- 一点\n- 另一点`).join("\n\n")}\n`;

const session = createBrowserSession();
afterAll(() => session.close());

describe.skipIf(!HAS_BROWSER)("the fit before the folder is written (serve)", () => {
  it("sends the fitted page before the folder is written, and writes the deck build writes", async () => {
    const dir = tempDir("lectern-early-");
    const file = join(dir, "talk.md");
    writeFileSync(file, text(""));
    const config = resolveRun({ outDir: join(dir, "out"), fit: true, cache: false });
    const measures = measureStore();
    const first = await runDeck(deckContext(config, file, "talk"), session, { measures });
    expect(first.written).toBe(true);
    const ctx = deckContext(config, file, "talk");
    const warm = createWarmPage({
      open: async () => (await session.newPage([], [ctx.dir])).page,
      dir: ctx.dir,
      width: ctx.options.metrics.width,
      height: ctx.options.metrics.height,
      timeout: 30_000,
    });
    await warm.load(first.result.html);
    /** What is on disk when the page is heard: temporary folders beside the deck, and the deck's page. */
    const onDisk = () => ({
      temporary: readdirSync(dirname(ctx.dir)).filter((n) => n.startsWith(".talk.")),
      page: readFileSync(join(ctx.dir, "index.html"), "utf8"),
    });
    const rebuild = async (extra: string) => {
      writeFileSync(file, text(extra));
      let heard: { temporary: string[]; page: string; html: string } | undefined;
      const onPage = (o: DeckOutput) => {
        heard = { ...onDisk(), html: o.result.html };
      };
      const output = await runDeck(ctx, session, { measures, warm, onPage });
      return { output, heard };
    };

    // Latin letters only: every glyph has its font slice in the folder already
    const { output, heard } = await rebuild(" One more sentence.");
    expect(output.written).toBe(true);
    expect(heard?.html).toContain("One more sentence.");
    expect(heard?.temporary).toEqual([]); // the folder write had not begun
    expect(heard?.page).not.toContain("One more sentence."); // the old deck still on disk
    expect(output.fit?.inBrowser).toBeGreaterThanOrEqual(1);
    const built = await buildFile(file, { outDir: join(dir, "built") }, "talk", session);
    expect(readFileSync(join(ctx.dir, "index.html"), "utf8")).toBe(readFileSync(join(built.dir, "index.html"), "utf8"));
    expect(heard?.html).toBe(readFileSync(join(built.dir, "index.html"), "utf8"));

    // a character the folder has no font slice for: fitted in the temporary folder, as before
    await warm.load(output.result.html);
    const rare = await rebuild(" 龘");
    expect(rare.output.written).toBe(true);
    expect(rare.heard?.temporary.length).toBeGreaterThan(0);
    const builtRare = await buildFile(file, { outDir: join(dir, "built-rare") }, "talk", session);
    expect(readFileSync(join(ctx.dir, "index.html"), "utf8")).toBe(readFileSync(join(builtRare.dir, "index.html"), "utf8"));
    await warm.close();
  }, 180_000);
});
