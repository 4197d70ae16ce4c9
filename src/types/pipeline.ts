/**
 * The data of the pipeline's front half, one article's way from text to HTML:
 *
 *   source (decode, front matter, separators) → parse (markdown-it tokens → blocks)
 *   → outline (section tree) → plan (slides of block pieces) → render (HTML)
 *
 * Every stage returns its result; nothing is kept in module state. (The back half's data —
 * run options, the resolved config, a deck's context and outputs — are in `run.ts` beside this.)
 */
import type { Token } from "markdown-it";
import type { BlockFrame, Diagram, ListRow, MathRows } from "./block-parts.js";
import type { NotebookOrigin, SlideLook } from "./source-parts.js";

// ---------------------------------------------------------------- diagnostics

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `math-empty`, `utf8-invalid`. */
  code: string;
  message: string;
  /** The article's path (or the name given to `buildDeck`). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (in characters). */
  column: number;
}

// ---------------------------------------------------------------- source

/** Document-level settings, merged from front matter (Marp / reveal-md keys mapped). */
export interface DeckMeta {
  title?: string;
  subtitle?: string;
  author?: string;
  date?: string;
  lang?: string;
  theme?: string;
  macros: Record<string, string>;
  /** `marp: true` in front matter: HTML comments are presenter notes, as in Marp. */
  marp: boolean;
  /** `prose: lead | full`: how paragraphs are presented (see BuildOptions.prose). */
  prose?: "lead" | "full";
  /** `fragments: true`: list items appear one at a time. */
  fragments?: boolean;
  /** `dialect:`: the Markdown dialect to read the article as (detected when absent). */
  dialect?: string;
  /** `tab:`: the framework tab shown of d2lbook code cells (`pytorch`, `mxnet`…). */
  tab?: string;
  /** Marp `headingDivider`: the heading levels that start a new slide. */
  headingDivider?: number[];
  /** Marp global directives set in front matter (`header`, `paginate`, `class`…), as text. */
  directives?: Record<string, string>;
  /** reveal-md `separator` / `verticalSeparator` (regular expressions as written). */
  separator?: string;
  verticalSeparator?: string;
  /** `duration:`: the talk's length in seconds, and the 0-based file line of the key (speaker view pacing). */
  duration?: { seconds: number; line: number };
  /** `view: scroll`: the deck opens in its reading view (render/reading-view.ts). */
  view?: "scroll";
}

export interface SourceDoc {
  file: string;
  /** Decoded text with line endings normalised to `\n`, BOM removed. */
  text: string;
  /** Body after front matter. */
  body: string;
  /** 0-based line of `body`'s first line in `text`. */
  bodyLine: number;
  meta: DeckMeta;
  /** A notebook's article: where each of its lines is in the `.ipynb` file (source/notebook). */
  origin?: NotebookOrigin;
}

/** A run of body lines between explicit `---` / `----` separators. */
export interface Chunk {
  /** 0-based first line in the file. */
  line: number;
  text: string;
  /** How this chunk was started: the first chunk has `start`. */
  via: "start" | "horizontal" | "vertical";
  /** Marp directives, `![bg]` images, `<style scoped>`, reveal `.slide:` attributes of this slide. */
  look?: SlideLook;
}

// ---------------------------------------------------------------- parse

export type BlockKind =
  | "heading"
  | "paragraph"
  | "list"
  | "columns"
  | "table"
  | "code"
  | "math"
  | "image"
  | "blockquote"
  | "html"
  | "rule"
  | "notes";

/**
 * One splittable unit of a block: a sentence of a paragraph, an item of a list,
 * a row of a table, a line of code. A block that cannot be split has one unit.
 */
export interface Unit {
  /** 0-based first source line of the unit. */
  line: number;
  /** Estimated height in px at the theme's metrics (see plan/metrics). */
  height: number;
}

