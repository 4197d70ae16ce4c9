import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { legibleScale, MIN_TEXT_PX } from "../../src/plan/legible.js";
import { DEFAULT_METRICS } from "../../src/plan/metrics.js";
import { allSlides } from "../helpers.js";

const codeLines = Array.from({ length: 70 }, (_, i) => `    x${i} = compute(${i})`).join("\n");

describe("never scaled below legible text", () => {
  it("shrinks an unsplittable block holding code no further than 16 px code", () => {
    // one list item holding a long code block: the list cannot break inside its only item
    const r = buildDeck(`# A\n\n## B\n\n- Step one:\n\n  \`\`\`python\n${codeLines.replace(/^/gm, "  ")}\n  \`\`\`\n`, { file: "t.md" });
    const slide = allSlides(r).find((s) => s.scale !== undefined);
    expect(slide?.scale).toBeDefined();
    expect((slide?.scale ?? 0) * DEFAULT_METRICS.codeSize).toBeGreaterThanOrEqual(MIN_TEXT_PX - 0.01);
  });

  it("lets prose-only slides shrink to 16 px prose, and images to half size", () => {
    const r = buildDeck("# A\n\n## B\n\nSome text.\n\n![](x.png)\n", { file: "t.md" });
    const slides = allSlides(r).filter((s) => s.kind === "content");
    const prose = { ...slides[0], pieces: slides[0]?.pieces.filter((p) => r.article.blocks[p.block]?.kind === "paragraph") ?? [] };
    expect(legibleScale(prose as (typeof slides)[0], r.article.blocks, DEFAULT_METRICS)).toBeCloseTo(16 / 30);
    const image = { ...slides[0], pieces: slides[0]?.pieces.filter((p) => r.article.blocks[p.block]?.kind === "image") ?? [] };
    expect(legibleScale(image as (typeof slides)[0], r.article.blocks, DEFAULT_METRICS)).toBe(0.5);
  });
});
