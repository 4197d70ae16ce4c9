/** MyST / Jupyter Book: directives, roles, targets, labelled equations — constructed and on the QuantEcon lectures. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import type { BuildResult } from "../../src/types.js";
import { CORPUS, FIXTURES, slidesHtml, textOf, withCode } from "../helpers.js";

const DIR = join(FIXTURES, "dialects");
const lecture = () => buildDeck(readFileSync(join(DIR, "myst-lecture.md")), { file: "myst-lecture.md", baseDir: DIR });
const xrefs = (r: BuildResult) => [...r.html.matchAll(/<a class="lectern-xref" href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[2], m[1]]);
const slideWithId = (r: BuildResult, id: string) =>
  slidesHtml(r.html)
    .split(/(?=<section )/)
    .find((s) => s.includes(` id="${id}"`)) ?? "";

describe("a constructed MyST lecture", () => {
  it("is detected from its jupytext front matter and directives, without unknown-key noise", () => {
    const r = lecture();
    expect(r.article.source.meta.dialect).toBe("myst");
    expect(withCode(r.diagnostics, "front-matter-unknown-key")).toEqual([]);
    expect(r.plan.title).toBe("Kalman filtering");
  });

  it("makes admonitions boxes, `{math}` display math, `{figure}` a captioned figure, code cells code", () => {
    const r = lecture();
    expect(r.html).toMatch(
      /<div class="lectern-admonition lectern-admonition-note"><p class="lectern-admonition-title">Note<\/p>\s*<p>The prior is <em>Gaussian<\/em>/,
    );
    expect(r.html).toMatch(
      /<div class="lectern-admonition lectern-admonition-exercise"><p class="lectern-admonition-title">Exercise<\/p>\s*<p>Show/,
    );
    expect(r.html).toMatch(
      /<img src="media\/loss.svg" alt="The loss surface." style="width:200px;max-width:100%"><figcaption><span class="lectern-caption-number">Fig. 1<\/span> The loss surface.<\/figcaption>/,
    );
    const text = textOf(slidesHtml(r.html));
    expect(text).toContain("import numpy as np");
    for (const gone of ["secret_setup", "{note}", "{math}", ":label:", ":tags:", "{contents}", "(intro)=", "(transition)", "{eq}"])
      expect(text).not.toContain(gone);
    // a space before the closing `$` is MyST's dollar math too
    expect(text).not.toContain("$\\mu $");
  });

  it("links {eq}, {ref} and {numref} to the slides of their targets, numbered", () => {
    const r = lecture();
    expect(xrefs(r).map(([text]) => text)).toEqual(["(1)", "(2)", "the introduction", "Figure 1"]);
    const [prior, transition, intro, fig] = xrefs(r).map(([, id]) => slideWithId(r, id as string));
    expect(prior).toContain("\\tag{1}");
    expect(transition).toContain("\\tag{2}");
    expect(intro).toContain("lectern-title-slide");
    expect(fig).toContain('<img src="media/loss.svg"');
    expect(r.html).toContain('<cite class="lectern-cite" title="Sargent2018">(Sargent2018)</cite>');
  });
});

describe("the QuantEcon lectures", () => {
  const kalman = buildDeck(readFileSync(join(CORPUS, "dialects", "quantecon-zh-kalman.md")), {
    file: "kalman.md",
    baseDir: join(CORPUS, "dialects"),
    root: CORPUS,
  });

  it("kalman: exercises and solutions are boxes, every {math} label a numbered link target", () => {
    expect((kalman.html.match(/lectern-admonition-exercise"/g) ?? []).length).toBe(4);
    expect((kalman.html.match(/lectern-admonition-solution"/g) ?? []).length).toBe(3);
    const source = readFileSync(join(CORPUS, "dialects", "quantecon-zh-kalman.md"), "utf8");
    const eqRefs = [...source.matchAll(/\{eq\}`([^`]+)`/g)].length;
    expect(xrefs(kalman).filter(([t]) => /^\(\d+\)$/.test(t as string)).length).toBe(eqRefs);
    expect(withCode(kalman.diagnostics, "math-invalid")).toEqual([]);
  });
});

describe("MyST colon fences (`:::{note}` … `:::`)", () => {
  const r = buildDeck(readFileSync(join(DIR, "myst-colon.md")), { file: "myst-colon.md", baseDir: DIR });

  it("are directives like backtick fences: boxes (nested by colon count), labelled math, a figure", () => {
    expect(r.article.source.meta.dialect).toBe("myst");
    expect(r.html).toMatch(
      /<div class="lectern-admonition lectern-admonition-note"><p class="lectern-admonition-title">Note<\/p>\s*<p>The prior is <em>Gaussian<\/em>.<\/p>\s*<div class="lectern-admonition lectern-admonition-warning"><p class="lectern-admonition-title">Warning: Mind the variance<\/p>/,
    );
    expect(r.html).toMatch(/lectern-admonition-exercise"><p class="lectern-admonition-title">Exercise<\/p>\s*<p>Show it again/);
    expect(r.html).toMatch(/<figcaption><span class="lectern-caption-number">Fig. 1<\/span> The loss surface.<\/figcaption>/);
    expect(r.html).toMatch(/<code class="hljs language-python">.*import.*numpy/);
    const text = textOf(slidesHtml(r.html));
    for (const gone of [":::", "{note}", "{warning}", "{math}", "{figure}", ":label:", ":name:", "{eq}"]) expect(text).not.toContain(gone);
  });

  it("link their labels: {eq} to the formula, {numref} to the figure", () => {
    expect(xrefs(r).map(([text]) => text)).toEqual(["(1)", "Figure 1"]);
    const [eq, fig] = xrefs(r).map(([, id]) => slideWithId(r, id as string));
    expect(eq).toContain("\\tag{1}");
    expect(fig).toContain('<img src="media/loss.svg"');
  });

  it("warn about a fence never closed, at its line, and about nothing else", () => {
    expect(r.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.code}:${d.line}`)).toEqual(["directive-unclosed:40"]);
    expect(r.html).toMatch(/<p class="lectern-admonition-title">Left open<\/p>\s*<p>This box is never closed.<\/p>/);
  });
});

describe("math inside a MyST box", () => {
  const diagnose = (src: string) => buildDeck(src, { file: "box.md", dialect: "myst" }).diagnostics;

  it("gives no `math-unclosed` for `$$ … $$` written across lines of a sentence (the formula is shown)", () => {
    const src = "# T\n\n```{note}\n回报为 $$R(\\tau)\n$$ 之和。\n```\n\n:::{tip}\n同样 $$x\n$$ 也是。\n:::\n";
    const r = buildDeck(src, { file: "box.md", dialect: "myst" });
    expect(withCode(r.diagnostics, "math-unclosed")).toEqual([]);
    expect(slidesHtml(r.html).match(/class="katex"/g)).toHaveLength(2);
  });

  it("reports a `$$` that is really never closed at its line in the file", () => {
    const lines = withCode(diagnose("# T\n\nIntro.\n\n```{note}\nText.\n\n$$\nx = 1\n```\n"), "math-unclosed").map((d) => d.line);
    expect(lines).toEqual([8]);
  });
});
