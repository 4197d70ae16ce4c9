import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPaths } from "../src/build-files.js";
import { tempDir } from "./helpers.js";

function course(n: number): string {
  const dir = tempDir();
  for (let i = 1; i <= n; i++)
    writeFileSync(join(dir, `lecture-${i}.md`), `# Lecture ${i}\n\nText of lecture ${i}.\n\n# Part two\n\nMore.\n`);
  return dir;
}

describe("content-hash cache", () => {
  it("rebuilds only the deck whose article changed", async () => {
    const src = course(3);
    const out = tempDir();
    const first = await buildPaths([src], { outDir: out, fit: false, cache: true });
    expect(first.decks.map((d) => d.cached ?? false)).toEqual([false, false, false]);
    const stamp = statSync(join(out, "lecture-1", "index.html")).mtimeMs;
    writeFileSync(join(src, "lecture-2.md"), "# Lecture 2\n\nChanged text.\n");
    const second = await buildPaths([src], { outDir: out, fit: false, cache: true });
    expect(second.decks.map((d) => d.cached ?? false)).toEqual([true, false, true]);
    expect(statSync(join(out, "lecture-1", "index.html")).mtimeMs).toBe(stamp);
    expect(readFileSync(join(out, "lecture-2", "index.html"), "utf8")).toContain("Changed text.");
    expect(second.decks.every((d) => d.written)).toBe(true);
  });

  it("rebuilds when an image, the theme or the options change, and never without `cache`", async () => {
    const src = tempDir();
    writeFileSync(join(src, "pic.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    writeFileSync(join(src, "talk.md"), "# Talk\n\n![pic](pic.svg)\n\nText.\n");
    const out = tempDir();
    await buildPaths([src], { outDir: out, fit: false, cache: true });
    expect((await buildPaths([src], { outDir: out, fit: false, cache: true })).decks[0]?.cached).toBe(true);
    utimesSync(join(src, "pic.svg"), new Date(), new Date(Date.now() + 5000));
    expect((await buildPaths([src], { outDir: out, fit: false, cache: true })).decks[0]?.cached).toBe(false);
    expect((await buildPaths([src], { outDir: out, fit: false, cache: true, theme: "dark" })).decks[0]?.cached).toBe(false);
    expect((await buildPaths([src], { outDir: out, fit: false })).decks[0]?.cached).toBeFalsy();
  });
});

describe("--shard", () => {
  it("splits the decks into parts that cover each exactly once", async () => {
    const src = course(7);
    const parts = await Promise.all(
      [1, 2, 3].map((index) => buildPaths([src], { outDir: tempDir(), fit: false, shard: { index, count: 3 } })),
    );
    const names = parts.flatMap((p) => p.decks.map((d) => d.name));
    expect(names.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `lecture-${i + 1}`).sort());
    expect(new Set(names).size).toBe(7);
    const again = await buildPaths([src], { outDir: tempDir(), fit: false, shard: { index: 2, count: 3 } });
    expect(again.decks.map((d) => d.name)).toEqual(parts[1]?.decks.map((d) => d.name));
  });
});

describe("--jobs", () => {
  it("builds several decks at once with the same results, in input order", async () => {
    const src = course(5);
    const serial = await buildPaths([src], { outDir: tempDir(), fit: false });
    const parallel = await buildPaths([src], { outDir: tempDir(), fit: false, jobs: 3 });
    expect(parallel.decks.map((d) => [d.name, d.slides, d.written])).toEqual(serial.decks.map((d) => [d.name, d.slides, d.written]));
  });
});
