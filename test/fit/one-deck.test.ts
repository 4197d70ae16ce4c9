/**
 * One deck everywhere: `serve` fits as `build` does, so the live preview shows the slides, the
 * numbers and the layout of the built deck and its PDF (it used to show the estimate: 32 slides
 * of the sample with `--prose lead` where the build has 33, one overflowing by 26 px). A serve
 * rebuild after an edit lays out only the changed slides (its measurements stay in memory).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCli } from "../../src/cli/args.js";
import { buildFile, type DeckOutput, type RunOptions, serve } from "../../src/index.js";
import { CORPUS, codes, fixture, REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const HARDWARE = join(CORPUS, "zh", "d2l-zh-hardware.md");

const titles = (deck: DeckOutput) => deck.result.plan.stacks.flatMap((s) => s.slides.map((slide) => slide.title ?? ""));

describe("serve's fit", () => {
  it("is on by default, and --no-fit turns it off", () => {
    expect(parseCli(["serve"]).fit).toBe(true);
    expect(parseCli(["serve", "--no-fit"]).fit).toBe(false);
    expect(parseCli(["serve", "--fit"]).fit).toBe(true);
    expect(parseCli(["build"]).fit).toBe(true);
  });
});

describe.skipIf(!HAS_BROWSER)("serve builds what build builds", () => {
  for (const [name, source, options] of [
    ["the sample with --prose lead", SAMPLE, { prose: "lead" }],
    ["a corpus chapter", HARDWARE, {}],
    ["an article the estimate gets wrong", fixture("overflow.md"), {}],
  ] as [string, string, RunOptions][]) {
    it.skipIf(!existsSync(source))(
      `${name}: the same slides, titles and HTML`,
      async () => {
        const dir = tempDir("lectern-one-deck-");
        const built = await buildFile(source, { outDir: join(dir, "built"), ...options });
        const serving = await serve([source], { outDir: join(dir, "served"), port: 0, ...options });
        try {
          const served = [...serving.decks.values()][0] as DeckOutput;
          expect(served.fit).toBeDefined();
          expect(served.slides).toBe(built.slides);
          expect(titles(served)).toEqual(titles(built));
          expect(codes(served.diagnostics)).toEqual(codes(built.diagnostics));
          expect(readFileSync(join(served.dir, "index.html"), "utf8")).toBe(readFileSync(join(built.dir, "index.html"), "utf8"));
        } finally {
          await serving.close();
        }
      },
      180_000,
    );
  }

  it("a rebuild after a one-paragraph edit lays out only the changed slide, and gives the deck build gives", async () => {
    const dir = tempDir("lectern-serve-fit-");
    const file = join(dir, "talk.md");
    const text = (extra: string) =>
      `# Talk\n\n${Array.from({ length: 10 }, (_, i) => `## Part ${i + 1}\n\nThe text of part ${i + 1}, one sentence that is long enough to wrap once on the slide.${i === 4 ? extra : ""}\n\n- a point\n- another point`).join("\n\n")}\n`;
    writeFileSync(file, text(""));
    const rebuilt: DeckOutput[] = [];
    let heard: () => void = () => undefined;
    const serving = await serve([file], {
      outDir: join(dir, "out"),
      port: 0,
      onBuild(deck, _ms, initial) {
        if (initial) return;
        rebuilt.push(deck);
        heard();
      },
    });
    try {
      const first = serving.decks.get("talk") as DeckOutput;
      const cold = first.fit?.inBrowser ?? 0;
      expect(cold).toBeGreaterThanOrEqual(first.fit?.measured ?? 1);
      const done = new Promise<void>((resolve) => {
        heard = resolve;
      });
      writeFileSync(file, text(" A sentence added while serving."));
      await done;
      const again = rebuilt[0] as DeckOutput;
      expect(again.written).toBe(true);
      expect(again.fit?.inBrowser).toBeGreaterThanOrEqual(1);
      expect(again.fit?.inBrowser).toBeLessThanOrEqual(2);
      expect(again.fit?.reused).toBeGreaterThanOrEqual(cold - 2);
      const built = await buildFile(file, { outDir: join(dir, "built") });
      expect(readFileSync(join(again.dir, "index.html"), "utf8")).toBe(readFileSync(join(built.dir, "index.html"), "utf8"));
      // the next edit is fitted in the warm page before the folder is written: still build's deck
      const next = new Promise<void>((resolve) => {
        heard = resolve;
      });
      writeFileSync(file, text(" A sentence added while serving. And another one, to wrap the paragraph once more."));
      await next;
      const third = rebuilt[1] as DeckOutput;
      expect(third.written).toBe(true);
      const builtAgain = await buildFile(file, { outDir: join(dir, "built-again") });
      expect(readFileSync(join(third.dir, "index.html"), "utf8")).toBe(readFileSync(join(builtAgain.dir, "index.html"), "utf8"));
    } finally {
      await serving.close();
    }
  }, 120_000);
});
