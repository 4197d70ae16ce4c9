import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { inlineText } from "../../src/parse/sentences.js";
import { bodyCapacity, DEFAULT_METRICS } from "../../src/plan/metrics.js";
import type { BuildResult, Slide } from "../../src/types.js";
import { allSlides } from "../helpers.js";

/** Slides (with their deck position `at`) holding a piece of the block whose text contains `needle`. */
function holders(r: BuildResult, needle: string): (Slide & { at: number })[] {
  const index = r.article.blocks.findIndex((b) => b.text.includes(needle) || (b.code ?? []).join("\n").includes(needle));
  if (index < 0) throw new Error(`no block with ${needle}`);
  return allSlides(r)
    .map((s, at) => ({ ...s, at }))
    .filter((s) => s.pieces.some((p) => p.block === index));
}

const blockIndex = (r: BuildResult, needle: string) => r.article.blocks.findIndex((b) => b.text.includes(needle));

const filler = (n: number, zh = false) =>
  Array.from({ length: n }, (_, i) =>
    zh ? `第${i + 1}句话讲了一点背景知识，内容不长但占一行。` : `Sentence ${i + 1} gives a little background on the topic at hand.`,
  ).join(zh ? "" : " ");

describe("lead-ins stay with what they introduce", () => {
  // the filler nearly fills the slide: the lead-in fits below it, what it introduces does not
  for (const [name, lead] of [
    ["a paragraph ending in ：", "卡尔曼滤波公式为："],
    ["a bold step label", "**步骤2：微调模型**"],
    ["a bare connective", "所以"],
    ["an English label ending in :", "BF16:"],
  ] as const) {
    it(`keeps ${name} on the slide of the formula after it`, () => {
      for (const n of [12, 13, 14, 15, 16, 17, 18]) {
        const text = `# 文章\n\n## 一节\n\n${filler(n, true)}\n\n${lead}\n\n$$\nx_{k+1} = A x_k + \\frac{B u_k}{2} + w_k\n$$\n\n末尾。\n`;
        const r = buildDeck(text, { file: "t.md" });
        const leadSlides = holders(r, lead.replace(/\*/g, ""));
        const formula = holders(r, "x_{k+1}");
        expect(leadSlides.at(-1)?.at).toBe(formula[0]?.at);
      }
    });
  }

  it("keeps a lead-in with the first items of the list it introduces", () => {
    for (const n of [8, 9, 10, 11, 12]) {
      const items = Array.from({ length: 6 }, (_, i) => `- item ${i + 1} of the list`).join("\n");
      const r = buildDeck(`# A\n\n## Run\n\n${filler(n)}\n\nit requires you to install:\n\n${items}\n`, { file: "t.md" });
      const lead = holders(r, "requires you")[0];
      const list = holders(r, "item 1");
      expect(lead?.at).toBe(list[0]?.at);
    }
  });

  it("moves only the last sentence of a long lead-in paragraph to the next slide", () => {
    for (const n of [13, 14, 27, 28]) {
      const text = `# A\n\n## Step\n\n${filler(n)} For the original problem the gain is:\n\n$$\nK = P H^\\top (H P H^\\top + R)^{-1}\n$$\n`;
      const r = buildDeck(text, { file: "t.md" });
      const para = blockIndex(r, "the gain is");
      const formula = holders(r, "K = P")[0];
      const piece = formula?.pieces.find((p) => p.block === para);
      expect(piece?.to).toBe(r.article.blocks[para]?.units.length);
      // the paragraph is cut, not moved whole: its start stays on the slide before
      expect(piece?.from).toBeGreaterThan(0);
    }
  });
});

