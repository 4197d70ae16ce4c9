/** Raw HTML styled to spill over: the slide box clips it, on screen, in the real browser. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildFile } from "../../src/index.js";
import { slidesHtml, tempDir } from "../helpers.js";

type RevealApi = { isReady(): boolean };

describe("the slide box", () => {
  let session: BrowserSession;
  afterAll(async () => {
    await session?.close();
  });

  it.each([
    // within the style filter's bounds, the default
    ["filtered", "margin-left: -150px; margin-top: -150px; width: 3900px; height: 3900px", false],
    // trusted HTML (allowHtml) may say anything
    ["trusted", "margin: -5000px; width: 20000px; height: 20000px; position: fixed; inset: 0", true],
  ])(
    "keeps %s HTML from painting outside its slide",
    async (_name, style, allowHtml) => {
      const dir = tempDir();
      writeFileSync(
        join(dir, "talk.md"),
        `# Cover\n\n## Spill\n\nBefore.\n\n<div class="spill" style="${style}; background-color: red">spill</div>\n`,
      );
      const deck = await buildFile(join(dir, "talk.md"), { outDir: join(dir, "out"), fit: false, allowHtml });
      expect(slidesHtml(deck.result.html)).toMatch(/class="spill" style="[^"]*width: (3900|20000)px/);
      session ??= createBrowserSession();
      const { page } = await session.newPage();
      await page.setViewport({ width: 1600, height: 1200 });
      await page.goto(`${pathToFileURL(join(deck.dir, "index.html")).href}#/spill-2`, { waitUntil: "load" });
      await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
      await page.waitForFunction(() => document.querySelector("section.lectern-slide.present .spill") !== null);
      const hits = await page.evaluate(() => {
        const spill = document.querySelector("section.lectern-slide.present .spill") as HTMLElement;
        const box = (spill.closest("section") as HTMLElement).getBoundingClientRect();
        const on = (x: number, y: number) => spill.contains(document.elementFromPoint(x, y));
        return {
          inside: on(box.right - 20, box.bottom - 20),
          right: on(box.right + 10, box.top + box.height / 2),
          below: on(box.left + box.width / 2, box.bottom + 10),
          above: on(box.left + box.width / 2, box.top - 10),
          left: on(box.left - 10, box.top + box.height / 2),
          corner: on(box.right + 10, box.bottom + 10),
        };
      });
      expect(hits).toEqual({ inside: true, right: false, below: false, above: false, left: false, corner: false });
      await page.close();
    },
    60_000,
  );
});
