import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { bodyOf, contentSections, notesOf, readFixture, slidesHtml, textOf, withCode } from "../helpers.js";

describe("speaker notes", () => {
  const r = buildDeck(readFixture("notes-three-ways.md"), { file: "notes-three-ways.md" });
  const slides = contentSections(r.html);

  it("builds without diagnostics", () => {
    expect(r.diagnostics).toEqual([]);
  });

  it('puts `Note:`, `<!-- note: -->` and `::: notes` into <aside class="notes">', () => {
    const notes = notesOf(r.html).map(textOf);
    expect(notes).toEqual(["hidden alpha whisper.", "hidden beta whisper", "hidden gamma whisper"]);
  });

  it("attaches each note to the slide it was written on", () => {
    expect(slides).toHaveLength(3);
    expect(slides[0]).toMatch(/Visible alpha[\s\S]*hidden alpha whisper/);
    expect(slides[1]).toMatch(/Visible beta[\s\S]*hidden beta whisper/);
    expect(slides[2]).toMatch(/Visible gamma[\s\S]*hidden gamma whisper/);
  });

  it("keeps notes out of the visible slide body", () => {
    const visible = slides.map((s) => textOf(bodyOf(s)));
    expect(visible).toEqual(["Visible alpha.", "Visible beta.", "Visible gamma. Visible delta."]);
    const shown = slidesHtml(r.html).replace(/<aside class="notes">[\s\S]*?<\/aside>/g, "");
    expect(shown).not.toContain("whisper");
    expect(shown).not.toMatch(/Note:|::: ?notes|<!--/);
  });

  it("in a non-deck article, `Note:` is one paragraph of notes, not the rest of the section", () => {
    const a = buildDeck("# Doc\n\n## Part\n\nNote: only this.\n\nStill visible.\n", { file: "doc.md" });
    expect(notesOf(a.html).map(textOf)).toEqual(["only this."]);
    expect(textOf(bodyOf(contentSections(a.html)[0] ?? ""))).toBe("Still visible.");
  });

  it("in a Marp deck, a plain HTML comment is a presenter note and a directive is dropped", () => {
    const m = buildDeck(readFixture("marp-deck.md"), { file: "marp-deck.md" });
    expect(notesOf(m.html).map(textOf)).toEqual(["The presenter explains the opening."]);
    const shown = slidesHtml(m.html);
    expect(shown).not.toContain("_class");
    expect(shown).not.toContain("_backgroundColor");
  });

  it("outside Marp, a plain HTML comment is neither shown nor a note", () => {
    const a = buildDeck("# Doc\n\nText.\n\n<!-- a private remark -->\n", { file: "c.md" });
    expect(a.html).not.toContain("private remark");
  });

  it("warns when `::: notes` is never closed", () => {
    const a = buildDeck("Text.\n\n::: notes\nsecret\n", { file: "open-notes.md" });
    expect(withCode(a.diagnostics, "notes-unclosed")).toMatchObject([{ severity: "warning", line: 3 }]);
    expect(notesOf(a.html).map(textOf)).toEqual(["secret"]);
  });
});
