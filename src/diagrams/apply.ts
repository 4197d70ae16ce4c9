/**
 * Diagrams into the article: each rendered diagram goes on its block, at the size a slide shows
 * it at, and the block is estimated again (one piece, its height); one that failed to parse is
 * a `diagram-invalid` warning at its line and stays code.
 */
import type { Diagnostics } from "../diagnostics/collect.js";
import { estimateBlock } from "../plan/estimate.js";
import { bodyCapacity, contentWidth, type SlideMetrics } from "../plan/metrics.js";
import { diagramSource, isDiagram } from "../render/diagrams.js";
import type { Article, Diagram } from "../types.js";
import { type DiagramOutcome, type DiagramSource, MERMAID_FONT_PX } from "./mermaid.js";

/** A diagram grows until its labels are this share of the deck's text. */
const LABEL_SHARE = 0.75;

/** A diagram block of the article: its index, and what mermaid is given. */
export interface DiagramBlock extends DiagramSource {
  index: number;
  /** 0-based line of its opening fence. */
  line: number;
}

/** The article's diagram blocks, in order; each SVG id is the block's (unique, the same every build). */
export function diagramBlocks(article: Article): DiagramBlock[] {
  return article.blocks.flatMap((b, index) =>
    isDiagram(b) ? [{ index, line: b.lines[0], id: `lectern-diagram-${index}`, text: diagramSource(b) }] : [],
  );
}

/**
 * The size a diagram of natural size `width`×`height` is shown at: as wide as the slide at
 * most, as tall as a slide's body at most (scaled, never cut), its labels no larger than
 * the deck's text.
 */
export function diagramBox(width: number, height: number, m: SlideMetrics): { width: number; height: number } {
  const grow = (m.fontSize * LABEL_SHARE) / MERMAID_FONT_PX;
  const k = Math.min(grow, contentWidth(m) / Math.max(1, width), bodyCapacity(m) / Math.max(1, height));
  return { width: Math.max(1, Math.floor(width * k)), height: Math.max(1, Math.floor(height * k)) };
}

/** The article with `outcomes` (one per diagram of `blocks`) on its diagram blocks. */
export function withDiagrams(
  article: Article,
  blocks: readonly DiagramBlock[],
  outcomes: readonly DiagramOutcome[],
  m: SlideMetrics,
  diags: Diagnostics,
): { article: Article; drawn: number } {
  const next = [...article.blocks];
  let drawn = 0;
  blocks.forEach(({ index }, k) => {
    const block = next[index];
    const outcome = outcomes[k];
    if (!block || !outcome) return;
    if (!outcome.ok) {
      const message = `${block.lang} diagram does not parse (${outcome.message}); shown as code`;
      diags.add("warning", "diagram-invalid", message, block.lines[0] + outcome.line, 0);
      return;
    }
    const diagram: Diagram = { svg: outcome.svg, ...diagramBox(outcome.width, outcome.height, m) };
    next[index] = estimateBlock({ ...block, diagram }, m);
    drawn++;
  });
  return { article: { ...article, blocks: next }, drawn };
}
