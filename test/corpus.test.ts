/**
 * Every real-world article in ../shared/corpus (see its README and SOURCES.tsv for where each
 * file comes from): none was written for Lectern, so each must still give a usable deck.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../src/build.js";
import type { BuildResult } from "../src/types.js";
import { allSlides, bodyOf, CORPUS, contentSections, count, slidesHtml, textOf, withCode } from "./helpers.js";

const files = ["zh", "en", "decks"].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(CORPUS, dir, f)),
);

const built = new Map<string, BuildResult>();
/** Build each corpus file once (in-memory: nothing is written). */
function deck(file: string): BuildResult {
  let r = built.get(file);
  if (!r) {
    r = buildDeck(readFileSync(file), { file: relative(CORPUS, file), baseDir: join(file, ".."), root: CORPUS });
    built.set(file, r);
  }
  return r;
}
const corpusFile = (name: string) => files.find((f) => f.endsWith(`/${name}`)) ?? "";

/** 0-based lines that sit inside fenced code (a plain scanner, independent of Lectern's). */
function fencedLines(text: string): Set<number> {
  const inside = new Set<number>();
  let fence: string | null = null;
  text.split("\n").forEach((line, i) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (m) fence = m[1] ?? null;
      return;
    }
    if (m && m[1]?.[0] === fence[0] && (m[1]?.length ?? 0) >= fence.length && line.trim() === m[1]) fence = null;
    else inside.add(i);
  });
  return inside;
}

