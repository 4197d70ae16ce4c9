/**
 * The seed article (slides/seed-medical-tech.md): generated Chinese text that loops, is cut
 * off mid-word and carries damaged characters and a stray `$$$$`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../src/build.js";
import { allSlides, count, SEED, slidesHtml, topSections, withCode } from "./helpers.js";

const bytes = readFileSync(SEED);
const r = buildDeck(bytes, { file: "slides/seed-medical-tech.md" });
const html = slidesHtml(r.html);

describe("seed deck", () => {
  it("is usable, in Chinese, titled from the file name", () => {
    expect(r.usable).toBe(true);
    expect(r.plan.lang).toBe("zh-CN");
    expect(r.html).toContain('<html lang="zh-CN">');
    expect(r.plan.title).toBe("seed medical tech");
    expect(r.article.outline.titleFrom).toBe("file-name");
  });

  it("has a title slide and two section stacks, and no agenda", () => {
    const slides = allSlides(r);
    expect(slides[0]).toMatchObject({ kind: "title", title: "seed medical tech" });
    expect(r.plan.stacks).toHaveLength(3);
    expect(slides.filter((s) => s.kind === "section").map((s) => s.title)).toEqual(["1.背景介绍", "2.核心概念与联系"]);
    expect(slides.some((s) => s.kind === "agenda")).toBe(false);
    expect(html).not.toContain("lectern-agenda");
    const tops = topSections(r.html);
    expect(tops).toHaveLength(3);
    expect(tops[0]).toMatch(/^<section class="lectern-title-slide"/);
    expect(tops[0]).toContain("seed medical tech");
    for (const [k, title] of [
      [1, "1.背景介绍"],
      [2, "2.核心概念与联系"],
    ] as const) {
      expect(tops[k]).toMatch(/^<section class="lectern-stack">\s*<section class="lectern-section-slide"/);
      expect(tops[k]).toContain(`<h1>${title}</h1>`);
    }
  });

  it("collapses the looping concept list into a columns list of distinct terms", () => {
    const lists = [...html.matchAll(/<ul class="lectern-columns"[^>]*>([\s\S]*?)<\/ul>/g)].map((m) => m[1] ?? "");
    expect(lists.length).toBeGreaterThanOrEqual(1);
    const items = lists.flatMap((l) => [...l.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? ""));
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(new Set(items).size).toBe(items.length);
    for (const term of ["人工智能", "医学图像生成模型", "医学图像分割模型", "医学图像质量评估模型"]) {
      expect(
        items.filter((i) => i === term),
        term,
      ).toHaveLength(1);
    }
    expect(count(html, "医学图像生成模型")).toBe(1);
    expect(html).toContain("<p>医疗科技的核心概念包括：</p>");
  });

  it("continues the second section on a slide marked （续）", () => {
    const second = r.plan.stacks[2]?.slides ?? [];
    expect(second.some((s) => s.continued)).toBe(true);
    expect(html).toContain('<h2>2.核心概念与联系<span class="lectern-cont">（续）</span></h2>');
  });

  it("warns about the repetition with its counts", () => {
    const [d, ...rest] = withCode(r.diagnostics, "repetition");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "warning", file: "slides/seed-medical-tech.md", line: 13 });
    expect(d?.message).toMatch(/an enumeration of \d+ items has only \d+ distinct ones \("医学图像生成模型" ×\d+\)/);
    const [, total, distinct] = /of (\d+) items has only (\d+) distinct/.exec(d?.message ?? "") ?? [];
    expect(Number(total)).toBeGreaterThan(300);
    expect(Number(distinct)).toBeLessThan(Number(total) / 5);
    expect(d?.message).toMatch(/collapsed/);
  });

  it("warns about damaged characters and the empty formula on line 13", () => {
    expect(withCode(r.diagnostics, "utf8-replacement")).toMatchObject([{ severity: "warning", line: 13 }]);
    expect(withCode(r.diagnostics, "math-empty")).toMatchObject([{ severity: "warning", line: 13 }]);
    expect(html).not.toContain("$$$$");
  });

  it("warns that the article stops mid-sentence", () => {
    const [d] = withCode(r.diagnostics, "truncated");
    expect(d).toMatchObject({ severity: "warning", line: 13 });
    expect(d?.message).toContain("医学图像生成模");
  });

  it("has warnings only: no errors", () => {
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(["utf8-replacement", "repetition", "truncated", "math-empty"]));
  });

  it("keeps the enumeration as written with keepRepetition, and says it was kept", () => {
    const kept = buildDeck(bytes, { file: "slides/seed-medical-tech.md", keepRepetition: true });
    const keptHtml = slidesHtml(kept.html);
    expect(keptHtml).not.toContain("lectern-columns");
    expect(count(keptHtml, "医学图像生成模型")).toBeGreaterThan(20);
    const [d] = withCode(kept.diagnostics, "repetition");
    expect(d?.message).toMatch(/kept as written/);
    // the long paragraph spreads over several continuation slides of the same stack
    expect((kept.plan.stacks[2]?.slides ?? []).filter((s) => s.continued).length).toBeGreaterThanOrEqual(3);
  });
});
