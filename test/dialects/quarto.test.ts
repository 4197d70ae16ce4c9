/** Quarto / pandoc: fenced divs, attributes, pauses, raw blocks and cells — constructed, and on Quarto's own reveal.js demo. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import type { BuildResult } from "../../src/types.js";
import { allSlides, CORPUS, contentSections, FIXTURES, notesOf, slidesHtml, textOf, withCode } from "../helpers.js";

const DIR = join(FIXTURES, "dialects");
const lecture = () => buildDeck(readFileSync(join(DIR, "quarto-lecture.qmd")), { file: "quarto-lecture.qmd", baseDir: DIR });
const quarto = (text: string) => buildDeck(text, { file: "x.qmd" });
const slide = (r: BuildResult, title: string) => contentSections(r.html).find((s) => s.includes(`<h2>${title}`)) ?? "";
/** The opening `<section …>` tag of the content slide headed `title`. */
const sectionTag = (r: BuildResult, title: string) =>
  [...slidesHtml(r.html).matchAll(/<section [^>]*>\n(?:<div class="lectern-body">\n)?<h2>([^<]*)/g)]
    .find((m) => m[1] === title)?.[0]
    .split("\n")[0] ?? "";
/** What a slide shows (notes and KaTeX's TeX source left out). */
const shown = (html: string) =>
  textOf(
    slidesHtml(html)
      .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, " ")
      .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, " "),
  );
