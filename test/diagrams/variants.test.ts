/**
 * The other ways to draw a diagram, tried when its slide would show the labels small: a
 * flowchart turned (TD ↔ LR) and drawn tighter, a mindmap in larger fonts; a directive goes
 * after the diagram's front matter.
 */
import { describe, expect, it } from "vitest";
import { diagramVariants, withInit } from "../../src/diagrams/variants.js";

describe("diagramVariants", () => {
  it("turns a tall flowchart across the slide, and draws both directions tighter", () => {
    const texts = diagramVariants("graph TD\n  A[one] --> B[two]", 18).map((v) => v.text);
    expect(texts).toHaveLength(3);
    expect(texts.filter((t) => /^graph LR$/m.test(t))).toHaveLength(2);
    expect(texts.filter((t) => /^graph TD$/m.test(t))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('"rankSpacing":20'))).toHaveLength(2);
    for (const t of texts) expect(t).toContain("A[one] --> B[two]");
  });

  it("turns a wide flowchart (flowchart LR) down the slide", () => {
    const texts = diagramVariants("flowchart LR\n  A --> B", 18).map((v) => v.text);
    expect(texts.some((t) => /^flowchart TD$/m.test(t) && !t.includes("%%"))).toBe(true);
  });

  it("draws a mindmap in larger fonts, wrapping its nodes wider to match", () => {
    const variants = diagramVariants("mindmap\n  root((topic))\n    A\n    B", 18);
    expect(variants.map((v) => v.fontPx)).toEqual([24, 28, 32]);
    expect(variants[1]?.text).toContain('"fontSize":"28px"');
    expect(variants[1]?.text).toContain('"maxNodeWidth":392');
  });

  it("has none for a diagram drawn one way only", () => {
    expect(diagramVariants("sequenceDiagram\n  A->>B: hi", 18)).toEqual([]);
    expect(diagramVariants("graph BT\n  A --> B", 18)).toEqual([]);
  });
});

describe("withInit", () => {
  it("puts the directive first, or after the diagram's front matter", () => {
    expect(withInit("graph TD\n  A", { a: 1 })).toBe('%%{init: {"a":1}}%%\ngraph TD\n  A');
    expect(withInit("---\ntitle: T\n---\ngraph TD\n  A", { a: 1 })).toBe('---\ntitle: T\n---\n%%{init: {"a":1}}%%\ngraph TD\n  A');
  });
});
