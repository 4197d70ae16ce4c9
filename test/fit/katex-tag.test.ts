/**
 * A numbered display formula (`align`, `\tag`): KaTeX draws its number at the right edge of
 * the formula's box. The number's invisible 2 px strut once stuck out of that box, so the
 * box scrolled by 2 px and the fit took it for a slide too wide: it scaled a half-empty slide
 * (Quarto's demo, "LaTeX Equations") and reported it as overflowing.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../src/browser/session.js";
import { openLaidOut } from "../../src/fit/measure.js";
import { buildFile } from "../../src/index.js";
import { fixture, tempDir } from "../helpers.js";

const session = createBrowserSession();
afterAll(() => session.close());

describe("numbered display formulas", () => {
  const out = tempDir("lectern-katex-tag-");
  const built = buildFile(fixture("fit/tagged-math.md"), { outDir: out }, "tagged", session);

  it("fit their slides unscaled: nothing overflows, nothing is shrunk", async () => {
    const deck = await built;
    expect(deck.fit?.overflowing).toEqual([]);
    expect(deck.fit?.scaled).toBe(0);
  }, 120_000);

  it("do not scroll, and show their numbers inside the slide", async () => {
    await built;
    const { page } = await session.newPage([], [join(out, "tagged")]);
    try {
      await openLaidOut(page, join(out, "tagged", "index.html"), 1280, 720, 30_000);
      const seen = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".katex-display")].map((d) => {
          const tag = d.querySelector(".katex-tag") as HTMLElement;
          const number = (tag.querySelector(".eqn-num") as HTMLElement | null) ?? tag;
          const slide = d.closest("section") as HTMLElement;
          const inner = slide.getBoundingClientRect().right - Number.parseFloat(getComputedStyle(slide).paddingRight);
          return {
            scrolls: d.scrollWidth > d.clientWidth,
            inside: number.getBoundingClientRect().right <= inner + 0.5,
          };
        }),
      );
      expect(seen).toEqual([
        { scrolls: false, inside: true },
        { scrolls: false, inside: true },
      ]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
