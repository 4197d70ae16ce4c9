/**
 * A long deck laid out and printed in two halves at once (fit/measurer `halfway`, output/pdf
 * print): one browser page per half, on the machine's two cores. The PDF must read as the one
 * printed from a single page: every page, its text and number, and the links between the halves.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../../src/browser/session.js";
import { formatFit } from "../../../src/cli/build-command.js";
import { HALF_MIN, halfway } from "../../../src/fit/measurer.js";
import { deckSections } from "../../../src/fit/sections.js";
import { buildPaths, DEFAULT_METRICS, type DeckOutput } from "../../../src/index.js";
import { printDeckPdf } from "../../../src/output/pdf/print.js";
import { REPO_ROOT, tempDir } from "../../helpers.js";
import { internalLinks } from "../../pdf-links.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const TWO_CORES = availableParallelism() >= 2;
const out = tempDir("lectern-halves-");

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const pageTexts = (file: string) => tool("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]).split("\f");

/** `n` short sections between a first and a last part that link to each other. */
function longArticle(n: number): string {
  const parts = ["---\ntitle: Two halves\n---\n", "# First part\n\nGo to [the last part](#last-part).\n"];
  for (let i = 1; i <= n; i++)
    parts.push(`# Part ${i}\n\nParagraph ${i} of the article, with **bold** text and $x_${i}^2$.\n\n- item ${i}a\n- item ${i}b\n`);
  parts.push("# Last part\n\nBack to [the first part](#first-part).\n\n![a remote picture](https://example.com/late.png)\n");
  return parts.join("\n");
}

describe("halfway", () => {
  const deck = (slides: { measured: boolean; stack?: number }[]) => {
    const body = slides
      .map((s, i) => `<section data-lectern-slide="${i}" class="${s.measured ? "lectern-slide" : "lectern-title"}"><p>${i}</p></section>`)
      .join("\n");
    return deckSections(`<html><head></head><body><div class="slides">\n${body}\n</div></body></html>`);
  };
  it("cuts a long deck where half its content slides are before, and a short one not at all", () => {
    const long = deck(Array.from({ length: 2 * HALF_MIN + 10 }, (_, i) => ({ measured: i % 5 !== 0 })));
    const mid = halfway(long as NonNullable<typeof long>) as number;
    const before = (long?.slides ?? []).filter((s) => s.measured && s.index < mid).length;
    const after = (long?.slides ?? []).filter((s) => s.measured && s.index >= mid).length;
    expect(Math.abs(before - after)).toBeLessThanOrEqual(1);
    const short = deck(Array.from({ length: 2 * HALF_MIN - 1 }, () => ({ measured: true })));
    expect(halfway(short as NonNullable<typeof short>)).toBeUndefined();
  });
});

describe.skipIf(!HAS_BROWSER || !TWO_CORES)("a long deck in two halves (Chromium)", () => {
  let deck: DeckOutput;
  let session: BrowserSession;
  let once: string;

  beforeAll(async () => {
    const md = join(out, "long.md");
    writeFileSync(md, longArticle(2 * HALF_MIN + 20));
    const run = await buildPaths([md], { outDir: out, pdf: true, cache: false });
    deck = run.decks[0] as DeckOutput;
    // the same deck printed from one page, at once
    session = createBrowserSession();
    const { page } = await session.newPage([], [out]);
    once = join(out, "once.pdf");
    const { plan, article } = deck.result;
    await printDeckPdf(
      page,
      join(deck.dir, "index.html"),
      once,
      plan,
      article.source.meta,
      120_000,
      { width: DEFAULT_METRICS.width, height: DEFAULT_METRICS.height, laidOut: false },
      undefined,
      100_000,
    );
    await page.close();
  }, 240_000);
  afterAll(() => session?.close());

  it("is laid out in two pages at once, and says so", () => {
    expect(deck.fit?.pages).toBe(2);
    expect(formatFit("long", deck.fit as NonNullable<typeof deck.fit>)).toContain("in two halves at once");
  });

  it("prints every slide, each page as printed from one page, the page numbers going on across the halves", () => {
    const file = deck.pdf?.path as string;
    expect(deck.pdf?.pages).toBe(deck.slides);
    const texts = pageTexts(file);
    expect(texts).toEqual(pageTexts(once));
    const mid = Math.ceil(deck.slides / 2);
    for (const n of [1, mid - 1, mid, mid + 1, deck.slides]) expect(texts[n - 1]?.trim().split("\n").pop()).toBe(String(n));
  });

  it("keeps the links from the first half to the second and back", async () => {
    const links = await internalLinks(deck.pdf?.path as string);
    const mid = Math.ceil(deck.slides / 2);
    // the first part (after the agenda) links to the last slide's part, and back
    expect(links.some(([from, to]) => from < mid && to > mid)).toBe(true);
    expect(links.some(([from, to]) => from > mid && to > 0 && to < mid)).toBe(true);
    expect(links).toEqual(await internalLinks(once));
  });

  it("reports what the second half's page refused to load, as the first page's", () => {
    const blocked = deck.diagnostics.filter((d) => d.code === "remote-blocked");
    expect(blocked.map((d) => d.message)).toEqual([expect.stringContaining("https://example.com/late.png")]);
  });

  it("leaves no measuring page behind in the deck's folder", () => {
    expect(readdirSync(deck.dir).filter((f) => f.startsWith(".lectern-") && f.endsWith(".html"))).toEqual([]);
  });
});
