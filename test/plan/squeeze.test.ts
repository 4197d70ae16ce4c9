/**
 * A lead-in before a diagram shown at a slide's full height ("…之间的联系：" and its flowchart,
 * zen-llm-os): the two share a slide, its body scaled a little, while the diagram's labels
 * stay at 16 px at least; a diagram that cannot shrink that far goes on as before.
 */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { createDiagnostics } from "../../src/diagnostics/collect.js";
import { diagramBlocks, withDiagrams } from "../../src/diagrams/apply.js";
import { MIN_TEXT_PX } from "../../src/plan/legible.js";
import { DEFAULT_METRICS } from "../../src/plan/metrics.js";
import { planArticle } from "../../src/plan/plan.js";
import type { Slide } from "../../src/types.js";

const m = DEFAULT_METRICS;
const TEXT =
  "# A\n\n## Concepts\n\nSome words before.\n\n### How they relate\n\nThe flowchart below shows how these ideas connect:\n\n```mermaid\ngraph TB\n  A --> B\n```\n\nAfter the diagram.\n";

/** The deck planned with the diagram drawn at natural size `width`×`height` (labels 18 px). */
function planned(width: number, height: number) {
  const { article } = buildDeck(TEXT, { file: "t.md" });
  const blocks = diagramBlocks(article);
  const outcome = { ok: true as const, svg: `<svg viewBox="0 0 ${width} ${height}"></svg>`, width, height, fontPx: 18 };
  const drawn = withDiagrams(article, blocks, [outcome], m, createDiagnostics("t.md")).article;
  const slides = planArticle(drawn, m, "en").stacks.flatMap((s) => s.slides);
  const at = (needle: string) => slides.findIndex((s) => s.pieces.some((p) => drawn.blocks[p.block]?.text.includes(needle)));
  const diagramAt = slides.findIndex((s) => s.pieces.some((p) => drawn.blocks[p.block]?.diagram));
  const diagram = drawn.blocks.find((b) => b.diagram)?.diagram;
  return { slides, at, diagramAt, diagram };
}

describe("a lead-in before a diagram as tall as a slide's body", () => {
  it("shares the diagram's slide (with its heading), the slide scaled so the labels stay legible", () => {
    const { slides, at, diagramAt, diagram } = planned(660, 500);
    expect(at("The flowchart below")).toBe(diagramAt);
    const slide = slides[diagramAt] as Slide;
    expect(slide.title).toBe("How they relate");
    expect(slide.scale).toBeLessThan(1);
    // labels drawn at 18 px: shown at 18 × (shown height / natural height) × the slide's scale
    const labels = (18 * (diagram?.height ?? 0) * (slide.scale ?? 1)) / 500;
    expect(labels).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  });

  it("does not scale a diagram whose labels would fall below 16 px: it keeps a slide of its own", () => {
    // shown at the body's height, its labels are about 17 px: too little room to shrink
    const { slides, at, diagramAt, diagram } = planned(400, 560);
    expect(at("The flowchart below")).toBe(diagramAt - 1);
    const labels = (18 * (diagram?.height ?? 0) * (slides[diagramAt]?.scale ?? 1)) / 560;
    expect(labels).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  });
});
