import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import type { BuildResult, Slide } from "../../src/types.js";
import { allSlides, contentSections, count, slidesHtml, textOf, topSections } from "../helpers.js";

const para = Array.from(
  { length: 40 },
  (_, i) => `This is sentence number ${i + 1} of a long paragraph that keeps on going for a while.`,
).join(" ");
const list = Array.from({ length: 40 }, (_, i) => `${i + 1}. Item number ${i + 1} of the list`).join("\n");
const table = `| Name | Value |\n|---|---|\n${Array.from({ length: 30 }, (_, i) => `| row${i + 1} | ${i * 7} |`).join("\n")}`;
const code = `\`\`\`python\n${Array.from({ length: 60 }, (_, i) => `x${i} = ${i}  # line ${i + 1}`).join("\n")}\n\`\`\``;
const formula = `$$\n\\begin{aligned}\n${Array.from({ length: 24 }, (_, i) => `a_{${i}} &= \\frac{${i}}{2}`).join(" \\\\\n")}\n\\end{aligned}\n$$`;

const LONG = `# Planner

## Paragraph

${para}

## List

${list}

## Table

${table}

## Code

${code}

## Formula

${formula}

The end.
`;

const r = buildDeck(LONG, { file: "planner.md" });
const lines = r.article.source.text.split("\n");

/** The stack of a top-level section, by title. */
function stackOf(result: BuildResult, title: string): Slide[] {
  const stack = result.plan.stacks.find((s) => s.slides[0]?.kind === "section" && s.slides[0].title === title);
  if (!stack) throw new Error(`no section ${title}`);
  return stack.slides;
}

function blockOfKind(result: BuildResult, kind: string): number {
  return result.article.blocks.findIndex((b) => b.kind === kind);
}

describe("splitting long content over continuation slides", () => {
  it("builds cleanly: even the 24-row formula breaks between its rows", () => {
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([]);
  });

  for (const [section, kind] of [
    ["Paragraph", "paragraph"],
    ["List", "list"],
    ["Table", "table"],
    ["Code", "code"],
  ] as const) {
    it(`splits a long ${kind} across slides of the same stack, covering every unit once, in order`, () => {
      const slides = stackOf(r, section);
      const index = blockOfKind(r, kind);
      const units = r.article.blocks[index]?.units.length ?? 0;
      const content = slides.filter((s) => s.kind === "content");
      expect(content.length).toBeGreaterThanOrEqual(3);
      expect(content.map((s) => s.continued)).toEqual([false, ...content.slice(1).map(() => true)]);
      expect(content.every((s) => s.title === section)).toBe(true);
      const pieces = content.flatMap((s) => s.pieces).filter((p) => p.block === index);
      expect(pieces[0]?.from).toBe(0);
      expect(pieces[pieces.length - 1]?.to).toBe(units);
      for (let k = 1; k < pieces.length; k++) expect(pieces[k]?.from).toBe(pieces[k - 1]?.to);
      // no continuation slide is left with a single lonely unit
      expect(pieces.every((p) => p.to - p.from >= 2)).toBe(true);
    });
  }

  it("repeats the heading with (cont.) on English continuation slides", () => {
    const stack = topSections(r.html).find((s) => s.includes("<h1>List</h1>")) ?? "";
    const headings = [...stack.matchAll(/<h2>([\s\S]*?)<\/h2>/g)].map((m) => m[1]);
    expect(headings[0]).toBe("List");
    expect(headings.slice(1).length).toBeGreaterThanOrEqual(2);
    for (const h of headings.slice(1)) expect(h).toBe('List<span class="lectern-cont"> (cont.)</span>');
  });

  it("repeats the heading with （续） on Chinese continuation slides", () => {
    const zh = `# 文章\n\n## 长段落\n\n${"这是一个很长的句子，用来测试幻灯片的自动分页功能是否正常工作。".repeat(40)}\n`;
    const z = buildDeck(zh, { file: "zh.md" });
    expect(z.plan.lang).toBe("zh-CN");
    const conts = allSlides(z).filter((s) => s.continued);
    expect(conts.length).toBeGreaterThanOrEqual(1);
    expect(slidesHtml(z.html)).toContain('<h2>长段落<span class="lectern-cont">（续）</span></h2>');
  });

  it("repeats the table header row in every part", () => {
    const parts = contentSections(r.html).filter((s) => s.includes("<table"));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      expect(count(part, "<thead>")).toBe(1);
      expect(part).toMatch(/<thead>\s*<tr>\s*<th>Name<\/th>\s*<th>Value<\/th>/);
    }
    const rows = parts.flatMap((p) => [...p.matchAll(/<td>(row\d+)<\/td>/g)].map((m) => m[1]));
    expect(rows).toEqual(Array.from({ length: 30 }, (_, i) => `row${i + 1}`));
  });

  it("continues the numbering of an ordered list (start=)", () => {
    const parts = contentSections(r.html).filter((s) => s.includes("Item number"));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    let expected = 1;
    for (const part of parts) {
      const start = /<ol(?: start="(\d+)")?>/.exec(part);
      expect(start).not.toBeNull();
      expect(Number(start?.[1] ?? 1)).toBe(expected);
      const first = /<li>Item number (\d+) /.exec(part);
      expect(Number(first?.[1])).toBe(expected);
      expected += count(part, "<li>");
    }
    expect(expected).toBe(41);
  });

  it("splits code between lines, each part highlighted on its own", () => {
    const parts = contentSections(r.html).filter((s) => s.includes("language-python"));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const shown = parts.flatMap((p) => [...textOf(p).matchAll(/x(\d+) = /g)].map((m) => Number(m[1])));
    expect(shown).toEqual(Array.from({ length: 60 }, (_, i) => i));
    for (const p of parts) expect(p).toContain("hljs-number");
  });

  it("continues a multi-row derivation on the next slide between rows, never scaling it", () => {
    const index = blockOfKind(r, "math");
    const holders = allSlides(r).filter((s) => s.pieces.some((p) => p.block === index));
    expect(holders.length).toBeGreaterThanOrEqual(2);
    const pieces = holders.flatMap((s) => s.pieces.filter((p) => p.block === index));
    expect(pieces[0]?.from).toBe(0);
    expect(pieces.at(-1)?.to).toBe(24);
    for (let k = 1; k < pieces.length; k++) expect(pieces[k]?.from).toBe(pieces[k - 1]?.to);
    for (const s of holders) expect(s.scale ?? 1).toBe(1);
    // each part is its own aligned formula holding its rows, every row shown once
    const parts = contentSections(r.html).filter((s) => s.includes("katex-display"));
    expect(parts.length).toBe(holders.length);
    const rows = parts.flatMap((p) =>
      [...p.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].flatMap((m) =>
        [...(m[1] ?? "").matchAll(/a_\{(\d+)\}/g)].map((x) => Number(x[1])),
      ),
    );
    expect(rows).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });
});

