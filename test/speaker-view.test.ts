import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../src/browser/session.js";
import { buildFile } from "../src/build-files.js";
import { REPO_ROOT, tempDir } from "./helpers.js";

type RevealApi = {
  isReady(): boolean;
  getSlides(): HTMLElement[];
  getIndices(el?: HTMLElement): { h: number; v: number };
  slide(h: number, v: number): void;
};

describe("speaker view from file://", () => {
  let session: BrowserSession;
  let page: Page;
  let deckUrl: string;

  beforeAll(async () => {
    const deck = await buildFile(join(REPO_ROOT, "slides", "lectern-sample.md"), { outDir: tempDir(), fit: false });
    deckUrl = pathToFileURL(join(deck.dir, "index.html")).href;
    session = createBrowserSession();
    ({ page } = await session.newPage());
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it("opens with the current slide's notes, the next slide and a timer", async () => {
    await page.goto(deckUrl, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
    const notes = await page.evaluate(() => {
      const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
      const slide = reveal.getSlides().find((s) => s.querySelector(":scope > aside.notes"));
      if (!slide) return "";
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v);
      return slide.querySelector(":scope > aside.notes")?.textContent?.trim() ?? "";
    });
    expect(notes.length).toBeGreaterThan(5);
    const popup = new Promise<Page | null>((resolve) => page.browser().once("targetcreated", (t) => resolve(t.page())));
    await page.keyboard.press("s");
    const speaker = await popup;
    expect(speaker).not.toBeNull();
    const view = speaker as Page;
    await view.waitForFunction((text: string) => (document.body.textContent ?? "").includes(text), { timeout: 15_000 }, notes.slice(0, 12));
    const frames = await view.evaluate(() => [...document.querySelectorAll("iframe")].map((f) => f.src));
    expect(frames.length).toBeGreaterThanOrEqual(2); // current and upcoming slide
    expect(frames.every((src) => src.startsWith("file:"))).toBe(true);
    expect(await view.evaluate(() => document.body.textContent)).toMatch(/\d\d:\d\d:\d\d/); // the timer
  }, 60_000);
});