/** `#` comment lines written inside code fences. */
function fencedComments(text: string): string[] {
  const lines = text.split("\n");
  return [...fencedLines(text)]
    .map((i) => lines[i] ?? "")
    .filter((l) => /^#/.test(l))
    .map((l) => l.replace(/^#+\s*/, "").trim())
    .filter(Boolean);
}

it("has the corpus beside the repository", () => {
  expect(files.length).toBeGreaterThanOrEqual(9);
});

describe.each(files.map((f) => [relative(CORPUS, f), f]))("%s", (_name, file) => {
  it("builds a usable deck without errors", () => {
    const r = deck(file);
    expect(r.usable).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.html.length).toBeGreaterThan(1000);
  });

  it("gives every content slide at least one piece, and no slide an empty body", () => {
    const r = deck(file);
    const content = allSlides(r).filter((s) => s.kind === "content");
    expect(content.length).toBeGreaterThan(0);
    for (const s of content) expect(s.pieces.length, `slide at line ${s.line + 1}`).toBeGreaterThan(0);
    const sections = contentSections(r.html);
    expect(sections).toHaveLength(content.length);
    for (const [k, section] of sections.entries()) {
      const line = (content[k]?.line ?? 0) + 1;
      const body = bodyOf(section);
      const visible = textOf(body) !== "" || /<(img|math|svg|hr|table|pre|video|iframe)\b/.test(body) || /lectern-missing-image/.test(body);
      expect(visible, `slide ${k + 1} at line ${line} is empty`).toBe(true);
      const opened = (section.match(/<div\b/g) ?? []).length;
      const closed = (section.match(/<\/div>/g) ?? []).length;
      expect(closed, `slide ${k + 1} at line ${line}: <div> tags do not balance`).toBe(opened);
    }
  });

  it("never turns a `#` line inside a code fence into a heading or a slide title", () => {
    const r = deck(file);
    const text = r.article.source.text;
    const fenced = fencedLines(text);
    for (const b of r.article.blocks.filter((b) => b.kind === "heading")) {
      expect(fenced.has(b.lines[0]), `heading "${b.text}" at line ${b.lines[0] + 1}`).toBe(false);
    }
    const titles = new Set([r.plan.title, ...allSlides(r).map((s) => s.title ?? "")]);
    const headingTexts = new Set(r.article.blocks.filter((b) => b.kind === "heading").map((b) => b.text));
    for (const comment of fencedComments(text)) {
      if (headingTexts.has(comment)) continue; // the same words are also a real heading
      expect(titles.has(comment), `code comment "${comment}" became a title`).toBe(false);
    }
  });

  it("renders display math it can parse without error boxes", () => {
    const r = deck(file);
    const html = slidesHtml(r.html);
    expect(count(html, "lectern-math-error")).toBe(withCode(r.diagnostics, "math-invalid").length);
  });
});

describe("corpus specifics", () => {
  it("ml-engineering-testing: `# test_this1.py` in a fence is never a title; the H1 is", () => {
    const r = deck(corpusFile("ml-engineering-testing.md"));
    expect(r.article.source.text).toContain("# test_this1.py");
    expect(r.plan.title).toBe("Writing and Running Tests");
    const titles = allSlides(r).map((s) => s.title ?? "");
    expect(titles.some((t) => t.includes("test_this1"))).toBe(false);
    expect(r.article.outline.sections.map((s) => s.title)).toEqual([
      "Running tests",
      "Writing tests",
      "Debugging tests",
      "A massive hack to create multiple pytest reports",
    ]);
    expect(slidesHtml(r.html)).not.toMatch(/<h\d>test_this1\.py<\/h\d>/);
  });

  it("ml-engineering-testing: the opening `Note:` paragraph becomes speaker notes, not slide text", () => {
    const r = deck(corpusFile("ml-engineering-testing.md"));
    const html = slidesHtml(r.html);
    expect(html).toMatch(/<aside class="notes"><p>a part of this document refers to functionality/);
    const shown = html.replace(/<aside class="notes">[\s\S]*?<\/aside>/g, "");
    expect(shown).not.toContain("a part of this document refers to functionality");
  });

  it("d2l: `#@tab` lines in framework-tab fences are never titles, and the fences are highlighted as Python", () => {
    for (const name of ["d2l-zh-convexity.md", "d2l-zh-probability.md"]) {
      const r = deck(corpusFile(name));
      expect(r.article.source.text).toMatch(/^#@tab/m);
      const titles = allSlides(r).map((s) => s.title ?? "");
      expect(titles.filter((t) => t.includes("@tab"))).toEqual([]);
      expect(r.article.blocks.filter((b) => b.kind === "heading" && b.text.includes("@tab"))).toEqual([]);
      expect(r.html).toContain('class="hljs language-python"');
      expect(withCode(r.diagnostics, "code-language")).toEqual([]);
    }
  });

  it("d2l-zh: Chinese decks are zh-CN with a Chinese title from the H1", () => {
    const r = deck(corpusFile("d2l-zh-convexity.md"));
    expect(r.plan.lang).toBe("zh-CN");
    expect(r.plan.title).toBe("凸性");
    expect(r.html).toContain('<html lang="zh-CN">');
    expect(slidesHtml(r.html)).toContain("（续）");
  });

  it("d2l-zh-hardware: the 33-row table is split with its header repeated", () => {
    const r = deck(corpusFile("d2l-zh-hardware.md"));
    const tables = r.article.blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === "table");
    const big = tables.find(({ b }) => b.units.length >= 30);
    expect(big).toBeDefined();
    const parts = allSlides(r).filter((s) => s.pieces.some((p) => p.block === big?.i));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const html = contentSections(r.html).filter((s) => s.includes("<table"));
    for (const s of html) expect(count(s, "<thead>")).toBe(count(s, "<table"));
  });

  it("d2l: missing ../img images warn with a line and leave a placeholder", () => {
    const r = deck(corpusFile("d2l-zh-hardware.md"));
    const missing = withCode(r.diagnostics, "image-missing");
    expect(missing.length).toBeGreaterThanOrEqual(5);
    const lines = r.article.source.text.split("\n");
    for (const d of missing) {
      const src = d.message.replace(/^image not found: /, "");
      expect(lines[d.line - 1], d.message).toContain(src);
    }
    expect(count(slidesHtml(r.html), "lectern-missing-image")).toBeGreaterThanOrEqual(missing.length);
  });

  it("slidev-starter: honours `---` separators, skips per-slide front matter and `---` inside fences", () => {
    const r = deck(corpusFile("slidev-starter.md"));
    expect(r.article.outline.explicit).toBe(true);
    expect(r.plan.title).toBe("Welcome to Slidev");
    expect(r.article.chunks).toHaveLength(16);
    const fenced = fencedLines(r.article.source.text);
    for (const c of r.article.chunks) expect(fenced.has(c.line - 1), `chunk at line ${c.line + 1}`).toBe(false);
    // one title slide + one stack per non-empty slide of the deck
    expect(r.plan.stacks.length).toBeGreaterThanOrEqual(16);
    expect(r.html).not.toContain("layout: two-cols");
    expect(withCode(r.diagnostics, "slide-front-matter")).toHaveLength(1);
  });

  it("slidev-starter: `$` in HTML attributes (`$slidev.nav.next`) is not math", () => {
    const file = corpusFile("slidev-starter.md");
    const trusted = buildDeck(readFileSync(file), { file: relative(CORPUS, file), baseDir: join(file, ".."), allowHtml: true });
    expect(slidesHtml(trusted.html)).toContain('@click="$slidev.nav.next"');
    expect(withCode(trusted.diagnostics, "math-invalid")).toEqual([]);
    // by default raw HTML is filtered: the Vue handler goes, and is reported
    const r = deck(file);
    const html = slidesHtml(r.html);
    expect(html).not.toContain("@click");
    expect(withCode(r.diagnostics, "html-removed").length).toBeGreaterThan(0);
    expect(withCode(r.diagnostics, "math-invalid")).toEqual([]);
    // the real formulas do render
    expect(count(html, 'class="katex"')).toBeGreaterThanOrEqual(3);
  });

  it("marp-academic-demo: five `---` separators make six slides; a Marp deck gets no extra title slide", () => {
    const r = deck(corpusFile("marp-academic-demo.md"));
    expect(r.article.source.meta.marp).toBe(true);
    expect(r.article.chunks).toHaveLength(6);
    expect(r.plan.stacks).toHaveLength(6);
    expect(r.plan.lang).toBe("ja");
    expect(r.html).not.toContain("_header");
  });

  it("marpstyle-einstein: a separator written `--- ` (trailing spaces) still separates", () => {
    const r = deck(corpusFile("marpstyle-einstein.md"));
    const lines = r.article.source.text.split("\n");
    const trailing = lines
      .map((l, i) => ({ l, i }))
      .filter(({ l, i }) => /^---[ \t]+$/.test(l) && i > 10 && (lines[i - 1] ?? "").trim() === "");
    expect(trailing.length).toBeGreaterThanOrEqual(4);
    const starts = new Set(r.article.chunks.map((c) => c.line));
    for (const { i } of trailing) expect(starts.has(i + 1), `separator at line ${i + 1}`).toBe(true);
    expect(r.plan.title).toBe("Example Slides for Theme Einstein");
    expect(r.plan.stacks[0]?.slides[0]?.kind).toBe("title");
  });

  it("marpstyle-einstein: the global <style> block is not shown and Maxwell's equations render", () => {
    const r = deck(corpusFile("marpstyle-einstein.md"));
    const html = slidesHtml(r.html);
    // its own rules are not shown nor applied (Lectern's slide-look rules are its only <style>)
    expect(count(html, "<style")).toBe(1);
    expect(html).not.toContain(".cite-author");
    expect(count(html, "katex-display")).toBeGreaterThanOrEqual(4);
  });
});
