/**
 * The reading view's buttons never cover what is read: in the scroll view of the sample deck,
 * at a desktop window (1280×800) and a phone's (390×844), each slide's heading is scrolled to
 * the top and to the bottom of the page, and the browser's hit test on the heading finds the
 * heading, not a control over it.
 */

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildFile } from "../../src/index.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800, isMobile: false },
  { name: "phone", width: 390, height: 844, isMobile: true },
] as const;

/** Headings of the first slides scrolled to `block`; those the hit test does not find (what covers them instead). */
function covered(page: Page, block: "start" | "end", pages: number): Promise<string[]> {
  return page.evaluate(
    (block, pages) => {
      const out: string[] = [];
      const headings = [...document.querySelectorAll(".reveal .scroll-page")]
        .slice(0, pages)
        .map((p) => p.querySelector<HTMLElement>("section h1, section h2"))
        .filter((h): h is HTMLElement => h !== null);
      for (const h of headings) {
        h.scrollIntoView({ block, inline: "nearest" });
        const r = h.getBoundingClientRect();
        const y = r.top + r.height / 2;
        for (const x of [r.left + 2, r.left + Math.min(r.width, 160) / 2]) {
          const hit = document.elementFromPoint(x, y);
          if (!hit || !h.contains(hit))
            out.push(`${h.textContent?.trim()} at ${Math.round(x)},${Math.round(y)}: ${hit?.outerHTML.slice(0, 60)}`);
        }
      }
      return out;
    },
    block,
    pages,
  );
}

describe("reading view controls", () => {
  let session: BrowserSession;
  let url: string;

  beforeAll(async () => {
    const deck = await buildFile(join(REPO_ROOT, "slides", "lectern-sample.md"), { outDir: tempDir(), fit: false });
    url = pathToFileURL(join(deck.dir, "index.html")).href;
    session = createBrowserSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it.each(VIEWPORTS)(
    "cover no slide's heading, at the top or the bottom of the page ($name)",
    async ({ width, height, isMobile }) => {
      // a page of its own per window: a phone's viewport is set before the deck loads
      const { page } = await session.newPage();
      await page.setViewport({ width, height, isMobile, hasTouch: isMobile });
      await page.goto(`${url}?view=scroll&notes=inline`, { waitUntil: "load" });
      await page.waitForFunction(() => document.documentElement.classList.contains("lectern-reading"));
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      // the controls are there and can be pressed
      const tools = await page.evaluate(() => {
        const b = document.querySelector(".lectern-view-toggle")?.getBoundingClientRect();
        return b ? document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)?.className : undefined;
      });
      expect(tools).toBe("lectern-view-toggle");
      expect(await covered(page, "start", 16)).toEqual([]);
      expect(await covered(page, "end", 16)).toEqual([]);
    },
    120_000,
  );
});
