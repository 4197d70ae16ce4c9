/**
 * `--standalone`: one HTML file per deck, everything inlined. The seed and the sample are
 * built, turned into single files, checked as text, then opened from `file://` in Chromium
 * from a folder holding nothing else: no request may leave the file.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../../src/browser/session.js";
import { buildFile, type DeckOutput } from "../../../src/index.js";
import { standaloneHtml } from "../../../src/output/single-file/standalone.js";
import { fixture, REPO_ROOT, SEED, tempDir } from "../../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
/** A deck folder written by hand: English only, no math, tricky attributes, script and style text. */
const HANDMADE = fixture("standalone/deck");
const HANDMADE_GLYPHS = "Plain English text, no math.";

const out = tempDir("lectern-standalone-");

/** What the page exposes (typed for `page.evaluate`). */
declare const Reveal: {
  isReady(): boolean;
  hasPlugin(id: string): boolean;
  getHorizontalSlides(): HTMLElement[];
  slide(h: number, v?: number): void;
};

interface Standalone {
  deck: DeckOutput;
  html: string;
  bytes: number;
  ms: number;
  /** The file, alone in its folder. */
  path: string;
}

/** Write `html` as the only file of a fresh folder. */
function alone(name: string, html: string): string {
  const dir = join(out, `alone-${name}`);
  mkdirSync(dir);
  const path = join(dir, `${name}.html`);
  writeFileSync(path, html);
  return path;
}

async function standalone(article: string): Promise<Standalone> {
  const deck = await buildFile(article, { outDir: join(out, "decks"), fit: false });
  expect(deck.written).toBe(true);
  const start = performance.now();
  const html = await standaloneHtml(deck.dir, deck.result.glyphs);
  const ms = performance.now() - start;
  return { deck, html, bytes: Buffer.byteLength(html), ms, path: alone(deck.name, html) };
}

