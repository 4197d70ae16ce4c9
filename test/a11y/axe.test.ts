/**
 * axe-core in the real browser on built decks: the sample, the seed article and a corpus
 * chapter, in both themes, as slides (the title slide with reveal's controls and Lectern's)
 * and in the reading view with the speaker notes inline (every slide on screen, so every
 * colour pair is checked). No serious or critical violation may remain.
 */

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildFile } from "../../src/index.js";
import { CORPUS, REPO_ROOT, SEED, tempDir } from "../helpers.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const ARTICLES = [
  ["sample", join(REPO_ROOT, "slides", "lectern-sample.md")],
  ["seed", SEED],
  ["d2l-hardware", join(CORPUS, "zh", "d2l-zh-hardware.md")],
] as const;
const THEMES = ["default", "dark"] as const;

interface Found {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe's serious and critical violations on the page as it is now. */
async function violations(page: Page): Promise<Found[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Found[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: String(v.impact),
      help: v.help,
      nodes: (v.nodes as unknown as { target: string[]; failureSummary?: string }[])
        .slice(0, 4)
        .map((n) => `${n.target.join(" ")} — ${(n.failureSummary ?? "").split("\n").slice(1, 2).join("")}`),
    }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/**
 * Every slide on the page at once, in its own slide box (as the fit pass lays them out),
 * with reveal's hiding lifted: axe then checks the colours of every slide in one pass.
 */
const ALL_SLIDES_CSS = `
html, body { overflow: visible !important; height: auto !important; }
.reveal, .reveal .slides { position: static !important; width: auto !important; height: auto !important; transform: none !important; overflow: visible !important; inset: auto !important; zoom: 1 !important; }
.reveal .slides section { display: block !important; position: relative !important; visibility: visible !important; opacity: 1 !important; transform: none !important; top: auto !important; left: auto !important; transition: none !important; }
.reveal .slides section[data-lectern-slide] { width: 1280px !important; height: 720px !important; overflow: hidden !important; box-sizing: border-box !important; }
.reveal .slides .fragment { opacity: 1 !important; visibility: visible !important; }
.reveal .backgrounds { display: none !important; }`;

async function showAllSlides(page: Page): Promise<number> {
  await page.addStyleTag({ content: ALL_SLIDES_CSS });
  return page.evaluate(() => {
    const all = document.querySelectorAll(".reveal section");
    for (const s of all) for (const a of ["aria-hidden", "hidden", "inert"]) s.removeAttribute(a);
    return all.length;
  });
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector(".reveal")?.getAttribute("role") === "main");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

describe.each(THEMES)("axe-core, theme %s", (theme) => {
  let session: BrowserSession;
  let page: Page;
  const urls = new Map<string, string>();

  beforeAll(async () => {
    for (const [name, file] of ARTICLES) {
      if (!existsSync(file)) continue;
      const deck = await buildFile(file, { outDir: tempDir(), fit: false, theme }, name);
      urls.set(name, pathToFileURL(join(deck.dir, "index.html")).href);
    }
    session = createBrowserSession();
    ({ page } = await session.newPage());
    await page.setViewport({ width: 1280, height: 720 });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it.each(ARTICLES.map(([name]) => name))(
    "%s: no serious or critical violation, as slides and as a reading view",
    async (name) => {
      const url = urls.get(name);
      if (!url) return; // the shared corpus is not on this machine
      await open(page, url);
      expect(await violations(page), `${name} as slides`).toEqual([]);
      await open(page, `${url}?view=scroll&notes=inline`);
      expect(await violations(page), `${name} as a reading view`).toEqual([]);
      // every slide on screen is in the reading view's page for a screen reader
      expect(await page.evaluate(() => document.querySelectorAll(".scroll-page section[aria-hidden]").length)).toBe(0);
      await open(page, url);
      expect(await showAllSlides(page)).toBeGreaterThan(1);
      expect(await violations(page), `${name}, colours of every slide`).toEqual([]);
    },
    180_000,
  );
});
