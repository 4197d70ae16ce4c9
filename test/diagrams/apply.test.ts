/**
 * Rendered diagrams go on their blocks at the size a slide shows them at (never wider than the
 * slide, never taller than its body: scaled, not cut), as one piece; a failed one is a
 * `diagram-invalid` warning at the line mermaid names, counted from the fence.
 */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { createDiagnostics } from "../../src/diagnostics/collect.js";
import { diagramBlocks, diagramBox, withDiagrams } from "../../src/diagrams/apply.js";
import { MERMAID_FONT_PX } from "../../src/diagrams/mermaid.js";
import { bodyCapacity, contentWidth, DEFAULT_METRICS } from "../../src/plan/metrics.js";

const m = DEFAULT_METRICS;
const ARTICLE =
  "# T\n\n## Flow\n\n```mermaid\ngraph LR\n  A --> B\n```\n\n```js\nlet x = 1;\n```\n\n```mermaid {scale: 0.5}\ngraph TD\n  C --> D\n```\n";

describe("diagramBox", () => {
  it("fits a tall diagram into a slide's body, keeping its proportions", () => {
    const box = diagramBox(300, 3000, m);
    expect(box.height).toBeLessThanOrEqual(bodyCapacity(m));
    expect(box.width / box.height).toBeCloseTo(0.1, 2);
  });
  it("fits a wide one into the slide's width", () => {
    const box = diagramBox(5000, 200, m);
    expect(box.width).toBeLessThanOrEqual(contentWidth(m));
  });
  it("grows a small one only until its labels are near the deck's text size", () => {
    const box = diagramBox(100, 50, m);
    expect(box.width).toBe(Math.floor((100 * m.fontSize * 0.75) / MERMAID_FONT_PX));
  });
});

describe("withDiagrams", () => {
  const article = buildDeck(ARTICLE, { file: "a.md" }).article;
  const blocks = diagramBlocks(article);

  it("finds the diagram fences (an info string after the language too), not other code", () => {
    expect(blocks.map((b) => ({ line: b.line, text: b.text }))).toEqual([
      { line: 4, text: "graph LR\n  A --> B" },
      { line: 13, text: "graph TD\n  C --> D" },
    ]);
    expect(new Set(blocks.map((b) => b.id)).size).toBe(2);
  });

  it("puts each drawn diagram on its block as one piece of its shown height; a failed one warns at its line (line 2 of the fence at 0-based line 13: line 16)", () => {
    const diags = createDiagnostics("a.md");
    const outcomes = [
      { ok: true as const, svg: "<svg viewBox='0 0 400 3000'></svg>", width: 400, height: 3000 },
      { ok: false as const, message: "expecting 'SQE'", line: 2 },
    ];
    const { article: next, drawn } = withDiagrams(article, blocks, outcomes, m, diags);
    expect(drawn).toBe(1);
    const first = next.blocks[blocks[0]?.index as number];
    expect(first?.diagram?.height).toBeLessThanOrEqual(bodyCapacity(m));
    expect(first?.units).toEqual([{ line: 4, height: first?.diagram?.height }]);
    expect(next.blocks[blocks[1]?.index as number]?.diagram).toBeUndefined();
    expect(diags.list.map((d) => [d.code, d.severity, d.line])).toEqual([["diagram-invalid", "warning", 16]]);
  });
});
