import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { isLeadIn } from "../../src/plan/lead-in.js";

/** The first paragraph (or heading) block of an article, as parsed. */
function firstBlock(text: string, kind = "paragraph") {
  const b = buildDeck(`# A\n\n## B\n\n${text}\n\nMore text after it.\n`, { file: "t.md" }).article.blocks.find((x) => x.kind === kind);
  if (!b) throw new Error(`no ${kind}`);
  return b;
}

describe("isLeadIn", () => {
  it("knows the lead-ins found ending slides of real chapters", () => {
    for (const text of [
      "卡尔曼滤波公式为：",
      "BF16:",
      "**步骤2：微调模型的设计与训练**",
      "且",
      "所以",
      "it requires you to install:",
      "we can express our model via the dot product between $\\mathbf{w}$ and $\\mathbf{x}$:",
      "为了证明这一点，我们可以证明对 $[0，1]$ 中所有的 $\\lambda$：",
    ])
      expect([text, isLeadIn(firstBlock(text))]).toEqual([text, true]);
  });

  it("leaves ordinary paragraphs alone", () => {
    for (const text of [
      "This ends a sentence.",
      "**Bold** words start this sentence, which goes on.",
      "所以我们得到了结果。",
      "Ratio 3:4 is fine here.",
    ])
      expect([text, isLeadIn(firstBlock(text))]).toEqual([text, false]);
  });
});
