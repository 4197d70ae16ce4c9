import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deckName, deckNameProblem, deckNames, expandPaths } from "../../src/run/project.js";
import { tempDir } from "../helpers.js";

describe("deckName", () => {
  it("is always one plain, visible folder name that is not the course index's own", () => {
    const files = [
      "...md",
      "..md",
      ".md",
      "....markdown",
      ".hidden.md",
      "-.-.md",
      "_lectern.md",
      "_LECTERN.txt",
      "index.html.md",
      "a\0b.md",
      "back\\slash.md",
      "C:evil.md",
      `${"长".repeat(80)}.md`,
      `${"x".repeat(250)}.md`,
      "  spaced  out  .md",
      "Einfu\u0308hrung.md",
    ];
    for (const file of files) {
      const name = deckName(`/articles/${file}`);
      expect(deckNameProblem(name), `${JSON.stringify(file)} → ${JSON.stringify(name)}`).toBeUndefined();
    }
    expect(deckName("/a/...md")).toBe("deck");
    expect(deckName("/a/.hidden.md")).toBe("hidden");
    expect(deckName("/a/_lectern.md")).toBe("_lectern-deck");
    expect(deckName("/a/index.html.md")).toBe("index.html-deck");
    expect(deckName("/a/  spaced  out  .md")).toBe("spaced-out");
    // macOS writes decomposed names: the deck folder is the same as for the composed one
    expect(deckName("/a/Einfu\u0308hrung.md")).toBe("Einführung");
    expect(Buffer.byteLength(deckName(`/a/${"长".repeat(80)}.md`))).toBeLessThanOrEqual(180);
    expect(deckName("/a/lecture-1.md")).toBe("lecture-1");
    expect(deckNames(["/a/..md", "/b/...md"]).map((d) => d.name)).toEqual(["deck", "deck-2"]);
  });

  it("names what is wrong with a deck name", () => {
    for (const bad of ["", ".", "..", "a/b", "a\\b", "/abs", "a\0b", ".x", "_lectern", "Index.html", "x".repeat(181)])
      expect(deckNameProblem(bad), JSON.stringify(bad)).toBeDefined();
    for (const good of ["talk", "a..b", "v1.2", "第一讲", "deck-2"]) expect(deckNameProblem(good), good).toBeUndefined();
  });
});

describe("expandPaths", () => {
  it("expands a folder to its .md and .markdown articles; a .txt counts only when named as a file", async () => {
    const dir = tempDir("lectern-project-");
    mkdirSync(join(dir, "sub"));
    for (const name of ["a.md", "b.markdown", "C.MD", "notes.txt", "data.csv", "README.md", "sub/c.md", "sub/todo.txt"]) {
      writeFileSync(join(dir, name), "# T\n\nText.\n");
    }
    expect(await expandPaths([dir])).toEqual(["a.md", "b.markdown", "C.MD", "sub/c.md"].map((n) => join(dir, n)));
    expect(await expandPaths([join(dir, "notes.txt")])).toEqual([join(dir, "notes.txt")]);
    expect(deckName(join(dir, "notes.txt"))).toBe("notes");
  });

  it("takes Quarto's .qmd files as articles, named without the extension", async () => {
    const dir = tempDir("lectern-project-");
    for (const name of ["a.md", "talk.qmd", "_quarto.yml"]) writeFileSync(join(dir, name), "# T\n\nText.\n");
    expect(await expandPaths([dir])).toEqual(["a.md", "talk.qmd"].map((n) => join(dir, n)));
    expect(deckName(join(dir, "talk.qmd"))).toBe("talk");
  });
});
