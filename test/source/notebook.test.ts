/**
 * Jupyter notebooks as articles (source/notebook): what a reader of the deck sees of each cell,
 * output, tag and slide type, where a diagnostic points in the `.ipynb`, and bad notebooks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import type { BuildResult } from "../../src/types.js";
import { bodyOf, CORPUS, contentSections, fixture, notesOf, slidesHtml, textOf, topSections, withCode } from "../helpers.js";

const build = (name: string): BuildResult => buildDeck(readFileSync(fixture(`notebooks/${name}`)), { file: name });
/** What the slides show, speaker notes left out. */
const visible = (r: BuildResult) => contentSections(r.html).map(bodyOf).join("\n");
const notes = (r: BuildResult) => notesOf(r.html).join("\n");
/** The `<pre>` blocks of a kind of output (`output`, `output-stderr`, `output-error`). */
const outputs = (html: string, kind: string) =>
  [...html.matchAll(new RegExp(`<code class="hljs language-${kind}">([\\s\\S]*?)</code>`, "g"))].map((m) => textOf(m[1] ?? ""));

describe("a real notebook (easy-rl, ../shared/corpus)", () => {
  const file = join(CORPUS, "dialects", "easy-rl-policy-gradient.ipynb");
  const r = buildDeck(readFileSync(file), { file: "easy-rl-policy-gradient.ipynb" });

  it("builds without errors, titled from its name, its headings its sections", () => {
    expect(r.usable).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(r.plan.title).toBe("easy rl policy gradient");
    expect(r.article.outline.sections.map((s) => s.title)[0]).toBe("1. 定义算法");
  });

  it("shows markdown as text, code as Python, and no JSON", () => {
    const text = textOf(visible(r));
    expect(text).toContain("REINFORCE");
    expect(visible(r)).toContain('class="hljs language-python"');
    expect(text).toContain("class PGNet");
    for (const json of ['"cell_type"', '"source"', '\\n",', '"metadata"', "nbformat", "execution_count"]) expect(text).not.toContain(json);
    expect(slidesHtml(r.html)).toContain('class="katex"');
  });
});

describe("outputs", () => {
  const r = build("outputs.ipynb");
  const html = visible(r);

  it("takes the title from the notebook's metadata and reads markdown cells in their dialect (MyST)", () => {
    expect(r.plan.title).toBe("Notebook outputs");
    expect(html).toContain("lectern-admonition-note");
    expect(textOf(html)).not.toContain("{note}");
  });

  it("shows stdout and plain results as output, stderr as stderr, progress bars at their last state", () => {
    expect(outputs(html, "output")).toEqual(["hello stdout", "2", "progress DONE", "WIDGETTEXT"]);
    expect(outputs(html, "output-stderr")).toEqual(["careful: STDERRTEXT"]);
  });

  it("embeds PNG and SVG images as data: URLs, the SVG as an image (its script never runs)", () => {
    expect(html).toMatch(/<img src="data:image\/png;base64,iVBORw0KGgo[^"]*"/);
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]*"/);
    expect(slidesHtml(r.html)).not.toMatch(/<svg|alert\(1\)/);
  });

  it("passes HTML through the sanitizer, Markdown and LaTeX as written", () => {
    expect(html).toMatch(/<table[^>]*>[\s\S]*HTMLCELL[\s\S]*<\/table>/);
    expect(html).not.toMatch(/<style|onclick|border="1"/);
    expect(withCode(r.diagnostics, "html-removed")).toMatchObject([{ message: expect.stringContaining("onclick") }]);
    expect(html).toContain("<strong>MDOUT</strong>");
    expect(html).toMatch(/class="katex"[\s\S]*x\^\{2\} \+ 1/);
    expect(textOf(html)).not.toContain("render()");
  });

  it("shows an error's traceback without terminal colour codes", () => {
    const [traceback] = outputs(html, "output-error");
    expect(traceback).toContain("ZeroDivisionError: division by zero");
    expect(traceback).toContain("----&gt; 1 1/0");
    expect(slidesHtml(r.html)).not.toMatch(/\[0;3\dm|\u001b/);
  });
});

