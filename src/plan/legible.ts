import type { Block, Slide } from "../types.js";
import type { SlideMetrics } from "./metrics.js";

/** The smallest text a slide may show, in px on its own slide size (scale included). */
export const MIN_TEXT_PX = 16;
/** The smallest scale the fit may use when there is no text at all (an image). */
const NO_TEXT_FLOOR = 0.5;

/** Size in px of the smallest text a block sets, at the slide metrics (undefined: no text). */
function smallestText(b: Block, m: SlideMetrics): number | undefined {
  switch (b.kind) {
    case "code":
      return m.codeSize;
    case "table":
      return m.tableSize;
    case "columns":
      return m.fontSize * 0.9;
    case "image":
      return b.text.trim() ? m.codeSize : undefined; // its caption
    case "notes":
      return undefined;
    case "list":
    case "blockquote":
      return b.tokens.some((t) => t.type === "fence" || t.type === "code_block") ? m.codeSize : m.fontSize;
    default:
      return m.fontSize;
  }
}

/**
 * The smallest scale at which every text of a slide stays at least MIN_TEXT_PX: a body of
 * 22 px code may shrink to 0.73, one of 30 px prose to 0.53.
 */
export function legibleScale(slide: Slide, blocks: readonly Block[], m: SlideMetrics): number {
  const sizes = slide.pieces.map((p) => smallestText(blocks[p.block] as Block, m)).filter((s): s is number => s !== undefined);
  if (!sizes.length) return NO_TEXT_FLOOR;
  return Math.min(1, MIN_TEXT_PX / Math.min(...sizes));
}
