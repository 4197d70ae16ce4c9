/** The truncation check: an article whose last sentence stops mid-way looks cut off. */
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { withCode } from "../helpers.js";

const truncated = (text: string) => withCode(buildDeck(text, { file: "t.md" }).diagnostics, "truncated");
const ARTICLE = "# Title\n\n## Part\n\nSome text first.\n\n";

describe("checkTruncation", () => {
  it("does not call an article truncated when an inline formula closes its last sentence", () => {
    for (const end of ["It is ok $x$", "It is ok $x$\n", "Then $a + b = c$  \n", "So $$\\sum_i x_i$$", "中文 $x^2$"]) {
      expect(truncated(`${ARTICLE}${end}`), JSON.stringify(end)).toEqual([]);
    }
  });

  it("still calls an article truncated when it stops mid-sentence, after a formula or an empty one", () => {
    for (const end of ["With $x$ we get the", "The cost is $5 and", "We find $", "We find $ $"]) {
      expect(truncated(`${ARTICLE}${end}\n`), JSON.stringify(end)).toHaveLength(1);
    }
  });
});
