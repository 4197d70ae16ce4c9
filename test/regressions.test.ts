// Bugs found by review, each pinned by the input that showed it.
import { describe, expect, it } from "vitest";
import { buildDeck } from "../src/build.js";
import { createDiagnostics } from "../src/diagnostics/collect.js";
import { splitChunks } from "../src/source/separators.js";

const codes = (input: string) => buildDeck(input, { file: "t.md" }).diagnostics;

describe("diagnostic lines after front matter and separators", () => {
  it("puts inline math and image problems on their own file line", () => {
    const d = codes("---\ntitle: Talk\n---\n\nBad $\\oops$ here.\n\n![pic](missing.png)\n");
    const math = d.find((x) => x.code === "math-invalid");
    expect(math).toMatchObject({ line: 5, column: 5 });
    const image = buildDeck("---\ntitle: Talk\n---\n\nBad $\\oops$ here.\n\n![pic](missing.png)\n", {
      file: "t.md",
      baseDir: "/nonexistent-dir",
    }).diagnostics.find((x) => x.code === "image-missing");
    expect(image).toMatchObject({ line: 7, column: 8 });
  });

  it("counts lines of later `---` slides from the top of the file", () => {
    const d = codes("# One\n\nOk.\n\n---\n\n# Two\n\nBad $\\oops$ here.\n");
    expect(d.find((x) => x.code === "math-invalid")?.line).toBe(9);
  });
});

describe("`---` under a quote or a list item", () => {
  it.each(["> quote", "- item", "1. item"])("is a slide break after `%s`", (line) => {
    const chunks = splitChunks(`# One\n\n${line}\n---\n\n# Two\n\nText.\n`, 0, createDiagnostics("t.md"));
    expect(chunks).toHaveLength(2);
  });

  it("is still a setext underline under paragraph text", () => {
    const chunks = splitChunks("Title\n---\n\nText.\n", 0, createDiagnostics("t.md"));
    expect(chunks).toHaveLength(1);
  });
});

describe("raw HTML wrappers", () => {
  it("keep their elements balanced on every slide, however the content is split", () => {
    const items = Array.from({ length: 40 }, (_, i) => `- item number ${i} with a few words`).join("\n");
    const r = buildDeck(`# A\n\ntext\n\n## B\n\n<div class="columns">\n\n${items}\n\n</div>\n\n</div>\n\nEnd.\n`, { file: "t.md" });
    for (const section of r.html.split("<section").slice(1)) {
      const body = section.split("</section>")[0] ?? "";
      expect((body.match(/<div\b/g) ?? []).length).toBe((body.match(/<\/div>/g) ?? []).length);
    }
    expect(r.html).toContain("item number 39");
  });
});

describe("repetition counts", () => {
  it("counts the distinct terms shown, not the intro", () => {
    const terms = ["甲乙", "丙丁", "戊己", "庚辛"];
    const list = Array.from({ length: 24 }, (_, i) => terms[i % 4]).join("、");
    const r = buildDeck(`# 概念\n\n核心概念包括：${list}。\n`, { file: "t.md" });
    const w = r.diagnostics.find((d) => d.code === "repetition");
    expect(w?.message).toContain("24 items has only 4 distinct");
    expect((r.html.match(/<ul class="lectern-columns"[^>]*>(.*?)<\/ul>/)?.[1]?.match(/<li>/g) ?? []).length).toBe(4);
  });
});

describe("unclosed `$$`", () => {
  it("is reported when it follows a paragraph line directly", () => {
    expect(codes("Intro line\n$$\nx = 1\n\nEnd.\n").find((d) => d.code === "math-unclosed")?.line).toBe(2);
  });
});

describe("small ones", () => {
  it("does not call a file that ends in a list truncated", () => {
    expect(codes("# Shopping\n\n- apples\n- pears\n").some((d) => d.code === "truncated")).toBe(false);
  });

  it("reports U+FFFD in text given as a string", () => {
    expect(codes("ab\uFFFDcd.").find((d) => d.code === "utf8-replacement")).toMatchObject({ line: 1, column: 3 });
  });
});
