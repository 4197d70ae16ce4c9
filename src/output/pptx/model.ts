/**
 * What the PPTX writer knows of a laid-out deck: plain data read from the page the fit measured
 * (output/pptx/dom-*.ts), in CSS px of the slide box. Colours are `RRGGBB`, sizes px.
 */

/** A box relative to its slide's top-left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A stretch of text with one look; `math` points into the deck's formulas instead of text. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Monospace (inline code). */
  code?: boolean;
  color?: string;
  size?: number;
  href?: string;
  sup?: boolean;
  sub?: boolean;
  /** A line break (`<br>`, a new line in code) before this run. */
  br?: boolean;
  /** Index into `DeckShapes.maths`. */
  math?: number;
}

export interface Para {
  runs: Run[];
  /** List depth (0: top level); undefined: not a list item. */
  level?: number;
  bullet?: "bullet" | "number";
  /** The number of the first item of an ordered list. */
  start?: number;
  align?: "left" | "center" | "right";
  /** Space above the paragraph, px. */
  before?: number;
}

/** Text: a heading, paragraphs, a list, a display formula, code (monospace). */
export interface TextShape {
  kind: "text";
  box: Box;
  paras: Para[];
  size: number;
  color: string;
  font: string;
  bold: boolean;
  /** Line height over font size. */
  lineHeight: number;
  fill?: string;
  border?: string;
  /** Padding inside the box (top, right, bottom, left), px. */
  pad?: [number, number, number, number];
  code?: boolean;
  valign?: "top" | "middle";
  /** `data-lectern-shot` of its element, when it holds a formula: pictured as the equation's fallback. */
  shot?: number;
}

export interface TableCell {
  paras: Para[];
  fill?: string;
  color: string;
  bold: boolean;
  align: "left" | "center" | "right";
  colspan?: number;
  rowspan?: number;
}

export interface TableShape {
  kind: "table";
  box: Box;
  cols: number[];
  rows: { h: number; cells: TableCell[] }[];
  size: number;
  font: string;
  border: string;
  pad: [number, number];
}

/** An image: a file of the deck (`src`, a file: or data: URL), or a screenshot of element `shot`. */
export interface ImageShape {
  kind: "image";
  box: Box;
  src?: string;
  /** `data-lectern-shot` of the element to screenshot instead. */
  shot?: number;
}

/** A filled rectangle behind content (a quote's background, its rule). */
export interface RectShape {
  kind: "rect";
  box: Box;
  fill: string;
}

export type Shape = TextShape | TableShape | ImageShape | RectShape;

export interface SlideShapes {
  background: string;
  shapes: Shape[];
  notes: string;
}

/** A formula: KaTeX's MathML, its TeX, and the element (`data-lectern-shot`) to picture if it does not convert. */
export interface MathSource {
  mathml: string;
  tex: string;
  display: boolean;
  shot: number;
}

export interface DeckShapes {
  width: number;
  height: number;
  slides: SlideShapes[];
  maths: MathSource[];
  /** The theme's fonts: body (sans), monospace, and the one for East-Asian text. */
  fonts: { sans: string; mono: string; cjk: string };
}
