import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { sanitizeHtml } from "../../src/render/sanitize.js";
import { bodyOf, contentSections, slidesHtml, textOf, withCode } from "../helpers.js";

describe("void tags that are not allowed", () => {
  it.each(["embed", "frame", "param", "source", "track", "area", "base", "link", "meta", "input", "keygen"])(
    "<%s> goes alone, the rest of its block stays",
    (tag) => {
      const r = buildDeck(`# T\n\n<div>before <${tag} src="x.swf"> after</div>\n\nNext paragraph.\n`, { file: "t.md" });
      const text = textOf(contentSections(r.html).map(bodyOf).join(" "));
      expect(text).toContain("before after");
      expect(text).toContain("Next paragraph.");
      expect(slidesHtml(r.html)).not.toMatch(new RegExp(`<${tag}\\b`, "i"));
      expect(withCode(r.diagnostics, "html-removed")[0]?.message).toContain(`<${tag}>`);
    },
  );

  it("a dropped element with content still takes its content along", () => {
    expect(sanitizeHtml("<div>a <object data=x>fallback</object> b</div>").html).toBe("<div>a  b</div>");
  });
});
