/** What `serve` sends open pages after a rebuild: the slides that changed, or a reload. */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { deckParts } from "../../src/serve/deck-parts.js";
import { diffLists } from "../../src/serve/diff.js";
import { planUpdate } from "../../src/serve/update.js";

const ARTICLE = `# 第一章

开头。

## 甲

甲的内容。

## 乙

乙的内容。

# 第二章

## 丙

丙的内容。
`;

const built = (text: string) => ({ html: buildDeck(text, { file: "talk.md" }).html, text });

describe("planUpdate", () => {
  it("sends only the slide a one-paragraph edit changed", () => {
    const update = planUpdate(built(ARTICLE), built(ARTICLE.replace("乙的内容。", "乙的新内容。")));
    expect(update.type).toBe("patch");
    if (update.type !== "patch") return;
    expect(update.hunks).toHaveLength(1);
    expect(update.hunks[0]?.remove).toBe(1);
    expect(update.hunks[0]?.html).toContain("乙的新内容。");
    expect(update.hunks[0]?.html).not.toContain("甲的内容。");
    expect(update.edit).toEqual({ start: 10, endOld: 11, endNew: 11 });
  });

  it("inserts the new slide of a subsection added above, and sends the shifted source lines", () => {
    const before = built(ARTICLE);
    const after = built(ARTICLE.replace("## 乙", "## 新\n\n新的内容。\n\n## 乙"));
    const update = planUpdate(before, after);
    if (update.type !== "patch") throw new Error("expected a patch");
    expect(update.hunks.map((h) => [h.remove, h.html.includes("新的内容。")])).toEqual([[0, true]]);
    const lines = deckParts(after.html)?.lines;
    expect(update.lines).toEqual(lines);
    expect(update.count).toBe(deckParts(before.html)?.stacks.length);
  });

  it("reloads when the page around the slides changed (its language)", () => {
    const update = planUpdate(built(ARTICLE), built(`---\nlang: en\n---\n${ARTICLE}`));
    expect(update.type).toBe("reload");
  });

  it("patches a new title in place", () => {
    const update = planUpdate(built(ARTICLE), built(`---\ntitle: 信号 & 系统\n---\n${ARTICLE}`));
    if (update.type !== "patch") throw new Error("expected a patch");
    expect(update.title).toBe("信号 & 系统");
  });
});

describe("diffLists", () => {
  it("finds the hunks of two lists by their longest common subsequence", () => {
    expect(diffLists(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"])).toEqual([
      { at: 1, remove: 1, from: 1, insert: 1 },
      { at: 4, remove: 0, from: 4, insert: 1 },
    ]);
    expect(diffLists(["a", "b"], ["a", "b"])).toEqual([]);
    expect(diffLists([], ["a"])).toEqual([{ at: 0, remove: 0, from: 0, insert: 1 }]);
  });
});
