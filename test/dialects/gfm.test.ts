/** GitHub Markdown, the base of every dialect: footnotes, alerts, task lists, emoji, heading anchors. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { bodyOf, contentSections, FIXTURES, notesOf, slidesHtml, textOf } from "../helpers.js";

const guide = () => buildDeck(readFileSync(join(FIXTURES, "dialects", "gfm-guide.md")), { file: "gfm-guide.md" });

describe("GitHub Markdown", () => {
  it("is what an article without other dialect markup is read as", () => {
    expect(guide().article.source.meta.dialect).toBe("gfm");
  });

  it("puts a short footnote at the foot of the slide that refers to it, a long one in its speaker notes", () => {
    const r = guide();
    const slide = contentSections(r.html).find((s) => s.includes("GPUs unlock it")) ?? "";
    expect(bodyOf(slide)).toMatch(/GPUs unlock it\.<sup class="lectern-fnref">1<\/sup>/);
    expect(bodyOf(slide)).toMatch(/<ol class="lectern-footnotes"><li value="1"><p>Since 2012\.<\/p>/);
    expect(textOf(bodyOf(slide))).not.toContain("The longer story");
    expect(notesOf(r.html).join("")).toContain('<li value="2"><p>The longer story');
    // no slide of leftover definitions at the end, and no `[^…]` anywhere
    expect(textOf(slidesHtml(r.html))).not.toMatch(/\[\^/);
    expect(contentSections(r.html).filter((s) => s.includes("Since 2012"))).toHaveLength(1);
  });

  it("makes alerts boxes of their kind, without the marker", () => {
    const r = guide();
    expect(r.html).toMatch(
      /<div class="lectern-admonition lectern-admonition-note"><p class="lectern-admonition-title">Note<\/p>\s*<p>Read the FAQ first\.<\/p>/,
    );
    expect(r.html).toContain('class="lectern-admonition lectern-admonition-warning"');
    expect(textOf(slidesHtml(r.html))).not.toContain("[!");
  });

  it("shows task lists as boxes and emoji shortcodes as emoji", () => {
    const r = guide();
    expect(r.html).toMatch(
      /<li class="lectern-task"><span class="lectern-task-box lectern-task-done"[^>]*>☑<\/span> write the kernel 🚀<\/li>/,
    );
    expect(r.html).toMatch(/<li class="lectern-task"><span class="lectern-task-box"[^>]*>☐<\/span> add the tests<\/li>/);
    expect(textOf(slidesHtml(r.html))).not.toMatch(/\[[ x]\]|:rocket:/);
  });

  it("sends links to GitHub heading anchors to the slide of that heading", () => {
    const r = guide();
    const slides = slidesHtml(r.html);
    const hrefs = [...slides.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1] as string);
    expect(hrefs).toHaveLength(3);
    const titleOf = (id: string) =>
      /<h[12][^>]*>(.*?)<\/h[12]>/.exec(slides.split(/(?=<section )/).find((s) => s.includes(` id="${id}"`)) ?? "")?.[1];
    expect(hrefs.map(titleOf)).toEqual(["Decision framework, part 1 — do you need a new dtype?", "Checklist ✅", "FAQ"]);
    // the second FAQ, not the first
    const faqSlides = slides.split(/(?=<section )/).filter((s) => /<h[12][^>]*>FAQ<\/h[12]>/.test(s));
    expect(faqSlides.findIndex((s) => s.includes(` id="${hrefs[2]}"`))).toBeGreaterThan(
      faqSlides.findIndex((s) => s.includes("Plain text")),
    );
  });
});
