/**
 * Smoke test of a built deck as a reader opens it: index.html from file://, reveal.js
 * running, in Chromium. No errors, keyboard navigation, speaker notes, math and the CJK font.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../src/browser/session.js";
import { buildPaths, type DeckOutput } from "../src/index.js";
import { REPO_ROOT, tempDir } from "./helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const out = tempDir("lectern-smoke-");

interface Indices {
  h: number;
  v: number;
}

/** What the page exposes (typed for `page.evaluate`). */
declare const Reveal: {
  isReady(): boolean;
  getIndices(): Indices;
  hasPlugin(id: string): boolean;
  getHorizontalSlides(): HTMLElement[];
  slide(h: number, v?: number): void;
};

describe.skipIf(!HAS_BROWSER)("the built sample deck in Chromium", () => {
  const session = createBrowserSession();
  afterAll(() => session.close());
  let deck: DeckOutput;
  let page: Page;
  let blocked: string[];
  const problems: string[] = [];

  const indices = () => page.evaluate(() => Reveal.getIndices());
  /** Press a key and wait until reveal.js has moved away from `from`. */
  async function press(key: "ArrowRight" | "ArrowDown", from: Indices): Promise<Indices> {
    await page.keyboard.press(key);
    await page.waitForFunction((h, v) => Reveal.getIndices().h !== h || Reveal.getIndices().v !== v, { timeout: 5_000 }, from.h, from.v);
    return indices();
  }

  beforeAll(async () => {
    const run = await buildPaths([SAMPLE], { outDir: out });
    deck = run.decks[0] as DeckOutput;
    expect(deck.written).toBe(true);
    ({ page, blocked } = await session.newPage());
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${(e as Error).message}`));
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(pathToFileURL(join(deck.dir, "index.html")).href, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { Reveal?: typeof Reveal }).Reveal?.isReady() === true, { timeout: 15_000 });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
  }, 90_000);

  it("starts reveal.js with no console errors, page errors or failed requests", () => {
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it("is ready, on the title slide", async () => {
    expect(await page.evaluate(() => Reveal.isReady())).toBe(true);
    expect(await indices()).toEqual({ h: 0, v: 0 });
    expect(await page.evaluate(() => document.querySelector("section.present")?.textContent)).toContain("傅里叶变换与信号处理入门");
  });

  it("moves with the keyboard: ArrowRight to the next position, ArrowDown inside a section's stack", async () => {
    const start = await indices();
    const next = await press("ArrowRight", start);
    expect(next.h).toBe(start.h + 1);
    // the first horizontal position holding a vertical stack of several slides
    const stack = await page.evaluate(() =>
      Reveal.getHorizontalSlides().findIndex((s) => s.querySelectorAll(":scope > section").length > 1),
    );
    expect(stack).toBeGreaterThan(next.h);
    let at = next;
    while (at.h < stack) at = await press("ArrowRight", at);
    expect(at).toEqual({ h: stack, v: 0 });
    const down = await press("ArrowDown", at);
    expect(down).toEqual({ h: stack, v: 1 });
    const further = await press("ArrowDown", down);
    expect(further).toEqual({ h: stack, v: 2 });
    expect(problems).toEqual([]);
  });

  it("has the notes plugin, and slides carry speaker notes", async () => {
    expect(await page.evaluate(() => Reveal.hasPlugin("notes"))).toBe(true);
    const notes = await page.evaluate(() => [...document.querySelectorAll("section aside.notes")].map((a) => a.textContent?.trim() ?? ""));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.length > 0)).toBe(true);
    const source = readFileSync(SAMPLE, "utf8");
    const note = /^Note: (.+)$/m.exec(source)?.[1] as string;
    expect(notes.some((n) => n.includes(note.slice(0, 16)))).toBe(true);
  });

  it("has typeset math, in KaTeX's fonts", async () => {
    const math = await page.evaluate(() => ({
      inline: document.querySelectorAll(".katex").length,
      display: document.querySelectorAll(".katex-display").length,
      errors: document.querySelectorAll(".katex-error").length,
      font: [...document.fonts].some((f) => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded"),
    }));
    expect(math.inline).toBeGreaterThan(10);
    expect(math.display).toBeGreaterThan(0);
    expect(math.errors).toBe(0);
    expect(math.font).toBe(true);
  });

  it("has loaded the CJK font (Noto Sans SC) for Chinese text", async () => {
    const font = await page.evaluate(async () => {
      await document.fonts.ready;
      const faces = await document.fonts.load('30px "Noto Sans SC"', "傅");
      return {
        check: document.fonts.check('30px "Noto Sans SC"', "傅"),
        faces: faces.length,
        loaded: faces.every((f) => f.status === "loaded"),
        family: getComputedStyle(document.querySelector(".reveal .slides section") as Element).fontFamily,
      };
    });
    expect(font.check).toBe(true);
    expect(font.faces).toBeGreaterThan(0);
    expect(font.loaded).toBe(true);
    expect(font.family).toContain("Noto Sans SC");
  });
});
