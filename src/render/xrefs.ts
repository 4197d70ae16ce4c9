import type { Token } from "markdown-it";
import type { LabelMeta } from "../parse/dialects/labels.js";
import { inlineText } from "../parse/sentences.js";
import type { Article, Block, Plan } from "../types.js";
import { anchorFor } from "./anchors.js";
import { wordsFor } from "./words.js";

/** Where a label (or an in-article `#slug` link) leads: the slide that shows it, and its name. */
export interface RefTarget {
  /** The slide's id: links are `#<id>` (reveal.js follows them, and so do PDF viewers). */
  slide: string;
  /** "Fig. 3", "Table 1", "(2)", or a section's title. */
  text: string;
  kind: "figure" | "table" | "equation" | "section" | "block";
  /** The bare number (`3`), for MyST's `Fig. {number}`. */
  number?: string;
}

/** Labels of one deck and GitHub-style heading slugs (`#slug`), resolved against the plan. */
export type RefTable = Map<string, RefTarget>;

/** GitHub's heading anchor: lower case, punctuation dropped, each space a `-` (github-slugger). */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

function labelsOf(block: Block): string[] {
  return block.tokens.flatMap((t) => ((t.meta ?? {}) as LabelMeta).labels ?? []);
}

function kindOf(block: Block): RefTarget["kind"] {
  if (block.kind === "image") return "figure";
  if (block.kind === "table") return "table";
  if (block.kind === "math") return "equation";
  if (block.kind === "heading") return "section";
  return "block";
}

/**
 * Index of the slide that shows a block: the one with its first piece, else the first slide at
 * or after its line. Made once per deck (a lookup per block, not a walk of the deck).
 */
function slideFinder(plan: Plan, article: Article): (index: number) => number {
  const slides = plan.stacks.flatMap((s) => s.slides);
  const title = Math.max(
    0,
    slides.findIndex((s) => s.kind === "title"),
  );
  const firstPiece = new Map<number, number>();
  slides.forEach((s, at) => {
    for (const p of s.pieces) if (!firstPiece.has(p.block)) firstPiece.set(p.block, at);
  });
  // slides that can stand for a line, in deck order, with the latest line seen up to each
  const content = slides.map((s, at) => ({ s, at })).filter(({ s }) => s.kind !== "title" && s.kind !== "agenda");
  return (index) => {
    if (index === article.outline.titleBlock) return title;
    const withPiece = firstPiece.get(index);
    if (withPiece !== undefined) return withPiece;
    const line = (article.blocks[index] as Block).lines[0];
    const after = content.find(({ s }) => s.line >= line);
    return after ? after.at : slides.length - 1;
  };
}

/**
 * The cross-reference targets of a deck. Figures, tables and equations are numbered in the
 * order their labels appear; a target on a slide that has no id gives the slide one (`ids`
 * is filled in). Heading slugs are keyed `#slug`, with GitHub's `-1`, `-2` for repeats.
 */
export function buildRefTable(plan: Plan, article: Article, ids: (string | undefined)[], taken: Set<string>): RefTable {
  const words = wordsFor(plan.lang);
  const table: RefTable = new Map();
  const counts = { figure: 0, table: 0, equation: 0 };
  const slugs = new Map<string, number>();
  const slideOf = slideFinder(plan, article);
  const slideFor = (index: number, name: string): string => {
    const at = slideOf(index);
    ids[at] ??= anchorFor(name, taken);
    return ids[at] as string;
  };
  article.blocks.forEach((block, index) => {
    const kind = kindOf(block);
    const labels = labelsOf(block);
    if (kind === "section") {
      const text = inlineText((block.tokens[1] as Token | undefined)?.children ?? []).trim() || block.text;
      const base = githubSlug(text);
      const seen = slugs.get(base) ?? 0;
      slugs.set(base, seen + 1);
      table.set(`#${seen ? `${base}-${seen}` : base}`, { slide: slideFor(index, text), text, kind });
      for (const label of labels) if (!table.has(label)) table.set(label, { slide: slideFor(index, text), text, kind });
      return;
    }
    if (!labels.length) return;
    const n = kind === "figure" || kind === "table" || kind === "equation" ? String(++counts[kind]) : undefined;
    let text = labels[0] as string;
    if (kind === "figure") text = `${words.figure} ${n}`;
    else if (kind === "table") text = `${words.table} ${n}`;
    else if (kind === "equation") text = `(${n})`;
    const slide = slideFor(index, labels[0] as string);
    for (const label of labels) if (!table.has(label)) table.set(label, n ? { slide, text, kind, number: n } : { slide, text, kind });
  });
  return table;
}

/** The number a labelled block shows beside itself ("Fig. 1", "(2)"), if it is numbered. */
export function numberOf(token: Token | undefined, refs: RefTable | undefined): string | undefined {
  const label = ((token?.meta ?? {}) as LabelMeta).labels?.[0];
  const target = label === undefined ? undefined : refs?.get(label);
  return target && target.kind !== "section" && target.kind !== "block" ? target.text : undefined;
}
