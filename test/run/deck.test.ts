import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { UsageError } from "../../src/config/options.js";
import { buildFile, buildPaths, expandPaths } from "../../src/index.js";
import { fixture, REPO_ROOT, tempDir } from "../helpers.js";

const root = tempDir("lectern-files-");
const input = join(root, "articles");
const out = join(root, "dist");

beforeAll(() => {
  mkdirSync(join(input, "images"), { recursive: true });
  mkdirSync(join(input, "nested"), { recursive: true });
  mkdirSync(join(input, ".hidden"), { recursive: true });
  copyFileSync(fixture("zh-article.md"), join(input, "zh-article.md"));
  copyFileSync(fixture("images/dot.svg"), join(input, "images/dot.svg"));
  copyFileSync(fixture("good.md"), join(input, "nested/good.md"));
  copyFileSync(fixture("plain.txt"), join(input, "plain.md"));
  copyFileSync(fixture("empty.md"), join(input, "empty.md"));
  writeFileSync(join(input, "README.md"), "# Not an article\n\nThe folder's readme.\n");
  writeFileSync(join(input, ".hidden/secret.md"), "# Hidden\n\nNot built.\n");
  writeFileSync(join(input, "images/notes.json"), "{}");
});

describe("expandPaths", () => {
  it("finds .md articles in folders, sorted, skipping README and hidden folders", async () => {
    const found = await expandPaths([input]);
    expect(found).toEqual([join(input, "empty.md"), join(input, "nested/good.md"), join(input, "plain.md"), join(input, "zh-article.md")]);
  });

  it("takes a file as given, once", async () => {
    const file = join(input, "plain.md");
    expect(await expandPaths([file, file])).toEqual([file]);
  });

  it("throws a usage error for a path that does not exist", async () => {
    await expect(expandPaths([join(root, "nope")])).rejects.toBeInstanceOf(UsageError);
  });
});

