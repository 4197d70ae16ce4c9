/**
 * d2lbook (Dive into Deep Learning): roles, labels, captions, framework tabs — on a constructed
 * chapter and on the real d2l chapters of ../shared/corpus.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { UsageError } from "../../src/config/options.js";
import type { BuildResult } from "../../src/types.js";
import { decodeEntities } from "../../src/util/html.js";
import { CORPUS, contentSections, FIXTURES, slidesHtml, textOf, withCode } from "../helpers.js";

const DIR = join(FIXTURES, "dialects");
const build = (file: string, options: { tab?: string; dialect?: string } = {}) =>
  buildDeck(readFileSync(file), { file: file.split("/").pop() ?? file, baseDir: join(file, ".."), root: join(file, "../.."), ...options });
const chapter = (options = {}) => build(join(DIR, "d2l-chapter.md"), options);

/** The `<section …>` holding the element with this id (a slide's own id or one inside it). */
function slideWithId(r: BuildResult, id: string): string {
  const slides = slidesHtml(r.html).split(/(?=<section )/);
  return slides.find((s) => s.includes(` id="${id}"`)) ?? "";
}

/** `[text, href]` of every cross-reference link. */
const xrefs = (r: BuildResult) =>
  [...r.html.matchAll(/<a class="lectern-xref" href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[2], m[1]] as [string, string]);

describe("a constructed d2lbook chapter", () => {
  it("is detected as d2lbook and keeps its H1 title past the set-up code cell", () => {
    const r = chapter();
    expect(r.article.source.meta.dialect).toBe("d2lbook");
    expect(r.plan.title).toBe("Gradient Descent");
    expect(r.article.outline.sections.map((s) => s.title)).toEqual(["The Loss", "Code"]);
    expect(r.html).not.toContain("interact_select");
  });

  it("numbers figures, tables and equations, and links each reference to the slide that shows its target", () => {
    const r = chapter();
    const links = xrefs(r);
    expect(links.map(([text]) => text)).toEqual(["Fig. 1", "(1)", "Table 1", "Gradient Descent"]);
    const [fig, eq, table, section] = links.map(([, href]) => slideWithId(r, href));
    expect(fig).toContain('<img src="media/loss.svg"');
    expect(eq).toContain("\\tag{1}");
    expect(table).toMatch(/<caption><span class="lectern-caption-number">Table 1<\/span> Cost per step\.<\/caption>/);
    expect(section).toContain('class="lectern-title-slide"');
  });

  it("takes labels, widths and caption lines off the slides, sizes the image, captions the table", () => {
    const r = chapter();
    const text = textOf(slidesHtml(r.html));
    for (const leftover of [":label:", ":width:", ":eqlabel:", "fig_loss", "tab_cost", ":Cost per step"])
      expect(text).not.toContain(leftover);
    expect(r.html).toContain('alt="The loss surface" style="width:300px;max-width:100%"');
    expect(r.html).toMatch(/<figcaption><span class="lectern-caption-number">Fig\. 1<\/span> The loss surface<\/figcaption>/);
    // the label under the table is not a row of it
    const table = /<tbody>([\s\S]*?)<\/tbody>/.exec(r.html)?.[1] ?? "";
    expect(table.match(/<tr>/g)).toHaveLength(2);
  });

  it("shows a citation author-year from the .bib beside it, and a reference to another chapter as text with an info diagnostic", () => {
    const r = chapter();
    expect(r.html).toContain('<cite class="lectern-cite" title="Cauchy.1847">(Cauchy, 1847)</cite>');
    expect(r.html).toContain('<span class="lectern-xref lectern-xref-outside">sec_elsewhere</span>');
    expect(withCode(r.diagnostics, "xref-outside").map((d) => d.severity)).toEqual(["info"]);
  });

  it("shows one framework: pytorch by default, the one front matter or the caller names otherwise", () => {
    const code = (r: BuildResult) => contentSections(r.html).map(textOf).join("\n");
    const byDefault = code(chapter());
    expect(byDefault).toContain("import torch");
    expect(byDefault).toContain("every framework");
    expect(byDefault).toContain("PyTorch discussion.");
    for (const other of ["mxnet", "tensorflow", "MXNet discussion", "%%tab", "#@save", ":begin_tab:", ":end_tab:"])
      expect(byDefault).not.toContain(other);
    const tf = code(chapter({ tab: "tensorflow" }));
    expect(tf).toContain("import tensorflow as tf");
    expect(tf).not.toContain("torch");
    expect(tf).not.toContain("discussion");
    const source = readFileSync(join(DIR, "d2l-chapter.md"), "utf8");
    const fm = code(buildDeck(`---\ntab: mxnet\n---\n${source}`, { file: "fm.md", baseDir: DIR }));
    expect(fm).toContain("from mxnet import np");
    expect(fm).toContain("MXNet discussion.");
  });

  it("keeps only the shown framework's branch of code that asks `tab.selected(…)`, dedented", () => {
    // each code block's text as shown, line by line (line numbers and highlighting spans gone)
    const cell = (r: BuildResult) =>
      [...r.html.matchAll(/<pre class="lectern-code">[\s\S]*?<\/pre>/g)]
        .map((m) => decodeEntities(m[0].replace(/<span class="lectern-line-number"[^>]*>[^<]*<\/span>/g, "").replace(/<[^>]*>/g, "")))
        .find((c) => c.includes("def ones")) ?? "";
    expect(cell(chapter()).trim()).toBe('def ones(n):\n    return torch.ones(n)  # torch branch\n\nprint("torch only")');
    expect(cell(chapter({ tab: "tensorflow" })).trim()).toBe("def ones(n):\n    return tf.ones(n)  # tf branch");
    expect(cell(chapter({ tab: "mxnet" })).trim()).toBe("def ones(n):\n    return np.ones(n)  # mxnet branch");
  });

  it("reads the same text as GitHub Markdown when told to (roles stay as written)", () => {
    const r = chapter({ dialect: "gfm" });
    expect(textOf(slidesHtml(r.html))).toContain(":numref:");
  });

  it("refuses a dialect the caller names that it does not know (a usage error)", () => {
    expect(() => buildDeck("# T\n", { file: "a.md", dialect: "rst" })).toThrow(UsageError);
  });

  it("warns about a front matter dialect it does not know, and detects instead", () => {
    const r = buildDeck("---\ndialect: rst\n---\n# T\n\nSee :numref:`x`.\n", { file: "a.md" });
    expect(withCode(r.diagnostics, "dialect-unknown")).toHaveLength(1);
    expect(r.article.source.meta.dialect).toBe("d2lbook");
  });
});

