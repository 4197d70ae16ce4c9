/**
 * Pathological articles, each generated here (nothing big is committed), each with the outcome
 * Lectern owes it: empty and binary files refused with a clear error; huge articles, lists,
 * tables, code and lines split into slides with nothing lost and no slide empty; deep nesting
 * and TeX bombs survived without a crash or a hang. Every case's time is printed at the end.
 */
import { performance } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { buildDeck } from "../src/build.js";
import type { BuildResult } from "../src/types.js";
import { allSlides, bodyOf, codes, contentSections, count, slidesHtml, textOf, withCode } from "./helpers.js";

const FILE = "pathological.md";
const times: [string, number][] = [];
afterAll(() => {
  console.log(`pathological build times:\n${times.map(([name, ms]) => `  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`).join("\n")}`);
});

/** Build and time one input (the time is also reported at the end of the file). */
function timed(name: string, input: string | Uint8Array): { result: BuildResult; ms: number } {
  const start = performance.now();
  const result = buildDeck(input, { file: FILE });
  const ms = performance.now() - start;
  times.push([name, ms]);
  return { result, ms };
}

/** Every content slide has something visible in its body. */
function expectNoEmptySlide(html: string): void {
  const sections = contentSections(html);
  expect(sections.length).toBeGreaterThan(0);
  const empty = sections.filter((s) => textOf(bodyOf(s)) === "" && !/<(img|table|pre|math|svg)\b/.test(bodyOf(s)));
  expect(empty.length, `${empty.length} empty slide(s), e.g. ${empty[0]?.slice(0, 300)}`).toBe(0);
}

const plainText = (s: string) =>
  s
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("refused inputs", () => {
  it.each([
    ["empty string", ""],
    ["empty bytes", new Uint8Array()],
    ["whitespace only", " \n\t\n\r\n   \n"],
  ])("%s: not usable, `empty-article`", (name, input) => {
    const { result } = timed(`empty: ${name}`, input);
    expect(result.usable).toBe(false);
    expect(result.html).toBe("");
    expect(withCode(result.diagnostics, "empty-article")).toMatchObject([{ severity: "error", file: FILE, line: 1, column: 1 }]);
  });

  it("binary file (bytes with NULs): not usable, `binary-file`", () => {
    // a PNG-like header, then pseudo-random bytes with NULs among them
    const bytes = new Uint8Array(64 * 1024);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    let x = 12345;
    for (let i = 12; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = i % 97 === 0 ? 0 : x >>> 24;
    }
    const { result } = timed("binary 64 KB", bytes);
    expect(result.usable).toBe(false);
    expect(result.html).toBe("");
    expect(codes(result.diagnostics)).toContain("binary-file");
    expect(withCode(result.diagnostics, "binary-file")[0]?.severity).toBe("error");
  });
});

