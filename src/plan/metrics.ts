/**
 * The slide geometry the planner estimates against. The built-in themes use the same
 * numbers (see themes/README.md); the browser fit step corrects what the estimate misses.
 */
export interface SlideMetrics {
  width: number;
  height: number;
  padX: number;
  padY: number;
  fontSize: number;
  lineHeight: number;
  /** Space below a paragraph, list, table… */
  blockGap: number;
  headingSize: number;
  headingGap: number;
  h3Size: number;
  h4Size: number;
  codeSize: number;
  codeLineHeight: number;
  codePad: number;
  tableSize: number;
  tableCellPadY: number;
  tableCellPadX: number;
  listIndent: number;
  listItemGap: number;
  imageHeight: number;
  /** Share of the content box the estimate may fill (the estimate is not exact). */
  fill: number;
}

export const DEFAULT_METRICS: Readonly<SlideMetrics> = Object.freeze({
  width: 1280,
  height: 720,
  padX: 64,
  padY: 40,
  fontSize: 30,
  lineHeight: 1.5,
  blockGap: 16,
  headingSize: 44,
  headingGap: 20,
  h3Size: 36,
  h4Size: 32,
  codeSize: 22,
  codeLineHeight: 1.35,
  codePad: 16,
  tableSize: 24,
  tableCellPadY: 6,
  tableCellPadX: 12,
  listIndent: 45,
  listItemGap: 8,
  imageHeight: 380,
  fill: 0.94,
});

/** Width of the content box. */
export const contentWidth = (m: SlideMetrics) => m.width - 2 * m.padX;
/** Height available under a content slide's heading. */
export const bodyCapacity = (m: SlideMetrics) => (m.height - 2 * m.padY - (m.headingSize * 1.25 + m.headingGap)) * m.fill;
