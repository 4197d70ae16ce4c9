/**
 * The example course site (examples/course-site): its build script, run as a user runs it,
 * and the page it writes, opened from file:// in Chromium: two framed decks, each driven by
 * its own buttons through reveal.js's postMessage API, each keeping its own keyboard focus.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Frame, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../src/browser/session.js";
import { REPO_ROOT } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const SITE = join(REPO_ROOT, "examples", "course-site");
const DIST = join(SITE, "dist");
const DECKS = ["lectern-sample", "seed-medical-tech"] as const;

interface Indices {
  h: number;
  v: number;
}
/** What a deck frame exposes (typed for `frame.evaluate`). */
declare const Reveal: { isReady(): boolean; getIndices(): Indices };

const decodeEntities = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] as string);

describe.skipIf(!HAS_BROWSER)("examples/course-site", () => {
  let stdout = "";
  let html = "";

  beforeAll(async () => {
    // `npm test` compiles lib/ first; compile it here only when it is missing (vitest run alone)
    if (!existsSync(join(REPO_ROOT, "lib", "index.js"))) execFileSync(join(REPO_ROOT, "node_modules", ".bin", "tsc"), ["-p", REPO_ROOT]);
    // run from another folder: the script resolves every path from its own location
    const run = await promisify(execFile)(process.execPath, [join(SITE, "build.mjs")], { cwd: tmpdir(), timeout: 50_000 });
    stdout = run.stdout;
    html = readFileSync(join(DIST, "index.html"), "utf8");
  }, 55_000);

  it("the build script writes both decks with their PDFs, and the page framing them", () => {
    expect(stdout).toContain("2 decks");
    for (const name of DECKS) {
      expect(existsSync(join(DIST, "decks", name, "index.html")), name).toBe(true);
      expect(existsSync(join(DIST, "decks", name, `${name}.pdf`)), name).toBe(true);
    }
    const frames = [...html.matchAll(/<iframe\b([^>]*)>/g)].map((m) => m[1] as string);
    expect(frames.length).toBe(2);
    DECKS.forEach((name, i) => {
      const attrs = frames[i] as string;
      expect(attrs).toContain(`src="decks/${name}/index.html"`);
      expect(attrs).toMatch(/\ballowfullscreen\b/);
      expect(attrs).toContain('allow="fullscreen"');
      expect(decodeEntities(/title="([^"]*)"/.exec(attrs)?.[1] ?? "").length).toBeGreaterThan(0);
      expect(html).toContain(`href="decks/${name}/${name}.pdf"`);
    });
    expect(html).toContain('title="傅里叶变换与信号处理入门"');
    // every link is relative and points at a file that exists; no filesystem path leaks
    for (const m of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
      const link = decodeEntities(m[1] as string);
      expect(link, link).not.toMatch(/^(\/|[a-z][a-z\d+.-]*:)/i);
      expect(existsSync(join(DIST, decodeURIComponent(link.replace(/#.*$/, "")))), link).toBe(true);
    }
    expect(html).not.toContain(REPO_ROOT);
    expect(html).not.toMatch(/\{\{/);
  });

  describe("in Chromium", () => {
    const session = createBrowserSession();
    afterAll(() => session.close());
    let page: Page;
    const frames: Frame[] = [];
    const problems: string[] = [];

    const indices = (k: number) => (frames[k] as Frame).evaluate(() => Reveal.getIndices());
    const deckSel = (k: number) => `[data-deck="${DECKS[k]}"]`;

    beforeAll(async () => {
      ({ page } = await session.newPage());
      page.on("pageerror", (e) => problems.push(`pageerror: ${(e as Error).message}`));
      page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
      await page.setViewport({ width: 1280, height: 900 });
      const framesLoaded = DECKS.map((name) =>
        page.waitForFrame((f) => f.url().includes(`/decks/${name}/index.html`), { timeout: 20_000 }),
      );
      await page.goto(pathToFileURL(join(DIST, "index.html")).href, { waitUntil: "load" });
      frames.push(...(await Promise.all(framesLoaded)));
    }, 30_000);

    it("both iframes load their decks", async () => {
      for (const frame of frames) {
        await frame.waitForFunction(() => (globalThis as { Reveal?: typeof Reveal }).Reveal?.isReady() === true, { timeout: 15_000 });
        expect(await frame.evaluate(() => Reveal.getIndices())).toMatchObject({ h: 0, v: 0 });
      }
      // two different decks, each in its own frame
      expect(frames[0]?.url()).toContain("/decks/lectern-sample/index.html");
      expect(frames[1]?.url()).toContain("/decks/seed-medical-tech/index.html");
      // the page heard each deck's "ready" by postMessage
      for (const k of [0, 1]) await page.waitForSelector(`${deckSel(k)} .status[data-h="0"]`, { timeout: 10_000 });
      expect(problems).toEqual([]);
    }, 20_000);

    it("each deck fills its 16:9 frame", async () => {
      for (const k of [0, 1]) {
        const box = await (await page.$(`${deckSel(k)} iframe`))?.boundingBox();
        expect(box).toBeTruthy();
        expect((box?.width ?? 0) / (box?.height ?? 1)).toBeCloseTo(16 / 9, 1);
        // embedded reveal.js sizes itself to the .reveal element: it must fill the frame, not collapse to 0 px
        const fill = await (frames[k] as Frame).evaluate(() => {
          const r = (document.querySelector(".reveal") as HTMLElement).getBoundingClientRect();
          return { width: r.width / innerWidth, height: r.height / innerHeight };
        });
        expect(fill.width, DECKS[k]).toBeCloseTo(1, 2);
        expect(fill.height, DECKS[k]).toBeCloseTo(1, 2);
      }
    });

    it("the page's next button moves deck 1 (and only it), and the page shows the slide change it heard", async () => {
      const before = [await indices(0), await indices(1)];
      await page.click(`${deckSel(0)} button[data-action="next"]`);
      await (frames[0] as Frame).waitForFunction((h) => Reveal.getIndices().h > h, { timeout: 5_000 }, before[0]?.h ?? 0);
      const after = await indices(0);
      expect(after.h).toBeGreaterThan(before[0]?.h ?? 0);
      // the status line of deck 1 follows its slidechanged event…
      await page.waitForSelector(`${deckSel(0)} .status[data-h="${after.h}"]`, { timeout: 5_000 });
      const status = await page.$eval(`${deckSel(0)} .status`, (el) => el.textContent ?? "");
      expect(status).toMatch(/^Slide \d+/);
      expect(status).not.toBe("Loading the deck…");
      // …and deck 2 neither moved nor reported a change
      expect(await indices(1)).toEqual(before[1]);
      expect(await page.$eval(`${deckSel(1)} .status`, (el) => (el as HTMLElement).dataset.h)).toBe("0");

      // and back
      await page.click(`${deckSel(0)} button[data-action="prev"]`);
      await (frames[0] as Frame).waitForFunction((h) => Reveal.getIndices().h < h, { timeout: 5_000 }, after.h);
      await page.waitForSelector(`${deckSel(0)} .status[data-h="${before[0]?.h}"]`, { timeout: 5_000 });
    }, 20_000);

    it("keyboard focus stays per iframe: after a click inside deck 2, ArrowRight moves only deck 2", async () => {
      const before = [await indices(0), await indices(1)];
      const frame2 = await page.$(`${deckSel(1)} iframe`);
      expect(frame2).not.toBeNull();
      await frame2?.scrollIntoView();
      await frame2?.click(); // the middle of the slide
      await page.keyboard.press("ArrowRight");
      await (frames[1] as Frame).waitForFunction((h) => Reveal.getIndices().h > h, { timeout: 5_000 }, before[1]?.h ?? 0);
      expect(await indices(0)).toEqual(before[0]);
      await page.waitForSelector(`${deckSel(1)} .status:not([data-h="${before[1]?.h}"])`, { timeout: 5_000 });

      // an arrow key on the page itself (focus on a button) moves no deck
      const now = [await indices(0), await indices(1)];
      await page.focus(`${deckSel(0)} button[data-action="prev"]`);
      await page.keyboard.press("ArrowRight");
      await new Promise((r) => setTimeout(r, 300));
      expect([await indices(0), await indices(1)]).toEqual(now);
      expect(problems).toEqual([]);
    }, 20_000);
  });
});
