import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Frame, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildFile } from "../../src/index.js";
import { tempDir } from "../helpers.js";

type RevealApi = { isReady(): boolean; isScrollView(): boolean; getIndices(): { h: number; v: number } };
type Ctx = Page | Frame;

const ARTICLE = `---
title: Reading view
lang: en
---

# First part

Some text to read on a phone, long enough to be a paragraph of its own.

Note: Say hello to the room first.

## A slide with notes

- one point
- another point

Note: The notes of the second slide, shown inline when asked.

# Second part

The last words.
`;

async function ready(ctx: Ctx): Promise<void> {
  await ctx.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
  // Reveal's "ready" event comes 1 ms after isReady(): the controls sync on it
  await ctx.waitForFunction(() => document.querySelector(".reveal")?.getAttribute("role") === "main");
}

const state = (ctx: Ctx) =>
  ctx.evaluate(() => {
    const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
    const pages = [...document.querySelectorAll(".reveal .scroll-page")];
    const box = (sel: string) => {
      const el = document.querySelector<HTMLElement>(sel);
      if (!el || el.hidden) return null;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { width: r.width, height: r.height } : null;
    };
    return {
      scroll: reveal.isScrollView(),
      pages: pages.length,
      // the first page fits the window's width (slides scaled down, not cut off)
      firstPageWidth: pages[0]?.getBoundingClientRect().width ?? 0,
      windowWidth: window.innerWidth,
      scrollable: (document.scrollingElement?.scrollHeight ?? 0) > window.innerHeight || pages.length > 1,
      toggle: box(".lectern-view-toggle"),
      pressed: document.querySelector(".lectern-view-toggle")?.getAttribute("aria-pressed"),
      notesToggle: box(".lectern-notes-toggle"),
      inlineNotes: [...document.querySelectorAll(".lectern-inline-notes")].map((n) => n.textContent ?? ""),
      role: document.querySelector(".reveal")?.getAttribute("role"),
      search: location.search,
    };
  });

describe("reading view (reveal.js scroll view)", () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    const src = join(tempDir(), "reading.md");
    writeFileSync(src, ARTICLE);
    const deck = await buildFile(src, { outDir: tempDir(), fit: false });
    dir = deck.dir;
    url = pathToFileURL(join(deck.dir, "index.html")).href;
    session = createBrowserSession();
    ({ page } = await session.newPage());
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it("shows slides on a laptop, and ?view=scroll as a page to scroll, from file://", async () => {
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: "load" });
    await ready(page);
    const slides = await state(page);
    expect(slides.scroll).toBe(false);
    expect(slides.toggle).not.toBeNull();
    expect(slides.notesToggle).toBeNull(); // only in the reading view
    expect(slides.role).toBe("main"); // not reveal's role="application"
    await page.goto(`${url}?view=scroll`, { waitUntil: "load" });
    await ready(page);
    const reading = await state(page);
    expect(reading.scroll).toBe(true);
    expect(reading.pages).toBeGreaterThanOrEqual(4);
    expect(reading.pressed).toBe("true");
  }, 60_000);

  it("is the default on a phone (390×844), where ?view=slides keeps the slides", async () => {
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.goto(url, { waitUntil: "load" });
    await ready(page);
    const phone = await state(page);
    expect(phone.scroll).toBe(true);
    expect(phone.firstPageWidth).toBeLessThanOrEqual(phone.windowWidth);
    expect(phone.toggle).not.toBeNull();
    await page.goto(`${url}?view=slides`, { waitUntil: "load" });
    await ready(page);
    expect((await state(page)).scroll).toBe(false);
    await page.setViewport({ width: 1280, height: 800 });
  }, 60_000);

  it("the deck's button switches views and stays switched when the window is resized", async () => {
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: "load" });
    await ready(page);
    await page.click(".lectern-view-toggle");
    const on = await state(page);
    expect(on.scroll).toBe(true);
    expect(on.search).toBe("?view=scroll"); // a reload or a shared link keeps the view
    await page.setViewport({ width: 1200, height: 760 }); // reveal re-checks its scroll view on resize
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    expect((await state(page)).scroll).toBe(true);
    await page.click(".lectern-view-toggle");
    expect((await state(page)).scroll).toBe(false);
    // and off stays off on a phone-sized window too
    await page.setViewport({ width: 390, height: 844 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    expect((await state(page)).scroll).toBe(false);
    await page.setViewport({ width: 1280, height: 800 });
  }, 60_000);

  it("shows each slide's speaker notes under it when asked (button or ?notes=inline)", async () => {
    await page.goto(`${url}?view=scroll`, { waitUntil: "load" });
    await ready(page);
    expect((await state(page)).inlineNotes).toEqual([]);
    await page.click(".lectern-notes-toggle");
    const shown = await state(page);
    expect(shown.inlineNotes.length).toBe(2);
    expect(shown.inlineNotes[1]).toContain("The notes of the second slide");
    const visible = await page.evaluate(() => {
      const el = document.querySelectorAll<HTMLElement>(".lectern-inline-notes")[1];
      return el ? el.getBoundingClientRect().height > 10 && getComputedStyle(el).display !== "none" : false;
    });
    expect(visible).toBe(true);
    await page.click(".lectern-notes-toggle");
    expect((await state(page)).inlineNotes).toEqual([]);
    await page.goto(`${url}?view=scroll&notes=inline`, { waitUntil: "load" });
    await ready(page);
    expect((await state(page)).inlineNotes.length).toBe(2);
  }, 60_000);

  it("front matter `view: scroll` opens the deck as a page on a laptop too", async () => {
    const src = join(tempDir(), "scroll.md");
    writeFileSync(src, ARTICLE.replace("lang: en", "lang: en\nview: scroll"));
    const deck = await buildFile(src, { outDir: tempDir(), fit: false });
    expect(deck.diagnostics.filter((d) => d.code === "front-matter-value")).toEqual([]);
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(pathToFileURL(join(deck.dir, "index.html")).href, { waitUntil: "load" });
    await ready(page);
    expect((await state(page)).scroll).toBe(true);
  }, 60_000);

  it("works in an iframe of a course page, narrow (reading) and wide (slides)", async () => {
    const host = join(dir, "..", "host.html");
    const src = `${url.slice(url.lastIndexOf("/", url.length - "/index.html".length - 1) + 1)}`;
    writeFileSync(
      host,
      `<!doctype html><html lang="en"><title>Host</title><body><iframe id="narrow" title="narrow" src="${src}" style="width:380px;height:600px"></iframe><iframe id="wide" title="wide" src="${src}" style="width:900px;height:520px"></iframe></body></html>`,
    );
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(pathToFileURL(host).href, { waitUntil: "load" });
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames.length).toBe(2);
    const [narrow, wide] = frames as [Frame, Frame];
    await ready(narrow);
    await ready(wide);
    expect((await state(narrow)).scroll).toBe(true);
    expect((await state(wide)).scroll).toBe(false);
    await (await wide.$(".lectern-view-toggle"))?.click();
    expect((await state(wide)).scroll).toBe(true);
  }, 60_000);
});
