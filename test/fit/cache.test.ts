/**
 * The measurement cache's keys (no browser): a slide's key changes with everything its layout
 * depends on — its HTML, the theme and font files, the slide size, the images it shows, its
 * place when the theme styles slides by place — and not with what moves when a slide is added
 * above it (its index, its source line). The deck's sections are found as Lectern renders them.
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { type KeyContext, positional, readMeasures, slideKeys, writeMeasures } from "../../src/fit/cache.js";
import { deckSections, keepOnly } from "../../src/fit/sections.js";
import { DEFAULT_METRICS } from "../../src/plan/metrics.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const sampleHtml = buildDeck(readFileSync(SAMPLE), { file: SAMPLE }).html;
const slideCount = (html: string) => (html.match(/<section\b[^>]*\bdata-lectern-slide="/g) ?? []).length;

/** A deck folder with a theme, a font file and an image. */
function folder(): { dir: string; ctx: KeyContext } {
  const dir = tempDir("lectern-keys-");
  mkdirSync(join(dir, "assets", "fonts"), { recursive: true });
  writeFileSync(join(dir, "assets", "theme.css"), ".reveal { font-size: 30px; }\n");
  writeFileSync(join(dir, "assets", "fonts", "a.woff2"), "font");
  writeFileSync(join(dir, "dot.png"), "png");
  const media = new Map([["media/dot.png", join(dir, "dot.png")]]);
  return { dir, ctx: { dir, metrics: DEFAULT_METRICS, browserVersion: "Chromium/1", measuring: "m", themeCss: "", media } };
}

/** A page of three slides in one stack after a title slide; the second shows an image. */
const page = (second = "<p>two</p>", before = "") =>
  `<!doctype html><html lang="en"><head><title>t</title></head><body><div class="reveal"><div class="slides">
<section class="lectern-title-slide" data-lectern-slide="0" data-lectern-line="1"><h1>t</h1></section>
<section class="lectern-stack">
${before}<section class="lectern-slide" data-lectern-slide="${before ? 2 : 1}" data-lectern-line="3"><p>one</p></section>
<section class="lectern-slide" data-lectern-slide="${before ? 3 : 2}" data-lectern-line="5">${second}</section>
<section class="lectern-slide" data-lectern-slide="${before ? 4 : 3}" data-lectern-line="7"><p>three</p></section>
</section>
</div>
</div>
<script>x</script></body></html>`;

/** The key of each slide of `html`, by the slide's text. */
function keys(ctx: KeyContext, html: string): Map<string, string> {
  const sections = deckSections(html);
  if (!sections) throw new Error("not a deck page");
  const keyOf = slideKeys(ctx);
  return new Map(sections.slides.map((s) => [html.slice(s.from, s.to), keyOf(html, sections, s)]));
}

describe("deck sections", () => {
  it("finds every slide of the sample, in order, with its stack and the page around them", () => {
    const sections = deckSections(sampleHtml);
    expect(sections?.slides.map((s) => s.index)).toEqual([...Array(slideCount(sampleHtml)).keys()]);
    expect(sections?.slides.filter((s) => s.measured).length).toBe(
      (sampleHtml.match(/<section class="lectern-(slide|agenda)"/g) ?? []).length,
    );
    expect(sections?.shell).toContain("<head>");
    expect(sections?.shell).not.toContain("data-lectern-slide");
  });

  it("a page with only some slides filled in keeps every slide's tags", () => {
    const sections = deckSections(sampleHtml);
    if (!sections) throw new Error("no sections");
    const part = keepOnly(sampleHtml, sections, new Set([3]));
    expect(slideCount(part)).toBe(slideCount(sampleHtml));
    const kept = deckSections(part);
    expect(kept?.slides.map((s) => part.slice(s.from, s.to).length === 0)).toEqual(sections.slides.map((s) => s.index !== 3));
    expect(part.slice(kept?.slides[3]?.from, kept?.slides[3]?.to)).toBe(sampleHtml.slice(sections.slides[3]?.from, sections.slides[3]?.to));
  });

  it("a page that is not Lectern's own gives no sections (the fit then measures it as it is)", () => {
    expect(deckSections("<p>no deck</p>")).toBeUndefined();
    expect(deckSections(page("<section><p>nested</p></section>"))).toBeUndefined();
  });
});