const LEFTOVER = /:::|\{\.|\{#|\. \. \.|#\||\/\/\||\{=(?:html|tex|latex)\}|\{\{<|```\{/;

describe("a constructed Quarto lecture", () => {
  it("is detected from its .qmd name, and Quarto's own front matter keys are not reported", () => {
    const r = lecture();
    expect(r.article.source.meta.dialect).toBe("quarto");
    expect(withCode(r.diagnostics, "front-matter-unknown-key")).toEqual([]);
    expect(r.html).toContain('<p class="lectern-subtitle">Made with Quarto</p>');
    expect(r.html).toContain('<span class="lectern-author">Ada Lovelace</span>');
  });

  it("puts heading attributes on the slide: classes, reveal.js backgrounds (colour, image copied)", () => {
    const r = lecture();
    expect(sectionTag(r, "Why sort")).toMatch(
      /^<section class="lectern-slide lectern-smaller has-dark-background"[^>]* data-background-color="#1d2330"/,
    );
    expect(sectionTag(r, "Pictures")).toMatch(/^<section class="lectern-slide scrollable"[^>]* data-background-image="media\/loss.svg"/);
    expect(r.media.get("media/loss.svg")).toBe(join(DIR, "img", "loss.svg"));
    expect(shown(r.html)).not.toContain("background");
  });

  it("makes `::: notes` speaker notes and `::: footer` the slide's footer, shortcodes their text", () => {
    const r = lecture();
    const why = slide(r, "Why sort");
    expect(notesOf(r.html).join("")).toContain("Tell the story of the phone book.");
    expect(why).toMatch(/<\/div>\n<footer class="lectern-footer">\n<p>Course: Algorithms 101<\/p>\n<\/footer>/);
    expect(why).toContain("press <kbd>s</kbd> to see Sorting, a lecture in the speaker view.");
  });

  it("sets `::: columns` side by side at their widths", () => {
    expect(slide(lecture(), "Two ways")).toMatch(
      /<div class="lectern-columns-row">\n<div class="lectern-column" style="flex:0 1 40%">\n<p>Insertion sort[^<]*<\/p>\n<\/div>\n<div class="lectern-column" style="flex:0 1 60%">\n<p>Merge sort/,
    );
  });

  it("makes incremental list items, what follows `. . .`, and `{.fragment}` spans and divs reveal.js fragments", () => {
    const r = lecture();
    const steps = slide(r, "Step by step");
    expect(steps.match(/<li class="fragment">/g)).toHaveLength(3);
    expect(steps).toMatch(/<div class="fragment">\n<p>Quicksort is fast on average.<\/p>\n<p>The worst case/);
    const hl = slide(r, "Highlights");
    expect(hl).toContain('<span class="fragment highlight-red">the key idea</span>');
    expect(hl).toContain('<div class="fragment fade-up">\n<p>It appears later.</p>');
  });

  it("makes callouts the admonition boxes alerts use, titled by their `## title`, `title=` or kind", () => {
    const boxes = slide(lecture(), "Boxes");
    expect(boxes).toContain('<div class="lectern-admonition lectern-admonition-note"><p class="lectern-admonition-title">Remember</p>');
    expect(boxes).toContain(
      '<div class="lectern-admonition lectern-admonition-warning"><p class="lectern-admonition-title">Mind the stack</p>',
    );
    expect(boxes).toContain('<div class="lectern-admonition lectern-admonition-tip"><p class="lectern-admonition-title">Tip</p>');
  });

  it("sizes and places an image from its attributes", () => {
    expect(slide(lecture(), "Pictures")).toContain(
      '<img src="media/loss.svg" alt="" class="lectern-absolute" style="width:300px;position:absolute;max-width:none;top:50px;left:10px">',
    );
  });

  it("passes `{=html}` through the sanitizer, shows `{=tex}` math as math, drops other raw TeX with an info", () => {
    const r = lecture();
    const raw = slide(r, "Raw and math");
    expect(raw).toContain('<p class="raw-ok"><b>bold raw</b></p>');
    expect(raw).not.toContain("<script");
    expect(raw).toMatch(/<div class="lectern-math-display"><span class="katex-display">/);
    expect(withCode(r.diagnostics, "html-removed")).toHaveLength(1);
    expect(withCode(r.diagnostics, "quarto-raw-dropped").map((d) => [d.severity, d.line])).toEqual([["info", 91]]);
    expect(shown(r.html)).not.toContain("newpage");
  });

  it("shows executable cells as code in their language, `#|` options out, `echo: false` cells hidden", () => {
    const cells = slide(lecture(), "Cells");
    expect(cells).toMatch(/<code class="hljs language-python">xs = <span class="hljs-built_in">sorted<\/span>/);
    expect(cells).toMatch(/<code class="hljs language-python"><span class="hljs-built_in">print<\/span>\(xs\)/);
    expect(cells).not.toContain("secret_setup");
    expect(textOf(cells)).not.toMatch(/#\||fig-cap/);
  });

  it("leaves no Quarto markup as text on any slide", () => {
    expect(shown(lecture().html).match(LEFTOVER)?.[0]).toBeUndefined();
  });
});

describe("Quarto front matter and detection", () => {
  it("reads `format: revealjs:` options: incremental lists, smaller slides, a footer on every slide", () => {
    const r = buildDeck(
      "---\ntitle: T\nformat:\n  revealjs:\n    incremental: true\n    smaller: true\n    footer: 'Course *site*'\n    chalkboard: true\n---\n\n## A\n\n- one\n- two\n\n::: nonincremental\n- three\n:::\n",
    );
    expect(r.article.source.meta.dialect).toBe("quarto");
    const a = slide(r, "A");
    expect(a.match(/<li class="fragment">/g)).toHaveLength(2);
    expect(a).toContain("<li>three</li>");
    expect(sectionTag(r, "A")).toMatch(/^<section class="lectern-slide lectern-smaller"/);
    expect(a).toContain('<footer class="lectern-footer">Course <em>site</em></footer>');
    expect(withCode(r.diagnostics, "front-matter-unknown-key")).toEqual([]);
  });

  it("is detected from fenced divs with attributes or Quarto cells; forced by `dialect:` or the caller", () => {
    expect(buildDeck("# T\n\n::: {.callout-note}\nx\n:::\n").article.source.meta.dialect).toBe("quarto");
    expect(buildDeck("# T\n\n```{r}\n1 + 1\n```\n").article.source.meta.dialect).toBe("quarto");
    expect(buildDeck("# T\n\ntext {.x}\n").article.source.meta.dialect).toBe("gfm");
    expect(buildDeck("---\ndialect: quarto\n---\n# T\n\n## A {.smaller}\n\nx\n").html).toContain("lectern-smaller");
    // in another dialect the same braces are text
    expect(buildDeck("# T\n\n## A {.smaller}\n\nx\n", { dialect: "gfm" }).html).toContain("A {.smaller}");
  });

  it("reports a fenced div that is never closed", () => {
    const r = quarto("# T\n\n## A\n\n::: {.callout-note}\nnever closed\n");
    expect(withCode(r.diagnostics, "quarto-div-unclosed").map((d) => d.line)).toEqual([5]);
    expect(r.html).toContain("lectern-admonition-note");
  });

  it("estimates a columns block by its tallest column, not the sum of both", () => {
    const col = Array.from({ length: 6 }, (_, i) => `Point ${i} of the argument, said briefly.\n`).join("\n");
    const column = `::: {.column width="50%"}\n${col}:::\n`;
    const height = (r: BuildResult) =>
      r.plan.stacks.flatMap((s) => s.slides).find((s) => s.title === "A" && s.kind === "content")?.height ?? 0;
    const both = height(quarto(`# T\n\n## A\n\n::: columns\n${column}${column}:::\n`));
    const one = height(quarto(`# T\n\n## A\n\n::: columns\n${column}:::\n`));
    // six lines in each column: as tall as one column, at least six lines
    expect(both).toBeGreaterThan(6 * 28);
    expect(both).toBeLessThan(one * 1.1);
  });
});

describe("a Quarto reveal.js deck is cut as Quarto cuts it", () => {
  /** Each slide's kind and the heading it shows, in order. */
  const outline = (r: BuildResult) => {
    const heads = contentSections(r.html).map((s) => /<h[1-6][^>]*>([^<]*)/.exec(s)?.[1]?.trim() ?? "");
    return allSlides(r).map((s) => `${s.kind}:${s.kind === "content" ? heads.shift() : (s.title ?? "")}`);
  };
  const DECK = "---\ntitle: T\nformat:\n  revealjs:\n    slide-number: true\n---\n\n";

  it("makes one slide per `##` (and per `#`), with no agenda and no section slides", () => {
    const r = quarto(`${DECK}# Part one\n\n## A\n\nalpha\n\n## B {.smaller}\n\nbeta\n\n# Part two\n\n## C\n\ngamma\n`);
    expect(outline(r)).toEqual(["title:T", "content:Part one", "content:A", "content:B", "content:Part two", "content:C"]);
    expect(sectionTag(r, "B")).toMatch(/^<section class="lectern-slide lectern-smaller"/);
  });

  it("keeps a callout's `## title` and a tabset's `### tabs` inside their slide", () => {
    const r = quarto(
      `${DECK}## Boxes\n\n::: {.callout-note}\n## Remember\n\nSorting is stable.\n:::\n\n::: {.panel-tabset}\n### Plot\n\nx\n\n### Data\n\ny\n:::\n\n## Next\n\nz\n`,
    );
    expect(outline(r)).toEqual(["title:T", "content:Boxes", "content:Next"]);
    expect(slide(r, "Boxes")).toContain("Remember");
  });

  it("starts a slide at a `---` rule, and at the levels `slide-level:` names", () => {
    expect(outline(quarto(`${DECK}## A\n\none\n\n---\n\ntwo\n`))).toEqual(["title:T", "content:A", "content:"]);
    const level3 = quarto("---\ntitle: T\nformat: revealjs\nslide-level: 3\n---\n\n## A\n\n### A1\n\none\n\n### A2\n\ntwo\n");
    expect(outline(level3)).toEqual(["title:T", "content:A", "content:A1", "content:A2"]);
  });

  it("leaves a Quarto article (`format: html`) planned as an article, with section slides", () => {
    const r = quarto("---\ntitle: T\nformat: html\n---\n\n## A\n\nalpha\n\n## B\n\nbeta\n");
    expect(outline(r).filter((k) => k.startsWith("section:"))).toEqual(["section:A", "section:B"]);
  });
});

describe("Quarto's reveal.js demo (quarto-web)", () => {
  const file = join(CORPUS, "dialects", "quarto-revealjs-demo.qmd");
  const r = buildDeck(readFileSync(file), { file: "quarto-revealjs-demo.qmd", baseDir: join(file, ".."), root: CORPUS });

  it("leaves no Quarto markup as text on any slide", () => {
    expect(r.article.source.meta.dialect).toBe("quarto");
    expect(shown(r.html).match(LEFTOVER)?.[0]).toBeUndefined();
    // `resources`, `format: revealjs: chalkboard`… are Quarto's: not reported
    expect(withCode(r.diagnostics, "front-matter-unknown-key")).toEqual([]);
  });

  it("is cut where Quarto cuts it: a slide per `##`, in order, no agenda or section slides", () => {
    const source = readFileSync(file, "utf8");
    const headings = [...source.matchAll(/^## (.+?)(?: \{.*\})?$/gm)].map((m) => m[1]);
    const shownHeads = contentSections(r.html).map((s) => /<h2[^>]*>([^<]*)/.exec(s)?.[1]?.replace(/ \(cont\.\)$/, "") ?? "");
    // Lectern may split a slide that overflows, never merge or reorder them
    expect([...new Set(shownHeads)]).toEqual([...new Set(headings)]);
    expect(allSlides(r).filter((s) => s.kind === "agenda" || s.kind === "section")).toEqual([]);
  });

  it("sets its columns side by side, its fragments as reveal.js fragments, its footers in the foot", () => {
    const layout = slide(r, "Column Layout");
    expect(layout.match(/<div class="lectern-column" style="flex:0 1 (\d+%)">/g)).toHaveLength(3);
    expect(sectionTag(r, "Column Layout")).toMatch(/^<section class="lectern-slide lectern-smaller"/);
    expect(slide(r, "Incremental Lists").match(/<li class="fragment">/g)).toHaveLength(3);
    const fragments = contentSections(r.html)
      .filter((s) => s.includes("<h2>Fragments"))
      .join("");
    for (const cls of ["fade-in", "fade-up", "fade-left", "fade-in-then-semi-out", "strike", "highlight-red"])
      expect(fragments).toContain(`<div class="fragment ${cls}">`);
    expect(sectionTag(r, "Slide Backgrounds")).toContain('data-background-color="#43464B"');
    expect(layout).toContain(
      '<footer class="lectern-footer">\n<p>Learn more: <a href="https://quarto.org/docs/presentations/revealjs/#multiple-columns">',
    );
  });

  it("shows its `{r}` cells as R code, the `echo: false` one hidden, its `{=tex}` blocks as math", () => {
    const exec = slide(r, "Executable Code");
    expect(exec).toContain('<code class="hljs language-r">');
    expect(textOf(exec).replace(/\s+/g, "")).toContain("library(ggplot2)");
    expect(textOf(slidesHtml(r.html))).not.toContain("addMarkers");
    const tex = contentSections(r.html)
      .filter((s) => s.includes("<h2>LaTeX Equations"))
      .join("");
    expect(tex.match(/<div class="lectern-math-display">/g)).toHaveLength(2);
  });
});
