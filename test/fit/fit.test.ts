/**
 * The browser fit: slides are measured in Chromium and what overflows is re-planned (or
 * scaled). test/fixtures/overflow.md is written so that the estimate under-counts: a
 * paragraph and a list of long unbreakable words and URLs (wasted space at each line end),
 * an `aligned` formula of stacked `\dfrac`s (much taller than its row count says) and an
 * HTML block with a fixed 900px height (the estimate sees one line of text).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserNotFoundError } from "../../src/browser/find.js";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { measureSlides, type SlideMeasure } from "../../src/fit/measure.js";
import { buildFile, buildPaths, type DeckOutput } from "../../src/index.js";
import { DEFAULT_METRICS } from "../../src/plan/metrics.js";
import { codes, fixture, REPO_ROOT, tempDir, withCode } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const OVERFLOW = fixture("overflow.md");
const out = tempDir("lectern-fit-");

const slideSections = (html: string) => (html.match(/<section\b[^>]*\bdata-lectern-slide="/g) ?? []).length;
/** Slides the fit measures: content and agenda slides. */
const contentSlides = (html: string) => (html.match(/<section class="lectern-(slide|agenda)"/g) ?? []).length;

/** A session that never finds a browser, as on a machine without Chrome. */
const noBrowser = (): BrowserSession => ({
  found: undefined,
  newPage: async () => {
    throw new BrowserNotFoundError("no Chrome or Chromium found (test)");
  },
  close: async () => undefined,
});

describe("without a browser", () => {
  it("the fit is skipped with a note and the HTML is still built", async () => {
    const deck = await buildFile(OVERFLOW, { outDir: join(out, "no-browser"), fit: true }, "overflow", noBrowser());
    expect(deck.written).toBe(true);
    expect(deck.fit).toBeUndefined();
    const [note] = withCode(deck.diagnostics, "fit-skipped");
    expect(note?.severity).toBe("info");
    expect(deck.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const html = readFileSync(join(deck.dir, "index.html"), "utf8");
    expect(slideSections(html)).toBe(deck.slides);
  });

  it("a PDF cannot be skipped: browser-missing, and nothing is written", async () => {
    const deck = await buildFile(OVERFLOW, { outDir: join(out, "no-browser-pdf"), pdf: true }, "overflow", noBrowser());
    expect(deck.written).toBe(false);
    expect(deck.pdf).toBeUndefined();
    expect(codes(deck.diagnostics)).toContain("browser-missing");
    expect(codes(deck.diagnostics)).not.toContain("fit-skipped");
    expect(existsSync(join(out, "no-browser-pdf", "overflow"))).toBe(false);
  });
});

describe.skipIf(!HAS_BROWSER)("fit in Chromium", () => {
  let fitted: DeckOutput;
  let estimated: DeckOutput;
  let html: string;
  let measures: SlideMeasure[];
  const session = createBrowserSession();
  afterAll(() => session.close());

  beforeAll(async () => {
    const run = await buildPaths([OVERFLOW], { outDir: join(out, "fitted"), pdf: true });
    fitted = run.decks[0] as DeckOutput;
    // the same article on the estimate alone (no browser involved)
    estimated = await buildFile(OVERFLOW, { outDir: join(out, "estimated"), fit: false }, "overflow");
    html = readFileSync(join(fitted.dir, "index.html"), "utf8");
    const { page } = await session.newPage();
    measures = await measureSlides(page, join(fitted.dir, "index.html"), DEFAULT_METRICS.width, DEFAULT_METRICS.height, 30_000);
    await page.close();
  }, 120_000);

  it("the estimate alone overflows: measuring the unfitted deck finds slides too tall", async () => {
    const { page } = await session.newPage();
    try {
      const raw = await measureSlides(page, join(estimated.dir, "index.html"), DEFAULT_METRICS.width, DEFAULT_METRICS.height, 30_000);
      expect(raw.filter((m) => m.content > m.limit + 1).length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  }, 30_000);

  it("measures every content slide and acts on the overflowing ones", () => {
    const report = fitted.fit;
    expect(report).toBeDefined();
    if (!report) return;
    expect(report.measured).toBeGreaterThan(0);
    expect(report.measured).toBe(contentSlides(readFileSync(join(estimated.dir, "index.html"), "utf8")));
    expect(report.replanned + report.scaled).toBeGreaterThan(0);
    expect(report.passes).toBeGreaterThan(0);
    expect(report.overflowing).toEqual([]);
    expect(codes(fitted.diagnostics)).not.toContain("overflow");
    expect(fitted.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("re-planned the deck: more slides than the estimate gave, and the written HTML is the fitted plan", () => {
    expect(fitted.slides).toBeGreaterThan(estimated.slides);
    expect(slideSections(html)).toBe(fitted.slides);
    expect(fitted.result.plan.stacks.reduce((n, s) => n + s.slides.length, 0)).toBe(fitted.slides);
    expect(html).toBe(fitted.result.html);
  });

  it("every slide of the written deck fits when measured again", () => {
    expect(measures.length).toBe(contentSlides(html));
    for (const m of measures) {
      expect(m.content, `slide ${m.slide}`).toBeLessThanOrEqual(m.limit + 1);
      expect(m.overflowX, `slide ${m.slide}`).toBeLessThanOrEqual(1);
    }
  });

  it("what cannot be split is scaled down, not cut", () => {
    // the 900px HTML block sits on a slide of its own, shrunk (the tall formula breaks between its rows)
    const scaled = [...html.matchAll(/<div class="lectern-body lectern-scaled" style="zoom:([\d.]+)">/g)].map((m) => Number(m[1]));
    expect(scaled.length).toBeGreaterThanOrEqual(1);
    for (const z of scaled) {
      expect(z).toBeGreaterThanOrEqual(0.5);
      expect(z).toBeLessThan(1);
    }
    expect(html).toContain("tall-figure");
    expect(html).toContain("x_{5}");
  });

  it("the PDF is printed from the fitted slides: one page per fitted slide", () => {
    expect(fitted.pdf?.pages).toBe(fitted.slides);
    expect(fitted.pdf?.pages).not.toBe(estimated.slides);
  });
});
