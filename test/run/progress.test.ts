/** RunOptions.onProgress: each deck's start, the start of each of its steps (with its slide count), its end. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPaths } from "../../src/run/run.js";
import type { ProgressEvent } from "../../src/types.js";
import { fixture, tempDir } from "../helpers.js";

const out = tempDir("lectern-progress-");
const HAS_BROWSER = existsSync("/usr/bin/chromium");

/** Events as `start good`, `good ▸ render 0`, `done good 1/2`. */
const show = (e: ProgressEvent) =>
  e.type === "deck-start"
    ? `start ${e.name} ${e.index + 1}/${e.total}`
    : e.type === "step"
      ? `${e.name} ▸ ${e.step} ${e.slides}`
      : `done ${e.deck.name} ${e.done}/${e.total}`;

describe("onProgress", () => {
  it("without a browser: start, render, the record, done, deck after deck", async () => {
    const events: ProgressEvent[] = [];
    await buildPaths([fixture("good.md"), fixture("zh-article.md")], {
      outDir: join(out, "nofit"),
      fit: false,
      onProgress: (e) => events.push(e),
    });
    const slides = (name: string) =>
      (events.find((e) => e.type === "deck-done" && e.deck.name === name) as { deck: { slides: number } }).deck.slides;
    expect(events.map(show)).toEqual([
      "start good 1/2",
      "good ▸ render 0",
      `good ▸ record ${slides("good")}`,
      "done good 1/2",
      "start zh-article 2/2",
      "zh-article ▸ render 0",
      `zh-article ▸ record ${slides("zh-article")}`,
      "done zh-article 2/2",
    ]);
  });

  it.skipIf(!HAS_BROWSER)(
    "a PDF build reports the browser, the fit, the PDF and the handouts as they start",
    async () => {
      const events: ProgressEvent[] = [];
      const run = await buildPaths([fixture("good.md")], {
        outDir: join(out, "pdf"),
        pdf: true,
        handouts: ["notes"],
        onProgress: (e) => events.push(e),
      });
      expect(run.ok).toBe(true);
      const steps = events.flatMap((e) => (e.type === "step" ? [e.step] : []));
      expect(steps).toEqual(["render", "browser", "fit", "pdf", "handouts", "record"]);
      const pdf = events.find((e) => e.type === "step" && e.step === "pdf") as { slides: number };
      expect(pdf.slides).toBe(run.decks[0]?.slides);
    },
    60_000,
  );
});
