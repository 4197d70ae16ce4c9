import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { bodyOf, contentSections, notesOf, readFixture, textOf, topSections, withCode } from "../helpers.js";

describe("explicit --- / ---- separators", () => {
  const r = buildDeck(readFixture("explicit-separators.md"), { file: "explicit-separators.md" });

  it("makes --- a new horizontal slide and ---- a vertical slide in the same stack", () => {
    expect(r.article.outline.explicit).toBe(true);
    expect(r.article.chunks.map((c) => c.via)).toEqual(["start", "horizontal", "vertical", "horizontal"]);
    expect(r.plan.stacks.map((s) => s.slides.length)).toEqual([1, 2, 1]);
    const tops = topSections(r.html);
    expect(tops).toHaveLength(3);
    // the second stack nests its two slides vertically
    const stack = tops[1] ?? "";
    expect(stack).toMatch(/^<section class="lectern-stack">/);
    expect(stack).toContain("<h1>Second slide</h1>");
    expect(stack).toContain("<h1>Second slide, below</h1>");
    expect(stack).not.toContain("Third slide");
  });

  it("does not split at --- inside a code fence", () => {
    const second = contentSections(r.html)[1] ?? "";
    expect(textOf(second)).toContain("key: value --- other: value");
    expect(r.article.chunks).toHaveLength(4);
  });

  it("turns the rest of a slide after `Note:` into speaker notes", () => {
    const below = contentSections(r.html)[2] ?? "";
    expect(textOf(bodyOf(below))).toBe("Second slide, below Shown on the vertical slide.");
    const notes = notesOf(r.html);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("the speaker says this.");
    expect(notes[0]).toContain("And this paragraph is still a note.");
    expect(notes[0]).not.toMatch(/Note:/);
    // the next slide is not swallowed by the notes
    expect(textOf(bodyOf(contentSections(r.html)[3] ?? ""))).toBe("Third slide Closing words.");
  });

  it("records each chunk's first file line", () => {
    expect(r.article.chunks.map((c) => c.line)).toEqual([0, 5, 15, 25]);
    expect(contentSections(r.html).map((s) => /data-lectern-line="(\d+)"/.exec(s)?.[1])).toEqual(["1", "7", "17", "27"]);
  });

  it("keeps a `---` right under a line of text as a setext heading, not a separator", () => {
    const s = buildDeck("Heading text\n---\n\nBody words.\n", { file: "setext.md" });
    expect(s.article.chunks).toHaveLength(1);
    expect(s.article.blocks[0]).toMatchObject({ kind: "heading", level: 2, text: "Heading text" });
  });

  it("accepts a separator with trailing spaces (`--- `)", () => {
    const s = buildDeck("One words.\n\n---   \n\nTwo words.\n", { file: "trail.md" });
    expect(s.article.chunks.map((c) => c.via)).toEqual(["start", "horizontal"]);
    expect(s.plan.stacks).toHaveLength(2);
  });

  it("skips Slidev per-slide front matter with one info note", () => {
    const s = buildDeck(
      "# One\n\nFirst.\n\n---\nlayout: center\nclass: text-center\n---\n\n# Two\n\nSecond.\n\n---\nlayout: end\n---\n\n# Three\n\nThird.\n",
      { file: "slidev.md" },
    );
    expect(s.article.chunks).toHaveLength(3);
    expect(withCode(s.diagnostics, "slide-front-matter")).toMatchObject([{ severity: "info", line: 6 }]);
    expect(s.html).not.toContain("layout: center");
    expect(s.html).not.toContain("text-center");
  });

  it("treats a `---` inside a ~~~ fence as code too", () => {
    const s = buildDeck("Intro words.\n\n~~~\n---\n~~~\n\nOutro words.\n", { file: "tilde.md" });
    expect(s.article.chunks).toHaveLength(1);
  });
});
