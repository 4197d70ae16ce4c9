import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { type Serving, serve } from "../../src/serve/serve.js";
import { tempDir } from "../helpers.js";

const ARTICLE = `# 第一节

这是第一节的开头。

## 小节一

第一段内容。

## 小节二

第二段内容。

# 第二节

结尾。
`;

describe("serve", () => {
  let dir: string;
  let file: string;
  let serving: Serving;
  let session: BrowserSession;
  let page: Page;
  const builds: { ms: number; written: boolean }[] = [];

  beforeAll(async () => {
    dir = tempDir();
    file = join(dir, "talk.md");
    writeFileSync(file, ARTICLE);
    copyFileSync(file, join(dir, "good.md.bak"));
    serving = await serve([file], { outDir: join(dir, "out"), port: 0, onBuild: (d, ms) => builds.push({ ms, written: d.written }) });
    session = createBrowserSession();
    ({ page } = await session.newPage([serving.url]));
  }, 60_000);

  afterAll(async () => {
    await serving?.close();
    await session?.close();
  });

  const ready = () =>
    page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(), { timeout: 10_000 });
  const indices = () =>
    page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number; v: number } } }).Reveal.getIndices());

  it("serves the deck with the live-reload client, on loopback", async () => {
    expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.goto(`${serving.url}talk/#/1/2`, { waitUntil: "load" });
    await ready();
    expect(await indices()).toEqual({ h: 1, v: 2 });
    expect(await page.$('script[src="/__lectern/client.js"]')).not.toBeNull();
  }, 30_000);

  it("updates the open deck after a save, on the same slide, without a reload", async () => {
    await page.waitForFunction(() => document.readyState === "complete");
    await new Promise((r) => setTimeout(r, 300)); // let the WebSocket connect
    let navigated = false;
    page.once("load", () => (navigated = true));
    writeFileSync(file, ARTICLE.replace("第二段内容。", "第二段内容，已修改。"));
    await page.waitForFunction(() => document.querySelector(".present")?.textContent?.includes("第二段内容，已修改。"), {
      timeout: 10_000,
      polling: 50,
    });
    expect(await indices()).toEqual({ h: 1, v: 2 });
    expect(navigated).toBe(false);
  }, 30_000);

  it("keeps the last good deck with an overlay on a broken edit, and drops it when fixed", async () => {
    writeFileSync(file, `---\ntitle: [unclosed\n---\n${ARTICLE}`);
    await page.waitForSelector("#lectern-overlay", { timeout: 10_000 });
    const overlay = await page.$eval("#lectern-overlay", (el) => el.textContent ?? "");
    expect(overlay).toContain("front-matter-invalid");
    expect(readFileSync(join(dir, "out", "talk", "index.html"), "utf8")).toContain("第二段内容，已修改。");
    expect(builds.at(-1)?.written).toBe(false);
    writeFileSync(file, ARTICLE);
    await page.waitForFunction(() => !document.querySelector("#lectern-overlay"), { timeout: 10_000, polling: 50 });
    await ready();
    expect(await page.content()).toContain("第二段内容。");
  }, 30_000);

  it("accepts WebSocket connections from its own origin only", async () => {
    const origin = serving.url.replace(/\/$/, "");
    const ws = `${origin.replace("http", "ws")}/__lectern/ws`;
    const connect = (o: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(ws, { headers: { Origin: o } });
        socket.on("open", () => {
          socket.close();
          resolve("open");
        });
        socket.on("error", () => resolve("refused"));
        socket.on("unexpected-response", () => resolve("refused"));
      });
    expect(await connect(origin)).toBe("open");
    expect(await connect("http://evil.example")).toBe("refused");
  });

  it("serves nothing outside the output folder and lists no folders", async () => {
    for (const path of ["/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/talk/assets/"]) {
      const res = await fetch(`${serving.url.replace(/\/$/, "")}${path}`);
      expect(res.status, path).toBe(404);
    }
  });

  it("serves no dot-file: a deck's .lectern.json record is 404, encoded or not", async () => {
    expect(readFileSync(join(dir, "out", "talk", ".lectern.json"), "utf8")).toContain('"key"');
    const base = serving.url.replace(/\/$/, "");
    expect((await fetch(`${base}/talk/index.html`)).status).toBe(200);
    for (const path of ["/talk/.lectern.json", "/talk/%2electern.json", "/talk/assets/../.lectern.json"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
    }
  });
});
