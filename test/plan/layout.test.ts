import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { inlineText } from "../../src/parse/sentences.js";
import { bodyCapacity, DEFAULT_METRICS } from "../../src/plan/metrics.js";
import type { BuildResult, Slide } from "../../src/types.js";
import { allSlides, contentSections, count, textOf } from "../helpers.js";

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

  it("keeps a sentence announcing what follows (…有以下几个好处。, …as follows.) with the list after it", () => {
    const zh = Array.from({ length: 5 }, (_, i) => `- 第${i + 1}个好处是处理起来更简单，也更容易理解其中的道理`).join("\n");
    const en = Array.from({ length: 5 }, (_, i) => `- benefit ${i + 1} makes the work simpler and easier to follow`).join("\n");
    for (const [lead, items, zhFiller] of [
      ["在频域中观察信号，至少有以下几个好处。", zh, true],
      ["Seen in the frequency domain, a signal has benefits as follows.", en, false],
    ] as const) {
      for (let n = 1; n <= 30; n++) {
        const r = buildDeck(`# A\n\n## B\n\n${filler(n, zhFiller)}\n\n${lead}\n\n${items}\n`, { file: "t.md" });
        const leadSlides = holders(r, lead.slice(0, 12));
        const list = holders(r, items.slice(2, 14));
        expect([lead, n, leadSlides.at(-1)?.at]).toEqual([lead, n, list[0]?.at]);
      }
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

describe("a box goes on over slides like a list", () => {
  const code = Array.from({ length: 60 }, (_, i) => `value_${i} = compute(value_${i - 1}, step=${i})  # 第${i}步`).join("\n");
  const solution = `# 卡尔曼滤波\n\n## 练习\n\n\`\`\`{solution-start} ex1\n:class: dropdown\n\`\`\`\n\n这是一种解法:\n\n\`\`\`python\n${code}\n\`\`\`\n\n### 说明\n\n最后一步给出了结果。\n\n\`\`\`{solution-end}\n\`\`\`\n`;

  it("splits a MyST solution holding long code between code lines, each slide drawing the box, none shrunk", () => {
    const r = buildDeck(solution, { file: "kalman.md" });
    const holding = holders(r, "value_30");
    expect(holding.length).toBeGreaterThanOrEqual(3);
    expect(holding.every((s) => (s.scale ?? 1) === 1)).toBe(true);
    const sections = contentSections(r.html).filter((s) => s.includes("value_"));
    expect(sections.length).toBe(holding.length);
    for (const [k, s] of sections.entries()) {
      expect(count(s, /class="lectern-admonition lectern-admonition-solution/g)).toBe(1);
      expect(s.includes("lectern-admonition-continued")).toBe(k > 0);
    }
    // the heading inside the box is part of it: the article still has one section
    expect(r.article.outline.sections.map((x) => x.title)).toEqual(["练习"]);
    expect(textOf(sections.at(-1) ?? "")).toContain("最后一步给出了结果");
  });

  it("splits a long GitHub alert between its paragraphs", () => {
    const paras = Array.from({ length: 14 }, (_, i) => `> Point ${i + 1}: ${filler(2)}`).join("\n>\n");
    const r = buildDeck(`# Guide\n\n## Caveats\n\n> [!WARNING]\n${paras}\n`, { file: "g.md" });
    const boxes = contentSections(r.html).filter((s) => s.includes("lectern-admonition-warning"));
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    expect(allSlides(r).every((s) => (s.scale ?? 1) === 1)).toBe(true);
    expect(boxes.map((s) => count(s, /Point \d+:/g)).reduce((a, b) => a + b, 0)).toBe(14);
  });
});

describe("code breaks at blank lines only where that costs no slide", () => {
  it("spreads code with blank lines over no more slides than the same code without them", () => {
    for (const n of [26, 30, 34, 38, 44, 50]) {
      for (const every of [4, 6, 9]) {
        const lines = Array.from({ length: n }, (_, i) => (i % every === every - 1 ? "" : `x${i} = f(x${i - 1})`));
        const deck = (body: string[]) => buildDeck(`# T\n\n## Code\n\n\`\`\`python\n${body.join("\n")}\n\`\`\`\n`, { file: "c.md" });
        const spaced = holders(deck(lines), "x1 = f").length;
        const dense = holders(deck(lines.map((l) => l || "y")), "x1 = f").length;
        expect(spaced, `${n} lines, a blank every ${every}`).toBeLessThanOrEqual(dense);
      }
    }
  });
});

describe("a tall list item goes on over slides between its nested items", () => {
  const nested = (name: string) =>
    Array.from(
      { length: 7 },
      (_, i) => `   ${i + 1}. \`${name}_${i}\` - the ${name} path number ${i}, resolved against the repository`,
    ).join("\n");
  const text = `# Testing\n\n## Files and directories\n\n${filler(4)} A helper class solves this by sorting out the paths and provides accessors to them:\n\n- \`pathlib\` objects (all fully resolved):\n\n${nested("dir")}\n\n- stringified paths, same as above but as strings:\n\n${nested("str")}\n`;

  it("keeps the lead-in with the list, and no nested item is lost or repeated", () => {
    const r = buildDeck(text, { file: "t.md" });
    const lead = holders(r, "provides accessors");
    const list = holders(r, "pathlib");
    expect(lead.at(-1)?.at).toBe(list[0]?.at);
    expect(list.every((s) => (s.scale ?? 1) === 1)).toBe(true);
    const sections = contentSections(r.html).filter((s) => /dir_\d|str_\d/.test(s));
    const shown = sections.flatMap((s) => [...textOf(s).matchAll(/(dir|str)_(\d)/g)].map((m) => m[0]));
    expect(shown.sort()).toEqual(
      [...Array.from({ length: 7 }, (_, i) => `dir_${i}`), ...Array.from({ length: 7 }, (_, i) => `str_${i}`)].sort(),
    );
    // a piece starting inside an item repeats its text, marked; a nested ordered list counts on
    const cont = sections.filter((s) => s.includes("lectern-item-cont"));
    expect(cont.length).toBeGreaterThan(0);
    for (const s of cont) {
      const first = /<li class="lectern-item-cont">[\s\S]*?<ol(?: start="(\d+)")?>\s*<li>[\s\S]*?(?:dir|str)_(\d)/.exec(s);
      expect(first).not.toBeNull();
      expect(Number(first?.[1] ?? 1)).toBe(Number(first?.[2]) + 1);
    }
  });
});

describe("images beside their text, code kept whole", () => {
  it("sets an image beside the paragraph it follows when the two do not fit one above the other", () => {
    const text = `# 凸性\n\n## 凸集\n\n${filler(5, true)}\n\n![第一组是非凸的，另外两组是凸的。](pacman.svg)\n\n${filler(4, true)}\n`;
    const r = buildDeck(text, { file: "c.md" });
    const image = holders(r, "第一组是非凸的");
    const before = holders(r, "第1句话");
    expect(image.length).toBe(1);
    expect(image[0]?.at).toBe(before.at(-1)?.at);
    const slide = contentSections(r.html).find((s) => s.includes("pacman.svg")) ?? "";
    expect(slide).toMatch(/<div class="lectern-beside">\s*<p>[\s\S]*?<\/p>\s*<figure class="lectern-figure">/);
    expect(allSlides(r).every((s) => (s.scale ?? 1) === 1)).toBe(true);
  });

  it("puts a short code block on the next slide whole rather than cut when this slide is half full", () => {
    const code = [
      "f = lambda x: 0.5 * x**2  # line_0 凸函数",
      "g = lambda x: np.cos(np.pi * x)  # 非凸函数",
      "",
      "h = lambda x: np.exp(0.5 * x)  # 凸函数",
      "",
      "x, segment = np.arange(-2, 2, 0.01), np.array([-1.5, 1])",
      "use_svg_display()",
      "_, axes = plt.subplots(1, 3, figsize=(9, 3))",
      "for ax, func in zip(axes, [f, g, h]):",
      "    plot([x, segment], [func(x), func(segment)], axes=ax)",
    ].join("\n");
    for (let n = 2; n < 12; n++) {
      const math = "$$\nf(x) = \\lambda x + (1-\\lambda) y\n$$";
      const r = buildDeck(`# T\n\n## S\n\n${filler(n, true)}\n\n${math}\n\n下面我们定义一些函数。\n\n\`\`\`python\n${code}\n\`\`\`\n`, {
        file: "c.md",
      });
      expect(holders(r, "line_0").length, `${n} sentences before`).toBe(1);
    }
  });
});

describe("a lead-in stays with code that goes whole to the next slide", () => {
  it("moves 'and it will list:' with the code it introduces", () => {
    const code = Array.from({ length: 6 }, (_, i) => `test_this1.py::TestMathUnitTest::test_floor_${i}_negative`).join("\n");
    for (let n = 4; n < 16; n++) {
      const r = buildDeck(
        `# T\n\n## Parametrization\n\n${filler(n)}\n\nand it will list:\n\n\`\`\`bash\n${code}\n\`\`\`\n\nSo now you can run just 2 specific sub-tests.\n`,
        {
          file: "p.md",
        },
      );
      const lead = holders(r, "and it will list");
      const listing = holders(r, "test_floor_0_negative");
      expect(lead.at(-1)?.at, `${n} sentences before`).toBe(listing[0]?.at);
    }
  });
});
