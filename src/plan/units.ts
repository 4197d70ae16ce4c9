import type { Block } from "../types.js";

/** Estimated height of units [from, to) of a block, with the block's fixed chrome. */
export const pieceHeight = (b: Block, from: number, to: number): number =>
  (b.chrome ?? 0) + b.units.slice(from, to).reduce((s, u) => s + u.height, 0);
