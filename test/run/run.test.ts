import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPaths } from "../../src/index.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

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

/** The deck links (`<h2><a href>`) of a course index page, in order. */
const indexedDecks = (out: string) =>
  [...readFileSync(join(out, "index.html"), "utf8").matchAll(/<h2><a href="([^"]*)">/g)].map((m) => m[1] as string);

describe("the course index lists every deck in --out", () => {
  it("after --shard 1/2 and then 2/2 into one --out, lists the decks of both, by name", async () => {
    const src = course(4);
    const out = tempDir();
    await buildPaths([src], { outDir: out, fit: false, shard: { index: 1, count: 2 } });
    expect(indexedDecks(out)).toEqual(["lecture-1/index.html", "lecture-3/index.html"]);
    await buildPaths([src], { outDir: out, fit: false, shard: { index: 2, count: 2 } });
    expect(indexedDecks(out)).toEqual([1, 2, 3, 4].map((i) => `lecture-${i}/index.html`));
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain("4 decks");
    expect(html).toContain('<a href="lecture-3/index.html#/part-two">Part two</a>');
  });

  it("keeps listing a deck whose rebuild failed, from its record; folders that are not decks are not listed", async () => {
    const src = course(3);
    const out = tempDir();
    await buildPaths([src], { outDir: out, fit: false });
    const before = readFileSync(join(out, "lecture-2", "index.html"), "utf8");
    mkdirSync(join(out, "misc"));
    writeFileSync(join(out, "misc", "index.html"), "<p>not a deck</p>");
    mkdirSync(join(out, "junk"));
    writeFileSync(join(out, "junk", "index.html"), "<p>not a deck either</p>");
    writeFileSync(join(out, "junk", ".lectern.json"), '{"key": 1}');
    writeFileSync(join(src, "lecture-2.md"), ""); // this rebuild fails: nothing to show
    const run = await buildPaths([src], { outDir: out, fit: false });
    expect(run.decks.map((d) => d.written)).toEqual([true, false, true]);
    expect(run.diagnostics.map((d) => d.code)).toEqual(["empty-article"]);
    expect(readFileSync(join(out, "lecture-2", "index.html"), "utf8")).toBe(before);
    expect(indexedDecks(out)).toEqual([1, 2, 3].map((i) => `lecture-${i}/index.html`));
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain("3 decks");
    expect(html).toContain('<a href="lecture-2/index.html#/part-two">Part two</a>');
    expect(html).not.toContain("misc/");
    expect(html).not.toContain("junk/");
  });

  it("links the PDF and handouts a deck's record names, also when the deck comes from the cache", async () => {
    const src = tempDir();
    const file = join(src, "talk.md");
    writeFileSync(file, "# Talk\n\nPlain words.\n\n# Part two\n\nMore.\n");
    const out = tempDir();
    const options = { outDir: out, fit: false, pdf: true, handouts: [2 as const], cache: true };
    const first = await buildPaths([file], options);
    expect(first.ok).toBe(true);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain('<a class="lectern-deck-download" href="talk/talk.pdf">PDF</a>');
    expect(html).toContain('<a class="lectern-deck-download" href="talk/talk-handout-2.pdf">Handout, 2 per page</a>');
    const again = await buildPaths([file], options);
    expect(again.decks[0]?.cached).toBe(true);
    expect(again.decks[0]?.pdf).toEqual(first.decks[0]?.pdf);
    expect(again.decks[0]?.handouts).toEqual(first.decks[0]?.handouts);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe(html);
  }, 60_000);
});

describe("a deck's record (.lectern.json)", () => {
  it("holds no filesystem path: media relative to the project root, diagnostics without the article's path", async () => {
    const src = tempDir();
    mkdirSync(join(src, "images"));
    writeFileSync(join(src, "images", "pic.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const file = join(src, "talk.md");
    writeFileSync(file, "# Talk\n\n![pic](images/pic.svg)\n\n![gone](images/gone.png)\n\nText.\n");
    const out = tempDir();
    const first = await buildPaths([file], { outDir: out, fit: false, cache: true, root: src });
    expect(first.diagnostics.map((d) => [d.code, d.file])).toEqual([["image-missing", file]]);
    const raw = readFileSync(join(out, "talk", ".lectern.json"), "utf8");
    for (const path of [src, out, tmpdir(), REPO_ROOT]) expect(raw).not.toContain(path);
    const record = JSON.parse(raw) as { media: Record<string, unknown> };
    expect(Object.keys(record.media)).toEqual(["images/pic.svg"]);
    // the cache still works from it, and gives the diagnostics back with the article's path
    const again = await buildPaths([file], { outDir: out, fit: false, cache: true, root: src });
    expect(again.decks[0]?.cached).toBe(true);
    expect(again.diagnostics).toEqual(first.diagnostics);
    utimesSync(join(src, "images", "pic.svg"), new Date(), new Date(Date.now() + 5000));
    expect((await buildPaths([file], { outDir: out, fit: false, cache: true, root: src })).decks[0]?.cached).toBe(false);
  });
});
