import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page, Target } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../src/browser/session.js";
import { buildFile } from "../src/index.js";
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

/** The speaker window that pressing `s` on `page` opens, once both its previews run the deck. */
async function openSpeakerView(page: Page): Promise<Page> {
  const popup = new Promise<Page | null>((resolve) => {
    const browser = page.browser();
    const onTarget = (t: Target) => {
      if (t.type() !== "page") return;
      browser.off("targetcreated", onTarget);
      resolve(t.page());
    };
    browser.on("targetcreated", onTarget);
  });
  await page.keyboard.press("s");
  const view = await popup;
  if (!view) throw new Error("no speaker window");
  await view.waitForFunction(() => document.querySelectorAll("iframe").length === 2, { timeout: 15_000 });
  for (const frame of view.frames().filter((f) => f !== view.mainFrame())) {
    await frame.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady(), { timeout: 15_000 });
  }
  return view;
}

const indices = (page: Page) => page.evaluate(() => (window as unknown as { Reveal: RevealApi }).Reveal.getIndices());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("speaker view and the deck it presents", () => {
  let session: BrowserSession;
  let deckUrl: string;
  let dir: string;

  beforeAll(async () => {
    const deck = await buildFile(join(REPO_ROOT, "slides", "lectern-sample.md"), { outDir: tempDir(), fit: false });
    dir = deck.dir;
    deckUrl = pathToFileURL(join(dir, "index.html")).href;
    session = createBrowserSession();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it("leaves the deck where it is, and its arrow key moves the deck by exactly one slide", async () => {
    const { page } = await session.newPage();
    await page.goto(deckUrl, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
    const view = await openSpeakerView(page);
    await sleep(10_000);
    expect(await indices(page)).toMatchObject({ h: 0, v: 0 });
    const upcoming = view.frames().find((f) => f.url().includes("controls=false"));
    expect(await upcoming?.evaluate(() => (window as unknown as { Reveal: RevealApi }).Reveal.getIndices())).toMatchObject({ h: 1 });

    await view.keyboard.press("ArrowRight");
    await page.waitForFunction(() => (window as unknown as { Reveal: RevealApi }).Reveal.getIndices().h > 0, { timeout: 10_000 });
    await sleep(4_000); // the speaker view forwards changes after 500 ms; nothing more may follow
    expect(await indices(page)).toMatchObject({ h: 1, v: 0 });
    await view.close();
    await page.close();
  }, 60_000);

  it("still lets a page framing the deck drive it and hear its slide changes", async () => {
    writeFileSync(
      join(dir, "host.html"),
      `<!doctype html><meta charset="utf-8"><iframe src="index.html" width="640" height="360"></iframe>
<script>window.heard = []; addEventListener("message", (e) => { try { window.heard.push(JSON.parse(e.data)); } catch {} });</script>`,
    );
    const { page } = await session.newPage();
    await page.goto(pathToFileURL(join(dir, "host.html")).href, { waitUntil: "load" });
    type Heard = { namespace?: string; eventName?: string; state?: { indexh: number } };
    const heard = () => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
    await page.waitForFunction(() => (window as unknown as { heard: Heard[] }).heard.some((m) => m.eventName === "ready"), {
      timeout: 15_000,
    });
    await page.evaluate(() => document.querySelector("iframe")?.contentWindow?.postMessage(JSON.stringify({ method: "next" }), "*"));
    await page.waitForFunction(() => (window as unknown as { heard: Heard[] }).heard.some((m) => m.eventName === "slidechanged"), {
      timeout: 10_000,
    });
    const changed = (await heard()).filter((m) => m.eventName === "slidechanged");
    expect(changed.map((m) => [m.namespace, m.state?.indexh])).toEqual([["reveal", 1]]);
    await page.close();
  }, 60_000);
});

describe("math in speaker notes", () => {
  let session: BrowserSession;

  afterAll(async () => {
    await session?.close();
  });

  it("shows each formula once, typeset, in the speaker window", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "talk.md"), "# Energy\n\n## Mass\n\nBody text.\n\nNote: The energy is $E = mc^2$ at rest.\n");
    const deck = await buildFile(join(dir, "talk.md"), { outDir: join(dir, "out"), fit: false });
    session = createBrowserSession();
    // a plain tab, as a presenter's browser has: the session's request filter would also hold
    // the stylesheet requests of the blank speaker window it opens
    const page = await (await session.newPage()).page.browser().newPage();
    await page.goto(`${pathToFileURL(join(deck.dir, "index.html")).href}#/mass-2`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
    const view = await openSpeakerView(page);
    await view.waitForFunction(() => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("energy"));
    await view.waitForFunction(() => [...document.querySelectorAll<HTMLLinkElement>("link[rel~=stylesheet]")].every((l) => l.sheet));
    const math = await view.evaluate(() => {
      const notes = document.querySelector(".speaker-controls-notes .value") as HTMLElement;
      const size = (sel: string) => {
        const r = notes.querySelector(sel)?.getBoundingClientRect();
        return r ? Math.round(r.width * r.height) : -1;
      };
      return {
        mathml: size(".katex-mathml"),
        html: size(".katex-html"),
        font: getComputedStyle(notes.querySelector(".katex-html .mord") as Element).fontFamily,
      };
    });
    expect(math.html).toBeGreaterThan(20); // the typeset formula shows…
    expect(math.mathml).toBeLessThanOrEqual(1); // …and its MathML twin is clipped away
    expect(math.font).toMatch(/KaTeX/);
  }, 60_000);
});
