/**
 * Handouts, end to end: the sample is built once with a PDF and every handout layout in a
 * real Chromium; the files are checked with poppler (pdffonts, pdfinfo) and by looking at
 * their pages as images (pdftoppm, greyscale): where the ink is, where the page is blank.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPaths, type DeckOutput } from "../../../src/index.js";
import { pdfFonts, REPO_ROOT, tempDir } from "../../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const LAYOUTS = ["notes", 2, 3, 4, 6] as const;
const out = tempDir("lectern-handout-");

/** One page as a greyscale image, 1 px = 1 pt (72 dpi): `ink(x, y)` is true where it is not white. */
interface Picture {
  width: number;
  height: number;
  ink(x: number, y: number): boolean;
}

function picture(file: string, page = 1): Picture {
  const pgm = execFileSync("pdftoppm", ["-gray", "-r", "72", "-f", String(page), "-l", String(page), file], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString("latin1", 0, 32));
  if (!header) throw new Error("pdftoppm did not write a PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  return { width, height, ink: (x, y) => (pgm[start + y * width + x] as number) < 240 };
}

const rowHasInk = (p: Picture, y: number) => Array.from({ length: p.width }, (_, x) => p.ink(x, y)).some(Boolean);
const colInk = (p: Picture, x: number, y0: number, y1: number) =>
  Array.from({ length: y1 - y0 }, (_, k) => p.ink(x, y0 + k)).filter(Boolean).length;
const rowInk = (p: Picture, y: number, x0: number, x1: number) =>
  Array.from({ length: x1 - x0 }, (_, k) => p.ink(x0 + k, y)).filter(Boolean).length;

/** Runs of blank rows above the page-number band (the bottom 36 pt), as [first, length]. */
function blankBands(p: Picture): [number, number][] {
  const bands: [number, number][] = [];
  let start = -1;
  for (let y = 0; y <= p.height - 36; y++) {
    const blank = y < p.height - 36 && !rowHasInk(p, y);
    if (blank && start < 0) start = y;
    if (!blank && start >= 0) {
      bands.push([start, y - start]);
      start = -1;
    }
  }
  return bands;
}

/** The leftmost and rightmost column with ink, above the page-number band. */
function inkSpan(p: Picture): [number, number] {
  const cols = Array.from({ length: p.width }, (_, x) => colInk(p, x, 0, p.height - 36) > 0);
  return [cols.indexOf(true), cols.lastIndexOf(true)];
}

describe.skipIf(!HAS_BROWSER)("handouts (Chromium)", () => {
  let deck: DeckOutput;
  const handout = (layout: (typeof LAYOUTS)[number]) => deck.handouts.find((h) => h.layout === layout)?.path as string;

  beforeAll(async () => {
    const run = await buildPaths([SAMPLE], { outDir: out, pdf: true, handouts: [...LAYOUTS] });
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    deck = run.decks[0] as DeckOutput;
  }, 120_000);

  it.each(LAYOUTS)("the %s handout embeds every font it uses (pdffonts: emb yes on every row)", (layout) => {
    const rows = pdfFonts(handout(layout));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.emb !== "yes")).toEqual([]);
  });

  it.each([2, 3, 4, 6] as const)("the %s-up handout has one page per that many slides, numbered", (layout) => {
    const h = deck.handouts.find((x) => x.layout === layout);
    expect(h?.pages).toBe(Math.ceil(deck.slides / layout));
    const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", handout(layout), "-"], { encoding: "utf8" });
    expect(text.replace(/\s+/g, "")).toContain(`1/${h?.pages}`);
  });

  it.each([2, 3, 4, 6] as const)(
    "the %s-up slides use the page: 80 percent of its width or more, no blank band over 15 percent of its height",
    (layout) => {
      const p = picture(handout(layout));
      const [left, right] = inkSpan(p);
      expect((right - left + 1) / p.width).toBeGreaterThanOrEqual(0.8);
      expect(Math.abs(left - (p.width - 1 - right))).toBeLessThanOrEqual(2); // centred
      const bands = blankBands(p);
      for (const [, length] of bands) expect(length / p.height).toBeLessThanOrEqual(0.15);
      // the space above the first row and below the last one are alike
      const top = bands[0]?.[1] ?? 0;
      const bottom = bands[bands.length - 1]?.[1] ?? 0;
      expect(Math.abs(top - bottom) / p.height).toBeLessThanOrEqual(0.05);
    },
  );

  it("the notes handout frames the slide on all four sides alike (no lone line at its right edge)", () => {
    const p = picture(handout("notes"));
    const upper = Math.round(p.height / 2);
    // frame sides: columns / rows inked along most of the slide box (the box is ~523 × 294 pt)
    const vertical = Array.from({ length: p.width }, (_, x) => x).filter((x) => colInk(p, x, 0, upper) >= 250);
    const horizontal = Array.from({ length: upper }, (_, y) => y).filter((y) => rowInk(p, y, 0, p.width) >= 450);
    const leftSide = vertical.filter((x) => x < p.width / 2);
    const rightSide = vertical.filter((x) => x >= p.width / 2);
    expect(leftSide.length).toBeGreaterThan(0);
    expect(rightSide.length).toBeGreaterThan(0);
    // left and right sides as far from the page's edges (±2 pt), top and bottom sides drawn too
    expect(Math.abs(Math.min(...leftSide) - (p.width - 1 - Math.max(...rightSide)))).toBeLessThanOrEqual(2);
    expect(horizontal.filter((y) => y < upper / 2).length).toBeGreaterThan(0);
    expect(horizontal.filter((y) => y >= upper / 2).length).toBeGreaterThan(0);
  });
});