/** The text of every inlined stylesheet. */
const styles = (html: string) => [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
/** The page without the text of its scripts (which may name `url(` or `src=` in their own code). */
const withoutScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "<script></script>");
const urlsOf = (css: string) => [...css.matchAll(/url\(\s*["']?([^"')]*)/g)].map((m) => m[1] ?? "");

/** The Noto Sans SC faces of a standalone file: weight and unicode-range code points. */
function notoFaces(html: string): { weight: number; codes: Set<number>; src: string }[] {
  return [...html.matchAll(/@font-face\{font-family:"Noto Sans SC";[^}]*\}/g)].map(([face]) => {
    const codes = new Set<number>();
    for (const part of (/unicode-range:([^;}]*)/.exec(face)?.[1] ?? "").split(",")) {
      const [lo, hi] = part.replace(/^U\+/i, "").split("-");
      const from = Number.parseInt(lo ?? "", 16);
      for (let c = from; c <= (hi ? Number.parseInt(hi, 16) : from); c++) codes.add(c);
    }
    return { weight: Number(/font-weight:(\d+)/.exec(face)?.[1]), codes, src: /src:(url\([^)]*\)[^;]*)/.exec(face)?.[1] ?? "" };
  });
}

let seed: Standalone;
let sample: Standalone;
let handmade: { html: string; path: string };

beforeAll(async () => {
  seed = await standalone(SEED);
  sample = await standalone(SAMPLE);
  const html = await standaloneHtml(HANDMADE, HANDMADE_GLYPHS);
  handmade = { html, path: alone("handmade", html) };
  console.info(
    `standalone: seed ${(seed.bytes / 1024).toFixed(0)} KiB in ${seed.ms.toFixed(0)} ms, sample ${(sample.bytes / 1024).toFixed(0)} KiB in ${sample.ms.toFixed(0)} ms`,
  );
}, 60_000);

describe("standaloneHtml, as text", () => {
  it("keeps the seed under 1 MB", () => {
    expect(seed.bytes).toBeLessThan(1_000_000);
  });

  it("leaves no reference to the deck folder in the sample", () => {
    const html = sample.html;
    expect(html).not.toContain('href="assets/');
    expect(html).not.toContain('src="assets/');
    expect(html).not.toContain('src="media/');
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="图 1/);
    const css = styles(html).join("\n");
    expect(urlsOf(css).length).toBeGreaterThan(20);
    expect(urlsOf(css).filter((u) => !u.startsWith("data:"))).toEqual([]);
    expect(urlsOf(withoutScripts(html)).filter((u) => !u.startsWith("data:"))).toEqual([]);
  });

  it("inlines reveal.js and its notes plugin, and starts them", () => {
    for (const { html } of [seed, sample]) {
      expect(html).not.toMatch(/<script\b[^>]*\bsrc=/);
      expect(html).toContain("RevealNotes");
      expect(html).toContain("Reveal.initialize(");
    }
  });

  it("keeps KaTeX (woff2 fonts only) when the deck has math", () => {
    const css = styles(sample.html).join("\n");
    expect(css).toContain(".katex");
    expect(css).toMatch(/@font-face\{[^}]*font-family:KaTeX_Main[^}]*src:url\(data:font\/woff2;base64,/);
    expect(css).not.toMatch(/\.woff\)|\.ttf\)|format\("woff"\)|format\("truetype"\)/);
  });

  it("drops KaTeX's CSS and fonts when the deck has no math", () => {
    expect(seed.deck.result.html).not.toContain('class="katex');
    for (const html of [seed.html, handmade.html]) {
      // the theme styles `.katex` itself; KaTeX's own CSS names its fonts
      expect(html.includes("KaTeX_"), "KaTeX's fonts").toBe(false);
      expect(html.includes(".katex-html"), "KaTeX's CSS").toBe(false);
    }
    expect(sample.html).toContain(".katex-html");
  });

  it("replaces the font slices with a true subset of Noto Sans SC: the deck's characters, in 400 and 700", () => {
    expect(seed.html).not.toContain("fonts.css");
    const faces = notoFaces(seed.html);
    expect(new Set(faces.map((f) => f.weight))).toEqual(new Set([400, 700]));
    for (const f of faces) expect(f.src).toMatch(/^url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\) format\("woff2"\)$/);
    const covered = new Set(faces.flatMap((f) => [...f.codes]));
    for (const c of "医学图像生成0123456789/（续）目录 (cont.) Contents") expect(covered.has(c.codePointAt(0) as number), c).toBe(true);
    // characters the seed does not use are not in the file
    for (const c of "傅鼎龘") expect(covered.has(c.codePointAt(0) as number), c).toBe(false);
    const cjk = [...seed.deck.result.glyphs].filter((c) => /\p{Script=Han}/u.test(c));
    expect(covered.size).toBeLessThan(cjk.length + 200);
  });

  it("skips the Chinese font when the text has no CJK", () => {
    const faces = notoFaces(handmade.html);
    expect(faces).toHaveLength(2);
    for (const f of faces) expect([...f.codes].every((c) => c < 0x3000)).toBe(true);
    expect(Buffer.byteLength(handmade.html)).toBeLessThan(60_000);
  });

  it("inlines local images with their types and leaves remote, data: and quoted text alone", () => {
    const html = handmade.html;
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).toContain(`<img alt='gif' src="data:image/gif;base64,R0lGOD`);
    expect(html).toContain('<img data-src="media/pixel.png" src="data:image/svg+xml;base64,');
    expect(html).toContain('<img src="https://example.com/remote.png" alt="remote">');
    expect(html).toContain('<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="data">');
    expect(html).toContain('<code>&lt;img src="media/pixel.png"&gt;</code>');
    expect(html).toContain('<!-- <img src="media/pixel.png"> in a comment stays as written -->');
    expect(html).toContain('<link rel="stylesheet" href="https://example.com/remote.css">');
    const css = styles(html).join("\n");
    expect(css).toContain(".bg { background: url(data:image/png;base64,iVBOR");
    expect(css).toContain("url(https://example.com/remote-bg.png)");
    expect(css).toContain("<\\/style>");
    expect(html).toContain('"<\\/script><script>window.__broken = true<\\/script>"');
  });
});