describe("the plan as data", () => {
  it("is plain data: JSON round-trips it", () => {
    const copy = JSON.parse(JSON.stringify(r.plan));
    expect(copy).toEqual(r.plan);
    expect(r.plan).toMatchObject({ file: "planner.md", title: "Planner", lang: "en" });
  });

  it("has pieces that point at existing blocks and valid unit ranges", () => {
    for (const slide of allSlides(r)) {
      if (slide.kind === "content") expect(slide.pieces.length).toBeGreaterThan(0);
      else expect(slide.pieces).toEqual([]);
      for (const p of slide.pieces) {
        const block = r.article.blocks[p.block];
        expect(block).toBeDefined();
        expect(p.from).toBeGreaterThanOrEqual(0);
        expect(p.to).toBeGreaterThan(p.from);
        expect(p.to).toBeLessThanOrEqual(block?.units.length ?? 0);
      }
    }
  });

  it("has units and slides that point at their source lines", () => {
    const listBlock = r.article.blocks[blockOfKind(r, "list")];
    listBlock?.units.forEach((u, k) => {
      expect(lines[u.line]).toBe(`${k + 1}. Item number ${k + 1} of the list`);
    });
    const tableBlock = r.article.blocks[blockOfKind(r, "table")];
    tableBlock?.units.forEach((u, k) => {
      expect(lines[u.line]).toContain(`| row${k + 1} |`);
    });
    const codeBlock = r.article.blocks[blockOfKind(r, "code")];
    codeBlock?.units.forEach((u, k) => {
      expect(lines[u.line]).toMatch(new RegExp(`^x${k} = `));
    });
    // a continuation slide starts at the line of its first unit
    for (const slide of allSlides(r).filter((s) => s.continued)) {
      const p = slide.pieces[0];
      const block = p && r.article.blocks[p.block];
      expect(slide.line).toBe(block?.units[p?.from ?? 0]?.line);
    }
    // and the page says so, 1-based
    const firstRowSlide = allSlides(r).find((s) => s.continued && s.title === "Table");
    expect(slidesHtml(r.html)).toContain(`data-lectern-line="${(firstRowSlide?.line ?? -2) + 1}"`);
  });

  it("is the same for the same input (deterministic)", () => {
    const again = buildDeck(LONG, { file: "planner.md" });
    expect(again.plan).toEqual(r.plan);
    expect(again.html).toBe(r.html);
  });

  it("fits more on a slide when the slide is taller (metrics)", () => {
    const tall = buildDeck(LONG, { file: "planner.md", metrics: { height: 1440 } });
    expect(allSlides(tall).length).toBeLessThan(allSlides(r).length);
  });
});

