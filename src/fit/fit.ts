import { legibleScale } from "../plan/legible.js";
import type { SlideMetrics } from "../plan/metrics.js";
import { planArticle } from "../plan/plan.js";
import type { Article, Block, FitReport, Plan, Slide } from "../types.js";

import type { SlideMeasure } from "./measure.js";
import type { Measurer } from "./measurer.js";

export interface FitInput {
  /** Measures a page in the browser, or from earlier measurements of the same slides (fit/measurer). */
  measurer: Measurer;
  /** The deck's HTML as the plan renders it (already written where the measurer reads it). */
  html: string;
  /** Article with estimated blocks. */
  article: Article;
  plan: Plan;
  metrics: SlideMetrics;
  /** Render a plan to the deck's HTML and write it to `htmlPath`. */
  write(plan: Plan): Promise<string>;
}

const MAX_PASSES = 4;
const CALIBRATE_BELOW = 0.9;
const CALIBRATION_MARGIN = 1.04;
/** Passes that shrink a slide too large at its legible scale (plan/legible) further (it gets an `overflow` warning). */
const BELOW_MIN_PASSES = 3;
/** The smallest scale there is (a 10,000-character formula on one slide). */
const MIN_FACTOR = 0.05;
const TOLERANCE = 1;

const flat = (plan: Plan): Slide[] => plan.stacks.flatMap((s) => s.slides);
const over = (m: SlideMeasure) => m.content > m.limit + TOLERANCE || m.overflowX > TOLERANCE;

function scaleBlock(b: Block, f: number): Block {
  return { ...b, units: b.units.map((u) => ({ ...u, height: u.height * f })), chrome: (b.chrome ?? 0) * f };
}

/** Median of measured / estimated body height over slides with enough content to tell. */
function calibration(plan: Plan, measures: readonly SlideMeasure[]): number {
  const slides = flat(plan);
  const ratios = measures
    .map((m) => ({ m, s: slides[m.slide] }))
    .filter(({ m, s }) => s && s.height > 150 && !s.scale && m.overflowX <= TOLERANCE)
    .map(({ m, s }) => m.body / (s as Slide).height)
    .sort((a, b) => a - b);
  if (ratios.length < 3) return 1;
  return ratios[Math.floor(ratios.length / 2)] as number;
}

/**
 * Scale each overflowing slide's body by what its measure says it lacks (height below the
 * heading, width inside the padding), from the scale it was measured at, not below `floor`.
 */
function rescale(slides: Slide[], measures: readonly SlideMeasure[], metrics: SlideMetrics, floor: (slide: Slide) => number): void {
  for (const m of measures.filter(over)) {
    const slide = slides[m.slide];
    if (!slide) continue;
    const heading = m.content - m.body;
    const vertical = Math.min(1, (m.limit - heading) / Math.max(1, m.body));
    const inner = metrics.width - 2 * metrics.padX;
    const horizontal = m.overflowX > TOLERANCE ? inner / (inner + m.overflowX) : 1;
    const current = slide.scale ?? 1;
    slide.scale = Math.max(floor(slide), MIN_FACTOR, current * Math.min(vertical, horizontal) * 0.98);
  }
}

/**
 * Measure every slide in the browser and re-plan the ones that overflow, with the
 * planner's own rules, until each fits; what cannot be split is scaled down (no text below
 * 16 px, plan/legible). What does not fit even then is reported, and shrunk further all the same: a
 * slide never cuts its content off, on screen or in the PDF printed from this layout.
 * Returns the fitted plan and HTML.
 */
export async function fitDeck(input: FitInput): Promise<{ plan: Plan; html: string; report: FitReport }> {
  const { metrics, measurer } = input;
  let blocks = input.article.blocks;
  let plan = input.plan;
  let html = "";
  const report: FitReport = { measured: 0, replanned: 0, scaled: 0, passes: 0, overflowing: [], inBrowser: 0, reused: 0 };
  let measures = await measurer.measure(input.html);
  report.measured = measures.length;
  // Calibrate: when the estimate runs high across the deck, slides come out half empty.
  // Scale every estimate to what the browser measured, re-plan once, then fix overflows.
  const ratio = calibration(plan, measures);
  if (ratio < CALIBRATE_BELOW) {
    blocks = blocks.map((b) => scaleBlock(b, ratio * CALIBRATION_MARGIN));
    plan = planArticle({ ...input.article, blocks }, metrics, plan.lang);
    html = await input.write(plan);
    measures = await measurer.measure(html);
    report.measured = measures.length;
    report.calibration = Number(ratio.toFixed(3));
  }
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const bad = measures.filter(over);
    if (!bad.length) break;
    const slides = flat(plan);
    const factors = new Map<number, number>();
    for (const m of bad) {
      const slide = slides[m.slide];
      if (!slide?.pieces.length) continue;
      const excess = m.content / Math.max(1, m.limit);
      const ratio = Math.max(1.08, (m.body / Math.max(1, slide.height)) * 1.04, excess * 1.02);
      for (const p of slide.pieces) factors.set(p.block, Math.max(factors.get(p.block) ?? 1, ratio));
    }
    if (!factors.size) break;
    blocks = blocks.map((b, i) => (factors.has(i) ? scaleBlock(b, factors.get(i) as number) : b));
    plan = planArticle({ ...input.article, blocks }, metrics, plan.lang);
    report.replanned += bad.length;
    report.passes = pass;
    html = await input.write(plan);
    measures = await measurer.measure(html);
  }
  // What is still too large could not be split: scale it to fit, down to a readable minimum.
  if (measures.some(over)) {
    rescale(flat(plan), measures, metrics, (slide) => legibleScale(slide, blocks, metrics));
    html = await input.write(plan);
    measures = await measurer.measure(html);
  }
  // Still too large at the legible scale: warn, and shrink it further anyway, so that the slide on
  // screen and its PDF page show all of it rather than cut it at the slide's edge.
  const tooLarge = new Map(measures.filter(over).map((m) => [m.slide, Math.round(Math.max(m.content - m.limit, m.overflowX))]));
  for (let pass = 0; pass < BELOW_MIN_PASSES && measures.some(over); pass++) {
    rescale(flat(plan), measures, metrics, () => 0);
    html = await input.write(plan);
    measures = await measurer.measure(html);
  }
  const slides = flat(plan);
  const still = new Set(measures.filter(over).map((m) => m.slide));
  for (const [index, px] of tooLarge) {
    const slide = slides[index];
    report.overflowing.push({
      line: slide?.line ?? 0,
      title: slide?.title ?? "",
      px,
      scale: still.has(index) ? undefined : slide?.scale,
    });
  }
  // scaled slides: by this pass, or by the planner for a block taller than any slide
  report.scaled = flat(plan).filter((s) => s.scale !== undefined && s.scale < 1).length;
  Object.assign(report, measurer.counts);
  return { plan, html, report };
}
