/**
 * Notebooks from the outside: a folder's `.ipynb` files are articles, their decks named without
 * the extension; a broken notebook exits non-zero with `file:line` and leaves the last deck alone.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFile } from "../../src/index.js";
import { deckName, expandPaths } from "../../src/run/project.js";
import { fixture, REPO_ROOT, tempDir } from "../helpers.js";

const lectern = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, "bin", "lectern.js"), ...args], { cwd, encoding: "utf8", timeout: 60_000 });

describe("notebooks in a project", () => {
  it("are found in folders and named without `.ipynb`", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "ch"));
    copyFileSync(fixture("notebooks/tags.ipynb"), join(dir, "ch", "lesson.ipynb"));
    writeFileSync(join(dir, "ch", "notes.md"), "# Notes\n\nText.\n");
    expect((await expandPaths([dir])).map((f) => f.slice(dir.length + 1))).toEqual(["ch/lesson.ipynb", "ch/notes.md"]);
    expect(deckName("ch/lesson.ipynb")).toBe("lesson");
  });

  it("a notebook broken after a good build: exit 1, `notebook-invalid` at file:line, the deck as it was", { timeout: 60_000 }, () => {
    const dir = tempDir();
    copyFileSync(fixture("notebooks/tags.ipynb"), join(dir, "lesson.ipynb"));
    const good = lectern(dir, "build", "lesson.ipynb", "--out", "out", "--no-fit");
    expect(good.status).toBe(0);
    const before = readFileSync(join(dir, "out", "lesson", "index.html"), "utf8");
    expect(before).toContain("KEEPMD");
    copyFileSync(fixture("notebooks/invalid-json.ipynb"), join(dir, "lesson.ipynb"));
    const bad = lectern(dir, "build", "lesson.ipynb", "--out", "out", "--no-fit");
    expect(bad.status).toBe(1);
    expect(bad.stderr + bad.stdout).toContain("lesson.ipynb:7:3: error [notebook-invalid] not valid JSON");
    expect(readFileSync(join(dir, "out", "lesson", "index.html"), "utf8")).toBe(before);
  });
});

describe("a notebook's PDF (Chromium)", () => {
  it("shows its outputs: the PNG as an image, the SVG, HTML, Markdown, stderr and the error as text", { timeout: 120_000 }, async () => {
    const deck = await buildFile(fixture("notebooks/outputs.ipynb"), { outDir: tempDir(), pdf: true });
    const pdf = deck.pdf?.path ?? "";
    const images = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" });
    expect(images).toMatch(/\s320\s+180\s/);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    for (const shown of ["careful: STDERRTEXT", "SVG TEXT", "HTMLCELL", "Some MDOUT text", "ZeroDivisionError: division by zero"]) {
      expect(text).toContain(shown);
    }
    expect(text).not.toMatch(/"cell_type"|base64|\[0;31m/);
  });
});