describe("titles, sections and the agenda", () => {
  it("takes the title from front matter first", () => {
    const a = buildDeck("---\ntitle: FM Title\n---\n\n# My Article\n\n## A\n\nx.\n\n## B\n\ny.\n", { file: "t.md" });
    expect(a.plan.title).toBe("FM Title");
    expect(a.article.outline.titleFrom).toBe("front-matter");
    expect(a.plan.stacks[0]?.slides[0]).toMatchObject({ kind: "title", title: "FM Title" });
  });

  it("takes a single first H1 as the title; the H2s are the sections", () => {
    const a = buildDeck("# My Article\n\n## Alpha\n\nx.\n\n## Beta\n\ny.\n", { file: "t.md" });
    expect(a.plan.title).toBe("My Article");
    expect(a.article.outline.titleFrom).toBe("heading");
    expect(a.article.outline.sections.map((s) => s.title)).toEqual(["Alpha", "Beta"]);
    expect(
      allSlides(a)
        .filter((s) => s.kind === "section")
        .map((s) => s.title),
    ).toEqual(["Alpha", "Beta"]);
    // the H1 is not repeated as a section or a slide heading
    expect(count(slidesHtml(a.html), "My Article")).toBe(1);
  });

  it("falls back to the file name when there is no title-like heading", () => {
    const a = buildDeck("## Alpha\n\nx.\n\n## Beta\n\ny.\n", { file: "some/dir/my_great-notes.md" });
    expect(a.plan.title).toBe("my great notes");
    expect(a.article.outline.titleFrom).toBe("file-name");
  });

  it('does not take a numbered first H1 ("1. Background") as the title', () => {
    const a = buildDeck("# 1. Background\n\nx.\n\n# 2. Method\n\ny.\n", { file: "numbered.md" });
    expect(a.plan.title).toBe("numbered");
    expect(a.article.outline.sections.map((s) => s.title)).toEqual(["1. Background", "2. Method"]);
  });

  it("adds an agenda listing the sections when there are three or more", () => {
    const a = buildDeck("# Doc\n\n## Alpha\n\nx.\n\n## Beta\n\ny.\n\n## Gamma\n\nz.\n", { file: "t.md" });
    expect(a.plan.stacks[1]?.slides[0]?.kind).toBe("agenda");
    const agenda = slidesHtml(a.html).match(/<section class="lectern-agenda"[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(agenda).toContain("<h2>Contents</h2>");
    expect([...agenda.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1])).toEqual(["Alpha", "Beta", "Gamma"]);
  });

  it("has no agenda with two sections", () => {
    const a = buildDeck("# Doc\n\n## Alpha\n\nx.\n\n## Beta\n\ny.\n", { file: "t.md" });
    expect(allSlides(a).some((s) => s.kind === "agenda")).toBe(false);
    expect(a.html).not.toContain("lectern-agenda");
  });

  it("calls the agenda 目录 in a Chinese article", () => {
    const a = buildDeck("# 文档\n\n## 甲\n\n内容。\n\n## 乙\n\n内容。\n\n## 丙\n\n内容。\n", { file: "zh.md" });
    expect(slidesHtml(a.html)).toMatch(/<section class="lectern-agenda"[^>]*><h2>目录<\/h2>/);
  });

  it("puts H3s under their H2 section as slide headings", () => {
    const a = buildDeck("# Doc\n\n## Part\n\n### Sub one\n\nx.\n\n### Sub two\n\ny.\n", { file: "t.md" });
    const content = allSlides(a).filter((s) => s.kind === "content");
    expect(content.map((s) => s.title)).toEqual(["Sub one", "Sub two"]);
    expect(content.every((s) => s.section === 1)).toBe(true);
  });
});