it("takes d2lbook's slide marks `[**…**]` and `(**…**)` off the text, as the book does (a bold link stays)", () => {
  const r = buildDeck(
    "# T\n:label:`t`\n\nBelow [**we define a function**]. Now (**plot\nit**). A [**bold link**](https://x.org) and (**kept** bold).\n",
    {
      file: "a.md",
    },
  );
  expect(slidesHtml(r.html)).toContain(
    '<p>Below we define a function. Now plot\nit. A <a href="https://x.org"><strong>bold link</strong></a> and (<strong>kept</strong> bold).</p>',
  );
});

it("shows the key of a citation no .bib has", () => {
  const r = buildDeck("# T\n\nAs :cite:`Nobody.2020,Cauchy.1847` say.\n", { file: "a.md" });
  expect(r.html).toContain('<cite class="lectern-cite" title="Nobody.2020, Cauchy.1847">(Nobody.2020; Cauchy.1847)</cite>');
});

describe("the real d2l chapters", () => {
  const hardware = build(join(CORPUS, "zh", "d2l-zh-hardware.md"));

  it("d2l-zh-hardware: every :numref: is a link to the slide holding its figure or table", () => {
    const source = readFileSync(join(CORPUS, "zh", "d2l-zh-hardware.md"), "utf8");
    const refs = [...source.matchAll(/:numref:`([^`]+)`/g)].map((m) => m[1]);
    const links = xrefs(hardware);
    expect(links).toHaveLength(refs.length);
    for (const [text, href] of links) {
      const slide = slideWithId(hardware, href);
      if (text.startsWith("图")) expect(slide, text).toMatch(/<img |lectern-missing-image/);
      else expect(slide, text).toMatch(/<table[\s>]/);
    }
    expect(links.map(([t]) => t)).toContain("表 1");
  });

  it("d2l-zh-hardware: the latency table has its caption and no label row", () => {
    // (the table's rows are English: `lang="en"` on the table, the caption in the chapter's language)
    expect(hardware.html).toMatch(/<caption[^>]*><span class="lectern-caption-number">表 1<\/span> 常见延迟。<\/caption>/);
    expect(textOf(slidesHtml(hardware.html))).not.toContain("table_latency_numbers");
  });

  it("d2l-en-linear-regression: pytorch code only, tab lines gone, equations numbered and linked", () => {
    const r = build(join(CORPUS, "en", "d2l-en-linear-regression.md"));
    const code = [...r.html.matchAll(/<pre class="lectern-code">[\s\S]*?<\/pre>/g)].map((m) => textOf(m[0])).join("\n");
    expect(code).toContain("import torch");
    expect(code).not.toMatch(/from mxnet import|import tensorflow|from jax import|%%tab/);
    expect(xrefs(r).filter(([t]) => /^\(\d+\)$/.test(t)).length).toBeGreaterThanOrEqual(3);
  });

  it("d2l-en-value-iter: the chapter that opens with a code cell keeps its title and sections", () => {
    const r = build(join(CORPUS, "en", "d2l-en-value-iter.md"));
    expect(r.plan.title).toBe("Value Iteration");
    expect(r.article.outline.sections.length).toBeGreaterThan(3);
    expect(r.plan.stacks.some((s) => s.slides.some((x) => x.kind === "agenda"))).toBe(true);
  });
});
