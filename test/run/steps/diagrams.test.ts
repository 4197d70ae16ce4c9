/**
 * ```mermaid fences are drawn at build time, in the browser the fit uses: inline SVG in the
 * deck, the single file and the PDF (its labels real text), in the deck's font; a diagram that
 * does not parse is a `diagram-invalid` warning at its line and stays code; a diagram taller
 * than a slide is scaled to fit, never cut; `--no-fit` builds draw them too.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../../src/browser/session.js";
import { openLaidOut } from "../../../src/fit/measure.js";
import { buildFile } from "../../../src/index.js";
import { CORPUS, count, fixture, tempDir, withCode } from "../../helpers.js";

const REAL = ["dialects/zen-llm-os.md", "dialects/zen-variational-inference.md"];
const FIGURE = /<figure class="lectern-diagram"[^>]*><svg\b[^>]*>[\s\S]*?<\/svg><\/figure>/g;

/** The node labels (`A[label]`) of every mermaid fence of an article. */
function labels(text: string): string[] {
  const fences = [...text.matchAll(/^```mermaid[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1] as string);
  return fences.flatMap((f) => [...f.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1] as string));
}

const pdfText = (file: string) => execFileSync("pdftotext", [file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

const session = createBrowserSession();
afterAll(() => session.close());

describe.each(REAL)("the mermaid diagrams of %s", (name) => {
  const file = join(CORPUS, name);
  const source = readFileSync(file, "utf8");
  const out = tempDir("lectern-diagrams-");
  const deckName = name.replace(/^.*\/|\.md$/g, "");
  const built = buildFile(file, { outDir: out, pdf: true, standalone: true }, deckName, session);

  it("each becomes inline SVG in the deck, its labels SVG text in the deck's font, none shown as code", async () => {
    const deck = await built;
    const html = readFileSync(join(out, deckName, "index.html"), "utf8");
    const figures = html.match(FIGURE) ?? [];
    expect(figures.length).toBe(count(source, /^```mermaid/m));
    expect(figures.length).toBeGreaterThan(0);
    expect(html).not.toContain("language-mermaid");
    for (const svg of figures) {
      expect(svg).toContain("<text");
      expect(svg).not.toContain("foreignObject");
      expect(svg).toMatch(/font-family:[^;}]*Noto Sans SC/);
    }
    expect(withCode(deck.diagnostics, "diagram-invalid")).toEqual([]);
    expect(withCode(deck.diagnostics, "code-language")).toEqual([]);
  }, 120_000);

  // the nine-step chain of zen-variational-inference is taller than a slide as written (graph TD,
  // its labels about 10 px): it is drawn another way (diagrams/variants) that shows them larger
  it("shows its labels at the legible floor at least (16 px on the 1280×720 slide)", async () => {
    await built;
    const { page: tab } = await session.newPage([], [join(out, deckName)]);
    try {
      await openLaidOut(tab, join(out, deckName, "index.html"), 1280, 720, 30_000);
      const sizes = await tab.evaluate(() =>
        [...document.querySelectorAll("figure.lectern-diagram svg")].flatMap((svg) => {
          const box = (svg as SVGSVGElement).viewBox.baseVal;
          const k = box?.width ? svg.getBoundingClientRect().width / box.width : 1;
          return [...svg.querySelectorAll("text")]
            .filter((t) => (t.textContent ?? "").trim())
            .map((t) => Number.parseFloat(getComputedStyle(t).fontSize) * k);
        }),
      );
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it("keeps the lead-in introducing a diagram on the diagram's slide (none ends the slide before)", async () => {
    await built;
    const { page: tab } = await session.newPage([], [join(out, deckName)]);
    try {
      await openLaidOut(tab, join(out, deckName, "index.html"), 1280, 720, 30_000);
      const stranded = await tab.evaluate(() => {
        const slides = [...document.querySelectorAll<HTMLElement>("section.lectern-slide")];
        return slides.flatMap((slide, k) => {
          const first = slide.querySelector(".lectern-body")?.firstElementChild;
          if (!first?.matches("figure.lectern-diagram")) return [];
          const before = slides[k - 1]?.querySelector(".lectern-body")?.lastElementChild;
          const text = (before?.textContent ?? "").trim();
          return /[:：]$/.test(text) ? [text] : [];
        });
      });
      expect(stranded).toEqual([]);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it("shows its labels as text in the PDF, and not its source", async () => {
    const deck = await built;
    const text = pdfText(deck.pdf?.path as string);
    const all = labels(source);
    expect(all.length).toBeGreaterThan(5);
    // pdftotext puts a space between Latin and CJK letters (`KL 散度`)
    const squeezed = text.replace(/\s+/g, "");
    for (const label of all) expect(squeezed).toContain(label.replace(/\s+/g, ""));
    expect(text).not.toMatch(/graph T[BD]|-->/);
  }, 120_000);

  it("is in the single file, which loads nothing from outside and draws the labels in Noto Sans SC", async () => {
    const deck = await built;
    const alone = tempDir("lectern-alone-");
    const path = join(alone, "deck.html");
    copyFileSync(deck.standalone?.path as string, path);
    expect(readFileSync(path, "utf8").match(FIGURE)?.length).toBe(count(source, /^```mermaid/m));
    const { page, blocked } = await session.newPage([], [alone]);
    try {
      await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
      const seen = await page.evaluate(async () => {
        await document.fonts.ready;
        const texts = [...document.querySelectorAll("figure.lectern-diagram svg text")];
        const words = texts.map((t) => t.textContent ?? "").join("");
        return {
          texts: texts.length,
          family: texts.every((t) => getComputedStyle(t).fontFamily.includes("Noto Sans SC")),
          loaded: document.fonts.check('16px "Noto Sans SC"', words),
        };
      });
      expect(seen.texts).toBeGreaterThan(5);
      expect(seen.family).toBe(true);
      expect(seen.loaded).toBe(true);
      expect(blocked).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});

describe("a deck of the fixture's diagrams (one broken, one taller than a slide)", () => {
  const file = fixture("diagrams/flow.md");
  const out = tempDir("lectern-diagrams-");
  const built = buildFile(file, { outDir: out, pdf: true }, "flow", session);
  const page = () => readFileSync(join(out, "flow", "index.html"), "utf8");

  it("reports the broken one at its bad line and shows it as code; draws the others", async () => {
    const deck = await built;
    const invalid = withCode(deck.diagnostics, "diagram-invalid");
    expect(invalid.map((d) => `${d.file}:${d.line}`)).toEqual([`${file}:17`]);
    expect(invalid[0]?.severity).toBe("warning");
    const html = page();
    expect(html.match(FIGURE)?.length).toBe(2);
    expect(html).toMatch(/language-mermaid[\s\S]*C\[bad --&gt; D/);
    expect(pdfText(deck.pdf?.path as string)).toContain("Start here");
  }, 120_000);

  it("scales the tall chain into its slide: the whole diagram is inside the slide box", async () => {
    const deck = await built;
    expect(deck.fit?.overflowing).toEqual([]);
    const { page: tab } = await session.newPage([], [join(out, "flow")]);
    try {
      await openLaidOut(tab, join(out, "flow", "index.html"), 1280, 720, 30_000);
      const boxes = await tab.evaluate(() =>
        [...document.querySelectorAll("figure.lectern-diagram svg")].map((svg) => {
          const slide = svg.closest("section") as HTMLElement;
          const s = slide.getBoundingClientRect();
          const r = svg.getBoundingClientRect();
          return { inside: r.top >= s.top && r.bottom <= s.bottom && r.left >= s.left && r.right <= s.right, height: r.height };
        }),
      );
      expect(boxes.length).toBe(2);
      for (const b of boxes) expect(b).toEqual({ inside: true, height: expect.any(Number) });
      expect(pdfText(deck.pdf?.path as string)).toContain("Last step");
    } finally {
      await tab.close();
    }
  }, 120_000);

  it("draws them in a --no-fit build too, the same bytes every build", async () => {
    const a = tempDir("lectern-diagrams-");
    const b = tempDir("lectern-diagrams-");
    await buildFile(file, { outDir: a, fit: false }, "flow", session);
    await buildFile(file, { outDir: b, fit: false }, "flow", session);
    const first = readFileSync(join(a, "flow", "index.html"), "utf8");
    expect(first.match(FIGURE)?.length).toBe(2);
    expect(readFileSync(join(b, "flow", "index.html"), "utf8")).toBe(first);
  }, 120_000);

  it("draws them light on the default theme and dark on the dark one", async () => {
    const fill = async (theme: string) => {
      const dir = tempDir("lectern-diagrams-");
      await buildFile(file, { outDir: dir, fit: false, theme }, "flow", session);
      const html = readFileSync(join(dir, "flow", "index.html"), "utf8");
      return /\.node rect,[^{]*\{fill:(#[0-9a-f]+)/.exec(html)?.[1];
    };
    expect(await fill("default")).toBe("#eee");
    expect(await fill("dark")).toBe("#1f2020");
  }, 120_000);
});

describe("a mindmap taller than a slide's body (test/fixtures/diagrams/mindmap.md)", () => {
  const out = tempDir("lectern-diagrams-");
  const built = buildFile(fixture("diagrams/mindmap.md"), { outDir: out }, "mindmap", session);

  it("is drawn in a larger font, so that its labels stay at the legible floor on the slide", async () => {
    const deck = await built;
    expect(deck.fit?.overflowing).toEqual([]);
    const { page: tab } = await session.newPage([], [join(out, "mindmap")]);
    try {
      await openLaidOut(tab, join(out, "mindmap", "index.html"), 1280, 720, 30_000);
      const seen = await tab.evaluate(() => {
        const svg = document.querySelector("figure.lectern-diagram svg") as SVGSVGElement;
        const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const slide = svg.closest("section") as HTMLElement;
        const s = slide.getBoundingClientRect();
        const r = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll("text")].filter((t) => (t.textContent ?? "").trim());
        return {
          labels: texts.map((t) => (t.textContent ?? "").trim()).join(" "),
          smallest: Math.min(...texts.map((t) => Number.parseFloat(getComputedStyle(t).fontSize) * k)),
          inside: r.top >= s.top && r.bottom <= s.bottom && r.left >= s.left && r.right <= s.right,
        };
      });
      expect(seen.labels).toContain("neighbouring bins");
      expect(seen.smallest).toBeGreaterThanOrEqual(16);
      expect(seen.inside).toBe(true);
    } finally {
      await tab.close();
    }
  }, 120_000);
});
