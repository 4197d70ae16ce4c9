import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFile, buildPaths } from "../../../src/index.js";
import type { DeckFile } from "../../../src/output/folder/assets.js";
import { writeDeckFolder } from "../../../src/output/folder/write.js";
import { fixture, tempDir } from "../../helpers.js";

const root = tempDir("lectern-write-");
let n = 0;
/** A fresh parent folder per test. */
const parent = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.startsWith("."));

describe("writeDeckFolder", () => {
  it("writes index.html and every file, creating subfolders", async () => {
    const dir = join(parent(), "deck");
    await writeDeckFolder(dir, "<p>v1</p>", [
      { path: "assets/a/b/note.txt", text: "hello" },
      { path: "media/dot.svg", from: fixture("images/dot.svg") },
    ]);
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe("<p>v1</p>");
    expect(readFileSync(join(dir, "assets/a/b/note.txt"), "utf8")).toBe("hello");
    expect(readFileSync(join(dir, "media/dot.svg"))).toEqual(readFileSync(fixture("images/dot.svg")));
  });

  it("replaces a previous deck folder as a whole (no stale files kept)", async () => {
    const p = parent();
    const dir = join(p, "deck");
    await writeDeckFolder(dir, "v1", [{ path: "old.txt", text: "old" }]);
    await writeDeckFolder(dir, "v2", [{ path: "new.txt", text: "new" }]);
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe("v2");
    expect(existsSync(join(dir, "old.txt"))).toBe(false);
    expect(existsSync(join(dir, "new.txt"))).toBe(true);
    expect(leftovers(p)).toEqual([]);
  });

  it("rejects when a file cannot be copied, leaving the previous deck untouched and no temp folders", async () => {
    const p = parent();
    const dir = join(p, "deck");
    await writeDeckFolder(dir, "<p>previous</p>", [{ path: "keep.txt", text: "keep" }]);
    const files: DeckFile[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ path: `assets/f${i}.txt`, text: `file ${i}` })),
      { path: "media/missing.png", from: join(p, "no-such-file.png") },
      ...Array.from({ length: 12 }, (_, i) => ({ path: `assets/deep/g${i}.svg`, from: fixture("images/dot.svg") })),
    ];
    await expect(writeDeckFolder(dir, "<p>next</p>", files)).rejects.toThrow(/ENOENT|no such file/);
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe("<p>previous</p>");
    expect(readFileSync(join(dir, "keep.txt"), "utf8")).toBe("keep");
    expect(readdirSync(dir).sort()).toEqual(["index.html", "keep.txt"]);
    expect(leftovers(p)).toEqual([]);
    expect(readdirSync(p)).toEqual(["deck"]);
  });

  it("keeps the previous deck when the finishing step (fit, PDF) fails", async () => {
    const p = parent();
    const dir = join(p, "deck");
    await writeDeckFolder(dir, "<p>previous</p>", []);
    const failing = async (tmp: string) => {
      expect(readFileSync(join(tmp, "index.html"), "utf8")).toBe("<p>next</p>");
      throw new Error("browser crashed");
    };
    await expect(writeDeckFolder(dir, "<p>next</p>", [{ path: "a.txt", text: "a" }], failing)).rejects.toThrow("browser crashed");
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe("<p>previous</p>");
    expect(readdirSync(p)).toEqual(["deck"]);
  });

  it("creates nothing when the first write of a deck fails", async () => {
    const p = parent();
    const dir = join(p, "deck");
    await expect(writeDeckFolder(dir, "x", [{ path: "a.png", from: join(p, "missing.png") }])).rejects.toThrow();
    expect(readdirSync(p)).toEqual([]);
  });

  it("writes two different decks at once without mixing them", async () => {
    const p = parent();
    await Promise.all([
      writeDeckFolder(join(p, "one"), "one", [{ path: "which.txt", text: "one" }]),
      writeDeckFolder(join(p, "two"), "two", [{ path: "which.txt", text: "two" }]),
    ]);
    for (const name of ["one", "two"]) {
      expect(readFileSync(join(p, name, "index.html"), "utf8")).toBe(name);
      expect(readFileSync(join(p, name, "which.txt"), "utf8")).toBe(name);
    }
    expect(leftovers(p)).toEqual([]);
  });
});

describe("buildFile writes atomically", () => {
  it("replaces the deck on a successful rebuild", async () => {
    const p = parent();
    const article = join(p, "talk.md");
    const out = join(p, "dist");
    writeFileSync(article, "# Talk\n\n## First\n\nFirst version of the words.\n");
    const first = await buildFile(article, { outDir: out, fit: false });
    expect(first.written).toBe(true);
    expect(first.dir).toBe(join(out, "talk"));
    expect(readFileSync(join(out, "talk", "index.html"), "utf8")).toContain("First version of the words.");

    writeFileSync(article, "# Talk\n\n## First\n\nSecond version of the words.\n");
    const second = await buildFile(article, { outDir: out, fit: false });
    expect(second.written).toBe(true);
    const html = readFileSync(join(out, "talk", "index.html"), "utf8");
    expect(html).toContain("Second version of the words.");
    expect(html).not.toContain("First version");
    expect(leftovers(out)).toEqual([]);
  });

  it("keeps the previous deck when the article becomes empty", async () => {
    const p = parent();
    const article = join(p, "talk.md");
    const out = join(p, "dist");
    writeFileSync(article, "# Talk\n\nGood words.\n");
    await buildFile(article, { outDir: out, fit: false });
    writeFileSync(article, "");
    const again = await buildFile(article, { outDir: out, fit: false });
    expect(again.written).toBe(false);
    expect(again.diagnostics.map((d) => d.code)).toEqual(["empty-article"]);
    expect(readFileSync(join(out, "talk", "index.html"), "utf8")).toContain("Good words.");
  });

  it("reports a deck it cannot write as write-failed, keeping the previous deck", async () => {
    const p = parent();
    const article = join(p, "talk.md");
    // the output folder is a file: nothing can be written under it
    const out = join(p, "blocked");
    writeFileSync(out, "not a folder");
    writeFileSync(article, "# Talk\n\nWords.\n");
    const deck = await buildFile(article, { outDir: out, fit: false });
    expect(deck.written).toBe(false);
    expect(deck.diagnostics.filter((d) => d.code === "write-failed")).toMatchObject([{ severity: "error", file: article }]);
    expect(readFileSync(out, "utf8")).toBe("not a folder");
  });
});

describe("a build after a killed one", () => {
  it("removes the temporary folders and files a dead process left in the output folder, not a live one's", async () => {
    const out = parent();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid as number; // exited
    mkdirSync(join(out, `.good.tmp-${dead}-mx4et3pn-vpk2f5`, "assets"), { recursive: true });
    writeFileSync(join(out, `.good.tmp-${dead}-mx4et3pn-vpk2f5`, "assets", "reveal.js"), "x".repeat(1000));
    mkdirSync(join(out, `.other.old-${dead}-mx4et3pn-vpk2f5-0`));
    writeFileSync(join(out, `.index.html.tmp-${dead}-mx4et3pn-vpk2f5`), "<p>half");
    const live = `.talk.tmp-${process.pid}-mx4et3pn-abcdef`; // a write of this process, under way
    mkdirSync(join(out, live));
    mkdirSync(join(out, ".not-ours"));
    const run = await buildPaths([fixture("good.md")], { outDir: out, fit: false });
    expect(run.ok).toBe(true);
    expect(leftovers(out).sort()).toEqual([".not-ours", live].sort());
  });
});
