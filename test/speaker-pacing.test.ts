import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Frame, Page, Target } from "puppeteer-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../src/browser/session.js";
import { buildFile } from "../src/index.js";
import { tempDir } from "./helpers.js";

type RevealApi = { isReady(): boolean; getIndices(): { h: number; v: number }; getSlides(): HTMLElement[] };
type Win = { Reveal: RevealApi; lecternOpened?: string[] };

const LONG = "Every sentence of this paragraph gives the slide more to say and so more time to say it. ".repeat(5);
const TALK = `---
title: Pacing
duration: 10
---

# Start

Opening line.

Note: Welcome everyone to the talk.

## Long part

${LONG}

Note: ${LONG}

## Timed part

<!-- timing: 90 -->

Short.

Note: Ninety seconds for this one.

# End

Thanks.
`;

/** `12:05:09` or `05:09` → seconds (the speaker view mutes, but shows, the leading zeros). */
const seconds = (text: string) => text.split(":").reduce((sum, part) => sum * 60 + Number(part.replace("-", "")), 0);

/**
 * The speaker window that pressing `s` on `page` opens, once both its previews run the deck.
 * Just after a speaker window was closed the deck may not know it yet and only focuses it:
 * then `s` is pressed again.
 */
async function openSpeakerView(page: Page): Promise<Page> {
  const browser = page.browser();
  let view: Page | null = null;
  for (let attempt = 0; attempt < 4 && !view; attempt++) {
    let onTarget: (t: Target) => void = () => undefined;
    const popup = new Promise<Page | null>((resolve) => {
      onTarget = (t: Target) => {
        if (t.type() === "page") resolve(t.page());
      };
      browser.on("targetcreated", onTarget);
    });
    await page.keyboard.press("s");
    view = await Promise.race([popup, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
    browser.off("targetcreated", onTarget);
  }
  if (!view) throw new Error("no speaker window");
  await view.waitForFunction(() => document.querySelectorAll("iframe").length === 2, { timeout: 15_000 });
  for (const frame of previews(view)) {
    await frame.waitForFunction(() => (window as unknown as Win).Reveal?.isReady(), { timeout: 15_000 });
  }
  return view;
}

const previews = (view: Page): Frame[] => view.frames().filter((f) => f !== view.mainFrame());
const current = (view: Page) => previews(view).find((f) => f.url().includes("postMessageEvents=true")) as Frame;

/** Elapsed timer, pacing (time left to finish the current slide) and the clock, as shown. */
const readTime = (view: Page) =>
  view.evaluate(() => {
    const time = document.querySelector(".speaker-controls-time") as HTMLElement;
    const text = (sel: string) => (time.querySelector(sel) as HTMLElement).textContent ?? "";
    const pacing = time.querySelector(".pacing") as HTMLElement;
    return {
      elapsed: text(".timer"),
      pacing: pacing.textContent ?? "",
      pacingShown: getComputedStyle(pacing).display !== "none" && pacing.getBoundingClientRect().height > 0,
      pacingTitle: (time.querySelector(".pacing-title") as HTMLElement).textContent,
      clock: text(".clock-value"),
      clockShown: (time.querySelector(".clock") as HTMLElement).getBoundingClientRect().height > 0,
    };
  });

describe("the speaker view's clock, timer and pacing", () => {
  let session: BrowserSession;
  let deckUrl: string;

  beforeAll(async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "talk.md"), TALK);
    const deck = await buildFile(join(dir, "talk.md"), { outDir: join(dir, "out"), fit: false });
    deckUrl = pathToFileURL(join(deck.dir, "index.html")).href;
    session = createBrowserSession();
  }, 60_000);

  afterEach(async () => {
    // a failed test leaves no speaker window open (a new one would be given the old one's name)
    const browser = (await session.newPage()).page.browser();
    for (const p of await browser.pages()) await p.close().catch(() => undefined);
  });

  afterAll(async () => {
    await session?.close();
  });

  it("shows the clock, an elapsed timer that runs, each slide's pacing from `duration:`, and follows the deck", async () => {
    // a plain tab, as a presenter's browser has, on a 1920×1080 screen; what the deck asks window.open for is noted
    const page = await (await session.newPage()).page.browser().newPage();
    await page.evaluateOnNewDocument(() => {
      Object.defineProperty(screen, "availWidth", { get: () => 1920 });
      Object.defineProperty(screen, "availHeight", { get: () => 1080 });
      const open = window.open;
      const w = window as unknown as Win;
      w.lecternOpened = [];
      window.open = (url?: string | URL, name?: string, features?: string) => {
        w.lecternOpened?.push(`${name}|${features}`);
        return open.call(window, url, name, features);
      };
    });
    await page.goto(deckUrl, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as Win).Reveal?.isReady());
    const timings = await page.evaluate(() => (window as unknown as Win).Reveal.getSlides().map((s) => Number(s.dataset.timing)));
    expect(timings).toHaveLength(7); // title; section, content; long; timed; section, content
    expect(timings.reduce((a, b) => a + b, 0)).toBeGreaterThan(595);
    expect(timings.reduce((a, b) => a + b, 0)).toBeLessThan(605);
    expect(timings[4]).toBe(90); // <!-- timing: 90 -->
    expect(timings[3]).toBeGreaterThan(2 * (timings[2] as number)); // the long slide gets more

    const view = await openSpeakerView(page);
    expect(await page.evaluate(() => (window as unknown as Win).lecternOpened)).toEqual(["reveal.js - Notes|width=1280,height=800"]);
    await view.waitForFunction(
      () => getComputedStyle(document.querySelector(".speaker-controls-time .pacing") as Element).display !== "none",
      {
        timeout: 10_000,
      },
    );
    const first = await readTime(view);
    expect(first.clockShown).toBe(true);
    expect(first.pacingShown).toBe(true);
    expect(first.pacingTitle).toMatch(/pacing/i);
    // the clock is the wall time (this minute, or the one just past)
    const wall = await view.evaluate(() =>
      [0, 60_000].map((ago) =>
        new Date(Date.now() - ago).toLocaleTimeString("en-US", { hour12: true, hour: "2-digit", minute: "2-digit" }),
      ),
    );
    expect(wall).toContain(first.clock);
    // on the first slide, elapsed + time left = the first slide's share of the duration
    expect(Math.abs(seconds(first.elapsed) + seconds(first.pacing) - (timings[0] as number))).toBeLessThanOrEqual(1);
    // the elapsed timer runs
    await view.waitForFunction(
      (before: string) => document.querySelector(".speaker-controls-time .timer")?.textContent !== before,
      { timeout: 10_000 },
      first.elapsed,
    );

    // the deck moves on: the speaker window's preview, notes and pacing follow
    await page.keyboard.press("ArrowRight");
    await current(view).waitForFunction(() => (window as unknown as Win).Reveal.getIndices().h === 1, { timeout: 10_000 });
    await page.keyboard.press("ArrowDown");
    await current(view).waitForFunction(() => (window as unknown as Win).Reveal.getIndices().v === 1, { timeout: 10_000 });
    await view.waitForFunction(() => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("Welcome"), {
      timeout: 10_000,
    });
    const allotted = (timings[0] as number) + (timings[1] as number) + (timings[2] as number);
    await view.waitForFunction(
      (want: number) => {
        const text = (sel: string) => document.querySelector(`.speaker-controls-time ${sel}`)?.textContent ?? "";
        const secs = (t: string) => t.split(":").reduce((sum, part) => sum * 60 + Number(part.replace("-", "")), 0);
        return Math.abs(secs(text(".timer")) + secs(text(".pacing")) - want) <= 1;
      },
      { timeout: 10_000 },
      allotted,
    );
    await view.close();
    await page.close();
  }, 90_000);

  it("has a notes size control (buttons and -/+ keys) remembered in localStorage, and leaves the deck where it is", async () => {
    const page = await (await session.newPage()).page.browser().newPage();
    await page.goto(`${deckUrl}#/1/1`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as Win).Reveal?.isReady());
    const view = await openSpeakerView(page);
    await view.waitForFunction(() => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("Welcome"), {
      timeout: 10_000,
    });
    await view.waitForSelector(".lectern-notes-size button", { timeout: 10_000 });
    const size = () =>
      view.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".speaker-controls-notes .value") as Element).fontSize));
    const before = await size();
    await view.click('.lectern-notes-size button[data-step="1"]');
    const larger = await size();
    expect(larger).toBeGreaterThan(before);
    await view.keyboard.press("-");
    await view.keyboard.press("-");
    const smaller = await size();
    expect(smaller).toBeLessThan(before);
    expect(Number(await view.evaluate(() => localStorage.getItem("lectern-notes-scale")))).toBeLessThan(1);
    expect(await page.evaluate(() => (window as unknown as Win).Reveal.getIndices())).toMatchObject({ h: 1, v: 1 });
    await view.close();

    // a new speaker window starts at the size chosen
    const again = await openSpeakerView(page);
    await again.waitForFunction(() => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("Welcome"), {
      timeout: 10_000,
    });
    await again.waitForSelector(".lectern-notes-size button");
    expect(
      await again.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector(".speaker-controls-notes .value") as Element).fontSize),
      ),
    ).toBe(smaller);
    await again.evaluate(() => localStorage.removeItem("lectern-notes-scale"));
    await again.close();
    await page.close();
  }, 90_000);

  it("lays out at 1280×800 and 1920×1080: previews in the slides' shape, notes and timer in view, nothing overlapping", async () => {
    const page = await (await session.newPage()).page.browser().newPage();
    await page.goto(`${deckUrl}#/1/1`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as Win).Reveal?.isReady());
    const view = await openSpeakerView(page);
    await view.waitForFunction(() => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("Welcome"), {
      timeout: 10_000,
    });
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await view.setViewport({ width, height });
      const box = await view.evaluate(() => {
        const rect = (sel: string) => {
          const r = (document.querySelector(sel) as Element).getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height, bottom: r.bottom, right: r.right };
        };
        return {
          current: rect("#current-slide iframe"),
          upcoming: rect("#upcoming-slide iframe"),
          notes: rect(".speaker-controls-notes"),
          time: rect(".speaker-controls-time"),
          clock: rect(".clock-value"),
          notesFont: parseFloat(getComputedStyle(document.querySelector(".speaker-controls-notes .value") as Element).fontSize),
        };
      });
      const shape = (r: { w: number; h: number }) => r.h / r.w;
      expect(box.current.w).toBeGreaterThan(width * 0.55); // the current slide: more than half the window…
      expect(Math.abs(shape(box.current) - 720 / 1280)).toBeLessThan(0.03); // …in the slide's own shape
      expect(box.upcoming.w).toBeGreaterThan(width * 0.33);
      expect(Math.abs(shape(box.upcoming) - 720 / 1280)).toBeLessThan(0.03);
      expect(box.notes.y).toBeGreaterThanOrEqual(box.current.bottom - 1); // notes under the current slide
      expect(box.notes.h).toBeGreaterThan(height * 0.2);
      expect(box.time.y).toBeGreaterThanOrEqual(box.upcoming.bottom - 1); // clock and timer under the next slide
      expect(box.clock.right).toBeLessThanOrEqual(width);
      expect(box.clock.bottom).toBeLessThanOrEqual(height);
      expect(box.notesFont).toBeGreaterThanOrEqual(18);
    }
    await view.close();
    await page.close();
  }, 90_000);
});
