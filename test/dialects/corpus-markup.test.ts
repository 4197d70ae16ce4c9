/**
 * Every Markdown file of ../shared/corpus, built as its dialect: no dialect markup may be left
 * as text on a slide, and every in-article link (cross-references included) must lead to an
 * element of the deck.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { CORPUS, slidesHtml, textOf } from "../helpers.js";

const files = ["zh", "en", "decks", "dialects"].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(CORPUS, dir, f)),
);

/** The slides' HTML without speaker notes, KaTeX's TeX annotations and inline code (markup quoted on purpose). */
function visibleHtml(html: string): string {
  return slidesHtml(html)
    .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, " ")
    .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, " ")
    .replace(/<code>[\s\S]*?<\/code>/g, " ");
}

const LEFTOVERS: [string, RegExp][] = [
  ["d2lbook role", /:(?:label|numref|eqref|eqlabel|cite|citet|width|ref|begin_tab|end_tab):/],
  ["footnote", /\[\^[^\]\s]+\]/],
  ["d2lbook tab line", /#@tab|%%tab|#@save/],
  [
    "MyST directive",
    /\{(?:note|warning|important|tip|exercise|exercise-start|exercise-end|solution|solution-start|solution-end|figure|image|math|code-cell|contents|index|raw)\}/,
  ],
  ["MyST role", /\{(?:eq|ref|doc|numref|cite|math)\}`/],
  ["MyST target", /\([\w:-]+\)=/],
  ["GitHub alert", /\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/],
];

describe.each(files.map((f) => [relative(CORPUS, f), f]))("%s", (_name, file) => {
  const source = readFileSync(file, "utf8");
  const r = buildDeck(source, { file: relative(CORPUS, file), baseDir: join(file, ".."), root: CORPUS });
  const html = visibleHtml(r.html);
  const text = textOf(html);

  it.each(LEFTOVERS)("shows no %s as text", (_what, pattern) => {
    expect(text.match(pattern)?.[0]).toBeUndefined();
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
      [...source.matchAll(/:(?:label|eqlabel):`([^`]+)`|^\(([\w:-]+)\)=|^:label: (\S+)/gm)].map((m) => m[1] ?? m[2] ?? m[3]),
    );
    const unlinked = [...slides.matchAll(/<span class="lectern-xref lectern-xref-outside">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(unlinked.filter((l) => defined.has(l))).toEqual([]);
  });
});