describe("a slide's key", () => {
  it("is the same for the same slide, wherever it moved, and differs for another text", () => {
    const { ctx } = folder();
    const a = keys(ctx, page());
    const moved = keys(
      ctx,
      page("<p>two</p>", '<section class="lectern-slide" data-lectern-slide="1" data-lectern-line="2"><p>new</p></section>\n'),
    );
    expect(moved.get("<p>one</p>")).not.toBe(a.get("<p>one</p>")); // now second in its stack: not its first child any more
    expect(moved.get("<p>three</p>")).toBe(a.get("<p>three</p>"));
    expect(moved.get("<p>two</p>")).toBe(a.get("<p>two</p>"));
    const edited = keys(ctx, page("<p>two, edited</p>"));
    expect(edited.get("<p>two, edited</p>")).not.toBe(a.get("<p>two</p>"));
    expect(edited.get("<p>three</p>")).toBe(a.get("<p>three</p>"));
  });

  it("changes with the theme's CSS, a font file, the slide size, Chromium, and the page around the slides", () => {
    const { dir, ctx } = folder();
    const before = keys(ctx, page()).get("<p>three</p>");
    writeFileSync(join(dir, "assets", "theme.css"), ".reveal { font-size: 31px; }\n");
    const theme = keys(ctx, page()).get("<p>three</p>");
    expect(theme).not.toBe(before);
    writeFileSync(join(dir, "assets", "fonts", "b.woff2"), "another slice");
    const fonts = keys(ctx, page()).get("<p>three</p>");
    expect(fonts).not.toBe(theme);
    const size = keys({ ...ctx, metrics: { ...DEFAULT_METRICS, width: 1024, height: 768 } }, page()).get("<p>three</p>");
    expect(size).not.toBe(fonts);
    expect(keys({ ...ctx, browserVersion: "Chromium/2" }, page()).get("<p>three</p>")).not.toBe(fonts);
    expect(keys(ctx, page().replace('lang="en"', 'lang="zh"')).get("<p>three</p>")).not.toBe(fonts);
    expect(keys(ctx, page()).get("<p>three</p>")).toBe(fonts);
  });

  it("of a slide that shows an image changes when the image file does; other slides keep theirs", () => {
    const { dir, ctx } = folder();
    const html = page('<img src="media/dot.png" alt="dot">');
    const before = keys(ctx, html);
    writeFileSync(join(dir, "dot.png"), "a larger png");
    utimesSync(join(dir, "dot.png"), new Date(), new Date(Date.now() + 5000));
    const after = keys(ctx, html);
    expect(after.get('<img src="media/dot.png" alt="dot">')).not.toBe(before.get('<img src="media/dot.png" alt="dot">'));
    expect(after.get("<p>three</p>")).toBe(before.get("<p>three</p>"));
  });

  it("holds the slide's place when the theme styles slides by place", () => {
    expect(positional(readFileSync(join(REPO_ROOT, "themes", "default.css"), "utf8"))).toBe(false);
    expect(positional('@import "x"; .reveal .slides section:nth-child(2n) h2 { color: red }')).toBe(true);
    expect(positional(".reveal .slides > section + section { margin-top: 9px }")).toBe(true);
    expect(positional(".lectern-body figure { counter-increment: figure }")).toBe(true);
    expect(positional(".lectern-body p:nth-child(2) { margin: 0 } table tr:nth-child(even) { color: red }")).toBe(false);
    const { ctx } = folder();
    const placed = { ...ctx, themeCss: ".slides > section > section:nth-child(3) { padding: 90px }" };
    const moved = keys(
      placed,
      page("<p>two</p>", '<section class="lectern-slide" data-lectern-slide="1" data-lectern-line="2"><p>new</p></section>\n'),
    );
    expect(moved.get("<p>three</p>")).not.toBe(keys(placed, page()).get("<p>three</p>"));
  });
});

describe("measurements on disk", () => {
  it("round-trip, and anything malformed reads as none", async () => {
    const dir = tempDir("lectern-measures-");
    await writeMeasures(dir, new Map([["k", [1, 2, 3, 0] as const]]));
    expect([...readMeasures(dir)]).toEqual([["k", [1, 2, 3, 0]]]);
    writeFileSync(join(dir, ".lectern-measures.json"), '{"format":1,"entries":{"k":[1,"x"],"j":[1,2,3,4]}}');
    expect([...readMeasures(dir).keys()]).toEqual(["j"]);
    writeFileSync(join(dir, ".lectern-measures.json"), "{not json");
    expect(readMeasures(dir).size).toBe(0);
    expect(readMeasures(join(dir, "none")).size).toBe(0);
  });
});
