import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { UsageError } from "../../src/config/options.js";
import { bodyOf, contentSections, count, FIXTURES, fixture, readFixture, slidesHtml, textOf, topSections, withCode } from "../helpers.js";

describe("the deck page", () => {
  const r = buildDeck(readFixture("good.md"), { file: "good.md" });

  it("is a complete reveal.js page with the deck's title", () => {
    expect(r.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(r.html).toContain("<title>A good article</title>");
    expect(r.html).toContain('<div class="reveal lectern" role="main">');
    expect(r.html).toContain("Reveal.initialize(");
    expect(r.html).toContain("RevealNotes");
  });

  it("loads its scripts and styles from beside the page, never from the network", () => {
    const refs = [...r.html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(refs).toEqual(
      expect.arrayContaining([
        "assets/reveal/reveal.js",
        "assets/reveal/reveal.css",
        "assets/katex/katex.min.css",
        "assets/theme.css",
        "assets/fonts/fonts.css",
      ]),
    );
    for (const ref of refs) expect(ref).not.toMatch(/^(https?:)?\/\//);
  });

  it("has a title slide, then one stack per section: section slide, then content slides", () => {
    const tops = topSections(r.html);
    expect(tops).toHaveLength(3);
    expect(tops[0]).toMatch(/^<section class="lectern-title-slide"/);
    expect(tops[0]).toContain('<h1 class="lectern-title">A good article</h1>');
    for (const [k, name] of [
      [1, "Introduction"],
      [2, "Details"],
    ] as const) {
      const stack = tops[k] ?? "";
      expect(stack).toMatch(/^<section class="lectern-stack">\s*<section class="lectern-section-slide"/);
      expect(stack).toContain(`<p class="lectern-section-number">${k}</p><h1>${name}</h1>`);
      expect(stack).toContain('<section class="lectern-slide"');
      expect(stack).toContain(`<h2>${name}</h2>`);
    }
  });

  it("puts each slide's content in lectern-body", () => {
    const bodies = contentSections(r.html).map((s) => textOf(bodyOf(s)));
    expect(bodies).toEqual(["Everything here is fine and complete.", "first point second point That is all there is to say."]);
  });
});

describe("language", () => {
  it("detects Chinese text: zh-CN on <html>", () => {
    const r = buildDeck(readFixture("zh-article.md"), { file: "zh-article.md" });
    expect(r.plan.lang).toBe("zh-CN");
    expect(r.html).toContain('<html lang="zh-CN">');
  });

  it("lets front matter `lang` win over detection", () => {
    const r = buildDeck("---\nlang: en\n---\n\n# 标题\n\n这是一段中文文字。\n", { file: "zh.md" });
    expect(r.plan.lang).toBe("en");
    expect(r.html).toContain('<html lang="en">');
  });

  it("is en for English text", () => {
    expect(buildDeck("Just English words here.\n", { file: "en.md" }).plan.lang).toBe("en");
  });

  it("detects Japanese from kana", () => {
    expect(buildDeck("これはひらがなとカタカナの文章です。日本語のテキストです。\n", { file: "ja.md" }).plan.lang).toBe("ja");
  });
});

describe("code", () => {
  it("is highlighted at build time", () => {
    const r = buildDeck("```python\ndef f(x):\n    return x + 1\n```\n\nEnd.\n", { file: "code.md" });
    expect(r.diagnostics).toEqual([]);
    const html = slidesHtml(r.html);
    expect(html).toContain('<code class="hljs language-python">');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
  });

  it("reads the language of a d2l `{.python .input}` fence", () => {
    const r = buildDeck("```{.python .input}\nimport torch\n```\n\nEnd.\n", { file: "d2l.md" });
    expect(r.diagnostics).toEqual([]);
    expect(r.html).toContain('<code class="hljs language-python">');
  });

  it("warns about an unknown language and shows the code plain, escaped", () => {
    const r = buildDeck("Intro.\n\n```foolang\nif a < b && c > d { <script> }\n```\n\nEnd.\n", { file: "foo.md" });
    expect(withCode(r.diagnostics, "code-language")).toMatchObject([{ severity: "warning", line: 3 }]);
    expect(r.diagnostics[0]?.message).toContain("foolang");
    const html = slidesHtml(r.html);
    expect(html).toContain("if a &lt; b &amp;&amp; c &gt; d { &lt;script&gt; }");
    expect(html).not.toContain("<script>");
  });

  it("warns once about an unknown language even when the block is split over slides", () => {
    const long = Array.from({ length: 80 }, (_, i) => `step ${i}`).join("\n");
    const r = buildDeck(`# Doc\n\n## Part\n\n\`\`\`foolang\n${long}\n\`\`\`\n`, { file: "foo.md" });
    expect(contentSections(r.html).length).toBeGreaterThan(2);
    expect(withCode(r.diagnostics, "code-language")).toHaveLength(1);
  });

  it("warns about a fence that is never closed", () => {
    const r = buildDeck(readFixture("unclosed.md"), { file: "unclosed.md" });
    expect(withCode(r.diagnostics, "fence-unclosed")).toMatchObject([{ severity: "warning", line: 8 }]);
    expect(slidesHtml(r.html)).toContain('<code class="hljs language-python">');
  });

  it("does not read a `#` comment in a fence as a heading", () => {
    const r = buildDeck("# Doc\n\n## Part\n\n```python\n# not a heading\nx = 1\n```\n\n## Other\n\nText.\n", { file: "c.md" });
    expect(r.article.blocks.filter((b) => b.kind === "heading").map((b) => b.text)).toEqual(["Doc", "Part", "Other"]);
  });
});

describe("images", () => {
  it("warns about a missing local image at its line and shows a placeholder", () => {
    const r = buildDeck(readFixture("missing-image.md"), { file: "missing-image.md", baseDir: FIXTURES });
    expect(withCode(r.diagnostics, "image-missing")).toMatchObject([{ severity: "warning", line: 5, column: 21 }]);
    expect(r.diagnostics[0]?.message).toContain("images/does-not-exist.png");
    const html = slidesHtml(r.html);
    expect(html).toContain('<span class="lectern-missing-image" role="img" aria-label="The architecture">');
    expect(html).not.toContain("<img");
    expect(html).toContain("Text after the diagram.");
    expect(r.usable).toBe(true);
    expect(r.media.size).toBe(0);
  });

  it("points an existing image at media/ and records the file to copy", () => {
    const r = buildDeck(readFixture("zh-article.md"), { file: "zh-article.md", baseDir: FIXTURES });
    expect(r.diagnostics).toEqual([]);
    expect(slidesHtml(r.html)).toContain('<img src="media/dot.svg" alt="信号示意图">');
    expect([...r.media]).toEqual([["media/dot.svg", fixture("images/dot.svg")]]);
  });

  it("leaves remote images as they are", () => {
    const r = buildDeck("![remote](https://example.com/a.png)\n\nText.\n", { file: "r.md", baseDir: FIXTURES });
    expect(r.diagnostics).toEqual([]);
    expect(r.html).toContain('<img src="https://example.com/a.png" alt="remote">');
  });

  it("copies one image referenced three ways only once", () => {
    const r = buildDeck("![a](images/dot.svg)\n\n![b](./images/../images/dot.svg)\n\n![c](../fixtures/images/dot.svg)\n\nText.\n", {
      file: "m.md",
      baseDir: FIXTURES,
    });
    expect(r.media.size).toBe(1);
    expect(count(slidesHtml(r.html), 'src="media/dot.svg"')).toBe(3);
  });

  it("gives two different files with the same name different media paths", () => {
    const r = buildDeck("![a](images/dot.svg)\n\n![b](images/alt/dot.svg)\n\nText.\n", { file: "m.md", baseDir: FIXTURES });
    expect([...r.media.keys()].sort()).toEqual(["media/2-dot.svg", "media/dot.svg"]);
    expect(new Set(r.media.values())).toEqual(new Set([fixture("images/dot.svg"), fixture("images/alt/dot.svg")]));
  });
});

describe("options", () => {
  it("rejects an unknown theme as a usage error", () => {
    expect(() => buildDeck("Text.\n", { theme: "nosuch" })).toThrow(UsageError);
  });

  it("rejects nonsense metrics as a usage error", () => {
    expect(() => buildDeck("Text.\n", { metrics: { fontSize: -1 } })).toThrow(UsageError);
  });

  it("names diagnostics after the given file", () => {
    const r = buildDeck("Bad $\\oops$.\n", { file: "named.md" });
    expect(r.diagnostics[0]?.file).toBe("named.md");
  });
});
