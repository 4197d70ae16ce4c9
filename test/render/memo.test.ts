/**
 * What a deck's renders share (render/memo): highlighted code and KaTeX's HTML of earlier builds
 * (serve's rebuilds, the fit's re-renders). A build that borrows from an earlier one is byte for
 * byte the build made afresh, also when formulas define macros (`\gdef`), tag equations, or use
 * environments that set macros of their own, and when the article's own macros change.
 */
import { describe, expect, it } from "vitest";
import { buildResolved, renderPlan } from "../../src/build.js";
import { resolveOptions } from "../../src/config/options.js";
import { createDiagnostics } from "../../src/diagnostics/collect.js";
import { renderMemo } from "../../src/render/memo.js";

const FENCE = "```";

function article(version: number, macro = "x"): string {
  return `---
macros:
  "\\\\R": "\\\\mathbb{${macro === "x" ? "R" : "C"}}"
---
# Memo ${version}

## Definitions

Define $\\gdef\\va{${version}}\\va$ and use it: $\\va + \\va$, in $\\R$.

$$\\begin{aligned} a &= \\va \\\\ b &= 2 \\end{aligned} \\tag{${version}}$$

$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$

## Code

${FENCE}python
def f(x):
    return x * ${version % 2 ? 2 : 2}
${FENCE}

${FENCE}rust
fn main() { println!("{}", ${version}); }
${FENCE}

## After

Still $\\va$, and $\\def\\local{L}\\local$ then $\\sum_{k=1}^{n} k$ again, with $\\R$.
`;
}

const opts = resolveOptions({ file: "/tmp/memo-test/talk.md" });

describe("the render memo", () => {
  it("gives the deck a fresh build gives, rebuild after rebuild, macros changing", () => {
    const memo = renderMemo();
    const edits = [article(1), article(2), article(2, "y"), article(3), article(1)];
    for (const text of edits) {
      const borrowed = buildResolved(text, opts, memo);
      const fresh = buildResolved(text, opts);
      expect(borrowed.html).toBe(fresh.html);
      expect(borrowed.diagnostics).toEqual(fresh.diagnostics);
      // the fit's re-render of the same plan
      const again = renderPlan(borrowed.article, borrowed.plan, opts, createDiagnostics(opts.file), undefined, memo);
      expect(again).toBe(fresh.html);
    }
  });

  it("shows each build's own \\gdef value, not the one a previous build rendered", () => {
    const memo = renderMemo();
    buildResolved(article(1), opts, memo);
    const second = buildResolved(article(2), opts, memo);
    expect(second.html).toBe(buildResolved(article(2), opts).html);
    expect(second.html).not.toBe(buildResolved(article(1), opts).html);
  });
});
