/**
 * `serve` in a real browser: a save patches the open deck in place (a `window.__marker` set
 * before it survives) and the deck stays on the slide being edited — a renamed heading, a
 * subsection inserted above, a broken edit and then its fix. The speaker view's previews
 * (`?receiver`) follow the patches.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildFile } from "../../src/index.js";
import { type Serving, serve } from "../../src/serve/serve.js";
import { tempDir } from "../helpers.js";

const ARTICLE = `# 信号处理

一些开头的文字。

## 采样定理

采样频率至少是信号最高频率的两倍。

## 傅里叶变换

傅里叶变换把信号从时域变到频域：$F(\\omega) = \\int f(t) e^{-i\\omega t} dt$。

\`\`\`python
import numpy as np
spectrum = np.fft.fft(signal)
\`\`\`

## 滤波器

低通滤波器去掉高频。

# 第二章

结尾。
`;

type Win = Window & {
  Reveal: { isReady(): boolean; getCurrentSlide(): HTMLElement; getIndices(): { h: number; v?: number } };
  __marker?: string;
  __updates?: string[];
};

describe("serve: live updates in the open deck", () => {
  let dir: string;
  let file: string;
  let serving: Serving;
  let session: BrowserSession;
  let page: Page;
  let built: (() => void) | undefined;
  /** Write the article and wait for serve's rebuild of it (a text already served rebuilds too). */
  const reset = async (text = ARTICLE) => {
    const done = new Promise<void>((r) => (built = r));
    writeFileSync(file, text);
    await done;
  };

  beforeAll(async () => {
    dir = tempDir();
    file = join(dir, "talk.md");
    writeFileSync(file, ARTICLE);
    serving = await serve([file], { outDir: join(dir, "out"), port: 0, fit: true, onBuild: () => built?.() });
    session = createBrowserSession();
    ({ page } = await session.newPage([serving.url]));
  }, 60_000);

  afterAll(async () => {
    await serving?.close();
    await session?.close();
  });

  /** Open the deck on the slide whose heading is `heading`, with a marker a reload would lose. */
  const openOn = async (heading: string) => {
    await page.goto(`${serving.url}talk/`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as Win).Reveal?.isReady());
    await page.evaluate((text) => {
      const w = window as unknown as Win & { Reveal: { slide(h: number, v?: number): void } };
      const el = [...document.querySelectorAll("section[data-lectern-slide]")].find((s) =>
        s.querySelector("h1, h2")?.textContent?.includes(text),
      );
      if (!el) throw new Error(`no slide ${text}`);
      const at = w.Reveal.getIndices();
      const { h, v } = (w.Reveal as unknown as { getIndices(s: Element): { h: number; v?: number } }).getIndices(el);
      w.Reveal.slide(h, v ?? 0);
      w.__marker = `kept ${at.h}`;
      w.__updates = [];
      window.addEventListener("lectern:updated", (e) => w.__updates?.push((e as CustomEvent<{ kind: string }>).detail.kind));
    }, heading);
    await new Promise((r) => setTimeout(r, 300)); // the WebSocket connects
  };
  const updates = (n: number) =>
    page.waitForFunction((k) => ((window as unknown as Win).__updates?.length ?? 0) >= k, { timeout: 15_000, polling: 50 }, n); // polled: a page behind another tab gets no animation frames
  const shown = () =>
    page.evaluate(() => {
      const w = window as unknown as Win;
      const slide = w.Reveal.getCurrentSlide();
      return {
        heading: slide.querySelector("h1, h2")?.textContent ?? "",
        text: slide.textContent ?? "",
        marker: w.__marker,
        hash: location.hash,
      };
    });

  it("patches a one-slide text edit in place: no reload, same slide", async () => {
    await openOn("采样定理");
    writeFileSync(file, ARTICLE.replace("两倍。", "两倍（奈奎斯特）。"));
    await updates(1);
    const now = await shown();
    expect(now.marker).toMatch(/^kept/);
    expect(now.heading).toBe("采样定理");
    expect(now.text).toContain("两倍（奈奎斯特）。");
    expect(await page.evaluate(() => (window as unknown as Win).__updates)).toEqual(["patch"]);
  }, 60_000);

  it("stays on the slide whose heading was renamed (its anchor is gone)", async () => {
    await reset();
    await openOn("傅里叶变换");
    writeFileSync(file, ARTICLE.replace("## 傅里叶变换", "## 傅立叶变换"));
    await updates(1);
    const now = await shown();
    expect(now.marker).toMatch(/^kept/);
    expect(now.heading).toBe("傅立叶变换");
    expect(now.text).toContain("np.fft.fft");
    // the math and the code come rendered
    expect(
      await page.evaluate(() => !!document.querySelector(".present .katex") && !!document.querySelector(".present .hljs-keyword")),
    ).toBe(true);
    // reveal writes the new anchor into the URL (debounced)
    await page.waitForFunction(() => decodeURIComponent(location.hash) === "#/傅立叶变换", { timeout: 10_000, polling: 50 });
  }, 60_000);

  it("stays on the slide being edited when a subsection is inserted above it", async () => {
    await reset();
    await openOn("滤波器");
    writeFileSync(file, ARTICLE.replace("## 傅里叶变换", "## 量化\n\n量化把幅度变成离散的值。\n\n## 傅里叶变换"));
    await updates(1);
    const now = await shown();
    expect(now.marker).toMatch(/^kept/);
    expect(now.heading).toBe("滤波器");
  }, 60_000);

  it("after a broken edit and its fix, stays on the edited slide", async () => {
    await reset();
    await openOn("滤波器");
    writeFileSync(file, `---\ntitle: [unclosed\n---\n${ARTICLE.replace("低通滤波器去掉高频。", "低通滤波器去掉")}`);
    await updates(1);
    expect(await page.$eval("#lectern-overlay", (el) => el.textContent ?? "")).toMatch(/talk\.md:2:\d+.*front-matter-invalid/);
    expect((await shown()).heading).toBe("滤波器");
    // the fix, saved as editors do: a temporary file renamed into place
    writeFileSync(join(dir, ".talk.md.swp"), ARTICLE.replace("低通滤波器去掉高频。", "低通滤波器去掉高频噪声。"));
    renameSync(join(dir, ".talk.md.swp"), file);
    await updates(2);
    const now = await shown();
    expect(await page.$("#lectern-overlay")).toBeNull();
    expect(now.marker).toMatch(/^kept/);
    expect(now.heading).toBe("滤波器");
    expect(now.text).toContain("高频噪声。");
  }, 60_000);

  it("after a broken edit undone (the text of the deck shown), drops the diagnostics", async () => {
    await reset();
    await openOn("滤波器");
    writeFileSync(file, `---\ntitle: [unclosed\n---\n${ARTICLE}`);
    await updates(1);
    expect(await page.$("#lectern-overlay")).not.toBeNull();
    writeFileSync(file, ARTICLE); // undone: the deck the page shows
    await updates(2);
    expect(await page.$("#lectern-overlay")).toBeNull();
    expect((await shown()).marker).toMatch(/^kept/);
  }, 60_000);

  // once flaky (a reload instead of a patch): a page whose WebSocket connected after a patch went
  // out, or after a rebuild that changed nothing had moved the version on, missed it; now a page
  // says its version when it connects and hears what it missed, and a save that changes nothing
  // sends nothing
  it("patches the speaker view's previews too (?receiver pages)", async () => {
    await reset();
    await openOn("采样定理");
    const { page: preview } = await session.newPage([serving.url]);
    try {
      await preview.goto(`${serving.url}talk/?receiver#/1/1`, { waitUntil: "load" });
      await preview.waitForFunction(() => (window as unknown as Win).Reveal?.isReady());
      await preview.evaluate(() => ((window as unknown as Win).__marker = "preview"));
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(file, ARTICLE.replace("两倍。", "两倍，预览也变。"));
      await updates(1);
      await preview.waitForFunction(() => document.body.textContent?.includes("两倍，预览也变。"), { timeout: 15_000, polling: 50 });
      expect(await preview.evaluate(() => (window as unknown as Win).__marker)).toBe("preview");
    } finally {
      await preview.close();
    }
  }, 60_000);

  it("patches a page whose WebSocket connects only after the patch went out (it says what it holds)", async () => {
    await reset();
    await openOn("采样定理");
    const { page: late } = await session.newPage([serving.url]);
    try {
      // the page's live-reload client connects when the test says so
      await late.evaluateOnNewDocument(() => {
        const Real = window.WebSocket;
        let open: () => void = () => undefined;
        const gate = new Promise<void>((r) => (open = r));
        (window as unknown as { __connect: () => void }).__connect = () => open();
        (window as unknown as { WebSocket: unknown }).WebSocket = function Gated(this: Record<string, unknown>, url: string) {
          const self: Record<string, ((e: unknown) => void) | ((d: string) => void) | undefined> = {};
          let ws: WebSocket | undefined;
          void gate.then(() => {
            ws = new Real(url);
            ws.onopen = (e) => (self.onopen as ((e: unknown) => void) | undefined)?.(e);
            ws.onmessage = (e) => (self.onmessage as ((e: unknown) => void) | undefined)?.(e);
            ws.onclose = (e) => (self.onclose as ((e: unknown) => void) | undefined)?.(e);
          });
          self.send = (d: string) => ws?.send(d);
          return self;
        };
      });
      await late.goto(`${serving.url}talk/`, { waitUntil: "load" });
      await late.waitForFunction(() => (window as unknown as Win).Reveal?.isReady());
      await late.evaluate(() => ((window as unknown as Win).__marker = "late"));
      writeFileSync(file, ARTICLE.replace("两倍。", "两倍，晚到的页面也变。"));
      await updates(1); // the patch went out (the deck page has it)
      await late.evaluate(() => (window as unknown as { __connect: () => void }).__connect());
      await late.waitForFunction(() => document.body.textContent?.includes("两倍，晚到的页面也变。"), { timeout: 15_000, polling: 50 });
      expect(await late.evaluate(() => (window as unknown as Win).__marker)).toBe("late");
    } finally {
      await late.close();
    }
  }, 60_000);

  it("sends nothing for a save that changes nothing: the version a page is served stays", async () => {
    await reset();
    const version = async () => /data-version="(\d+)"/.exec(await (await fetch(`${serving.url}talk/`)).text())?.[1];
    const before = await version();
    expect(before).toBeDefined();
    await reset(); // the same text again
    expect(await version()).toBe(before);
  }, 60_000);

  it("writes the font slices a new character needs (the files of the last build are not reused for other glyphs)", async () => {
    const text = ARTICLE.replace("结尾。", "结尾：龘。");
    await reset(text);
    const built = await buildFile(file, { outDir: join(dir, "built") }, "talk");
    const css = (deckDir: string) => readFileSync(join(deckDir, "assets", "fonts", "fonts.css"), "utf8");
    expect(css(join(dir, "out", "talk"))).toBe(css(built.dir));
    expect(readdirSync(join(dir, "out", "talk", "assets", "fonts")).sort()).toEqual(readdirSync(join(built.dir, "assets", "fonts")).sort());
  }, 60_000);
});
