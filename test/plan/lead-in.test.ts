import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM without declarations (bench/ is not compiled)
import { isLeadIn as benchLeadIn } from "../../bench/lib/quality.mjs";
import { buildDeck } from "../../src/build.js";
import { isLeadIn, lastSentence } from "../../src/plan/lead-in.js";

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
      "在频域中观察信号，至少有以下几个好处。",
      "对于满足条件的函数，正变换与逆变换定义如下。",
      "它的频率响应和冲激响应如下，其中 sinc 是归一化的 sinc 函数。",
      "下列性质反复出现。",
      "设 $f(t)$ 是周期为 $T$ 的函数，记基频为 $\\omega_0 = 2\\pi/T$，则它的傅里叶级数及其系数由下式给出。",
      "We prove it in two steps. The steps are as follows.",
      "It has three parts, listed in the following.",
      "The result is shown below.",
    ])
      expect([text, isLeadIn(firstBlock(text))]).toEqual([text, true]);
  });

  it("leaves ordinary paragraphs alone", () => {
    for (const text of [
      "This ends a sentence.",
      "**Bold** words start this sentence, which goes on.",
      "所以我们得到了结果。",
      "Ratio 3:4 is fine here.",
      "理想低通滤波器让截止频率以下的成分原样通过。",
      "以下性质反复出现，建议熟记。记 $F$ 为傅里叶变换算子。",
      "The following steps were shown earlier. They were useful.",
      "The temperature fell below zero overnight.",
    ])
      expect([text, isLeadIn(firstBlock(text))]).toEqual([text, false]);
  });

  it("is what bench/quality.mjs counts as a lead-in at a slide's end (its figure stays honest)", () => {
    for (const text of [
      "卡尔曼滤波公式为：",
      "所以",
      "在频域中观察信号，至少有以下几个好处。",
      "对于满足条件的函数，正变换与逆变换定义如下。",
      "则它的傅里叶级数及其系数由下式给出。",
      "We prove it in two steps. The steps are as follows.",
      "The result is shown below.",
      "This ends a sentence.",
      "理想低通滤波器让截止频率以下的成分原样通过。",
      "The temperature fell below zero overnight.",
    ]) {
      const planned = isLeadIn(firstBlock(text));
      expect([text, benchLeadIn({ tag: "p", text, bold: false })]).toEqual([text, planned]);
    }
  });
});

describe("lastSentence", () => {
  it("is the text after the last sentence end that is not the paragraph's own", () => {
    const cases: [string, string][] = [
      ["第一句。在频域中观察信号，至少有以下几个好处。", "在频域中观察信号，至少有以下几个好处。"],
      ["One. Two is as follows.", " Two is as follows."],
      ["No end at all", "No end at all"],
      ["Ends twice!!", "!"],
      ["  padded.  ", "padded."],
      ["", ""],
      ["。", "。"],
    ];
    for (const [text, last] of cases) expect(lastSentence(text), text).toBe(last);
  });

  it("reads a 200,000-character paragraph with no sentence end whole (it scans back once)", () => {
    const text = "字".repeat(200_000);
    expect(lastSentence(text)).toHaveLength(200_000);
  });
});
