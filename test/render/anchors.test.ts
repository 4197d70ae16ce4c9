import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { anchorFor } from "../../src/render/anchors.js";

const ids = (html: string) => [...html.matchAll(/<section[^>]* id="([^"]+)"/g)].map((m) => m[1]);

const ARTICLE = `# 1. 背景介绍

第一段。

## 1.1 动机

正文。

# 2. Core Ideas

Text.
`;

describe("slide anchors", () => {
  it("are readable, and Chinese headings stay Chinese", () => {
    const list = ids(buildDeck(ARTICLE, { file: "t.md" }).html);
    expect(list).toContain("1-背景介绍");
    expect(list).toContain("1-1-动机");
    expect(list).toContain("2-core-ideas");
    expect(anchorFor("Hello, World!", new Set())).toBe("hello-world");
  });

  it("stay the same across rebuilds when the headings do not change", () => {
    const before = ids(buildDeck(ARTICLE, { file: "t.md" }).html);
    const edited = ARTICLE.replace("正文。", `正文已改写，而且长了很多。${"更多内容。".repeat(80)}`);
    const after = ids(buildDeck(edited, { file: "t.md" }).html);
    for (const id of before) expect(after).toContain(id);
  });

  it("are unique within a deck", () => {
    const list = ids(buildDeck("# A\n\nx\n\n## Same\n\ny\n\n# B\n\nz\n\n## Same\n\nw\n", { file: "t.md" }).html);
    expect(new Set(list).size).toBe(list.length);
  });
});
