/**
 * A diagram shown at a full slide's height after a lead-in ("…的联系：" and the flowchart it
 * introduces): the slide holds both, its body scaled a little, as long as the diagram's labels
 * and the slide's text stay at the legible floor. Else the lead-in would end a slide alone.
 */
import type { Block, Slide } from "../types.js";
import { isLeadIn } from "./lead-in.js";
import { legibleScale } from "./legible.js";
import type { SlideMetrics } from "./metrics.js";

/** The least share of its height a diagram block may be scaled to (labels and text legible). */
function leastShare(b: Block, index: number, blocks: readonly Block[], m: SlideMetrics): number | undefined {
  const d = b.diagram;
  if (!d?.minHeight || d.minHeight >= d.height) return undefined;
  const alone: Slide = {
    kind: "content",
    title: undefined,
    continued: false,
    section: 0,
    pieces: [{ block: index, from: 0, to: 1 }],
    notes: [],
    line: 0,
    height: 0,
  };
  return Math.max(d.minHeight / d.height, legibleScale(alone, blocks, m));
}

/** The least height (px) a diagram block of estimated height `total` takes when scaled (undefined: none). */
export function leastHeight(b: Block, index: number, total: number, blocks: readonly Block[], m: SlideMetrics): number | undefined {
  const share = leastShare(b, index, blocks, m);
  return share === undefined ? undefined : total * share;
}

/**
 * The scale at which slide `cur`, ending with a whole lead-in, also holds diagram block `b`
 * (estimated `total` px) within `cap`; undefined when it does not need to or cannot.
 */
export function squeezeScale(
  cur: Slide,
  b: Block,
  index: number,
  total: number,
  cap: number,
  blocks: readonly Block[],
  m: SlideMetrics,
): number | undefined {
  const last = cur.pieces[cur.pieces.length - 1];
  const before = last && blocks[last.block];
  if (!last || !before || !isLeadIn(before) || last.to !== before.units.length) return undefined;
  const share = leastShare(b, index, blocks, m);
  const scale = cap / (cur.height + total);
  if (share === undefined || scale >= 1 || scale < share) return undefined;
  const withIt: Slide = { ...cur, pieces: [...cur.pieces, { block: index, from: 0, to: b.units.length }] };
  return scale >= legibleScale(withIt, blocks, m) ? scale : undefined;
}
