import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";

describe("image alt text", () => {
  const article =
    "# Figures\n\n## With and without\n\nText first.\n\n![](https://example.org/plot.png)\n\n![A sine wave of 2 Hz](https://example.org/sine.png)\n";

  it("warns `image-alt-missing` at the image (file:line:column) when an image has no alt text", () => {
    const r = buildDeck(article, { file: "figs.md" });
    const missing = r.diagnostics.filter((d) => d.code === "image-alt-missing");
    expect(missing.map((d) => `${d.file}:${d.line} ${d.severity}`)).toEqual(["figs.md:7 warning"]);
    expect(missing[0]?.message).toContain("https://example.org/plot.png");
    // the image with alt text is not reported, and both images are still on the slide
    expect(r.html).toContain('alt="A sine wave of 2 Hz"');
    expect(r.html).toContain('src="https://example.org/plot.png"');
  });
});
