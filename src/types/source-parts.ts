/** The parts of a source document and its slides that the source stage reads (see SourceDoc and Chunk in pipeline.ts). */

/** Where the lines of an article made from a Jupyter notebook come from in its JSON. */
export interface NotebookOrigin {
  /** The notebook's JSON text. */
  json: string;
  /** One per line of the article's text. */
  lines: LineOrigin[];
}

export interface LineOrigin {
  /** JSON offset the line starts at. */
  offset: number;
  /** The line is a cell's source line, starting at `offset` inside its JSON string (columns can be walked). */
  exact: boolean;
  /** 0-based cell, or -1 for the notebook's own lines (its metadata). */
  cell: number;
  /** 0-based line in the cell's source, or -1 for a line Lectern wrote (a fence, an output). */
  cellLine: number;
}

/** A background image of a slide (Marp `![bg …](…)`, reveal `data-background-image`). */
export interface Background {
  src: string;
  /** CSS `background-size`: `cover` (default), `contain`, `auto`, `50%`… */
  size: string;
  /** CSS `filter` (already checked): `brightness(0.9) blur(5px)`. */
  filter?: string;
  /** 0-based source line and column of the image. */
  line: number;
  column: number;
}

/** How one slide looks beyond its content: what Marp directives and reveal attributes set. */
export interface SlideLook {
  header?: string;
  footer?: string;
  paginate?: boolean;
  /** Class names for the slide (`lead`, `invert`…). */
  class?: string;
  backgroundColor?: string;
  backgroundImage?: string;
  color?: string;
  backgrounds: Background[];
  /** `![bg left:33%]`: the background images take this side, the content the other. */
  split?: { side: "left" | "right"; size: string };
  /** `![bg vertical]`: several backgrounds stack top to bottom (else side by side). */
  vertical?: boolean;
  /** `<style scoped>` CSS of the slide, as written (render/ checks and scopes it). */
  style?: string;
  /** reveal.js `<!-- .slide: -->` attributes that are neither class nor background. */
  attrs?: Record<string, string>;
}
