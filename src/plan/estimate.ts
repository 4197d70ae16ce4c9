import type { Token } from "markdown-it";
import { itemParts } from "../parse/list-items.js";
import type { Block, ListRow, Unit } from "../types.js";
import { mathRows } from "./math-rows.js";
import { bodyCapacity, contentWidth, type SlideMetrics } from "./metrics.js";
import { lineCount, texEm, textEm } from "./text-width.js";

/** Width in em of inline tokens (text plus typeset inline math). */
function inlineEm(tokens: readonly Token[]): number {
  let em = 0;
  for (const t of tokens) {
    if (t.type.startsWith("math_inline")) em += texEm(t.content);
    else if (t.type === "code_inline") em += t.content.length * 0.6 + 0.4;
    else if (t.type === "softbreak") em += 0.28;
    else if (t.type === "text") em += textEm(t.content);
    else if (t.children) em += inlineEm(t.children);
  }
  return em;
}

/** Inline formulas with fractions or big operators make their line taller. */
function tallInline(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.type.startsWith("math_inline") && /\\(d?frac|sum|prod|int|binom|sqrt|over)|\^\{|_\{/.test(t.content));
}

/** KaTeX's font size relative to the text around it. */
const MATH_EM = 1.21;

/** Height of display math: rows × row height, more for fractions and matrices. */
export function mathHeight(tex: string, m: SlideMetrics): number {
  // matrices side by side share their rows: a matrix counts as its own row count on one line
  let matrixRows = 0;
  const outside = tex.replace(/\\begin\{([pbvBV]?matrix|array|smallmatrix)\}([\s\S]*?)\\end\{\1\}/g, (_all, _env, body: string) => {
    matrixRows = Math.max(matrixRows, (body.match(/\\\\/g)?.length ?? 0) + 1);
    return "M";
  });
  const rows = (outside.match(/\\\\/g)?.length ?? 0) + Math.max(1, matrixRows * 0.85);
  const fracs = Math.min(3, tex.match(/\\(d?frac|binom|over)\b/g)?.length ?? 0);
  const bigOps = /\\(sum|prod|int|lim|bigcup|bigcap)/.test(tex) ? 0.5 : 0;
  const em = m.fontSize * MATH_EM;
  return (rows * 1.35 + (fracs > 0 ? 0.9 : 0) + bigOps) * em + 2 * m.blockGap;
}

function codeLineHeight(line: string, m: SlideMetrics): number {
  const perRow = Math.floor((contentWidth(m) - 2 * m.codePad) / (m.codeSize * 0.6));
  const length = line.replace(/\t/g, "    ").length;
  return Math.max(1, Math.ceil(length / perRow)) * m.codeSize * m.codeLineHeight;
}

/** Height of arbitrary block tokens (list items, quotes): inline runs, code, math. */
function tokensHeight(tokens: readonly Token[], width: number, m: SlideMetrics): number {
  let h = 0;
  let indent = 0;
  const lh = m.fontSize * m.lineHeight;
  for (const t of tokens) {
    if (t.type === "bullet_list_open" || t.type === "ordered_list_open") indent += m.listIndent;
    else if (t.type === "bullet_list_close" || t.type === "ordered_list_close") indent -= m.listIndent;
    else if (t.type === "list_item_open") h += m.listItemGap;
    else if (t.type === "inline") {
      const kids = t.children ?? [];
      h += lineCount(inlineEm(kids), m.fontSize, width - indent) * lh * (tallInline(kids) ? 1.2 : 1);
    } else if (t.type === "fence" || t.type === "code_block") {
      h += t.content.split("\n").reduce((s, l) => s + codeLineHeight(l, m), 2 * m.codePad + m.blockGap);
    } else if (t.type === "math_block") h += mathHeight(t.content, m);
  }
  return h;
}

/** Quarto `::: columns`: each column's tokens at its share of the width (`width="40%"`, else an equal share); the tallest. */
function columnsHeight(tokens: readonly Token[], width: number, m: SlideMetrics): number {
  const cols: [Token, Token[]][] = [];
  for (const t of tokens.slice(1, -1)) {
    if (t.type === "quarto_column_open") cols.push([t, []]);
    else cols[cols.length - 1]?.[1].push(t);
  }
  const share = (t: Token) => {
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(String((t.meta as { width?: string } | null)?.width ?? ""));
    return pct ? Number(pct[1]) / 100 : 1 / Math.max(1, cols.length);
  };
  const images = (inner: Token[]) => inner.reduce((n, t) => n + (t.children ?? []).filter((c) => c.type === "image").length, 0);
  return Math.max(0, ...cols.map(([open, inner]) => tokensHeight(inner, width * share(open), m) + images(inner) * m.imageHeight));
}

/** Cells (inline tokens) of each row of a table, in order. */
function tableRows(tokens: readonly Token[]): Token[][][] {
  const rows: Token[][][] = [];
  for (const t of tokens) {
    if (t.type === "tr_open") rows.push([]);
    else if (t.type === "inline") rows[rows.length - 1]?.push(t.children ?? []);
  }
  return rows;
}

/**
 * Column widths as a browser's auto table layout would give them: natural widths when they
 * fit, else shared out in proportion to them.
 */
function columnWidths(rows: Token[][][], m: SlideMetrics): number[] {
  const pad = 2 * m.tableCellPadX;
  const natural: number[] = [];
  for (const row of rows) {
    row.forEach((cell, c) => {
      natural[c] = Math.max(natural[c] ?? 0, inlineEm(cell) * m.tableSize + pad);
    });
  }
  const total = natural.reduce((s, w) => s + w, 0);
  const width = contentWidth(m);
  return total <= width ? natural : natural.map((w) => Math.max(3 * m.tableSize, (width * w) / total));
}

function rowHeight(row: Token[][], widths: number[], m: SlideMetrics): number {
  let lines = 1;
  row.forEach((cell, c) => {
    lines = Math.max(lines, lineCount(inlineEm(cell), m.tableSize, (widths[c] ?? contentWidth(m)) - 2 * m.tableCellPadX + 1));
  });
  return lines * m.tableSize * m.lineHeight + 2 * m.tableCellPadY + 1;
}

const HEADING_SIZE = (level: number, m: SlideMetrics) =>
  level <= 2 ? m.headingSize : level === 3 ? m.h3Size : level === 4 ? m.h4Size : m.fontSize;

/** Columns for a list of short terms: as many as the longest term allows, 1–4. */
export function termColumns(items: readonly Token[][], m: SlideMetrics): number {
  const widest = Math.max(1, ...items.map((i) => inlineEm(i) * m.fontSize * 0.9 + 40));
  return Math.max(1, Math.min(4, Math.floor(contentWidth(m) / widest)));
}

/** An item taller than this share of a slide goes on over slides between its nested items. */
const TALL_ITEM = 1 / 3;

/** A list's units: its items, a tall item's text and nested items each a unit of their own. */
function listUnits(block: Block, width: number, m: SlideMetrics): Block {
  const t = block.tokens;
  const at = (a: number) => t[a]?.map?.[0] ?? block.lines[0];
  const units: Unit[] = [];
  const rows: ListRow[] = [];
  (block.ranges ?? []).forEach(([a, b], item) => {
    const height = tokensHeight(t.slice(a, b), width - m.listIndent, m);
    const parts = height > bodyCapacity(m) * TALL_ITEM ? itemParts(t.slice(a, b)) : undefined;
    if (!parts) {
      units.push({ line: at(a), height });
      rows.push({ item });
      return;
    }
    const [h0, h1] = parts.head;
    units.push({ line: at(a), height: tokensHeight(t.slice(a + h0, a + h1), width - m.listIndent, m) + m.listItemGap });
    rows.push({ item, part: -1 });
    parts.subs.forEach(([c, d], part) => {
      units.push({ line: at(a + c), height: tokensHeight(t.slice(a + c, a + d), width - 2 * m.listIndent, m) });
      rows.push({ item, part });
    });
  });
  const split = rows.some((r) => r.part !== undefined);
  return { ...block, units, chrome: m.blockGap, ...(split ? { listRows: rows } : {}) };
}

/**
 * Fill in `units` (split points with heights) and `chrome` (fixed height) of a block,
 * from the slide metrics. Pure: returns a new block.
 */
export function estimateBlock(block: Block, m: SlideMetrics): Block {
  if (!block.frame) return estimateBare(block, m);
  // a box's child is set narrower (the box's padding and border); the first carries the box's
  // top and title, the last its bottom (a box going on over a slide repeats its top there:
  // the fit measures what the estimate misses)
  const inner = estimateBare(block, { ...m, padX: m.padX + FRAME_PAD_X });
  const lh = m.fontSize * m.lineHeight;
  const top = block.frame.first ? FRAME_MARGIN + FRAME_PAD_Y + lh + 4 : 0;
  const bottom = block.frame.last ? FRAME_MARGIN + FRAME_PAD_Y : 0;
  return { ...inner, chrome: (inner.chrome ?? 0) + top + bottom };
}

/** A box's padding and border on each side (themes: `.lectern-admonition`), its padding and margin above and below. */
const FRAME_PAD_X = 23;
const FRAME_PAD_Y = 10;
const FRAME_MARGIN = 12;

function estimateBare(block: Block, m: SlideMetrics): Block {
  const width = contentWidth(m);
  const lh = m.fontSize * m.lineHeight;
  const line = block.lines[0];
  const one = (height: number, chrome = 0): Block => ({ ...block, units: [{ line, height }], chrome });
  switch (block.kind) {
    case "heading": {
      const size = HEADING_SIZE(block.level ?? 3, m);
      return one(lineCount(textEm(block.text), size, width) * size * 1.25 + m.headingGap);
    }
    case "paragraph": {
      const sentences = block.inline ?? [];
      const tall = tallInline(sentences.flat());
      const units = sentences.map((s) => ({ line, height: ((inlineEm(s) * m.fontSize) / width) * lh * (tall ? 1.2 : 1) }));
      return { ...block, units, chrome: m.blockGap + lh * 0.6 };
    }
    case "columns": {
      const items = block.inline ?? [];
      const columns = termColumns(items, m);
      const rows = Math.ceil(items.length / columns);
      const rowHeight = m.fontSize * 0.9 * m.lineHeight + 4;
      return { ...block, columns, units: Array.from({ length: rows }, () => ({ line, height: rowHeight })), chrome: m.blockGap };
    }
    case "list": {
      return listUnits(block, width, m);
    }
    case "table": {
      const rows = tableRows(block.tokens);
      const widths = columnWidths(rows, m);
      const ranges = block.ranges ?? [];
      const head = rows.length > ranges.length ? rowHeight(rows[0] ?? [], widths, m) : 0;
      const units = ranges.map(([a], k) => ({
        line: block.tokens[a]?.map?.[0] ?? line,
        height: rowHeight(rows[rows.length - ranges.length + k] ?? [], widths, m),
      }));
      return { ...block, units, chrome: head + m.blockGap };
    }
    case "code": {
      // a diagram rendered at build time: one piece, at the size it is shown at
      if (block.diagram) return one(block.diagram.height, m.blockGap);
      const first = line + 1;
      const units = (block.code ?? [""]).map((l, k) => ({ line: first + k, height: codeLineHeight(l, m) }));
      return { ...block, units, chrome: 2 * m.codePad + m.blockGap };
    }
    case "math": {
      const tex = block.code?.[0] ?? block.text;
      const rows = mathRows(tex, contentWidth(m) / (m.fontSize * MATH_EM), texEm);
      if (!rows) return one(mathHeight(tex, m));
      // rows may go on over the next slide: each its own unit, the display's margins as chrome
      const units = rows.rows.map((row) => ({ line, height: mathHeight(row, m) - 2 * m.blockGap }));
      return { ...block, units, chrome: 2 * m.blockGap, mathRows: rows };
    }
    case "image":
      return one(m.imageHeight + lh + m.blockGap);
    case "blockquote":
      return one(tokensHeight(block.tokens, width - 60, m) + m.blockGap + 20);
    case "rule":
      return one(m.blockGap * 2);
    case "notes":
      return one(0);
    case "html": {
      const kind = block.tokens[0]?.type;
      // Quarto: a footer sits outside the body; columns side by side are as tall as the tallest
      if (kind === "quarto_footer_open") return one(0);
      if (kind === "quarto_columns_open") return one(columnsHeight(block.tokens, width, m) + m.blockGap);
      const em = textEm(block.text.replace(/\s+/g, " ").trim());
      return one(em ? lineCount(em, m.fontSize, width) * lh + m.blockGap : lh);
    }
  }
}
