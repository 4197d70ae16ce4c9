import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { count, slidesHtml, withCode } from "../helpers.js";

const TERMS = ["模型甲", "模型乙", "模型丙", "模型丁"];
/** "核心概念包括：" + 24 items cycling over 4 terms. */
const LOOPING = `# 概念\n\n## 列表\n\n核心概念包括：${Array.from({ length: 24 }, (_, i) => TERMS[i % 4]).join("、")}。\n`;

describe("degenerate repetition", () => {
  it("collapses a looping 、 enumeration into a columns list of its distinct terms, in order", () => {
    const r = buildDeck(LOOPING, { file: "loop.md" });
    const html = slidesHtml(r.html);
    const list = html.match(/<ul class="lectern-columns"[^>]*>([\s\S]*?)<\/ul>/)?.[1] ?? "";
    expect([...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1])).toEqual(TERMS);
    for (const term of TERMS) expect(count(html, term)).toBe(1);
    // the intro before the colon stays a paragraph
    expect(html).toContain("<p>核心概念包括：</p>");
  });

  it("warns with the counts and the most repeated term", () => {
    const r = buildDeck(LOOPING, { file: "loop.md" });
    const [d, ...rest] = withCode(r.diagnostics, "repetition");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "warning", line: 5 });
    expect(d?.message).toContain("24 items");
    expect(d?.message).toMatch(/only \d+ distinct/);
    expect(d?.message).toContain("×6");
    expect(d?.message).toMatch(/collapsed/);
  });

  it("keeps the text as written with keepRepetition, and says so", () => {
    const r = buildDeck(LOOPING, { file: "loop.md", keepRepetition: true });
    const html = slidesHtml(r.html);
    expect(html).not.toContain("lectern-columns");
    for (const term of TERMS) expect(count(html, term)).toBe(6);
    const [d] = withCode(r.diagnostics, "repetition");
    expect(d?.message).toMatch(/kept as written/);
  });

  it("leaves a long enumeration of distinct items alone", () => {
    const items = Array.from({ length: 20 }, (_, i) => `术语${i}`).join("、");
    const r = buildDeck(`# 概念\n\n包括：${items}。\n`, { file: "distinct.md" });
    expect(withCode(r.diagnostics, "repetition")).toEqual([]);
    expect(r.html).not.toContain("lectern-columns");
  });

  it("leaves a short repeated enumeration alone", () => {
    const r = buildDeck(`# 概念\n\n包括：${Array.from({ length: 8 }, () => "同一项").join("、")}。\n`, { file: "short.md" });
    expect(withCode(r.diagnostics, "repetition")).toEqual([]);
  });
});
