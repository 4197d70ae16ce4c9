import type { SlideMetrics } from "../plan/metrics.js";
import type { DeckMeta, Plan } from "../types.js";
import { escapeHtml as esc } from "../util/html.js";
import { deckScript } from "./deck-script.js";
import type { Pacing } from "./pacing.js";
import { READING_CSS, readingWords } from "./reading-view.js";

/** Files the page links, relative to the deck folder (export/assets copies them there). */
export const ASSET_PATHS = {
  revealCss: "assets/reveal/reveal.css",
  revealJs: "assets/reveal/reveal.js",
  notesJs: "assets/reveal/notes.js",
  katexCss: "assets/katex/katex.min.css",
  fontsCss: "assets/fonts/fonts.css",
  themeCss: "assets/theme.css",
} as const;

/**
 * The page's own rules, whatever the theme: a framed deck fills its iframe; each slide (not
 * a vertical stack, whose overview shows its slides side by side) paints nothing outside its
 * box, so no raw HTML can cover the page around it. Layout and measuring are unchanged:
 * paint containment clips what is drawn, not what is laid out.
 */
const PAGE_CSS = [
  "html.lectern-framed, html.lectern-framed body { height: 100%; margin: 0; overflow: hidden; }",
  "html.lectern-framed .reveal { width: 100%; height: 100%; }",
  ".reveal .slides > section:not(.stack):not(.lectern-stack), .reveal .slides > section > section { contain: paint; }",
].join(" ");

export interface DocumentInput {
  plan: Plan;
  meta: DeckMeta;
  slidesHtml: string;
  metrics: SlideMetrics;
  /** The speaker view's pacing timer, when the article asks for one (render/pacing). */
  pacing?: Pacing | undefined;
  generator: string;
}

/**
 * reveal.js settings: hash navigation, slide numbers, progress, overview, speaker notes, and
 * the speaker view's pacing timer (`totalTime` / `defaultTiming`; each slide's `data-timing`).
 */
export function revealConfig(m: SlideMetrics, pacing?: Pacing): Record<string, unknown> {
  return {
    hash: true,
    slideNumber: "c/t",
    progress: true,
    overview: true,
    controls: true,
    center: false,
    width: m.width,
    height: m.height,
    margin: 0.04,
    transition: "slide",
    pdfMaxPagesPerSlide: 1,
    pdfSeparateFragments: false,
    // a course page can drive a framed deck (and hears its slide changes: deck-script.ts)
    postMessage: true,
    ...(pacing?.totalTime !== undefined && { totalTime: pacing.totalTime }),
    ...(pacing?.defaultTiming !== undefined && { defaultTiming: pacing.defaultTiming }),
    // the reading view (render/reading-view.ts): slides one under the other, no gaps, no snapping
    scrollLayout: "compact",
    scrollSnap: false,
  };
}

/** The whole `index.html` of a deck. */
export function renderDocument({ plan, meta, slidesHtml, metrics, pacing, generator }: DocumentInput): string {
  const config = JSON.stringify(revealConfig(metrics, pacing));
  const reading = { view: JSON.stringify(meta.view ?? null), words: readingWords(plan.lang) };
  const metaTags = [
    `<meta name="generator" content="${esc(generator)}">`,
    meta.author ? `<meta name="author" content="${esc(meta.author)}">` : "",
    meta.subtitle ? `<meta name="description" content="${esc(meta.subtitle)}">` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return `<!doctype html>
<html lang="${esc(plan.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(plan.title)}</title>
${metaTags}
<link rel="stylesheet" href="${ASSET_PATHS.revealCss}">
<link rel="stylesheet" href="${ASSET_PATHS.katexCss}">
<link rel="stylesheet" href="${ASSET_PATHS.fontsCss}">
<link rel="stylesheet" href="${ASSET_PATHS.themeCss}">
<style>${PAGE_CSS} ${READING_CSS}</style>
</head>
<body>
<div class="reveal lectern" role="main">
<div class="slides">
${slidesHtml}
</div>
</div>
<script src="${ASSET_PATHS.revealJs}"></script>
<script src="${ASSET_PATHS.notesJs}"></script>
<script>
${deckScript(config, reading)}
</script>
</body>
</html>
`;
}