describe.skipIf(!HAS_BROWSER)("standalone files in Chromium, from file://", () => {
  const session = createBrowserSession();
  afterAll(() => session.close());

  /** Open a file; collect what went wrong; wait for reveal.js and the fonts. */
  async function open(path: string, reveal = true) {
    const { page, blocked } = await session.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${(e as Error).message}`));
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    if (reveal) {
      await page.waitForFunction(() => (window as unknown as { Reveal?: typeof Reveal }).Reveal?.isReady() === true, { timeout: 15_000 });
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return { page, blocked, problems, requests };
  }

  /** The page's images, decoded. */
  const images = (page: Page) =>
    page.evaluate(async () =>
      Promise.all(
        [...document.images].map(async (img) => {
          await img.decode().catch(() => undefined);
          return { alt: img.alt, width: img.naturalWidth, src: img.src.slice(0, 30) };
        }),
      ),
    );

  /** Noto Sans SC as the page has it: the check the brief names, and the loaded face that covers `char`. */
  const notoState = (page: Page, char: string) =>
    page.evaluate(async (c) => {
      await document.fonts.ready;
      const code = c.codePointAt(0) as number;
      const covers = (range: string) =>
        range.split(",").some((part) => {
          const [lo, hi] = part.trim().replace(/^U\+/i, "").split("-");
          const from = Number.parseInt(lo ?? "", 16);
          return code >= from && code <= (hi ? Number.parseInt(hi, 16) : from);
        });
      return {
        check: document.fonts.check('30px "Noto Sans SC"', c),
        loaded: [...document.fonts].some(
          (f) => f.family.replace(/"/g, "") === "Noto Sans SC" && f.status === "loaded" && covers(f.unicodeRange),
        ),
      };
    }, char);

  it("runs the seed: reveal.js ready with notes, nothing requested outside the file, the subset font in use", async () => {
    const { page, blocked, problems, requests } = await open(seed.path);
    try {
      expect(problems).toEqual([]);
      expect(blocked).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("data:") && u !== pathToFileURL(seed.path).href)).toEqual([]);
      expect(await page.evaluate(() => Reveal.isReady() && Reveal.hasPlugin("notes"))).toBe(true);
      expect(await notoState(page, "医")).toEqual({ check: true, loaded: true });
    } finally {
      await page.close();
    }
  }, 30_000);

  it("runs the sample: math in KaTeX's fonts, the image decoded, the subset font in use", async () => {
    const { page, blocked, problems, requests } = await open(sample.path);
    try {
      expect(await page.evaluate(() => Reveal.isReady() && Reveal.hasPlugin("notes"))).toBe(true);
      expect(await notoState(page, "傅")).toEqual({ check: true, loaded: true });
      // go to the first slide with display math, so KaTeX's fonts are needed
      const math = await page.evaluate(async () => {
        const slides = [...document.querySelectorAll<HTMLElement>(".slides section:not(.stack):not(.lectern-stack)")];
        const at = slides.find((s) => s.querySelector(".katex-display"));
        const h = Reveal.getHorizontalSlides().findIndex((s) => s === at || s.contains(at ?? null));
        const v = at?.parentElement?.matches(".slides") ? 0 : [...(at?.parentElement?.children ?? [])].indexOf(at as Element);
        Reveal.slide(h, v);
        await new Promise((r) => setTimeout(r, 300));
        await document.fonts.ready;
        return {
          katex: document.querySelectorAll(".katex").length,
          shown: Boolean(document.querySelector("section.present .katex-display")),
          loaded: [...document.fonts].some((f) => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded"),
          check: document.fonts.check("20px KaTeX_Main", "x"),
        };
      });
      expect(math).toEqual({ katex: expect.any(Number), shown: true, loaded: true, check: true });
      expect(math.katex).toBeGreaterThan(10);
      const imgs = await images(page);
      expect(imgs.length).toBeGreaterThan(0);
      for (const img of imgs) {
        expect(img.src).toMatch(/^data:image\//);
        expect(img.width, img.alt).toBeGreaterThan(0);
      }
      expect(problems).toEqual([]);
      expect(blocked).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("data:") && u !== pathToFileURL(sample.path).href)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);

  it("runs in an iframe (reveal.js embedded), at the iframe's size", async () => {
    const dir = join(out, "iframe");
    mkdirSync(dir);
    writeFileSync(join(dir, "deck.html"), seed.html);
    writeFileSync(join(dir, "host.html"), '<!doctype html><title>host</title><iframe src="deck.html" width="800" height="450"></iframe>');
    const { page, blocked, problems } = await open(join(dir, "host.html"), false);
    try {
      const frame = page.frames().find((f) => new URL(f.url()).pathname.endsWith("/deck.html"));
      expect(frame).toBeDefined();
      await frame?.waitForFunction(() => (window as unknown as { Reveal?: typeof Reveal }).Reveal?.isReady() === true, { timeout: 15_000 });
      const box = await frame?.evaluate(() => {
        const deck = document.querySelector(".reveal") as HTMLElement;
        const slide = document.querySelector("section.present")?.getBoundingClientRect();
        return { embedded: deck.classList.contains("embedded"), width: deck.clientWidth, height: deck.clientHeight, top: slide?.top };
      });
      expect(box).toEqual({ embedded: true, width: 800, height: 450, top: expect.any(Number) });
      expect(box?.top).toBeGreaterThanOrEqual(0);
      expect(problems).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);

  it("runs inlined scripts that hold `</script>` and `<!--<script>` as text", async () => {
    const { page, blocked, problems } = await open(handmade.path, false);
    try {
      const probe = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return { probe: w.__probe, comment: w.__comment, end: w.__end, broken: w.__broken };
      });
      expect(probe).toEqual({
        probe: "</script><script>window.__broken = true</script>",
        comment: "<!--<script>",
        end: "-->",
        broken: undefined,
      });
      const imgs = await images(page);
      expect(imgs.filter((i) => i.alt !== "remote").every((i) => i.width > 0)).toBe(true);
      // only what the file itself points at on the web (left alone on purpose) was refused
      expect(blocked.every((u) => u.startsWith("https://example.com/"))).toBe(true);
      expect(blocked.length).toBeGreaterThan(0);
      expect(problems.filter((p) => !p.includes("https://example.com/") && !p.includes("ERR_BLOCKED_BY_CLIENT"))).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);
});
