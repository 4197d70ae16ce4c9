/**
 * Marp decks: directives (header, footer, paginate, class, colours — global, inherited and
 * `_local`), `![bg …]` backgrounds (split, several, filters), image size keywords, emoji
 * shortcodes and `<style scoped>`; on test/fixtures/marp/directives.md and the real Marp decks
 * of ../shared/corpus/decks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { bodyOf, CORPUS, contentSections, FIXTURES, slidesHtml, textOf, withCode } from "../helpers.js";

const DIR = join(FIXTURES, "marp");
const fixtureDeck = () => buildDeck(readFileSync(join(DIR, "directives.md")), { file: "directives.md", baseDir: DIR });
const corpusDeck = (name: string) => {
  const file = join(CORPUS, "decks", name);
  return buildDeck(readFileSync(file), { file: name, baseDir: join(file, ".."), root: CORPUS });
};
/** A slide's `<section …>` opening tag (after `<section class="lectern-slide`). */
const openTag = (section: string) => section.slice(0, section.indexOf(">") + 1);
const LAYER = /<aside class="lectern-look">[\s\S]*?<\/aside>/g;
/** A slide's body HTML, without the look layer behind it. */
const body = (section: string) => bodyOf(section.replace(LAYER, ""));
/** What a slide shows as content: its body's text. */
const shown = (section: string) => textOf(body(section));
/** The deck's content text: no notes, no look layers. */
const contentText = (html: string) =>
  textOf(
    slidesHtml(html)
      .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, "")
      .replace(LAYER, ""),
  );
const header = (section: string) => /<header class="lectern-look-header">(.*?)<\/header>/.exec(section)?.[1];
const slideWith = (html: string, text: string) => contentSections(html).find((s) => shown(s).includes(text)) ?? "";