describe("huge articles", () => {
  it("a 10 MB article of CJK and Latin sections: usable, every section shown", () => {
    const paragraph =
      "深度学习是机器学习的一个分支，它使用多层神经网络来学习数据的表示。Deep learning stacks layers of simple functions; each layer learns a representation of its input. 我们在这里讨论梯度下降、反向传播和正则化。\n\n";
    const parts = ["# 深度学习 Deep Learning\n\n"];
    let size = 0;
    let sections = 0;
    while (size < 10 * 1024 * 1024) {
      const section = `## Section ${sections} 第${sections}节\n\n${paragraph.repeat(8)}`;
      parts.push(section);
      size += Buffer.byteLength(section);
      sections++;
    }
    const text = parts.join("");
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const { result, ms } = timed(`10 MB article (${sections} sections)`, text);
    expect(result.usable).toBe(true);
    const slides = allSlides(result);
    expect(slides.length).toBeGreaterThan(sections);
    const html = slidesHtml(result.html);
    expect(html).toContain(`Section ${sections - 1} 第${sections - 1}节`);
    expect(count(html, "反向传播和正则化")).toBe(sections * 8);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it("a list of 100,000 items: split over many continuation slides, every item once, no slide empty", () => {
    const n = 100_000;
    const text = `# Inventory\n\n${Array.from({ length: n }, (_, i) => `- item ${i} in stock`).join("\n")}\n`;
    const { result, ms } = timed("list of 100,000 items", text);
    expect(result.usable).toBe(true);
    const slides = allSlides(result).filter((s) => s.kind === "content");
    expect(slides.length).toBeGreaterThan(100);
    expect(slides.filter((s) => s.continued).length).toBe(slides.length - 1);
    const html = slidesHtml(result.html);
    expect(count(html, /<li\b/)).toBe(n);
    const items = [...html.matchAll(/item (\d+) in stock/g)].map((m) => Number(m[1]));
    expect(items).toEqual(Array.from({ length: n }, (_, i) => i));
    expectNoEmptySlide(result.html);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);
});

describe("deep nesting", () => {
  const listText = `# Deep\n\n${Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n")}\n`;
  const quoteText = `# Deep\n\n${Array.from({ length: 1000 }, (_, i) => `${">".repeat(i + 1)} level ${i}`).join("\n")}\n`;
  const quoteLine = `# Deep\n\n${">".repeat(1000)} bottom\n\nAfter the quote.\n`;

  /** Usable, or not usable with an error that says why. */
  const survives = (result: BuildResult) => {
    if (result.usable) expect(result.html.trimEnd().endsWith("</html>")).toBe(true);
    else expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  };

  it("a list nested 1,000 deep: no crash, usable or a clear diagnostic", () => {
    const { result } = timed("list nested 1,000 deep", listText);
    survives(result);
    expect(result.usable).toBe(true);
    expect(slidesHtml(result.html)).toContain("level 0");
  });

  it("quotes nested 1,000 deep (line by line, and on one line): no crash, usable or a clear diagnostic", () => {
    for (const [name, text] of [
      ["quotes nested 1,000 deep", quoteText],
      ["one line of 1,000 `>`", quoteLine],
    ] as const) {
      const { result } = timed(name, text);
      survives(result);
      expect(result.usable).toBe(true);
    }
  });

  // (Fixed) markdown-it stops at maxNesting (100 token levels) and drops everything deeper without a
  // word: list items from depth 49 on and quote levels from 100 on vanish; no diagnostic.
  // Repro: buildDeck(`# D\n\n${">".repeat(120)} deep\n`).html has no "deep" and no diagnostic.
  it("deep nesting loses no text silently (shown, or a diagnostic says it was dropped)", () => {
    for (const [text, word] of [
      [listText, "level 999"],
      [quoteText, "level 999"],
      [quoteLine, "bottom"],
    ] as const) {
      const { result } = timed("deep nesting, text kept", text);
      const kept = slidesHtml(result.html).includes(word);
      expect(kept || result.diagnostics.some((d) => /nest/i.test(`${d.code} ${d.message}`))).toBe(true);
    }
  });
});

describe("long lines", () => {
  /** The text is on more than one slide, or on one scaled down. */
  function scaledOrSplit(result: BuildResult): void {
    const content = allSlides(result).filter((s) => s.kind === "content");
    expect(content.length > 1 || (content[0]?.scale ?? 1) < 1).toBe(true);
  }

  it.each([
    ["words with no sentence end", `START ${"word ".repeat(10_000)}END`, "word"],
    ["CJK with no punctuation", `START${"深度学习".repeat(12_500)}END`, "深度学习"],
    ["one 50,000-character token", `START${"x".repeat(50_000)}END`, "x"],
  ])("a 50,000-character line of %s: the text appears, scaled or split, no slide empty", (name, line, unit) => {
    expect(line.length).toBeGreaterThanOrEqual(50_000);
    const { result } = timed(`50,000-character line: ${name}`, `# Long\n\n${line}\n`);
    expect(result.usable).toBe(true);
    const text = textOf(slidesHtml(result.html)).replace(/\s+/g, "");
    expect(text).toContain(line.replace(/\s+/g, ""));
    expect(count(text, unit)).toBe(count(line, unit));
    scaledOrSplit(result);
    expectNoEmptySlide(result.html);
  });

  it("a 50,000-character line of sentences is split across slides, every sentence once", () => {
    const sentences = Array.from({ length: 2000 }, (_, i) => `Sentence ${i} is here.`);
    const line = sentences.join(" ");
    expect(line.length).toBeGreaterThanOrEqual(44_000);
    const { result } = timed("50,000-character line of sentences", `# Long\n\n${line}${" More words.".repeat(500)}\n`);
    expect(result.usable).toBe(true);
    expect(allSlides(result).filter((s) => s.kind === "content").length).toBeGreaterThan(10);
    const shown = [...slidesHtml(result.html).matchAll(/Sentence (\d+) is here\./g)].map((m) => Number(m[1]));
    expect(shown).toEqual(sentences.map((_, i) => i));
    expectNoEmptySlide(result.html);
  });
});

describe("many formulas, big tables, long code", () => {
  it("10,000 inline formulas `$x_i$`: usable, 10,000 KaTeX renderings, no math error", () => {
    const paragraph = Array.from({ length: 100 }, () => "Value $x_i$ here.").join(" ");
    const text = `# Formulas\n\n${Array.from({ length: 100 }, () => paragraph).join("\n\n")}\n`;
    expect(count(text, "$x_i$")).toBe(10_000);
    const { result, ms } = timed("10,000 inline formulas", text);
    expect(result.usable).toBe(true);
    expect(count(slidesHtml(result.html), '<span class="katex">')).toBe(10_000);
    expect(codes(result.diagnostics).filter((c) => c.startsWith("math"))).toEqual([]);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it("a table of 5,000 rows: split, the header repeated on every table slide, every row once", () => {
    const rows = 5000;
    const text = `# Table\n\n| Key | Value |\n|---|---|\n${Array.from({ length: rows }, (_, i) => `| k${i} | v${i} |`).join("\n")}\n`;
    const { result, ms } = timed("table of 5,000 rows", text);
    expect(result.usable).toBe(true);
    const tableSlides = contentSections(result.html).filter((s) => s.includes("<table"));
    expect(tableSlides.length).toBeGreaterThan(10);
    const html = slidesHtml(result.html);
    expect(count(html, "<thead>")).toBe(tableSlides.length);
    for (const s of tableSlides) expect(s).toMatch(/<thead>\s*<tr>\s*<th>Key<\/th>\s*<th>Value<\/th>/);
    expect([...html.matchAll(/<td>k(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: rows }, (_, i) => i));
    expectNoEmptySlide(result.html);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  const codeLines = Array.from({ length: 20_000 }, (_, i) => `const line${i} = "<${i}>" && a[${i}];`);
  /** The code shown on the slides, line by line, in order. */
  const shownCode = (html: string) =>
    [...slidesHtml(html).matchAll(/<pre class="lectern-code[^"]*"[^>]*><code[^>]*>([\s\S]*?)<\/code><\/pre>/g)].flatMap((m) =>
      plainText(m[1] ?? "").split("\n"),
    );

  it("a code block of 20,000 lines: split across slides by lines, every line once", () => {
    const { result, ms } = timed("code block of 20,000 lines (no language)", `# Code\n\n\`\`\`\n${codeLines.join("\n")}\n\`\`\`\n`);
    expect(result.usable).toBe(true);
    expect(contentSections(result.html).length).toBeGreaterThan(100);
    expect(shownCode(result.html)).toEqual(codeLines);
    expectNoEmptySlide(result.html);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  // Was quadratic: every slide of a split block re-highlighted the whole block (1,251 slides ×
  // highlight.js over 20,000 lines = 283 s); render/pieces.ts now highlights a block once per render.
  it("a highlighted (js) code block of 20,000 lines: in time, every line once", () => {
    const { result, ms } = timed("code block of 20,000 lines (js)", `# Code\n\n\`\`\`js\n${codeLines.join("\n")}\n\`\`\`\n`);
    expect(result.usable).toBe(true);
    expect(contentSections(result.html).length).toBeGreaterThan(100);
    expect(shownCode(result.html)).toEqual(codeLines);
    expectNoEmptySlide(result.html);
    expect(ms).toBeLessThan(30_000);
  }, 600_000);
});

// Each was quadratic (every `$` or opener scanned to the end of its paragraph or file, every
// formula counted the newlines before it): 1,000,000 `$` took 176 s and printed 250,000 warnings.
describe("runs of math delimiters", () => {
  it("1,000,000 `$`: built in time, 20 `math-empty` shown and the other 249,980 counted", () => {
    const { result } = timed("1,000,000 `$`", `# Dollars\n\n${"$".repeat(1_000_000)}\n`);
    expect(result.usable).toBe(true);
    expect(result.diagnostics.length).toBeLessThanOrEqual(25);
    const empty = withCode(result.diagnostics, "math-empty");
    expect(empty).toHaveLength(21);
    expect(empty[20]).toMatchObject({ severity: "warning", message: "… and 249980 more `math-empty` in this file" });
  }, 60_000);

  it.each([
    ["`$a ` never closed", "$a ".repeat(100_000)],
    ["`\\(a ` never closed", "\\(a ".repeat(100_000)],
    ["`$1` (a digit after every `$`)", "$1".repeat(150_000)],
  ])(
    "%s, 100,000 times in one paragraph: built in time, shown as text",
    (name, paragraph) => {
      const { result } = timed(`math openers: ${name}`, `# Openers\n\n${paragraph}\n\nAfter.\n`);
      expect(result.usable).toBe(true);
      expect(count(slidesHtml(result.html), 'class="katex"')).toBe(0);
      expect(slidesHtml(result.html)).toContain("After.");
    },
    60_000,
  );

  it("100,000 lines of `\\[` never closed: built in time, 20 `math-unclosed` and a count of the rest", () => {
    const { result } = timed("100,000 lines of `\\[`", `# Brackets\n\n${"\\[\n".repeat(100_000)}`);
    expect(result.usable).toBe(true);
    const unclosed = withCode(result.diagnostics, "math-unclosed");
    expect(unclosed).toHaveLength(21);
    expect(unclosed[0]).toMatchObject({ severity: "error", line: 3 });
    expect(unclosed[20]?.message).toBe("… and 99980 more `math-unclosed` in this file");
  }, 60_000);
});

describe("TeX bombs", () => {
  const layered =
    "\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{\\e\\e}\\def\\e{\\f\\f}\\def\\f{\\g\\g}\\def\\g{x}\\a\\a\\a\\a\\a\\a\\a\\a";

  it.each([
    ["layered \\def bomb", `$${layered}$`],
    ["layered \\def bomb, display", `$$\n${layered}\n$$`],
    ["recursive \\def\\x{\\x\\x}\\x", "$\\def\\x{\\x\\x}\\x$"],
  ])("%s: fails fast with `math-invalid`", (name, formula) => {
    const { result, ms } = timed(`TeX: ${name}`, `# Bomb\n\nBefore.\n\n${formula}\n\nAfter.\n`);
    expect(result.usable).toBe(true);
    expect(withCode(result.diagnostics, "math-invalid")).toHaveLength(1);
    expect(slidesHtml(result.html)).toContain("After.");
    expect(ms).toBeLessThan(1000);
  });

  it("the layered bomb 100 times: 100 `math-invalid` (20 shown, 80 counted), still fast", () => {
    const text = `# Bombs\n\n${Array.from({ length: 100 }, (_, i) => `Bomb ${i}: $${layered}$.`).join("\n\n")}\n`;
    const { result, ms } = timed("TeX: layered bomb ×100", text);
    expect(result.usable).toBe(true);
    const invalid = withCode(result.diagnostics, "math-invalid");
    expect(invalid).toHaveLength(21);
    expect(invalid[20]?.message).toBe("… and 80 more `math-invalid` in this file");
    expect(ms).toBeLessThan(5000);
  });

  it("a recursive macro from front matter fails fast with `math-invalid`", () => {
    const text = "---\nmacros:\n  \\x: \\x\\x\n  \\y: \\y{\\y}\n---\n\n# Bomb\n\nOne $\\x$ and two $\\y$.\n";
    const { result, ms } = timed("TeX: front-matter macro bomb", text);
    expect(result.usable).toBe(true);
    expect(withCode(result.diagnostics, "math-invalid")).toHaveLength(2);
    expect(ms).toBeLessThan(1000);
  });

  it.each([
    ["inline", (tex: string) => `$${tex}$`],
    ["display", (tex: string) => `$$\n${tex}\n$$`],
  ])("`{…}` nested 5,000 deep (%s): no crash, rendered or `math-invalid`", (name, wrap) => {
    const tex = `${"{".repeat(5000)}x${"}".repeat(5000)}`;
    const { result, ms } = timed(`TeX: {…} nested 5,000 deep (${name})`, `# Braces\n\n${wrap(tex)}\n\nAfter.\n`);
    expect(result.usable).toBe(true);
    const html = slidesHtml(result.html);
    expect(html.includes('class="katex"') || codes(result.diagnostics).includes("math-invalid")).toBe(true);
    expect(html).toContain("After.");
    expect(ms).toBeLessThan(5000);
  });
});