describe("prose breaks at sentence ends", () => {
  // long sentences with commas, the sentence end written at the end of a source line
  const sentence = (i: number) =>
    `In step ${i} we collect features from the data, weigh them by the learned parameters, add a bias term to the result, and compare the prediction with the observed target value.`;
  const para = Array.from({ length: 14 }, (_, i) => sentence(i + 1)).join("\n");

  it("never ends a slide inside a sentence that fits a slide", () => {
    for (const extra of [0, 1, 2, 3]) {
      const r = buildDeck(`# A\n\n## Basics\n\n${filler(extra)}\n\n${para}\n`, { file: "t.md" });
      const index = blockIndex(r, "In step 1 ");
      const block = r.article.blocks[index];
      const pieces = allSlides(r).flatMap((s) => s.pieces.filter((p) => p.block === index));
      expect(pieces.length).toBeGreaterThanOrEqual(2);
      for (const p of pieces.slice(0, -1)) {
        const lastUnit = inlineText(block?.inline?.[p.to - 1] ?? []).trim();
        expect(lastUnit).toMatch(/\.$/);
      }
    }
  });

  it("breaks a sentence at a full stop at the end of a source line, not at the comma after it", () => {
    const r = buildDeck(
      `# A\n\n## B\n\n${"word ".repeat(30)}noise.\nNext, we can impose the assumption, which is common, that the noise is Gaussian.\n`,
      { file: "t.md" },
    );
    const block = r.article.blocks[blockIndex(r, "noise.")];
    const units = (block?.inline ?? []).map((u) => inlineText(u).trim());
    expect(units.some((u) => u.startsWith("Next, we can impose"))).toBe(true);
    expect(units).not.toContain("Next,");
  });
});

describe("balanced continuations", () => {
  it("leaves a large list item at the end of a slide rather than a slide less than a quarter full", () => {
    const cap = bodyCapacity(DEFAULT_METRICS);
    const item = (k: number) => `- ${k === 1 ? "First" : "Second"} item: ${filler(6)}`;
    for (const n of [1, 2]) {
      const r = buildDeck(`# A\n\n## Items\n\n${filler(n)}\n\n${item(1)}\n${item(2)}\n\nThe end.\n`, { file: "t.md" });
      const slides = allSlides(r).filter((s) => s.kind === "content" && s.title === "Items");
      for (const s of slides) expect(s.height).toBeGreaterThanOrEqual(cap * 0.25);
    }
  });

  it("splits a list a little too long for one slide into two even halves", () => {
    const cap = bodyCapacity(DEFAULT_METRICS);
    for (const n of [11, 12, 13, 14, 15]) {
      const items = Array.from({ length: n }, (_, i) => `- item ${i + 1}: a line of the list`).join("\n");
      const r = buildDeck(`# A\n\n## List\n\n${items}\n`, { file: "t.md" });
      const slides = holders(r, "item 1:");
      if (slides.length < 2) continue;
      for (const s of slides) expect(s.height).toBeGreaterThanOrEqual(cap * 0.25);
      expect(Math.abs((slides[0]?.height ?? 0) - (slides[1]?.height ?? 0))).toBeLessThan(cap * 0.3);
    }
  });

  it("leaves no continuation slide of a long paragraph less than a quarter full", () => {
    const cap = bodyCapacity(DEFAULT_METRICS);
    for (const n of [16, 18, 20, 22]) {
      const r = buildDeck(`# A\n\n## Text\n\n${filler(n)}\n`, { file: "t.md" });
      const slides = holders(r, "Sentence 1 ");
      expect(slides.length).toBeGreaterThanOrEqual(2);
      for (const s of slides) expect(s.height).toBeGreaterThanOrEqual(cap * 0.25);
    }
  });
});

describe("code splits at blank lines and top-level definitions", () => {
  const fn = (i: number) => `def step_${i}(x):\n    y = x * ${i}\n    z = y + 1\n    return z\n`;
  const code = `\`\`\`python\n${Array.from({ length: 8 }, (_, i) => fn(i)).join("\n")}\`\`\``;

  it("ends each piece of a long block before a definition, never inside one", () => {
    const r = buildDeck(`# A\n\n## Code\n\n${code}\n`, { file: "t.md" });
    const index = r.article.blocks.findIndex((b) => b.kind === "code");
    const lines = r.article.blocks[index]?.code ?? [];
    const pieces = allSlides(r).flatMap((s) => s.pieces.filter((p) => p.block === index));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const p of pieces.slice(1)) expect(lines[p.from]).toMatch(/^def |^$/);
    for (const p of pieces.slice(0, -1)) expect(lines[p.to] ?? "").toMatch(/^def /);
  });
});
