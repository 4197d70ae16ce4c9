import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { contentSections, notesOf } from "../helpers.js";

const ARTICLE = `# 第一节

傅里叶变换把信号从时域搬到频域。它的核心思想是把任意信号分解为不同频率的正弦波之和。这样一来，卷积就变成了乘法。

- 第一项
- 第二项
`;

describe("prose: lead", () => {
  it("puts the lead sentence on the slide and the whole paragraph in the notes", () => {
    const r = buildDeck(ARTICLE, { file: "t.md", prose: "lead" });
    const body = contentSections(r.html)
      .join("\n")
      .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, "");
    expect(body).toContain("傅里叶变换把信号从时域搬到频域。");
    expect(body).not.toContain("卷积就变成了乘法");
    expect(notesOf(r.html).join("\n")).toContain("这样一来，卷积就变成了乘法。");
  });

  it("is chosen by front matter, and `full` keeps the text on the slides", () => {
    const lead = buildDeck(`---\nprose: lead\n---\n${ARTICLE}`, { file: "t.md" });
    expect(notesOf(lead.html).join("")).toContain("卷积");
    const full = buildDeck(ARTICLE, { file: "t.md" });
    expect(notesOf(full.html).join("")).not.toContain("卷积");
  });
});

describe("fragments", () => {
  it("reveals list items one at a time", () => {
    const r = buildDeck(ARTICLE, { file: "t.md", fragments: true });
    expect(r.html.match(/<li class="fragment">/g)?.length).toBe(2);
    expect(buildDeck(ARTICLE, { file: "t.md" }).html).not.toContain('class="fragment"');
    expect(buildDeck(`---\nfragments: true\n---\n${ARTICLE}`, { file: "t.md" }).html).toContain('<li class="fragment">');
  });
});

describe("prose: lead keeps what introduces a formula", () => {
  const article = `# 第一节\n\n卡尔曼滤波把预测和观测结合起来。它在每一步更新状态的均值和协方差。这样一来，估计会越来越准确。卡尔曼滤波公式为：\n\n$$\nK = P H^\\top (H P H^\\top + R)^{-1}\n$$\n`;

  it("shows the lead sentence and the closing lead-in, the rest in the notes", () => {
    const r = buildDeck(article, { file: "t.md", prose: "lead" });
    const body = contentSections(r.html)
      .join("\n")
      .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, "");
    expect(body).toContain("卡尔曼滤波把预测和观测结合起来。");
    expect(body).toContain("卡尔曼滤波公式为：");
    expect(body).not.toContain("这样一来");
    expect(notesOf(r.html).join("\n")).toContain("这样一来，估计会越来越准确。");
  });
});
