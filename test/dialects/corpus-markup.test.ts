/**
 * Every article of ../shared/corpus (`.md`, `.qmd`, `.ipynb`), built as its dialect: no dialect markup may be left
 * as text on a slide, and every in-article link (cross-references included) must lead to an
 * element of the deck.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { CORPUS, slidesHtml } from "../helpers.js";
import { CORPUS_FILES, LEFTOVERS, shownText } from "./leftovers.js";

describe.each(CORPUS_FILES.map((f) => [relative(CORPUS, f), f]))("%s", (_name, file) => {
  const source = readFileSync(file, "utf8");
  const r = buildDeck(source, { file: relative(CORPUS, file), baseDir: join(file, ".."), root: CORPUS });
  const html = slidesHtml(r.html);
  const text = shownText(r.html).shown;

  it.each(LEFTOVERS)("shows no %s as text", (_what, pattern) => {
    expect(text.match(pattern)?.[0]).toBeUndefined();
  });

  it("reports no `math-unclosed` (every formula of these published articles is closed)", () => {
    expect(r.diagnostics.filter((d) => d.code === "math-unclosed").map((d) => d.line)).toEqual([]);
  });

  it("shows no d2lbook slide mark (`[**…**]`, `(**…**)`) as brackets around bold text", () => {
    if (r.article.source.meta.dialect !== "d2lbook") return;
    expect(html.match(/[[(]<strong>[^<]*<\/strong>[\])]/)?.[0]).toBeUndefined();
  });

  it("shows no d2lbook caption line (`:caption`) as a paragraph", () => {
    if (r.article.source.meta.dialect !== "d2lbook") return;
    expect(html.match(/<p>:(?![a-z_]+:)[^<]*/)?.[0]).toBeUndefined();
  });

  it("links every in-article reference to an element of the deck", () => {
    const slides = slidesHtml(r.html);
    const ids = new Set([...slides.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const local = [...slides.matchAll(/<a [^>]*href="#([^"]*)"/g)].map((m) => m[1]);
    for (const id of local) expect(ids.has(id), `#${id}`).toBe(true);
    // a reference to a label of this very file is a link, never plain text
    const defined = new Set(
      [...r.article.source.text.matchAll(/:(?:label|eqlabel):`([^`]+)`|^\(([\w:-]+)\)=|^:label: (\S+)/gm)].map((m) => m[1] ?? m[2] ?? m[3]),
    );
    const unlinked = [...slides.matchAll(/<span class="lectern-xref lectern-xref-outside">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(unlinked.filter((l) => defined.has(l))).toEqual([]);
  });
});
