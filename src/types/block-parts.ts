import type { Token } from "markdown-it";

/** The parts of a block that the planner and the renderer share (see Block in pipeline.ts). */

/** One unit of a list: item `item` whole, or its text (`part` -1) or its nested item `part`. */
export interface ListRow {
  item: number;
  part?: number;
}

/**
 * A box (admonition) whose children are blocks of their own, so that it can go on over
 * slides like a list; every slide holding some of them draws the box around them.
 */
export interface BlockFrame {
  /** The same for every child of one box (`chunk:line` of its opening). */
  id: string;
  /** The box's opening token (kind and title in its `meta`) and its closing token. */
  open: Token;
  close: Token;
  /** This block is the box's first / last child (its estimate carries the box's top / bottom). */
  first: boolean;
  last: boolean;
}

/** A diagram rendered at build time: inline SVG and the size it is shown at on a slide (px). */
export interface Diagram {
  svg: string;
  width: number;
  height: number;
  /** Shown height (px) below which its labels would be smaller than the legible floor. */
  minHeight?: number;
}

/** Rows of a display formula: where it may break over lines and slides. */
export interface MathRows {
  /** Environment the rows are set in (`aligned` for a formula broken at its relations). */
  env: string;
  rows: string[];
  /** True when the rows are the formula as written (shown whole, it renders unchanged). */
  asWritten: boolean;
}
