/** reveal.js external Markdown: `.slide:` and `.element:` attribute comments (test/fixtures/reveal/external.md). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { bodyOf, contentSections, FIXTURES, notesOf, slidesHtml, textOf } from "../helpers.js";

const DIR = join(FIXTURES, "reveal");
const r = buildDeck(readFileSync(join(DIR, "external.md")), { file: "external.md", baseDir: DIR });
const slides = contentSections(r.html);
const openTag = (section: string) => section.slice(0, section.indexOf(">") + 1);

describe("reveal.js external Markdown", () => {
  it('gives `class="fragment"` of `.element:` to the list item or paragraph it follows', () => {
    const second = bodyOf(slides[1] ?? "");
    expect(second).toContain('<li class="fragment">one </li>');
    expect(second).toContain('<li class="fragment">two </li>');
    expect(second).toContain('<p class="fragment">A paragraph that appears.</p>');
  });

  it("turns `.slide: data-background` into the slide's background: a colour, or an image behind the content", () => {
    expect(openTag(slides[2] ?? "")).toContain('style="background-color:#1b2a49"');
    expect(openTag(slides[2] ?? "")).toContain('data-transition="zoom"');
    expect(slides[3]).toContain('<div class="lectern-look-bg"><img src="media/photo.jpg" alt=""');
    expect(r.media.get("media/photo.jpg")).toBe(join(DIR, "photo.jpg"));
  });

  it("shows no attribute comment, and `Note:` goes to the speaker notes", () => {
    const text = textOf(slidesHtml(r.html).replace(/<aside class="notes">[\s\S]*?<\/aside>/g, ""));
    expect(text).not.toMatch(/\.slide:|\.element:|data-background|speaker only/);
    expect(notesOf(r.html).join("")).toContain("speaker only.");
  });
});