describe("buildPaths on a folder", () => {
  let run: Awaited<ReturnType<typeof buildPaths>>;
  const progress: string[] = [];
  beforeAll(async () => {
    run = await buildPaths([input], { outDir: out, fit: false }, (deck, i, total) => progress.push(`${i + 1}/${total} ${deck.name}`));
  });

  it("builds every article, reports the empty one and still writes the others", () => {
    expect(run.decks.map((d) => [d.name, d.written])).toEqual([
      ["empty", false],
      ["good", true],
      ["plain", true],
      ["zh-article", true],
    ]);
    expect(run.ok).toBe(false);
    const errors = run.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toMatchObject([{ code: "empty-article", file: join(input, "empty.md") }]);
    expect(existsSync(join(out, "empty"))).toBe(false);
    expect(progress).toEqual(["1/4 empty", "2/4 good", "3/4 plain", "4/4 zh-article"]);
  });

  it("counts each deck's slides", () => {
    const good = run.decks.find((d) => d.name === "good");
    expect(good?.slides).toBe(good?.result.plan.stacks.reduce((k, s) => k + s.slides.length, 0));
    expect(good?.slides).toBe(5);
  });

  it("writes index.html with reveal.js, KaTeX (CSS and fonts), the theme and the font CSS beside it", () => {
    for (const name of ["good", "plain", "zh-article"]) {
      const dir = join(out, name);
      for (const file of [
        "index.html",
        "assets/reveal/reveal.js",
        "assets/reveal/reveal.css",
        "assets/reveal/notes.js",
        "assets/katex/katex.min.css",
        "assets/theme.css",
        "assets/fonts/fonts.css",
      ]) {
        expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(true);
      }
      const fonts = readdirSync(join(dir, "assets/katex/fonts"));
      expect(fonts.length).toBeGreaterThan(10);
      expect(fonts.every((f) => f.endsWith(".woff2"))).toBe(true);
      expect(fonts).toContain("KaTeX_Main-Regular.woff2");
    }
    expect(readFileSync(join(out, "good/assets/theme.css"), "utf8")).toContain("Lectern theme: default");
  });

  it("ships the font slices that hold the Chinese text's characters, beside fonts.css", () => {
    const faces = (name: string) => {
      const css = readFileSync(join(out, name, "assets/fonts/fonts.css"), "utf8");
      return [...css.matchAll(/src:url\(([^)]+)\)[^;]*;unicode-range:([^;}]+)/g)].map((m) => ({
        file: m[1] ?? "",
        ranges: (m[2] ?? "").split(",").map((r) =>
          r
            .trim()
            .replace(/^U\+/i, "")
            .split("-")
            .map((h) => Number.parseInt(h, 16)),
        ),
      }));
    };
    const covers = (list: ReturnType<typeof faces>, ch: string) => {
      const c = ch.codePointAt(0) ?? 0;
      return list.some((f) => f.ranges.some(([lo = 0, hi = lo]) => c >= lo && c <= hi));
    };
    const zh = faces("zh-article");
    expect(zh.length).toBeGreaterThanOrEqual(1);
    for (const f of zh) expect(existsSync(join(out, "zh-article/assets/fonts", f.file)), f.file).toBe(true);
    for (const ch of "信号处理简介背景方法傅里叶变换") expect(covers(zh, ch), ch).toBe(true);
    expect(readdirSync(join(out, "zh-article/assets/fonts")).filter((f) => f.endsWith(".woff2")).length).toBeGreaterThanOrEqual(1);
    // an English deck carries no slice for Chinese characters
    const en = faces("good");
    expect(covers(en, "信")).toBe(false);
    expect(en.length).toBeLessThan(zh.length);
  });

  it("copies local images under media/ and points the page at them", () => {
    expect(readFileSync(join(out, "zh-article/media/dot.svg"))).toEqual(readFileSync(fixture("images/dot.svg")));
    expect(readFileSync(join(out, "zh-article/index.html"), "utf8")).toContain('src="media/dot.svg"');
  });

  it("references no http(s) URL for scripts or styles (no CDN)", () => {
    for (const name of ["good", "plain", "zh-article"]) {
      const html = readFileSync(join(out, name, "index.html"), "utf8");
      const refs = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? "");
      expect(refs.length).toBeGreaterThanOrEqual(6);
      for (const ref of refs) {
        expect(ref).not.toMatch(/^(https?:)?\/\//);
        expect(existsSync(join(out, name, ref)), ref).toBe(true);
      }
      expect(html).not.toMatch(/@import\s+url\(["']?https?:/);
    }
  });

  it("leaves no temporary folders behind, beside the decks and the course index", () => {
    expect(readdirSync(out).sort()).toEqual(["_lectern", "good", "index.html", "plain", "zh-article"]);
  });
});

describe("buildPaths options", () => {
  it("is ok with warnings only, and not ok with strict", async () => {
    const file = fixture("missing-image.md");
    const dist = join(root, "strict");
    const loose = await buildPaths([file], { outDir: dist, fit: false });
    expect(loose.ok).toBe(true);
    expect(loose.diagnostics.map((d) => d.code)).toEqual(["image-missing"]);
    const strict = await buildPaths([file], { outDir: dist, strict: true, fit: false });
    expect(strict.ok).toBe(false);
    // strict still writes the deck: warnings do not stop it
    expect(strict.decks[0]?.written).toBe(true);
  });

  it("never fails on info notes, even with strict", async () => {
    const file = join(root, "info-only.md");
    writeFileSync(file, "---\ntitle: Info only\nwhatever: 1\n---\n\nA complete sentence.\n");
    const run = await buildPaths([file], { outDir: join(root, "info"), strict: true, fit: false });
    expect(run.diagnostics.map((d) => [d.severity, d.code])).toEqual([["info", "front-matter-unknown-key"]]);
    expect(run.ok).toBe(true);
  });

  it("uses the dark theme when asked", async () => {
    const dist = join(root, "dark");
    await buildPaths([fixture("good.md")], { outDir: dist, theme: "dark", fit: false });
    expect(readFileSync(join(dist, "good/assets/theme.css"), "utf8")).toContain("Lectern theme: dark");
  });

  it("notes a front-matter theme it does not know and uses the default", async () => {
    const dist = join(root, "marp");
    const run = await buildPaths([fixture("marp-deck.md")], { outDir: dist, fit: false });
    expect(run.ok).toBe(true);
    expect(run.diagnostics).toMatchObject([{ severity: "info", code: "theme-unknown" }]);
    expect(readFileSync(join(dist, "marp-deck/assets/theme.css"), "utf8")).toContain("Lectern theme: default");
  });

  it("rejects an unknown theme before building anything", async () => {
    const dist = join(root, "nosuch");
    await expect(buildPaths([fixture("good.md")], { outDir: dist, theme: "nosuch", fit: false })).rejects.toBeInstanceOf(UsageError);
    expect(existsSync(dist)).toBe(false);
  });

  it("rejects a folder with no articles", async () => {
    const emptyDir = join(root, "no-articles");
    mkdirSync(emptyDir, { recursive: true });
    await expect(buildPaths([emptyDir], { outDir: join(root, "x"), fit: false })).rejects.toThrow(/no articles/);
  });

  it("gives two articles with the same name different deck folders", async () => {
    const a = join(root, "same/a");
    const b = join(root, "same/b");
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    writeFileSync(join(a, "talk.md"), "Talk A words.\n");
    writeFileSync(join(b, "talk.md"), "Talk B words.\n");
    const dist = join(root, "same-dist");
    const run = await buildPaths([a, b], { outDir: dist, fit: false });
    expect(run.decks.map((d) => d.name)).toEqual(["talk", "talk-2"]);
    expect(readFileSync(join(dist, "talk/index.html"), "utf8")).toContain("Talk A words.");
    expect(readFileSync(join(dist, "talk-2/index.html"), "utf8")).toContain("Talk B words.");
  });

  it("reports an unreadable article as file-unreadable", async () => {
    const dir = join(root, "unreadable");
    mkdirSync(join(dir, "folder.md"), { recursive: true }); // a folder named like an article
    const deck = await buildFile(join(dir, "folder.md"), { outDir: join(root, "u-dist"), fit: false });
    expect(deck.written).toBe(false);
    expect(deck.diagnostics).toMatchObject([{ severity: "error", code: "file-unreadable" }]);
  });
});

describe("two builds at once", () => {
  it("do not interfere: interleaved builds equal sequential ones", async () => {
    const a = readFileSync(fixture("zh-article.md"));
    const b = readFileSync(fixture("bad-math.md"));
    const soloA = buildDeck(a, { file: "a.md" });
    const soloB = buildDeck(b, { file: "b.md" });
    const later = <T>(f: () => T) => new Promise<T>((done) => setImmediate(() => done(f())));
    const results = await Promise.all([
      later(() => buildDeck(a, { file: "a.md" })),
      later(() => buildDeck(b, { file: "b.md" })),
      later(() => buildDeck(a, { file: "a.md" })),
      later(() => buildDeck(b, { file: "b.md" })),
    ]);
    for (const [k, r] of results.entries()) {
      const solo = k % 2 === 0 ? soloA : soloB;
      expect(r.html).toBe(solo.html);
      expect(r.diagnostics).toEqual(solo.diagnostics);
    }
    expect(soloA.diagnostics).toEqual([]);
    expect(soloB.diagnostics.map((d) => d.file)).toEqual(["b.md", "b.md"]);
  });

  it("do not interfere when written to disk at the same time", async () => {
    const dist = join(root, "parallel");
    const [a, b] = await Promise.all([
      buildFile(fixture("zh-article.md"), { outDir: dist, fit: false }),
      buildFile(fixture("bad-math.md"), { outDir: dist, fit: false }),
    ]);
    expect(a.diagnostics).toEqual([]);
    expect(b.diagnostics.map((d) => d.code)).toEqual(["math-invalid", "math-invalid"]);
    expect(readFileSync(join(dist, "zh-article/index.html"), "utf8")).toContain("信号处理简介");
    expect(readFileSync(join(dist, "bad-math/index.html"), "utf8")).toContain("lectern-math-error");
    expect(readFileSync(join(dist, "bad-math/index.html"), "utf8")).not.toContain("信号");
  });

  it("do not share KaTeX macros: a \\gdef in one deck is unknown in the next", () => {
    const a = buildDeck("Define $\\gdef\\foo{x}\\foo$ here.\n", { file: "a.md" });
    expect(a.diagnostics).toEqual([]);
    expect(a.html).toContain('class="katex"');
    const b = buildDeck("Use $\\foo$ here.\n", { file: "b.md" });
    expect(b.diagnostics).toMatchObject([{ code: "math-invalid", file: "b.md", line: 1 }]);
    expect(b.html).toContain("lectern-math-error");
  });

  it("do not share front-matter macros between decks", () => {
    const a = buildDeck('---\nmacros:\n  foo: "y"\n---\n\n$\\foo$ ok.\n', { file: "a.md" });
    expect(a.diagnostics).toEqual([]);
    const b = buildDeck("$\\foo$ again.\n", { file: "b.md" });
    expect(b.diagnostics.map((d) => d.code)).toEqual(["math-invalid"]);
  });
});

describe("deck names never reach outside --out", () => {
  /** Every file under `dir` with its content, `dir`-relative (what a build may not change). */
  const tree = (dir: string): Map<string, string> => {
    const files = new Map<string, string>();
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isFile()) files.set(relative(dir, path), readFileSync(path, "utf8"));
    }
    return files;
  };
  const site = join(root, "site");
  const dist = join(site, "out");
  const articles = join(root, "weird-names");
  const names: Record<string, string> = {
    "...md": "deck",
    "..md": "deck-2",
    ".md": "deck-3",
    ".hidden.md": "hidden",
    "_lectern.md": "_lectern-deck",
    "index.html.md": "index.html-deck",
    "Lecture 1 — Einführung (v2).md": "Lecture-1-Einführung-v2",
  };

  it("slugifies `...md`, `..md`, `.md`, hidden, reserved and unicode names into plain folders; nothing else is touched", async () => {
    mkdirSync(join(site, "sibling"), { recursive: true });
    writeFileSync(join(site, "sibling", "keep.txt"), "a sibling of --out\n");
    writeFileSync(join(site, "beside-out.txt"), "beside --out\n");
    mkdirSync(join(dist, "notes"), { recursive: true });
    writeFileSync(join(dist, "notes", "todo.txt"), "not a deck\n");
    await buildPaths([fixture("good.md")], { outDir: dist, fit: false });
    mkdirSync(articles, { recursive: true });
    for (const [file, k] of Object.keys(names).map((f, i) => [f, i] as const))
      writeFileSync(join(articles, file), `# Deck ${k}\n\nWords of deck ${k}.\n`);
    const outside = tree(site);
    for (const key of [...outside.keys()]) if (key.startsWith(`out${sep}`)) outside.delete(key);
    const before = tree(dist);

    const run = await buildPaths(
      Object.keys(names).map((f) => join(articles, f)),
      { outDir: dist, fit: false },
    );
    expect(run.decks.map((d) => d.name)).toEqual(Object.values(names));
    expect(run.decks.every((d) => d.written)).toBe(true);
    expect(run.ok).toBe(true);
    // nothing outside --out changed, nothing in it was lost, the deck built before is as it was
    const after = tree(site);
    for (const [path, text] of outside) expect(after.get(path), path).toBe(text);
    expect([...after.keys()].filter((p) => !p.startsWith(`out${sep}`)).sort()).toEqual([...outside.keys()].sort());
    const inOut = tree(dist);
    for (const [path, text] of before) {
      expect(inOut.has(path), path).toBe(true);
      if (path.startsWith(`good${sep}`) || path.startsWith(`notes${sep}`)) expect(inOut.get(path), path).toBe(text);
    }
    // each deck in its own folder directly under --out, and the course index lists them all
    for (const [k, name] of Object.values(names).entries())
      expect(readFileSync(join(dist, name, "index.html"), "utf8")).toContain(`Words of deck ${k}.`);
    expect(readdirSync(dist).filter((n) => n.startsWith("."))).toEqual([]);
    const index = readFileSync(join(dist, "index.html"), "utf8");
    expect(index).toContain("8 decks");
    expect(index).toContain('href="Lecture-1-Einführung-v2/index.html"');
  });

  it("refuses a deck name given by the caller that is not one plain folder under --out", async () => {
    const file = join(articles, "_lectern.md");
    const before = tree(site);
    for (const name of ["..", ".", "", "../escape", "/tmp/abs", "a\0b", ".hidden", "_lectern", "INDEX.HTML"]) {
      const deck = await buildFile(file, { outDir: dist, fit: false }, name);
      expect(deck.written, JSON.stringify(name)).toBe(false);
      expect(deck.diagnostics).toMatchObject([{ severity: "error", code: "deck-name-invalid", file, line: 1, column: 1 }]);
    }
    expect(tree(site)).toEqual(before);
  });

  it("the CLI builds `...md` into --out and leaves the folder above it alone", () => {
    const top = join(root, "cli-site");
    const cliOut = join(top, "out");
    mkdirSync(join(top, "sibling"), { recursive: true });
    writeFileSync(join(top, "sibling", "keep.txt"), "keep\n");
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "bin", "lectern.js"), "build", join(articles, "...md"), "--out", cliOut, "--no-fit"],
      {
        encoding: "utf8",
      },
    );
    expect(r.stderr).toContain("built 1 of 1 deck");
    expect(r.status).toBe(0);
    expect(readFileSync(join(top, "sibling", "keep.txt"), "utf8")).toBe("keep\n");
    expect(readdirSync(top).sort()).toEqual(["out", "sibling"]);
    expect(readdirSync(cliOut).sort()).toEqual(["_lectern", "deck", "index.html"]);
  });
});

describe("a deck built on the estimate (no browser then)", () => {
  it("is not taken from the cache by a build that can fit it", async () => {
    const out = tempDir("lectern-unfitted-");
    const first = await buildFile(fixture("good.md"), { outDir: out, cache: true, browserPath: "/nonexistent/chrome" });
    expect(first.written).toBe(true);
    expect(first.fit).toBeUndefined();
    expect(first.diagnostics.map((d) => d.code)).toContain("fit-skipped");
    const again = await buildFile(fixture("good.md"), { outDir: out, cache: true });
    expect(again.cached).toBe(false);
    expect(again.fit?.measured).toBeGreaterThan(0);
    expect(again.diagnostics.map((d) => d.code)).not.toContain("fit-skipped");
    expect(again.result.diagnostics).toEqual(again.diagnostics);
  }, 120_000);
});
