/**
 * Diagrams into the article: each rendered diagram goes on its block, at the size a slide shows
 * it at, and the block is estimated again (one piece, its height); one that failed to parse is
 * a `diagram-invalid` warning at its line and stays code.
 */
import type { Diagnostics } from "../diagnostics/collect.js";
import { estimateBlock } from "../plan/estimate.js";
import type { SlideMetrics } from "../plan/metrics.js";
import { diagramSource, isDiagram } from "../render/diagrams.js";
import type { Article, Diagram } from "../types.js";
import { diagramBox, MERMAID_FONT_PX } from "./box.js";
import type { DiagramOutcome, DiagramSource } from "./mermaid.js";
import { diagramVariants } from "./variants.js";

export { diagramBox } from "./box.js";

/** A diagram block of the article: its index, and what mermaid is given. */
export interface DiagramBlock extends DiagramSource {
  index: number;
  /** 0-based line of its opening fence. */
  line: number;
}

/**
 * The article's diagram blocks, in order; each SVG id is the block's (unique, the same every
 * build); with the other ways to draw each (tried when the slide would show it small).
 */
export function diagramBlocks(article: Article): DiagramBlock[] {
  return article.blocks.flatMap((b, index) => {
    if (!isDiagram(b)) return [];
    const text = diagramSource(b);
    return [{ index, line: b.lines[0], id: `lectern-diagram-${index}`, text, variants: diagramVariants(text, MERMAID_FONT_PX) }];
  });
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
    const diagram: Diagram = { svg: outcome.svg, ...diagramBox(outcome.width, outcome.height, m, outcome.fontPx) };
    next[index] = estimateBlock({ ...block, diagram }, m);
    drawn++;
  });
  return { article: { ...article, blocks: next }, drawn };
}