export interface Block {
  kind: BlockKind;
  /** 0-based [start, end) source lines in the file. */
  lines: [number, number];
  /** Chunk index this block belongs to. */
  chunk: number;
  /** Heading level (1–6) for headings. */
  level?: number;
  /** Plain text of a heading, or a block's text for measuring. */
  text: string;
  /** markdown-it tokens of the block (top-level open … close). */
  tokens: Token[];
  /** Split points; `units.length >= 1`. Filled in by the planner's estimator. */
  units: Unit[];
  /** Token ranges [start, end) in `tokens` of each unit: list items, table body rows. */
  ranges?: [number, number][];
  /** Inline token runs of each unit: sentences of a paragraph, terms of a columns list. */
  inline?: Token[][];
  /** Lines of a code block (one unit each), or the TeX of a math block. */
  code?: string[];
  /** Paragraph notes written `Note: …` (the prefix is dropped when rendered). */
  notePrefix?: boolean;
  /** Code language, for code blocks. */
  lang?: string;
  /** Columns of a `columns` block (its units are rows). */
  columns?: number;
  /** Fixed height in px on top of the units (table header, code padding…). */
  chrome?: number;
  /** Rows a display formula may break into (one unit each; plan/math-rows). */
  mathRows?: MathRows;
  /** A list whose tall items go on over slides between their nested items: what each unit is. */
  listRows?: ListRow[];
  /** The box this block sits in (a MyST admonition, a GitHub alert), when it is one of a box's children. */
  frame?: BlockFrame;
  /** A diagram fence (```mermaid) as rendered in the browser (diagrams/): shown instead of its code. */
  diagram?: Diagram;
}

// ---------------------------------------------------------------- outline

export interface Section {
  /** Heading block index, or -1 for content before the first heading. */
  heading: number;
  title: string;
  level: number;
  /** Block indices of direct content (before the first subsection). */
  blocks: number[];
  children: Section[];
}

export interface Outline {
  title: string;
  /** Where the title came from. */
  titleFrom: "front-matter" | "heading" | "file-name";
  /** Block index of the heading used as the title (it is not repeated on a slide). */
  titleBlock?: number;
  /** Heading level used for top-level sections (1–6), or 0 when there are none. */
  sectionLevel: number;
  /** Content before the first section. */
  intro: Section;
  sections: Section[];
  /** True when the file has explicit `---` separators: it is a deck, cut by its author. */
  explicit: boolean;
}

// ---------------------------------------------------------------- plan

/** Units [from, to) of one block placed on a slide. */
export interface Piece {
  block: number;
  from: number;
  to: number;
  /** Set beside the piece before it (an image and a paragraph side by side) instead of below. */
  beside?: boolean;
}

export type SlideKind = "title" | "agenda" | "section" | "content";

export interface Slide {
  kind: SlideKind;
  /** Heading shown at the top (content slides), or the section title. */
  title?: string;
  /** True on a continuation slide: the heading is repeated and marked. */
  continued: boolean;
  /** Top-level section number (1-based), 0 before the first section. */
  section: number;
  pieces: Piece[];
  /** Blocks of speaker notes (whole blocks). */
  notes: number[];
  /** 0-based first source line this slide shows. */
  line: number;
  /** Estimated content height in px. */
  height: number;
  /** Scale factor applied when a single unsplittable piece is too tall (1 = none). */
  scale?: number;
  /** Agenda slides: the sections listed on this one (0-based, `to` exclusive). */
  entries?: { from: number; to: number };
}

/** A horizontal position: one slide, or a vertical stack of slides. */
export interface Stack {
  slides: Slide[];
}

export interface Plan {
  file: string;
  title: string;
  lang: string;
  stacks: Stack[];
}

// ---------------------------------------------------------------- build

/** Everything parsed from one article: enough to re-plan without re-parsing. */
export interface Article {
  source: SourceDoc;
  chunks: Chunk[];
  blocks: Block[];
  outline: Outline;
}

export interface BuildResult {
  /** False when the article gave nothing to show (empty, binary): no deck is written. */
  usable: boolean;
  html: string;
  plan: Plan;
  article: Article;
  diagnostics: Diagnostic[];
  /** Local files the deck needs beside it: deck-relative path → absolute source path. */
  media: Map<string, string>;
  /** Every distinct character of visible text (for font subsetting). */
  glyphs: string;
  /** Milliseconds spent in each stage of this build. */
  timings: Timings;
}

/** Stages whose time a build reports (`--timings`), in pipeline order. */
export const STAGES = ["parse", "plan", "render", "write", "browser", "fit", "print", "pdf-finish", "handouts", "standalone"] as const;
export type Stage = (typeof STAGES)[number];
/** Milliseconds per stage; a stage that did not run is absent. */
export type Timings = Partial<Record<Stage, number>>;

/** `notes`: a slide and its speaker notes per page; a number: that many slides per page. */
export type HandoutLayout = "notes" | 2 | 3 | 4 | 6;
export type Paper = "a4" | "letter";
export const HANDOUT_LAYOUTS: readonly HandoutLayout[] = ["notes", 2, 3, 4, 6];
