/**
 * The PDF shows what the slides show: each page's text (pdftotext) holds every character
 * its slide shows, and no slide cuts any off (test/pdf-text.ts). On the sample, a d2l chapter
 * of the corpus and test/fixtures/wide-formulas.md: a twelve-term derivation line and a
 * chain of double sums (both wider than a slide), an `aligned` row broken at its relations,
 * a formula too tall for a slide (it continues between rows), Chinese inside `\text{}`, and
 * an `aligned` row with no relation that nothing can break.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../../src/browser/session.js";
import { buildPaths, type DeckOutput, type RunResult } from "../../../src/index.js";
import { CORPUS, fixture, REPO_ROOT, tempDir, withCode } from "../../helpers.js";
import { checkDeckPdf, missingChars, type PdfCompleteness } from "../../pdf-text.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const D2L = join(CORPUS, "zh", "d2l-zh-convexity.md");
const WIDE = fixture("wide-formulas.md");
const out = tempDir("lectern-pdf-complete-");

describe("the comparison", () => {
  it("counts each character (a page showing 48.7 lacks the 3 of 48.73), ignoring spacing and spelling forms", () => {
    expect(missingChars("x = 48.73 + 48.73", "x = 48.7 + 48.73")).toBe("3");
    expect(missingChars("α\u200bβ  ﬁt", "α β\nfit 12")).toBe("");
    expect(missingChars("当 a", "a")).toBe("当");
  });
});

describe.skipIf(!HAS_BROWSER)("every PDF page holds every character its slide shows", () => {
  let run: RunResult;
  let session: BrowserSession;
  const checks = new Map<string, PdfCompleteness>();
  const deck = (name: string) => run.decks.find((d) => d.name === name) as DeckOutput;
  /** The content slide of that title (starting at that 1-based source line). */
  const contentSlide = (title: string, line?: number) =>
    deck("wide-formulas")
      .result.plan.stacks.flatMap((s) => s.slides)
      .find((s) => s.kind === "content" && s.title === title && (line === undefined || s.line + 1 === line));

  beforeAll(async () => {
    run = await buildPaths([SAMPLE, D2L, WIDE], { outDir: out, pdf: true });
    session = createBrowserSession();
    for (const d of run.decks) {
      const { page } = await session.newPage();
      try {
        checks.set(d.name, await checkDeckPdf(page, join(d.dir, "index.html"), d.pdf?.path as string));
      } finally {
        await page.close();
      }
    }
  }, 240_000);
  afterAll(() => session?.close());

  it.each([["lectern-sample"], ["d2l-zh-convexity"], ["wide-formulas"]])(
    "%s: one page per slide, none lacking or cutting off a character, none drawn as a box",
    (name) => {
      const check = checks.get(name) as PdfCompleteness;
      expect(deck(name).written).toBe(true);
      expect(check.pages).toBe(deck(name).slides);
      expect(check.slides).toBe(check.pages);
      expect(check.incomplete.map(({ page, missing, clipped }) => ({ page, missing, clipped }))).toEqual([]);
      expect(check.unrenderable).toEqual([]);
    },
  );

  it("finds a page that lacks its slide's text: the sample's PDF without its 4th page", async () => {
    const sample = deck("lectern-sample");
    const doc = await PDFDocument.load(readFileSync(sample.pdf?.path as string));
    doc.removePage(3);
    const cut = join(out, "cut.pdf");
    writeFileSync(cut, await doc.save());
    const { page } = await session.newPage();
    try {
      const check = await checkDeckPdf(page, join(sample.dir, "index.html"), cut);
      expect(check.pages).toBe(sample.slides - 1);
      expect(check.incomplete.length).toBeGreaterThan(0);
      expect(check.incomplete[0]?.page).toBe(4);
      expect(check.incomplete[0]?.missing.length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("a display formula wider than the slide breaks onto more lines, at its own size", () => {
    // complete (above) and not scaled: wrapped after its operators, or broken at its relations into rows
    for (const title of ["A twelve-term derivation line", "The dual objective", "One row that cannot break"]) {
      const slide = contentSlide(title);
      expect(slide, title).toBeDefined();
      expect(slide?.scale, title).toBeUndefined();
    }
    expect(deck("wide-formulas").fit?.overflowing.map((o) => o.title)).toEqual(["A row with no relation to break at"]);
  });

  it("a formula too tall for a slide continues on the next slide between its rows, at its own size", () => {
    const slides = deck("wide-formulas")
      .result.plan.stacks.flatMap((s) => s.slides)
      .filter((s) => s.kind === "content" && s.title === "Eighteen stacked rows");
    expect(slides.length).toBeGreaterThanOrEqual(2);
    for (const s of slides) expect(s.scale).toBeUndefined();
  });

  it.each([["A row with no relation to break at", 67]])(
    "%s (too large at a legible size): shrunk further, whole, with an overflow warning that says so",
    (title, line) => {
      const warnings = withCode(deck("wide-formulas").diagnostics, "overflow");
      expect(warnings).toHaveLength(1);
      const warning = warnings.find((w) => w.message.includes(`"${title}"`));
      expect(warning?.line).toBe(line);
      expect(warning?.message).toMatch(
        /^slide ".+" still overflows by \d+px at its smallest legible size: shrunk to \d+% so that none of it is cut$/,
      );
      const slide = contentSlide(title, line);
      expect(slide?.scale).toBeLessThan(0.5);
      expect(deck("wide-formulas").fit?.overflowing).toContainEqual(expect.objectContaining({ title, scale: slide?.scale }));
    },
  );
});
