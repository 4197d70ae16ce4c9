/** The browser session: one lazily launched Chromium, pages that load nothing from the network. */
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_TIMEOUT, createBrowserSession } from "../../src/browser/session.js";
import { buildPaths, type RunResult } from "../../src/index.js";
import { fixture, REPO_ROOT, tempDir, withCode } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const HAS_NPM_SHELL =
  process.platform === "linux" &&
  process.arch === "x64" &&
  existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "bin", "chromium.br"));

const root = tempDir("lectern-session-");

describe("closing", () => {
  it("close() before any launch, and twice, is safe", async () => {
    const session = createBrowserSession();
    expect(session.found).toBeUndefined();
    await expect(session.close()).resolves.toBeUndefined();
    await expect(session.close()).resolves.toBeUndefined();
    expect(session.found).toBeUndefined();
  });
});

describe.skipIf(!HAS_BROWSER)("pages of a session (Chromium)", () => {
  const session = createBrowserSession({ timeout: 10_000 });
  afterAll(() => session.close());

  const page = join(root, "remote.html");
  beforeAll(() => {
    copyFileSync(fixture("images/dot.svg"), join(root, "dot.svg"));
    writeFileSync(
      page,
      `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="https://example.com/style.css">
</head><body>
<img id="remote" src="https://example.com/x.png">
<img id="local" src="dot.svg">
<script src="https://example.com/tracker.js"></script>
<p>local page</p>
</body></html>`,
    );
  });

  it("records requests that would leave the machine as blocked, and loads quickly", async () => {
    const { page: tab, blocked } = await session.newPage();
    try {
      const started = Date.now();
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load", timeout: 10_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(blocked).toContain("https://example.com/x.png");
      expect(blocked).toContain("https://example.com/style.css");
      expect(blocked).toContain("https://example.com/tracker.js");
      expect(blocked.every((url) => url.startsWith("https://example.com/"))).toBe(true);
      // the remote image failed; the local one (file:) loaded
      const sizes = await tab.evaluate(() =>
        ["remote", "local"].map((id) => (document.getElementById(id) as HTMLImageElement).naturalWidth),
      );
      expect(sizes[0]).toBe(0);
      expect(sizes[1]).toBeGreaterThan(0);
      expect(await tab.evaluate(() => document.body.textContent)).toContain("local page");
    } finally {
      await tab.close();
    }
  }, 20_000);

  it("launches one browser, on first use, and reuses it for every page", async () => {
    const a = await session.newPage();
    const b = await session.newPage();
    try {
      expect(session.found?.path).toBeTruthy();
      expect(existsSync(session.found?.path as string)).toBe(true);
      // nothing named: the npm headless shell (the light headless mode) is preferred to the system's browser
      if (HAS_NPM_SHELL && !process.env.PUPPETEER_EXECUTABLE_PATH && !process.env.CHROME_PATH) {
        expect(session.found).toMatchObject({ source: "npm", shell: true });
        expect(await a.page.browser().version()).toMatch(/HeadlessChrome/);
      }
      expect(a.page.browser()).toBe(b.page.browser());
      // each page keeps its own list
      await a.page.goto(pathToFileURL(page).href, { waitUntil: "load" });
      expect(a.blocked.length).toBeGreaterThan(0);
      expect(b.blocked).toEqual([]);
    } finally {
      await a.page.close();
      await b.page.close();
    }
  }, 20_000);

  it("waits 60 s by default, the one default the deck steps use too", async () => {
    const own = createBrowserSession();
    try {
      const { page: tab } = await own.newPage();
      expect(tab.getDefaultTimeout()).toBe(60_000);
      expect(BROWSER_TIMEOUT).toBe(60_000);
    } finally {
      await own.close();
    }
  }, 20_000);

  it("the first page is the tab Chromium opened with (no idle second tab); later pages are new, each filtered", async () => {
    const own = createBrowserSession({ timeout: 10_000 });
    try {
      const first = await own.newPage();
      const browser = first.page.browser();
      expect(await browser.pages()).toHaveLength(1);
      const second = await own.newPage();
      expect(second.page).not.toBe(first.page);
      expect(await browser.pages()).toHaveLength(2);
      // the reused tab blocks the network like any page of the session
      await first.page.goto(pathToFileURL(page).href, { waitUntil: "load" });
      expect(first.blocked.some((u) => u.startsWith("https://example.com/"))).toBe(true);
      await first.page.close();
      await second.page.close();
      // with every tab closed, the browser still gives pages
      const third = await own.newPage();
      expect(browser.connected).toBe(true);
      await third.page.close();
    } finally {
      await own.close();
    }
  }, 30_000);

  it("close() shuts the browser; closing again is harmless", async () => {
    const own = createBrowserSession({ timeout: 10_000 });
    const { page: tab } = await own.newPage();
    const browser = tab.browser();
    expect(browser.connected).toBe(true);
    await own.close();
    expect(browser.connected).toBe(false);
    await expect(own.close()).resolves.toBeUndefined();
  }, 20_000);

  describe("a deck with a remote image", () => {
    let run: RunResult;
    beforeAll(async () => {
      run = await buildPaths([fixture("remote-image.md")], { outDir: join(root, "dist"), pdf: true });
    }, 60_000);

    it("is still built and printed", () => {
      expect(run.decks[0]?.written).toBe(true);
      expect(run.decks[0]?.pdf?.pages).toBe(run.decks[0]?.slides);
      expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });

    it("gets a remote-blocked warning naming the URL, once", () => {
      const warnings = withCode(run.diagnostics, "remote-blocked");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.severity).toBe("warning");
      expect(warnings[0]?.message).toContain("https://example.com/a.png");
    });
  });
});
