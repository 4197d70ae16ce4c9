/**
 * PDF export, end to end: the sample and the seed article are built once with a PDF and
 * handouts, in a real Chromium, and the files are checked with poppler (pdfinfo, pdffonts,
 * pdftotext) and pdf-lib (the outline).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../../src/browser/session.js";
import { buildFile, buildPaths, type DeckOutput, type RunResult } from "../../../src/index.js";
import { pdfFonts, REPO_ROOT, SEED, tempDir, withCode } from "../../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const out = tempDir("lectern-pdf-");

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const pdfinfo = (file: string, ...args: string[]) => tool("pdfinfo", ["-enc", "UTF-8", ...args, file]);
const pdftext = (file: string, ...args: string[]) => tool("pdftotext", ["-enc", "UTF-8", ...args, file, "-"]);
const pageCount = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(pdfinfo(file))?.[1]);
const squeeze = (s: string) => s.replace(/\s+/g, "");

/** pdfinfo's field, e.g. `Title`. */
const infoField = (file: string, field: string) => new RegExp(`^${field}:\\s+(.*)$`, "m").exec(pdfinfo(file))?.[1]?.trim();

/** Every page's size, as pdfinfo prints it (`960 x 540 pts`). */
function pageSizes(file: string): string[] {
  const text = pdfinfo(file, "-f", "1", "-l", String(pageCount(file)));
  return [...text.matchAll(/^Page\s+\d+ size:\s+(.+?)\s*$/gm)].map((m) => m[1] as string);
}

interface Bookmark {
  title: string;
  /** 0-based page the entry jumps to (-1: none). */
  page: number;
  children: Bookmark[];
}

/** The PDF's outline, read from the catalog's /Outlines with pdf-lib. */
async function bookmarks(file: string): Promise<Bookmark[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const pages = doc.getPages().map((p) => p.ref.toString());
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  if (!outlines) return [];
  const walk = (first: unknown): Bookmark[] => {
    const found: Bookmark[] = [];
    for (let ref = first; ref instanceof PDFRef; ) {
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of("Title"));
      const dest = item.lookupMaybe(PDFName.of("Dest"), PDFArray);
      const target = dest?.get(0);
      found.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "",
        page: target instanceof PDFRef ? pages.indexOf(target.toString()) : -1,
        children: walk(item.get(PDFName.of("First"))),
      });
      ref = item.get(PDFName.of("Next"));
    }
    return found;
  };
  return walk(outlines.get(PDFName.of("First")));
}