describe("cell tags (Jupyter Book): remove-* is gone, hide-* goes into the speaker notes", () => {
  const r = build("tags.ipynb");
  const shown = textOf(visible(r));
  const noted = textOf(notes(r));

  it("keeps what is untagged, and the parts a remove-* tag does not name", () => {
    for (const kept of ["KEEPMD", "KEEPOUT", "OUT-OF-REMOVEINPUT", "KEPT_INPUT_OF_REMOVEOUTPUT", "KEPT_INPUT_OF_HIDEOUTPUT"]) {
      expect(shown).toContain(kept);
    }
    expect(shown).toContain("OUT-OF-HIDEINPUT");
    expect(shown).toContain("OUT-OF-SOURCEHIDDEN");
    expect(shown).toContain("KEPT_INPUT_OF_OUTPUTSHIDDEN");
  });

  it("leaves out removed parts everywhere, and raw cells", () => {
    for (const gone of ["REMOVEINPUT =", "REMOVEDOUTPUT", "REMOVECELL", "REMOVEDMARKDOWN", "RAWCELLTEXT"]) {
      expect(r.html).not.toContain(gone);
    }
  });

  it("puts hidden parts (hide-*, jupyter.source_hidden / outputs_hidden) in the notes, not on the slides", () => {
    for (const hidden of ["HIDEINPUT = 1", "HIDDENOUTPUT", "HIDECELL = 1", "HIDECELLOUT", "SOURCEHIDDEN = 1", "OUTS-HIDDEN-TEXT"]) {
      expect(noted).toContain(hidden);
      expect(shown).not.toContain(hidden);
    }
  });
});

describe("RISE slide types", () => {
  const r = build("rise.ipynb");

  it("makes `slide` a new slide, `subslide` a vertical one, `notes` speaker notes, drops `skip`", () => {
    expect(r.article.outline.explicit).toBe(true);
    const stacks = topSections(r.html).map((s) => [...s.matchAll(/<section class="lectern-slide" id="([^"]+)"/g)].map((m) => m[1]));
    expect(stacks).toEqual([["a-rise-deck"], ["first-slide"], ["second-slide", "below"]]);
    const slides = contentSections(r.html).map((s) => textOf(bodyOf(s)));
    expect(slides.find((s) => s.includes("FIRSTSLIDE"))).toContain("FRAGMENTTEXT");
    expect(slides.find((s) => s.includes("SUBSLIDE"))).toContain("CODEONSUB");
    expect(textOf(notes(r))).toContain("SPEAKERNOTE");
    expect(r.html).not.toContain("SKIPPEDTEXT");
  });
});

describe("where a diagnostic points", () => {
  it("names the notebook's JSON line and column of the cell's source, and the cell and its line", () => {
    const r = build("located.ipynb");
    const json = readFileSync(fixture("notebooks/located.ipynb"), "utf8").split("\n");
    const [d] = withCode(r.diagnostics, "math-invalid");
    expect(d).toMatchObject({ file: "located.ipynb", line: 28, column: 13 });
    expect(json[(d?.line ?? 0) - 1]?.slice((d?.column ?? 0) - 1)).toMatch(/^\$\\\\frac\{a\}\{b\$/);
    expect(d?.message).toMatch(/\(cell 3, line 4\)$/);
  });
});

describe("front matter of a notebook", () => {
  it("is read from a leading raw cell (Quarto, jupytext), and is not shown", () => {
    const r = build("front-matter.ipynb");
    expect(r.plan.title).toBe("From the raw cell");
    expect(r.article.source.meta.author).toBe("Ada");
    expect(textOf(slidesHtml(r.html))).not.toContain("title:");
  });
});

describe("bad notebooks: one `notebook-invalid` error at its place, no deck", () => {
  it.each([
    ["invalid-json.ipynb", 7, 3, /not valid JSON: property name expected/],
    ["nbformat3.ipynb", 5, 14, /nbformat 3 is not read/],
    ["no-cells.ipynb", 1, 1, /no `cells` list/],
  ])("%s", (name, line, column, message) => {
    const r = build(name);
    expect(r.usable).toBe(false);
    expect(r.diagnostics).toMatchObject([{ severity: "error", code: "notebook-invalid", line, column, message }]);
  });

  it("a notebook with no cells is an empty article", () => {
    const r = buildDeck('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', { file: "empty.ipynb" });
    expect(r.usable).toBe(false);
    expect(withCode(r.diagnostics, "empty-article")).toHaveLength(1);
  });

  it("leaves out an image over the size cap, with a warning at its output", () => {
    const huge = "A".repeat(5_000_004);
    const nb = {
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["# Big\n", "\n", "Text."] },
        {
          cell_type: "code",
          metadata: {},
          source: ["plot()"],
          outputs: [{ output_type: "display_data", metadata: {}, data: { "image/png": huge } }],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const r = buildDeck(JSON.stringify(nb, null, 1), { file: "big.ipynb" });
    expect(r.usable).toBe(true);
    expect(r.html).not.toContain("data:image/png");
    const [d] = withCode(r.diagnostics, "notebook-output-large");
    expect(d?.message).toMatch(/5\.0 MB .* over the 5 MB cap/);
    expect(d?.message).toContain("(cell 2)");
  });

  it("never throws on JSON that is not shaped like a notebook", () => {
    for (const text of ["", "[]", "null", '{"cells": {}}', '{"cells": [1, null, {"cell_type": 3, "source": 7, "outputs": "x"}]}', "{"]) {
      expect(() => buildDeck(text, { file: "odd.ipynb" })).not.toThrow();
    }
  });
});
