import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { contentSections } from "../helpers.js";

const fn = (i: number) => `def step_${i}(x):\n    y = x * ${i}\n    z = y + 1\n    return z\n`;
const code = `\`\`\`python\n${Array.from({ length: 8 }, (_, i) => fn(i)).join("\n")}\`\`\``;

describe("code split over slides", () => {
  const r = buildDeck(`# A\n\n## Code\n\n${code}\n\n## Short\n\n\`\`\`python\nx = 1\n\`\`\`\n`, { file: "t.md" });
  const parts = contentSections(r.html).filter((s) => s.includes("step_"));

  it("numbers each part's lines on from where the part before stopped", () => {
    expect(parts.length).toBeGreaterThanOrEqual(2);
    let next = 0;
    for (const part of parts) {
      expect(part).toContain(`style="counter-reset: lectern-line ${next}"`);
      const lines = part.match(/<span class="lectern-line">/g)?.length ?? 0;
      expect(lines).toBeGreaterThan(0);
      next += lines;
    }
    expect(next).toBe(39);
  });

  it("marks every part but the last as going on", () => {
    parts.forEach((part, k) => {
      expect(part.includes("lectern-code-more")).toBe(k < parts.length - 1);
    });
  });

  it("leaves a block shown whole unnumbered", () => {
    const short = contentSections(r.html).find((s) => s.includes("<h2>Short</h2>")) ?? "";
    expect(short).toContain('<pre class="lectern-code">');
    expect(short).not.toContain(`class="lectern-line"`);
  });
});
