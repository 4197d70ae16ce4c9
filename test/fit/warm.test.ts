/**
 * serve's warm measuring page (fit/warm), in Chromium: slides swapped into the page a build left
 * laid out measure exactly as the page the measurer would load for them (fit/measurer's partial
 * page), one swap after another; a page around the slides that changed is not measured there.
 * A swap puts in only the slides it measures (the others stay as they are), and loading the deck
 * the page holds already loads nothing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../src/browser/session.js";
import { measureSlides } from "../../src/fit/measure.js";
import { deckSections, keepOnly } from "../../src/fit/sections.js";
import { createWarmPage } from "../../src/fit/warm.js";
import { buildFile } from "../../src/index.js";
import { DEFAULT_METRICS } from "../../src/plan/metrics.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const FENCE = "```";
const { width, height } = DEFAULT_METRICS;

/** Sections of prose, a list, display and inline math (KaTeX's fonts load when a slide first needs them), code. */
function article(): string {
  const sections = Array.from({ length: 6 }, (_, i) => {
    const n = i + 1;
    return [
      `## Section ${n}`,
      `Paragraph of section ${n}, long enough to wrap on the slide: ${"it says more than it needs to. ".repeat(n)}`,
      `- point ${n}\n- the integral $\\int_0^{${n}} x^2\\,dx$ inline`,
      n % 2 ? `$$\\sum_{k=1}^{${n}} k^2 = \\frac{${n}(${n}+1)(2\\cdot ${n}+1)}{6}$$` : `**Bold** and *italic* text ${n}.`,
      `${FENCE}python\ndef f${n}(x):\n    return x * ${n}\n${FENCE}`,
    ].join("\n\n");
  });
  return `# Warm page\n\n${sections.join("\n\n")}\n`;
}

const session = createBrowserSession();
afterAll(() => session.close());

describe.skipIf(!HAS_BROWSER)("the warm measuring page", () => {
  it("measures swapped-in slides exactly as a load of their page does, swap after swap", async () => {
    const dir = tempDir("lectern-warm-");
    const file = join(dir, "talk.md");
    writeFileSync(file, article());
    const deck = await buildFile(file, { outDir: join(dir, "out"), cache: false }, "talk", session);
    const html = readFileSync(join(deck.dir, "index.html"), "utf8");
    const sections = deckSections(html);
    if (!sections) throw new Error("not a deck");
    const content = sections.slides.filter((s) => s.measured).map((s) => s.index);
    expect(content.length).toBeGreaterThan(5);

    const cold = (await session.newPage([], [deck.dir])).page;
    const coldly = async (keep: ReadonlySet<number>) => {
      const path = join(deck.dir, "cold.html");
      writeFileSync(path, keepOnly(html, sections, keep));
      return (await measureSlides(cold, path, width, height, 30_000)).filter((m) => keep.has(m.slide));
    };
    const warm = createWarmPage({
      open: async () => (await session.newPage([], [deck.dir])).page,
      dir: deck.dir,
      width,
      height,
      timeout: 30_000,
    });
    await warm.load(html);
    const picks = [new Set([content[1] as number]), new Set([content[2] as number, content[4] as number]), new Set(content)];
    for (const keep of picks) {
      const got = await warm.measure(html, sections, keep, deck.dir);
      expect(got).toBeDefined();
      expect(got?.map((m) => m.slide)).toEqual([...keep].sort((a, b) => a - b));
      expect(got).toEqual(await coldly(keep));
    }
    // a page around the slides that is not the one laid out: the warm page cannot say
    const retitled = html.replace("<title>", "<title>Another ");
    const other = deckSections(retitled);
    if (!other) throw new Error("not a deck");
    expect(await warm.measure(retitled, other, picks[0] as Set<number>, deck.dir)).toBeUndefined();
    await warm.close();
    await cold.close();
  }, 120_000);

  it("swaps in only the slides it measures, and a load of the deck it holds reloads nothing", async () => {
    const dir = tempDir("lectern-warm-");
    const file = join(dir, "talk.md");
    writeFileSync(file, article());
    const deck = await buildFile(file, { outDir: join(dir, "out"), cache: false }, "talk", session);
    const html = readFileSync(join(deck.dir, "index.html"), "utf8");
    const sections = deckSections(html);
    if (!sections) throw new Error("not a deck");
    const content = sections.slides.filter((s) => s.measured).map((s) => s.index);
    let opened: Page | undefined;
    const warm = createWarmPage({
      open: async () => {
        opened = (await session.newPage([], [deck.dir])).page;
        return opened;
      },
      dir: deck.dir,
      width,
      height,
      timeout: 30_000,
    });
    await warm.load(html);
    const page = opened as Page;
    // a mark on a slide no swap measures, and on the document (a reload would lose both)
    const untouched = content[content.length - 1] as number;
    await page.evaluate((i) => {
      const el = document.querySelector(`section[data-lectern-slide="${i}"]`) as HTMLElement & { __mark?: string };
      el.__mark = "same element";
      (window as unknown as { __page?: string }).__page = "same page";
    }, untouched);
    const marks = () =>
      page.evaluate(
        (i) => [
          (document.querySelector(`section[data-lectern-slide="${i}"]`) as HTMLElement & { __mark?: string }).__mark,
          (window as unknown as { __page?: string }).__page,
        ],
        untouched,
      );
    for (const keep of [new Set([content[1] as number]), new Set([content[2] as number])]) {
      expect(await warm.measure(html, sections, keep, deck.dir)).toHaveLength(1);
      expect(await marks()).toEqual(["same element", "same page"]);
    }
    // the slide measured before is empty again: the page holds only what it measures
    const filled = await page.evaluate(
      (i) => document.querySelector(`section[data-lectern-slide="${i}"]`)?.childElementCount ?? -1,
      content[1] as number,
    );
    expect(filled).toBe(0);
    await warm.load(html); // after the rebuild that wrote this deck: nothing to load again
    expect(await marks()).toEqual(["same element", "same page"]);
    expect(warm.ready()).toBe(true);
    await warm.close();
  }, 120_000);
});