describe("Marp directives", () => {
  const r = fixtureDeck();
  const slides = contentSections(r.html);

  it("reads the deck as Marp, one slide per `---` and per heading of the headingDivider levels", () => {
    expect(r.article.source.meta.dialect).toBe("marp");
    expect(slides).toHaveLength(7);
  });

  it("shows a global footer on every slide, a `_header` only on its slide, an inherited header from its slide on", () => {
    for (const s of slides) expect(s).toContain('<footer class="lectern-look-footer">Course 101 · Week 3</footer>');
    expect(slides.map(header)).toEqual([
      undefined,
      undefined,
      undefined,
      "Local header",
      "Inherited header",
      "Inherited header",
      "Inherited header",
    ]);
    expect(contentText(r.html)).not.toMatch(/_?header:|paginate|headingDivider/);
  });

  it("turns `_class` into the slide's class, `_paginate: false` into a slide without its number", () => {
    expect(openTag(slides[0] ?? "")).toMatch(/^ lectern-looked lead"/);
    expect(openTag(slides[0] ?? "")).toContain("data-lectern-nopage");
    expect(openTag(slides[1] ?? "")).not.toContain("data-lectern-nopage");
    expect(openTag(slides[1] ?? "")).not.toMatch(/\blead\b/);
  });

  it("gives `_backgroundColor` to its slide only, with light text on a dark colour", () => {
    const dark = slideWith(r.html, "White text");
    expect(openTag(dark)).toContain('style="background-color:#202537"');
    expect(openTag(dark)).toContain("lectern-look-dark");
    expect(openTag(slideWith(r.html, "Still inherited"))).not.toContain("background-color");
  });

  it("lays `![bg left:33% brightness:0.9]` out as a split: the image on the left third, no inline image, no caption", () => {
    const split = slideWith(r.html, "The photograph takes");
    expect(openTag(split)).toMatch(/lectern-split lectern-split-left/);
    expect(openTag(split)).toContain("--lectern-split-ratio:0.33");
    expect(split).toMatch(
      /<div class="lectern-look-bg"><img src="media\/photo\.jpg" alt="" style="object-fit:cover;width:100%;height:100%;filter:brightness\(0\.9\)">/,
    );
    expect(body(split)).not.toContain("<img");
    expect(body(split)).not.toContain("figcaption");
    expect(contentText(r.html)).not.toMatch(/\bbg\b|left:33%|brightness/);
  });

  it("puts several backgrounds side by side, each with its size and filter, and makes no slide of them", () => {
    const both = contentSections(r.html).find((s) => s.includes("Two backgrounds")) ?? "";
    expect([...both.matchAll(/<div class="lectern-look-bg">/g)]).toHaveLength(2);
    expect(both).toContain('style="object-fit:contain;width:100%;height:100%;filter:sepia(1)"');
    expect(body(both)).not.toContain("<img");
  });

  it("sizes an image by `w:300` and drops the keywords from its alt text: no caption", () => {
    const sized = slideWith(r.html, "Text under the image");
    expect(body(sized)).toMatch(/<img src="media\/shape\.png" alt="" style="width:300px;max-width:100%;height:auto">/);
    expect(body(sized)).not.toContain("figcaption");
    expect(shown(sized)).not.toMatch(/w:300|center/);
  });

  it("shows emoji shortcodes as emoji", () => {
    expect(shown(slides[0] ?? "")).toContain("😄");
    expect(shown(slides[0] ?? "")).not.toContain(":smile:");
  });

  it("applies `<style scoped>` to its slide only, without what could load or reach outside it", () => {
    const styled = slideWith(r.html, "Only this slide");
    const css = /<style>([^<]*)<\/style>/.exec(styled.slice(styled.indexOf('class="lectern-look"')))?.[1] ?? "";
    const look = /data-lectern-look="(\d+)"/.exec(openTag(styled))?.[1];
    expect(css).toContain(`section[data-lectern-look="${look}"] h2{color: #c0392b}`);
    expect(css).toContain(`section[data-lectern-look="${look}"] p{font-size: 40px}`);
    expect(css).not.toMatch(/@import|url\(|example\.com/);
    expect(withCode(r.diagnostics, "style-filtered")).toHaveLength(1);
    for (const other of slides.filter((s) => s !== styled)) expect(other).not.toContain("#c0392b");
  });
});

describe("real Marp decks", () => {
  it("marp-academic-demo: each `_header` is shown on its slide; `w:300 center` is no caption", () => {
    const r = corpusDeck("marp-academic-demo.md");
    const slides = contentSections(r.html);
    expect(slides.map(header)).toEqual([undefined, "目次", "はじめに", "コードブロック", "数式", "図", "図"]);
    expect(openTag(slides[0] ?? "")).toMatch(/\blead\b/);
    const text = contentText(r.html);
    expect(text).not.toMatch(/w:300|_header|_class|:smile:/);
    expect(text).toContain("😄");
  });

  it("marpstyle-einstein: no `bg` image is content or caption; the split title pages are laid out split", () => {
    const r = corpusDeck("marpstyle-einstein.md");
    const html = slidesHtml(r.html).replace(/<aside class="notes">[\s\S]*?<\/aside>/g, "");
    expect(contentText(r.html)).not.toMatch(/\bbg\b|brightness|blur:|opacity:|grayscale|left:33%|h:400|drop-shadow|_class/);
    expect(html).not.toMatch(/<figcaption>[^<]*(?:bg|h:400)/);
    const slides = contentSections(r.html);
    expect(openTag(slides[0] ?? "")).toMatch(/lectern-split-left/);
    expect(openTag(slides[1] ?? "")).toMatch(/lectern-split-right/);
    // `_class: titlepage`, `_backgroundColor` (the last of seven), a background-only slide
    expect(openTag(slides[0] ?? "")).toMatch(/\btitlepage\b/);
    expect(html).toContain('style="background-color:#2E3E4D"');
    expect(slides.some((s) => s.includes("einstein-haus-bern.jpg") && shown(s) === "")).toBe(true);
  });
});
