/** How Marp and reveal.js decks are cut into slides: headingDivider, reveal.js separators. */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { revealSeparator } from "../../src/source/separator-style.js";
import { allSlides, bodyOf, contentSections, readFixture, textOf, topSections } from "../helpers.js";

const marp = (body: string, front = "") => buildDeck(`---\nmarp: true\n${front}---\n\n${body}`, { file: "deck.md" });
const headings = (r: ReturnType<typeof buildDeck>) => contentSections(r.html).map((s) => /<h\d>([^<]*)<\/h\d>/.exec(bodyOf(s))?.[1]);

describe("Marp headingDivider", () => {
  const body = "# Title\n\nIntro.\n\n## Part A\n\nText A.\n\n### Detail\n\nText D.\n\n## Part B\n\n```md\n## not a heading\n```\n";

  it("as a number: every heading of that level or above starts a slide", () => {
    const r = marp(body, "headingDivider: 2\n");
    expect(headings(r)).toEqual(["Title", "Part A", "Part B"]);
    expect(textOf(contentSections(r.html)[1] ?? "")).toContain("Text D.");
  });

  it("as a list: exactly those levels start a slide (not the H1), none inside a code fence", () => {
    const r = marp(body, "headingDivider: [2, 3]\n");
    expect(headings(r)).toEqual(["Title", "Part A", "Detail", "Part B"]);
    expect(r.article.chunks).toHaveLength(4);
  });

  it("in an HTML comment (a global directive: the last one wins)", () => {
    const r = marp(`<!-- headingDivider: 1 -->\n\n${body}\n<!-- headingDivider: [3] -->\n`);
    expect(headings(r)).toEqual(["Title", "Detail"]);
  });

  it("keeps a directive comment before a heading on the heading's slide (no empty slide)", () => {
    const r = marp("<!-- _class: lead -->\n\n# One\n\n<!-- _header: H -->\n\n## Two\n\nText.\n", "headingDivider: 2\n");
    expect(r.article.chunks).toHaveLength(2);
    expect(allSlides(r).filter((s) => s.kind === "content")).toHaveLength(2);
  });

  it("cuts at every `---` (and `----`) in a Marp deck: no vertical slides", () => {
    const r = marp("# One\n\n----\n\n# Two\n\n---\n\n# Three\n");
    expect(r.plan.stacks).toHaveLength(3);
  });
});

describe("reveal.js external Markdown", () => {
  it("cuts at `---` even right under text and stacks `--` slides vertically", () => {
    const r = buildDeck(readFixture("reveal/external.md"), { file: "external.md" });
    expect(r.article.source.meta.dialect).toBe("reveal");
    expect(r.article.chunks.map((c) => c.via)).toEqual(["start", "horizontal", "vertical", "horizontal"]);
    expect(r.plan.stacks.map((s) => s.slides.length)).toEqual([1, 2, 1]);
    // no `---` taken for a setext underline: "Intro paragraph." is a paragraph, no section slide
    expect(allSlides(r).map((s) => s.kind)).toEqual(["content", "content", "content", "content"]);
    expect(topSections(r.html)[0]).toContain("<p>Intro paragraph.</p>");
    expect(textOf(r.html)).not.toMatch(/(^|\s)--(\s|$)/);
  });

  it("reads reveal-md's `separator` / `verticalSeparator` written as blank lines", () => {
    const r = buildDeck(readFixture("reveal/blank-lines.md"), { file: "blank-lines.md", dialect: "reveal" });
    expect(r.plan.stacks.map((s) => s.slides.length)).toEqual([1, 2]);
    expect(headings(r)).toEqual(["One", "Two", "Two, below"]);
  });

  it("reads separators as lines or blank lines, and refuses patterns it would have to run", () => {
    expect(revealSeparator("^\r?\n---\r?\n$")).toEqual({ line: /^[ \t]*---[ \t]*$/ });
    expect(revealSeparator("<!--s-->")).toEqual({ line: /^[ \t]*<!--s-->[ \t]*$/ });
    expect(revealSeparator("^\n\n\n")).toEqual({ blank: 3 });
    expect(revealSeparator("(a+)+$")).toBeUndefined();
    const r = buildDeck("---\nseparator: '(a+)+b'\n---\n\n# A\n\n---\n\n# B\n", { file: "x.md", dialect: "reveal" });
    expect(r.diagnostics.map((d) => d.code)).toContain("separator-unsupported");
    expect(r.plan.stacks).toHaveLength(2);
  });
});
