import type { Token } from "markdown-it";
import type { Block, Piece } from "../types.js";

/**
 * `lang` where the text's language changes inside a deck: an English paragraph in a Chinese
 * deck is marked `lang="en"`, a Chinese one in an English deck `lang="zh"` (screen readers
 * switch voice, browsers pick the right fonts and hyphenation). The language is read from the
 * script of the letters: Han, Kana and Hangul against Latin. Code, formulas and raw HTML do
 * not count, and neither do short runs: a Chinese paragraph naming the GPU stays Chinese.
 * A slide whose every text is in the other language gets `lang` on its `<section>`.
 */

/** The fewest Latin words, or CJK characters, that make a run of text a language of its own. */
const MIN_WORDS = 3;
const MIN_CJK = 4;
/** The share (CJK characters counted as half a word) the other language must have. */
const DOMINANT = 0.75;

/** `zh-CN` → `zh`, `en-GB` → `en`: languages compare by their primary subtag. */
export function langFamily(lang: string): string {
  return (lang.split(/[-_]/)[0] ?? lang).toLowerCase();
}

/** The language a run of text is written in, by script; none when it is too short or mixed. */
export function scriptLang(text: string): string | undefined {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const kana = text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const hangul = text.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const words = text.match(/\p{Script=Latin}[\p{Script=Latin}'’-]*/gu)?.length ?? 0;
  const cjk = han + kana + hangul;
  const share = cjk / 2 / (cjk / 2 + words || 1);
  if (cjk >= MIN_CJK && share >= DOMINANT) return kana > 0 ? "ja" : hangul > han ? "ko" : "zh";
  if (words >= MIN_WORDS && 1 - share >= DOMINANT) return "en";
  return undefined;
}

/** Inline TeX, code spans, URLs and tags taken out of Markdown source text (a title). */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/\$\$[\s\S]*?\$\$|\$[^$\n]*\$|\\\([\s\S]*?\\\)/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/<[^>]*>|https?:\/\/\S+/g, " ");
}

/** The words of tokens a reader reads: text (and image alt), not code, formulas or HTML. */
function tokensText(tokens: readonly Token[]): string {
  let out = "";
  for (const t of tokens) {
    if (t.type === "text") out += `${t.content} `;
    else if (t.children && t.type !== "code_inline" && !t.type.startsWith("math")) out += tokensText(t.children);
  }
  return out;
}

const READ_KINDS: ReadonlySet<Block["kind"]> = new Set(["paragraph", "heading", "list", "table", "columns", "image"]);

/** How much of a block's text is read to tell its language (a sample is enough, and bounded). */
const SAMPLE = 4000;

/**
 * The text of a piece of a block that language detection reads (none for code, math, HTML).
 * A list or table split over many slides is read once (`texts`: this render's, per block), and
 * only its first part: reading the whole of it for each piece made a huge list quadratic.
 */
export function pieceText(block: Block, piece: Piece, texts: WeakMap<object, string>): string {
  if (!READ_KINDS.has(block.kind) || block.diagram) return "";
  if (block.kind === "paragraph" && block.inline) return tokensText(block.inline.slice(piece.from, piece.to).flat()).slice(0, SAMPLE);
  let text = texts.get(block);
  if (text === undefined) {
    text = tokensText(block.tokens).slice(0, SAMPLE);
    texts.set(block, text);
  }
  return text;
}

const CJK: ReadonlySet<string> = new Set(["zh", "ja", "ko"]);

/**
 * A detected language that reads as the language around it: the same script (a deck in
 * French is not marked `en` by the Latin letters of its paragraphs), and Kanji or Hanja
 * alone are the Japanese or Korean deck's own.
 */
function sameAs(found: string, around: string): boolean {
  const deck = langFamily(around);
  if (found === deck) return true;
  if (found === "en") return !CJK.has(deck);
  return found === "zh" && CJK.has(deck);
}

/** The language to mark a text with, when it is not the language around it. */
export function markFor(text: string, around: string): string | undefined {
  const found = scriptLang(text);
  return found && !sameAs(found, around) ? found : undefined;
}

/**
 * The language of a whole slide from its texts (title first): the other language when every
 * text long enough to tell is in it and none is in the deck's; else none (marks go on blocks).
 */
export function slideMark(texts: readonly string[], deckLang: string): string | undefined {
  const found = texts.map(scriptLang).filter((l): l is string => l !== undefined);
  const other = scriptLang(texts.join(" "));
  if (!other || sameAs(other, deckLang) || found.some((l) => l !== other)) return undefined;
  return other;
}

/** `lang="…"` put on the first element of an HTML fragment. */
export function withLang(html: string, lang: string | undefined): string {
  if (!lang || /^\s*<[^>]*\slang=/.test(html)) return html;
  return html.replace(/^(\s*<[a-zA-Z][\w-]*)(?=[\s>/])/, `$1 lang="${lang}"`);
}

/** A piece's HTML marked; a table's caption keeps the language around it (`around`). */
export function markPiece(block: Block, html: string, lang: string | undefined, around: string): string {
  const marked = withLang(html, lang);
  return lang && block.kind === "table" ? marked.replace(/<caption(?=[\s>])/, `<caption lang="${around}"`) : marked;
}

/** The ` lang="…"` attribute, or nothing. */
export const langAttr = (lang: string | undefined): string => (lang ? ` lang="${lang}"` : "");

/** The text of a speaker-notes block (a `<!-- note: -->` comment is read from its source). */
export function notesText(block: Block): string {
  return tokensText(block.tokens) || (block.tokens[0]?.type === "html_block" ? proseOf(block.text) : "");
}
