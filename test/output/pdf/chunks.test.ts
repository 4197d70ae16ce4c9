/**
 * Printing in chunks (output/pdf/print, join): a deck is printed a few sheets per `page.pdf()`
 * (so Chromium never holds the whole print at once) and the chunks joined into one PDF that
 * reads as the one printed at once: the same pages, text, page numbers, structure tree (screen
 * readers), bookmarks and embedded fonts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../../src/browser/session.js";
import { buildPaths, type DeckOutput } from "../../../src/index.js";
import { type PdfInfo, printDeckPdf } from "../../../src/output/pdf/print.js";
import { REPO_ROOT, tempDir } from "../../helpers.js";
import { internalLinks } from "../../pdf-links.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const LINKS = join(REPO_ROOT, "test", "fixtures", "pdf-links.md");
const out = tempDir("lectern-chunks-");

const tool = (cmd: string, args: string[]) => {
  const r = execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  return r;
};
const pages = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(tool("pdfinfo", [file]))?.[1]);
/** Each page's text in reading order (`-raw`), page by page. */
const pageTexts = (file: string) => tool("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]).split("\f");
/**
 * The structure tree as poppler reads it; a link's annotation without its object number (the
 * join renumbers objects), and the IDs of elements (Chromium's DOM node ids, which differ
 * between pages) numbered in order of appearance, so that a header cell and the cells naming it
 * still match.
 */
function structure(file: string): string {
  const ids = new Map<string, number>();
  return tool("pdfinfo", ["-struct-text", file])
    .replace(/^(\s*Object) \d+ \d+$/gm, "$1")
    .replace(/node\d+/g, (id) => `id${ids.get(id) ?? ids.set(id, ids.size).size - 1}`);
}
const fonts = (file: string) =>
  tool("pdffonts", [file])
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((line) => ({ name: (line.split(/\s+/)[0] as string).replace(/^[A-Z]{6}\+/, ""), embedded: line.includes(" yes ") }));
/** pdfinfo's complaints on stderr (a broken cross-reference table, a bad object). */
const complaints = (file: string) => {
  try {
    execFileSync("pdfinfo", ["-struct", file], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    return "";
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
};

describe.skipIf(!HAS_BROWSER)("PDF printed in chunks (Chromium)", () => {
  let deck: DeckOutput;
  let linked: DeckOutput;
  let session: BrowserSession;
  /** The deck printed at once, from a page opened the same way. */
  let whole: () => string;
  /** The deck printed `chunk` sheets at a time; the page count of each `page.pdf()`. */
  async function printIn(chunk: number, of = deck): Promise<{ file: string; info: PdfInfo; printed: number[] }> {
    const { page } = await session.newPage([], [out]);
    const printed: number[] = [];
    const pdf = page.pdf.bind(page);
    page.pdf = async (options) => {
      const bytes = await pdf(options);
      const part = join(out, `part-${of.name}-${chunk}-${printed.length}.pdf`);
      writeFileSync(part, bytes);
      printed.push(pages(part));
      return bytes;
    };
    const file = join(out, `chunked-${of.name}-${chunk}.pdf`);
    const { plan, article } = of.result;
    const info = await printDeckPdf(
      page,
      join(of.dir, "index.html"),
      file,
      plan,
      article.source.meta,
      60_000,
      {
        width: 960,
        height: 540,
        laidOut: false,
      },
      undefined,
      chunk,
    );
    await page.close();
    return { file, info, printed };
  }

  beforeAll(async () => {
    const run = await buildPaths([SAMPLE, LINKS], { outDir: out, pdf: true });
    deck = run.decks[0] as DeckOutput;
    linked = run.decks[1] as DeckOutput;
    session = createBrowserSession();
    const once = await printIn(1000);
    expect(once.printed).toHaveLength(1);
    whole = () => once.file;
  }, 120_000);
  afterAll(() => session?.close());

  it("prints at most a chunk of sheets per page.pdf(), and the joined PDF has every page", async () => {
    const { file, info, printed } = await printIn(8);
    const total = pages(whole());
    expect(total).toBeGreaterThan(16);
    expect(printed).toEqual([...Array(Math.ceil(total / 8))].map((_, i) => Math.min(8, total - i * 8)));
    expect(pages(file)).toBe(total);
    expect(info.pages).toBe(total);
    expect(complaints(file)).toBe("");
  }, 60_000);

  it("reads as the PDF printed at once: each page's text (page numbers too), the structure tree, the fonts", async () => {
    const { file } = await printIn(10);
    expect(pageTexts(file)).toEqual(pageTexts(whole()));
    // the slide number in each page's corner goes on across chunks
    expect(pageTexts(file)[10]?.trim().split("\n").pop()).toBe("11");
    expect(structure(file)).toBe(structure(whole()));
    const joined = fonts(file);
    expect(joined.every((f) => f.embedded)).toBe(true);
    expect(new Set(joined.map((f) => f.name))).toEqual(new Set(fonts(whole()).map((f) => f.name)));
    expect(tool("pdfinfo", [file])).toMatch(/^Tagged:\s+yes$/m);
  }, 60_000);

  it("keeps the links between slides, those to a slide printed in another chunk too", async () => {
    const { file: once } = await printIn(1000, linked);
    const { file, printed } = await printIn(2, linked);
    expect(printed.length).toBeGreaterThan(2);
    const links = await internalLinks(once);
    // first part → last, first → middle, middle → first, last → middle, last → first
    expect(links.length).toBeGreaterThanOrEqual(5);
    expect(links.every(([from, to]) => to > 0 && Math.floor((from - 1) / 2) !== Math.floor((to - 1) / 2))).toBe(true);
    expect(await internalLinks(file)).toEqual(links);
    expect(Buffer.from(readFileSync(file)).toString("latin1")).not.toContain("lectern.invalid");
  }, 60_000);
});
