/**
 * Every article of ../shared/corpus built for real (one `buildFile` each, with its PDF, in one
 * shared browser): no dialect markup in the PDF's text (`pdftotext`), every in-deck link of the
 * HTML an internal link of the PDF that lands on a page, and every ```` ```mermaid ```` fence an
 * SVG in the deck. About 1.5 minutes for the 15 files (LECTERN_SKIP_CORPUS_PDF=1 skips it).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildFile } from "../../src/index.js";
import type { DeckOutput } from "../../src/types.js";
import { CORPUS, count, REPO_ROOT, slidesHtml, tempDir } from "../helpers.js";
import { internalLinks } from "../pdf-links.js";
import { CORPUS_FILES, LEFTOVERS, shownText } from "./leftovers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const out = tempDir("lectern-corpus-pdf-");
const decks = new Map<string, DeckOutput>();

/** The PDF's text, whitespace squeezed. */
const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, " ");

/** Links of the slides (speaker notes left out) to an element of the deck itself. */
function inDeckLinks(html: string): string[] {
  const slides = slidesHtml(html).replace(/<aside class="notes">[\s\S]*?<\/aside>/g, " ");
  const ids = new Set([...slides.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  return [...slides.matchAll(/<a [^>]*href="#([^"]+)"/g)].map((m) => m[1] as string).filter((id) => ids.has(id));
}

describe.skipIf(!HAS_BROWSER || process.env.LECTERN_SKIP_CORPUS_PDF === "1")("the corpus built with its PDF", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = createBrowserSession({ timeout: 60_000 });
    for (const file of CORPUS_FILES) {
      const name = basename(file, extname(file));
      decks.set(file, await buildFile(file, { outDir: out, pdf: true, root: CORPUS }, name, session));
    }
  }, 900_000);
  afterAll(() => session?.close());

  describe.each(CORPUS_FILES.map((f) => [relative(CORPUS, f), f]))("%s", (_name, file) => {
    const deck = () => {
      const d = decks.get(file);
      if (!d?.pdf) throw new Error(`${file}: no PDF was written`);
      return { ...d, pdf: d.pdf, html: readFileSync(join(d.dir, "index.html"), "utf8") };
    };

    it("has no dialect markup in the PDF's text (beyond what inline code quotes)", () => {
      const { pdf, html } = deck();
      const text = pdfText(pdf.path);
      const { quoted } = shownText(html);
      const found = LEFTOVERS.filter(([, p]) => count(text, p) > count(quoted, p)).map(([what, p]) => `${what}: ${text.match(p)?.[0]}`);
      expect(found).toEqual([]);
    });

    it("makes every in-deck link of the HTML an internal link of the PDF that lands on a page", async () => {
      const { pdf, html } = deck();
      const links = (await internalLinks(pdf.path)).map(([, to]) => to);
      expect(links.length).toBeGreaterThanOrEqual(inDeckLinks(html).length);
      expect(links.filter((page) => page < 1 || page > pdf.pages)).toEqual([]);
    });

    it("draws every mermaid fence as an SVG", () => {
      const { html, result } = deck();
      const fences = count(result.article.source.text, /^\s*(?:`{3,}|~{3,})\s*\{?mermaid\b/m);
      expect(count(slidesHtml(html), /<svg [^>]*id="lectern-diagram-\d+"/)).toBe(fences);
      expect(slidesHtml(html)).not.toMatch(/language-mermaid/);
    });
  });
});
