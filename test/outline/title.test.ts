/** Where a deck's title comes from, and what becomes of the H1 that is not it. */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { contentSections } from "../helpers.js";

const SECTIONS = "\n\n## One\n\nText one.\n\n## Two\n\nText two.\n\n## Three\n\nText three.\n";

describe("the deck title", () => {
  it("a code cell before the first H1 does not take the title and the sections away", () => {
    const r = buildDeck(`\`\`\`python\nimport torch\n\`\`\`\n\n# Real Title\n\nIntro.${SECTIONS}`, { file: "cell-first.md" });
    expect(r.plan.title).toBe("Real Title");
    expect(r.article.outline.titleFrom).toBe("heading");
    expect(r.article.outline.sections.map((s) => s.title)).toEqual(["One", "Two", "Three"]);
    expect(r.plan.stacks.map((s) => s.slides.length)).not.toContain(7);
    expect(r.plan.stacks.some((s) => s.slides.some((x) => x.kind === "agenda"))).toBe(true);
  });

  it("a front matter title does not swallow an H1 of another text: the H1 stays on a slide", () => {
    const r = buildDeck(`---\ntitle: Course Week 3\n---\n\n# Gradient Descent\n\nIntro.${SECTIONS}`, { file: "fm.md" });
    expect(r.plan.title).toBe("Course Week 3");
    expect(contentSections(r.html).join("\n")).toMatch(/<h3>Gradient Descent<\/h3>/);
    expect(r.article.outline.sections.map((s) => s.title)).toEqual(["One", "Two", "Three"]);
  });

  it("an H1 that repeats the front matter title is not shown twice", () => {
    const r = buildDeck(`---\ntitle: Gradient Descent\n---\n\n# Gradient Descent\n\nIntro.${SECTIONS}`, { file: "fm.md" });
    expect(contentSections(r.html).join("\n")).not.toMatch(/<h3>Gradient Descent<\/h3>/);
  });
});
