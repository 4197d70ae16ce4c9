import type { Env, MarkdownIt } from "markdown-it";
import type { Diagnostics } from "../diagnostics/collect.js";
import type { DialectSettings } from "../parse/dialects/dialect.js";
import type { Bibliography } from "./bibliography.js";
import type { RenderMemo } from "./memo.js";
import type { RefTable } from "./xrefs.js";

/** A footnote waiting for the foot (or the notes) of the slide that refers to it. */
export interface Pending {
  n: number;
  html: string;
  long: boolean;
}

/** Footnote state of one render: numbers in order of first reference, notes not yet placed. */
export interface FootnoteState {
  numbers: Map<string, number>;
  pending: Pending[];
}

/** KaTeX time spent in one render of a deck (one per render, like the rest of the context). */
export interface MathBudget {
  readonly limitMs: number;
  readonly now: () => number;
  spentMs: number;
  /** The budget ran out (and was reported). */
  exhausted: boolean;
}

/** What rendering one deck needs; created per build and passed to markdown-it as `env`. */
export interface RenderContext {
  md: MarkdownIt;
  diags: Diagnostics;
  /** KaTeX macros for this deck (KaTeX may add `\gdef`s: never share between builds). */
  macros: Record<string, string>;
  /** KaTeX time spent in this render, against the deck's budget. */
  math: MathBudget;
  /** Folder that relative image paths resolve against; none for in-memory sources. */
  baseDir?: string;
  /** Local files may come only from inside this folder (default: `baseDir`). */
  root?: string;
  /** Deck-relative path → absolute source path of local files to copy beside the deck. */
  media: Map<string, string>;
  /** Source path → deck-relative path (or null when missing), so each image is checked once. */
  resolved: Map<string, string | null>;
  lang: string;
  /** Smallest heading level inside slide bodies (3 in articles; 1 in decks cut by `---`). */
  headingFloor: number;
  /** List items appear one at a time. */
  fragments: boolean;
  /** Highlighted lines of each code block, made once per render. */
  highlighted: WeakMap<object, string[]>;
  /** The text each block's language is told from, read once per render (render/lang-marks). */
  blockTexts: WeakMap<object, string>;
  /** Raw HTML is trusted as written (`--allow-html`); else it goes through the allowlist. */
  allowHtml: boolean;
  /** The article's dialect (render-time parses of titles read it from here, as parse `env`). */
  dialect?: DialectSettings;
  /** Cross-reference targets of this render, set by renderSlides from the plan. */
  refs?: RefTable;
  /** Footnote numbers of this render, and the notes waiting for the slide being rendered. */
  footnotes?: FootnoteState;
  /** Slide looks of this render: whether the look rules were written yet, chunks whose `<style scoped>` was reported. */
  looks?: { css: boolean; warned: Set<number> };
  /** Highlighted code and KaTeX HTML of earlier renders of this deck (render/memo); none: everything is rendered afresh. */
  memo?: RenderMemo;
  /** The memo's key of `macros` as they are now (dropped when a formula writes to them). */
  macrosKey?: string | undefined;
  /** Author-year labels from the `.bib` files found for the article, read at the first citation. */
  bibliography?: Bibliography;
}

/** markdown-it carries the context as its `env`. */
export const asEnv = (ctx: RenderContext) => ctx as unknown as Env;
export const fromEnv = (env: Env | undefined) => env as unknown as RenderContext;
