/**
 * Cross-references in a real Chromium: a click on one in the deck goes to the slide of its
 * target, and in the PDF each is an internal link to the page of that slide.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildFile } from "../../src/index.js";
import { FIXTURES, REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const out = tempDir("lectern-xref-");

interface RevealApi {
  isReady(): boolean;
  slide(h: number, v: number): void;
  getIndices(slide: HTMLElement): { h: number; v: number };
  getCurrentSlide(): HTMLElement;
}
const deckDir = join(out, "d2l-chapter");

describe.skipIf(!HAS_BROWSER)("cross-references in the browser and the PDF", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = createBrowserSession({ timeout: 30_000 });
    const deck = await buildFile(join(FIXTURES, "dialects", "d2l-chapter.md"), { outDir: out, pdf: true }, "d2l-chapter", session);
    expect(deck.written).toBe(true);
  }, 120_000);
  afterAll(() => session?.close());

  it("a click on a reference shows the slide of its target", async () => {
    const { page } = await session.newPage();
    try {
      await page.goto(pathToFileURL(join(deckDir, "index.html")).href, { waitUntil: "load", timeout: 30_000 });
      await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady(), { timeout: 30_000 });
      const refs = await page.$$eval("a.lectern-xref", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
      expect(refs.map(([text]) => text)).toEqual(["Fig. 1", "(1)", "Table 1", "Gradient Descent"]);
      for (const [index, [, href]] of refs.entries()) {
        const target = String(href).slice(1);
        // show the slide holding the reference, click it, and wait for the target slide
        await page.evaluate((i) => {
          const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
          const link = document.querySelectorAll("a.lectern-xref")[i] as HTMLAnchorElement;
          const { h, v } = reveal.getIndices(link.closest("section.lectern-slide") as HTMLElement);
          reveal.slide(h, v);
          link.click();
        }, index);
        const shown = await page
          .waitForFunction(
            (id) => (window as unknown as { Reveal: RevealApi }).Reveal.getCurrentSlide().id === id,
            { timeout: 10_000 },
            target,
          )
          .then(() => target)
          .catch(() => page.evaluate(() => (window as unknown as { Reveal: RevealApi }).Reveal.getCurrentSlide().id));
        expect(shown, String(href)).toBe(target);
      }
    } finally {
      await page.close();
    }
  }, 60_000);

  it("in the PDF each reference is an internal link to the page of its target", async () => {
    const file = join(deckDir, "d2l-chapter.pdf");
    const doc = await PDFDocument.load(readFileSync(file));
    const pages = doc.getPages();
    const dests = doc.catalog.lookup(PDFName.of("Dests"), PDFDict);
    const pageText = (n: number) =>
      execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    const links: { from: number; to: number }[] = [];
    pages.forEach((page, from) => {
      const annots = page.node.Annots();
      for (let k = 0; k < (annots?.size() ?? 0); k++) {
        const annot = annots?.lookup(k, PDFDict);
        const name = annot?.get(PDFName.of("Dest"));
        if (!(name instanceof PDFName)) continue;
        const target = dests.lookup(name, PDFArray).get(0) as PDFRef;
        links.push({ from: from + 1, to: pages.findIndex((p) => p.ref === target) + 1 });
      }
    });
    expect(links).toHaveLength(4);
    const [fig, eq, table, section] = links;
    expect(pageText(fig?.to ?? 0)).toContain("Thelosssurface");
    expect(pageText(eq?.to ?? 0)).toContain("η∇l(w)");
    expect(pageText(table?.to ?? 0)).toContain("Costperstep");
    expect(section?.to).toBe(1);
  });
});
