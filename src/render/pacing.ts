import type { Diagnostics } from "../diagnostics/collect.js";
import { isWide } from "../plan/text-width.js";
import { parseDuration } from "../source/duration.js";
import type { Article, Block, Slide } from "../types.js";

/**
 * The speaker view's pacing timer (reveal's notes plugin): seconds per slide, in deck order,
 * for `data-timing`, and the reveal.js setting that turns the timer on. A talk with
 * `duration:` has every slide timed; a deck with only timing comments has those slides
 * timed and the rest at `defaultTiming`.
 */
export interface Pacing {
  timings: (number | undefined)[];
  /** reveal.js `totalTime` (seconds): the talk's length. */
  totalTime?: number;
  /** reveal.js `defaultTiming` (seconds): each slide without its own timing. */
  defaultTiming?: number;
}

/** Seconds for a slide without a timing in a deck without `duration:` (reveal's own example). */
export const DEFAULT_SLIDE_SECONDS = 120;
/** No slide is given less than this, however little it holds. */
const MIN_SLIDE_SECONDS = 5;
/** A title, agenda or section slide against a plain content slide's 1. */
const FIXED_WEIGHT = 0.4;
/** Words (on the slide and in its notes) that weigh as much as one plain content slide. */
const WORDS_PER_WEIGHT = 60;
/** Words a formula or an image counts as; a line of code counts `CODE_LINE_WORDS`. */
const FIGURE_WORDS = 15;
const CODE_LINE_WORDS = 3;

/** `<!-- timing: 90 -->`, Marp-style `<!-- _timing: 90 -->`, alone on its line. */
const TIMING_COMMENT = /^\s{0,3}<!--\s*_?timing\s*:\s*(.*?)\s*-->\s*$/i;

/** Seconds per slide of a plan, or undefined when the article asks for no pacing. */
export function pacingOf(slides: readonly Slide[], article: Article, diags: Diagnostics): Pacing | undefined {
  const explicit = timingComments(slides, article, diags);
  const duration = article.source.meta.duration;
  if (!duration) return explicit.some((t) => t !== undefined) ? { timings: explicit, defaultTiming: DEFAULT_SLIDE_SECONDS } : undefined;
  const fixed = explicit.reduce<number>((sum, t) => sum + (t ?? 0), 0);
  const untimed = slides.map((s, i) => (explicit[i] === undefined ? weightOf(s, article.blocks) : 0));
  const weight = untimed.reduce((a, b) => a + b, 0);
  const rest = duration.seconds - fixed;
  const count = untimed.filter((w) => w > 0).length;
  if (rest < count * MIN_SLIDE_SECONDS) {
    const message = `the slides' timing comments add up to ${fixed} s, leaving ${Math.max(0, rest)} s of the \`duration\` (${duration.seconds} s) for ${count} other slide(s): each gets ${MIN_SLIDE_SECONDS} s`;
    diags.add("warning", "timing-over-duration", message, duration.line, 0);
  }
  const timings = slides.map((_, i) => {
    const own = explicit[i];
    if (own !== undefined) return own;
    const share = weight > 0 ? (rest * (untimed[i] as number)) / weight : 0;
    return Math.max(MIN_SLIDE_SECONDS, Math.round(share));
  });
  return { timings, totalTime: duration.seconds };
}

/**
 * How long a slide takes, against a plain content slide's 1: a title, agenda or section
 * slide 0.4; a content slide 1; either plus 1 per 60 words on it and in its notes (a CJK
 * character half a word, a formula or an image 15 words, a line of code 3).
 */
export function weightOf(slide: Slide, blocks: readonly Block[]): number {
  let words = 0;
  for (const piece of slide.pieces) {
    const block = blocks[piece.block];
    if (!block) continue;
    const share = (piece.to - piece.from) / Math.max(1, block.units.length);
    if (block.kind === "code") words += (piece.to - piece.from) * CODE_LINE_WORDS;
    else if (block.kind === "math" || block.kind === "image") words += FIGURE_WORDS * share;
    else words += wordCount(block.text) * share;
  }
  for (const n of slide.notes) words += wordCount(blocks[n]?.text ?? "");
  return (slide.kind === "content" ? 1 : FIXED_WEIGHT) + words / WORDS_PER_WEIGHT;
}

/** Latin words, plus half a word per CJK character. */
export function wordCount(text: string): number {
  let wide = 0;
  for (const ch of text) if (isWide(ch.codePointAt(0) as number)) wide++;
  const latin = text.match(/[\p{L}\p{N}]+/gu)?.filter((w) => ![...w].some((c) => isWide(c.codePointAt(0) as number))).length ?? 0;
  return latin + wide / 2;
}

/**
 * Each slide's own timing comment, in seconds (a bare number is seconds, as reveal's
 * `data-timing`; `1.5min`, `1:30` work too). A comment belongs to the slide showing the
 * source above it: the last slide that starts at or before its line. Comments inside code
 * or before the body are not timings; a bad value is a warning at its line.
 */
function timingComments(slides: readonly Slide[], article: Article, diags: Diagnostics): (number | undefined)[] {
  const out: (number | undefined)[] = slides.map(() => undefined);
  const { text, bodyLine } = article.source;
  const code = article.blocks.filter((b) => b.kind === "code").map((b) => b.lines);
  const firstHeading = new Map<string, number>();
  for (const b of article.blocks) if (b.kind === "heading" && !firstHeading.has(b.text)) firstHeading.set(b.text, b.lines[0]); // blocks are in source order
  const starts = slides.map((s) => slideStart(s, article, firstHeading));
  text.split("\n").forEach((line, at) => {
    const m = at >= bodyLine ? TIMING_COMMENT.exec(line) : null;
    if (!m || code.some(([from, to]) => at >= from && at < to)) return;
    const seconds = parseDuration(m[1], "s");
    if (seconds === undefined) {
      const message = `timing comment \`${m[1]}\` should be the slide's seconds (\`90\`), \`1.5min\` or \`1:30\`; ignored`;
      diags.add("warning", "timing-invalid", message, at, line.indexOf("<!--"));
      return;
    }
    let slide = -1;
    starts.forEach((start, i) => {
      if (start <= at && (slide < 0 || start > (starts[slide] as number))) slide = i;
    });
    if (slide >= 0) out[slide] = seconds;
  });
  return out;
}

/**
 * The source line a slide starts at, as its author sees it: its heading's line (a slide
 * shows its heading as its title, not as a piece), or in a deck cut by `---` its chunk's.
 */
function slideStart(slide: Slide, article: Article, firstHeading: ReadonlyMap<string, number>): number {
  if (slide.continued) return slide.line;
  const { blocks, chunks, outline } = article;
  let start = slide.line;
  const heading = slide.kind === "content" && slide.title !== undefined ? firstHeading.get(slide.title) : undefined;
  if (heading !== undefined && heading <= slide.line) start = heading;
  const first = slide.pieces[0] ?? (slide.notes[0] !== undefined ? { block: slide.notes[0] } : undefined);
  const chunk = outline.explicit && first ? chunks[blocks[first.block]?.chunk ?? -1] : undefined;
  return chunk ? Math.min(start, chunk.line) : start;
}
