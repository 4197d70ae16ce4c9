/**
 * A pass of the fit after another on the same page (fit/relayout): the slides that changed are
 * replaced in place, the others stay laid out as they were; the page is then the new deck
 * exactly, and its measures are those of the new deck loaded afresh.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../src/browser/session.js";
import { measureSlides } from "../../src/fit/measure.js";
import { createMeasurer } from "../../src/fit/measurer.js";
import { relayoutPlan } from "../../src/fit/relayout.js";
import { buildFile } from "../../src/index.js";
import { DEFAULT_METRICS } from "../../src/plan/metrics.js";
import { fixture, REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

describe("relayoutPlan", () => {
  it("keeps what is equal, in order, and puts in what is new", () => {
    expect(relayoutPlan(["a", "b", "c", "d"], ["a", "b", "c", "d"])).toEqual([0, 1, 2, 3]);
    // b split in two (b1, b2): the rest is kept
    expect(relayoutPlan(["a", "b", "c", "d"], ["a", "b1", "b2", "c", "d"])).toEqual([0, -1, -1, 2, 3]);
    // one slide gone, one added at the end
    expect(relayoutPlan(["a", "b", "c"], ["a", "c", "e"])).toEqual([0, 2, -1]);
    // everything new
    expect(relayoutPlan(["a", "b"], ["x", "y", "z"])).toEqual([-1, -1, -1]);
  });
});

describe.skipIf(!HAS_BROWSER)("a second pass on the same page (Chromium)", () => {
  const session = createBrowserSession({ timeout: 30_000 });
  afterAll(() => session.close());
  const out = tempDir("lectern-relayout-");
  let dir = "";
  let before = "";
  let after = "";

  beforeAll(async () => {
    const deck = await buildFile(fixture("overflow.md"), { outDir: out, fit: false, cache: false }, "deck");
    dir = deck.dir;
    before = readFileSync(join(dir, "index.html"), "utf8");
    // the next plan: one slide's text changed, and a slide further on split in two (a copy of it
    // after it, the slides behind it one index later)
    const opens = [...before.matchAll(/<section class="lectern-slide"[^>]*data-lectern-slide="(\d+)"[^>]*>/g)];
    const changed = opens[1] as RegExpMatchArray;
    const split = opens[opens.length - 2] as RegExpMatchArray;
    const at = Number(split[1]);
    const start = split.index as number;
    const end = before.indexOf("</section>", start) + "</section>".length;
    const copy = before.slice(start, end);
    const renumber = (html: string, from: number) =>
      html.replace(/data-lectern-slide="(\d+)"/g, (m, n) => (Number(n) >= from ? `data-lectern-slide="${Number(n) + 1}"` : m));
    const head = before.slice(0, end);
    const tail = before.slice(end);
    after = `${head}\n${renumber(copy, at)}${renumber(tail, at + 1)}`;
    const c = (changed.index as number) + changed[0].length;
    after = `${after.slice(0, c)}<p>A paragraph the next plan added.</p>${after.slice(c)}`;
    expect(after).not.toBe(before);
  }, 60_000);

  it("lays out only the two changed slides, and measures what a fresh load of the new deck measures", async () => {
    const { page } = await session.newPage();
    const htmlPath = join(dir, "index.html");
    const { width, height } = DEFAULT_METRICS;
    const measurer = createMeasurer({ page, htmlPath, width, height, timeout: 30_000 });
    writeFileSync(htmlPath, before);
    const first = await measurer.measure(before);
    const laidOut = measurer.counts.inBrowser;
    expect(laidOut).toBe(first.length);
    writeFileSync(htmlPath, after);
    const second = await measurer.measure(after);
    expect(second.length).toBe(first.length + 1);
    expect(measurer.counts.inBrowser - laidOut).toBe(2);
    expect(measurer.laidOut()).toBe(true);

    const fresh = (await session.newPage()).page;
    expect(second).toEqual(await measureSlides(fresh, htmlPath, width, height, 30_000));
    // the page is the new deck: the same slides, in the same order, with the same attributes
    const slides = (p: typeof page) =>
      p.evaluate(() => (document.querySelector(".reveal .slides")?.innerHTML ?? "").replace(/>\s+</g, "><").trim());
    expect(await slides(page)).toBe(await slides(fresh));
  }, 60_000);
});
