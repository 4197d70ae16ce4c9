/**
 * Dialect markup that must never reach a reader as text: on a slide (corpus-markup.test.ts)
 * or in the PDF (corpus-pdf.test.ts). Each pattern runs on text with tags removed and
 * whitespace squeezed, so none may anchor on a line start.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { decodeEntities } from "../../src/util/html.js";
import { CORPUS, slidesHtml, textOf } from "../helpers.js";

/** Every article of the corpus, as the build reads them (`.md`, `.qmd`, `.ipynb`), by folder then name. */
export const CORPUS_FILES: readonly string[] = ["zh", "en", "decks", "dialects"].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => /\.(md|qmd|ipynb)$/.test(f))
    .sort()
    .map((f) => join(CORPUS, dir, f)),
);

export const LEFTOVERS: readonly (readonly [string, RegExp])[] = [
  ["d2lbook role", /:(?:label|numref|eqref|eqlabel|cite|citet|width|ref|begin_tab|end_tab):/],
  ["footnote", /\[\^[^\]\s]+\]/],
  ["d2lbook tab line", /#@tab|%%tab|#@save|%load_ext d2lbook/],
  ["d2lbook tab scaffolding", /\btab\.(?:selected|interact_select)\(/],
  [
    "MyST directive",
    /\{(?:note|warning|important|tip|exercise|exercise-start|exercise-end|solution|solution-start|solution-end|figure|image|math|code-cell|contents|index|raw|admonition|prf:\w+)\}/,
  ],
  ["MyST role", /\{(?:eq|ref|doc|numref|cite|math)\}`/],
  ["MyST target", /\([\w:-]+\)=/],
  ["GitHub alert", /\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/],
  ["div fence (Quarto, MyST)", /(?:^|\s):::+(?:\s|\{|$)/],
  ["attribute block", /\{(?:[.#][A-Za-z][\w-]*|[\w-]+=["\w])[^}]*\}/],
  ["Quarto pause", /(?:^|\s)\. \. \.(?:\s|$)/],
  ["Quarto cell option", /#\|/],
  ["Quarto shortcode", /\{\{[<%]|[>%]\}\}/],
  ["Marp image keyword", /!\[(?:bg|w:|h:)|\b(?:bg (?:left|right|contain|cover|fit))\b|(?:^|\s)[wh]:\d+(?:px)?(?:\s|$)/],
  ["Marp directive", /(?:^|\s)_?(?:header|footer|paginate|_class|backgroundColor|backgroundImage|headingDivider):\s/],
  [
    "directive comment (reveal, Marp)",
    /<!--\s*(?:\.slide|\.element|_?(?:class|header|footer|paginate|backgroundColor|backgroundImage|color|theme)\s*:|notes?\s*:)|\.(?:slide|element):\s/,
  ],
  ["notebook JSON", /"(?:cell_type|execution_count|nbformat|outputs|metadata)"\s*:/],
];

/** Each kind of leftover found in `text`, with its first match. */
export function leftoversIn(text: string): { what: string; match: string }[] {
  return LEFTOVERS.flatMap(([what, pattern]) => {
    const m = text.match(pattern);
    return m ? [{ what, match: m[0] }] : [];
  });
}

/**
 * What a deck shows as text, as a reader reads it (entities decoded): its slides without
 * speaker notes, KaTeX's TeX annotations and inline code (`quoted`: markup shown on purpose).
 */
export function shownText(html: string): { shown: string; quoted: string } {
  const slides = slidesHtml(html)
    .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, " ")
    .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, " ");
  const quoted = [...slides.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]).join(" ");
  return {
    shown: decodeEntities(textOf(slides.replace(/<code>[\s\S]*?<\/code>/g, " "))),
    quoted: decodeEntities(textOf(quoted)),
  };
}
