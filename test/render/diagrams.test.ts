/** A diagram block renders as its SVG at its planned size; one not drawn is its code, without an "unknown language" warning. */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { diagramHtml } from "../../src/render/diagrams.js";
import { withCode } from "../helpers.js";

describe("diagrams in the front half", () => {
  it("shows a mermaid fence as code when no browser drew it, with no code-language warning", () => {
    const result = buildDeck("# T\n\n## D\n\n```mermaid\ngraph LR\n  A --> B\n```\n", { file: "a.md" });
    expect(result.html).toContain('class="hljs language-mermaid"');
    expect(result.html).toContain("A --&gt; B");
    expect(withCode(result.diagnostics, "code-language")).toEqual([]);
  });

  it("renders a drawn diagram as inline SVG of its planned size, never wider than the slide", () => {
    const html = diagramHtml({ svg: '<svg id="d1" viewBox="0 0 10 20"><text>x</text></svg>', width: 300, height: 600 });
    expect(html).toBe(
      '<figure class="lectern-diagram" style="margin:0 0 16px;text-align:center"><svg width="300" height="600" style="max-width:100%;height:auto" id="d1" viewBox="0 0 10 20"><text>x</text></svg></figure>\n',
    );
  });
});