/** `data-lectern-slide` sections of a built deck's index.html: one per slide (stacks carry none). */
const htmlSlides = (deck: DeckOutput) =>
  (readFileSync(join(deck.dir, "index.html"), "utf8").match(/<section\b[^>]*\bdata-lectern-slide="/g) ?? []).length;

describe.skipIf(!HAS_BROWSER)("PDF export (Chromium)", () => {
  let run: RunResult;
  let sample: DeckOutput;
  let seed: DeckOutput;
  const samplePdf = () => join(out, "lectern-sample", "lectern-sample.pdf");

  beforeAll(async () => {
    run = await buildPaths([SAMPLE, SEED], { outDir: out, pdf: true, handouts: ["notes", 3, 6] });
    sample = run.decks.find((d) => d.name === "lectern-sample") as DeckOutput;
    seed = run.decks.find((d) => d.name === "seed-medical-tech") as DeckOutput;
  }, 120_000);

  it("builds both decks, with a PDF each, and no errors", () => {
    expect(run.browserMissing).toBe(false);
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(run.ok).toBe(true);
    for (const deck of [sample, seed]) {
      expect(deck.written).toBe(true);
      expect(deck.pdf?.path).toBe(join(out, deck.name, `${deck.name}.pdf`));
      expect(existsSync(deck.pdf?.path as string)).toBe(true);
      expect(deck.pdf?.bytes).toBe(readFileSync(deck.pdf?.path as string).length);
    }
  });

  it("has one page per slide: pdfinfo's pages = deck.slides = data-lectern-slide sections", () => {
    for (const deck of [sample, seed]) {
      const pages = pageCount(deck.pdf?.path as string);
      expect(pages).toBeGreaterThan(1);
      expect(pages).toBe(deck.slides);
      expect(pages).toBe(deck.pdf?.pages);
      expect(pages).toBe(htmlSlides(deck));
      expect(pages).toBe(deck.result.plan.stacks.reduce((n, s) => n + s.slides.length, 0));
    }
  });

  it("prints every page at the slide size, 960 × 540 pt", () => {
    for (const deck of [sample, seed]) {
      const sizes = pageSizes(deck.pdf?.path as string);
      expect(sizes).toHaveLength(deck.slides);
      for (const size of sizes) expect(size).toMatch(/^960 x 540 pts/);
    }
  });

  it("embeds every font, Noto Sans SC and KaTeX's among them", () => {
    const list = pdfFonts(samplePdf());
    expect(list.length).toBeGreaterThan(2);
    expect(list.filter((f) => f.emb !== "yes")).toEqual([]);
    expect(list.some((f) => /NotoSansSC/.test(f.name))).toBe(true);
    expect(list.some((f) => /KaTeX_Main/.test(f.name))).toBe(true);
    expect(list.some((f) => /KaTeX_Math/.test(f.name))).toBe(true);
    const seedFonts = pdfFonts(seed.pdf?.path as string);
    expect(seedFonts.filter((f) => f.emb !== "yes")).toEqual([]);
    expect(seedFonts.some((f) => /NotoSansSC/.test(f.name))).toBe(true);
  });

  it("has the article's text (Chinese) and typeset math, with no TeX source left", () => {
    const text = pdftext(samplePdf());
    for (const words of ["傅里叶变换与信号处理入门", "傅里叶", "时域与频域", "奈奎斯特"]) expect(text).toContain(words);
    expect(text).not.toContain("$");
    expect(text).not.toMatch(/\\(frac|begin|end|mathrm|sum|int|hat)\b/);
    expect(text).not.toContain("\\[");
    // inline math was typeset: KaTeX's glyphs, not the source
    expect(text).toContain("ω = 2πf");
    expect(pdftext(seed.pdf?.path as string)).toContain("医疗科技");
  });

  it("carries the title, author and subject in its metadata", () => {
    expect(infoField(samplePdf(), "Title")).toBe("傅里叶变换与信号处理入门");
    expect(infoField(samplePdf(), "Author")).toBe("Lectern 示例");
    expect(infoField(samplePdf(), "Subject")).toBe("从正弦波到快速傅里叶变换");
    expect(infoField(samplePdf(), "Creator")).toBe("Lectern");
    expect(infoField(seed.pdf?.path as string, "Title")).toBe(seed.result.plan.title);
  });

  it("has an outline with an entry per top-level section, each opening the section's slide", async () => {
    const sections = sample.result.article.outline.sections.map((s) => s.title);
    expect(sections.length).toBeGreaterThanOrEqual(5);
    const top = await bookmarks(samplePdf());
    const titles = top.map((b) => b.title);
    for (const title of sections) expect(titles).toContain(title);
    // in the deck's order, after the title slide
    expect(titles.filter((t) => sections.includes(t))).toEqual(sections);
    expect(titles[0]).toBe(sample.result.plan.title);
    for (const entry of top.filter((b) => sections.includes(b.title))) {
      expect(entry.page).toBeGreaterThan(0);
      expect(squeeze(pdftext(samplePdf(), "-f", String(entry.page + 1), "-l", String(entry.page + 1)))).toContain(squeeze(entry.title));
      // subsections are the entry's children, on later pages
      expect(entry.children.length).toBeGreaterThan(0);
      for (const child of entry.children) expect(child.page).toBeGreaterThan(entry.page);
    }
  });

  it("writes the handouts: notes = one page per slide, 3-up and 6-up", () => {
    for (const deck of [sample, seed]) {
      expect(deck.handouts.map((h) => h.layout)).toEqual(["notes", 3, 6]);
      const expected = { notes: deck.slides, 3: Math.ceil(deck.slides / 3), 6: Math.ceil(deck.slides / 6) };
      for (const h of deck.handouts) {
        expect(h.path).toBe(join(out, deck.name, `${deck.name}-handout-${h.layout}.pdf`));
        expect(existsSync(h.path)).toBe(true);
        expect(pageCount(h.path)).toBe(expected[h.layout as keyof typeof expected]);
        expect(h.pages).toBe(expected[h.layout as keyof typeof expected]);
        for (const size of pageSizes(h.path)) expect(size).toMatch(/^59\d\.\d+ x 84\d\.\d+ pts \(A4\)$/); // A4 portrait
      }
    }
  });

  it("prints the speaker notes in the notes handout, and the slides' text too", () => {
    const source = readFileSync(SAMPLE, "utf8");
    const note = /^Note: (.+)$/m.exec(source)?.[1];
    expect(note).toBeTruthy();
    const handout = sample.handouts.find((h) => h.layout === "notes")?.path as string;
    const text = squeeze(pdftext(handout));
    expect(text).toContain(squeeze((note as string).slice(0, 16)));
    // a `::: notes` block too
    expect(text).toContain("负频率有什么物理意义");
    expect(text).toContain("时域与频域");
  });

  it("a failed print leaves the previous PDF byte-identical and reports an error", async () => {
    const before = readFileSync(samplePdf());
    const html = readFileSync(join(out, "lectern-sample", "index.html"));

    // 1. the print itself fails (fit and everything before it succeeded)
    const real = createBrowserSession();
    const failing: BrowserSession = {
      get found() {
        return real.found;
      },
      async newPage() {
        const opened = await real.newPage();
        opened.page.pdf = async () => {
          throw new Error("simulated print failure");
        };
        return opened;
      },
      close: () => real.close(),
    };
    let deck: DeckOutput;
    try {
      deck = await buildFile(SAMPLE, { outDir: out, pdf: true }, "lectern-sample", failing);
    } finally {
      await real.close();
    }
    expect(deck.written).toBe(false);
    expect(deck.pdf).toBeUndefined();
    const [error] = withCode(deck.diagnostics, "write-failed");
    expect(error?.severity).toBe("error");
    expect(error?.message).toContain("simulated print failure");
    expect(error?.message).toContain("previous deck is unchanged");
    expect(readFileSync(samplePdf()).equals(before)).toBe(true);
    expect(readFileSync(join(out, "lectern-sample", "index.html")).equals(html)).toBe(true);

    // 2. the browser cannot start at all
    const broken = await buildPaths([SAMPLE], { outDir: out, pdf: true, browserPath: "/bin/false", timeout: 5_000 });
    expect(broken.ok).toBe(false);
    expect(broken.decks[0]?.written).toBe(false);
    expect(broken.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(readFileSync(samplePdf()).equals(before)).toBe(true);

    // no temporary folders left behind
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
  }, 60_000);
});
