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

describe("style attributes: allowed properties with allowed value forms", () => {
  const styleOf = (html: string) => /style="([^"]*)"/.exec(sanitizeHtml(html).html)?.[1];

  it.each([
    ["color: red", "color: red"],
    ["color:#1a2b3c;font-weight:bold", "color: #1a2b3c; font-weight: bold"],
    ["background-color: rgb(255 0 0 / 50%)", "background-color: rgb(255 0 0 / 50%)"],
    ["color: hsl(210, 40%, 30%)", "color: hsl(210, 40%, 30%)"],
    ["width: calc(100% - 2em)", "width: calc(100% - 2em)"],
    ["width: calc(100% / 3)", "width: calc(100% / 3)"],
    ["grid-template-columns: repeat(3, minmax(0, 1fr))", "grid-template-columns: repeat(3, minmax(0, 1fr))"],
    ["margin: 0 auto; padding: 4px 8px", "margin: 0 auto; padding: 4px 8px"],
    ["margin-top: -0.5em; vertical-align: -2px", "margin-top: -0.5em; vertical-align: -2px"],
    ["border: 1px solid #ccc; border-radius: 4px", "border: 1px solid #ccc; border-radius: 4px"],
    ["line-height: 1.4; opacity: .8; flex: 1 1 0", "line-height: 1.4; opacity: .8; flex: 1 1 0"],
    ["font-size: 120% !important", "font-size: 120% !important"],
  ])("keeps %s", (style, kept) => {
    expect(styleOf(`<div style="${style}">x</div>`)).toBe(kept);
    expect(sanitizeHtml(`<div style="${style}">x</div>`).removed).toEqual([]);
  });

  it.each([
    "list-style: image-set('https://example.com/a.png' 1x)",
    "list-style: image-set(&quot;https://example.com/a.png&quot; 1x)",
    "list-style: -webkit-image-set(url(https://example.com/a.png) 1x)",
    "list-style: url(https://example.com/a.png)",
    "list-style: u&#x72;l(https://example.com/a.png)",
    "list-style: url&lpar;https://example.com/a.png)",
    "color: var(--lectern-bg)",
    "width: 20000px",
    "margin: -5000px",
    "margin-left: -5000px",
    "width: 1e9px",
    "width: calc(3000px * 1000)",
    "width: calc(3000px / 0.001)",
    "padding: -4px",
    "color: red; /* x */",
    "color: attr(title)",
    "display: block&#59; position: fixed",
    "color: \\72 ed",
    "font-size: 9999em",
  ])("removes %s", (style) => {
    const r = sanitizeHtml(`<div style="${style}">x</div>`);
    expect(r.html).not.toMatch(/url|image-set|var\(|attr\(|20000|5000|position|\\|1e9|9999/i);
    expect(r.removed).toContain("style");
  });

  it("keeps the good declarations beside a bad one", () => {
    expect(styleOf('<span style="color: red; width: 20000px; font-style: italic">x</span>')).toBe("color: red; font-style: italic");
  });
});

describe("a deck whose raw HTML styles try to load or spill", () => {
  it("has no style that loads anything or throws content far off the slide", () => {
    const r = buildDeck(
      "# T\n\n## S\n\n<ul style=\"list-style: image-set('https://example.com/a.png' 1x)\"><li>item</li></ul>\n\n" +
        '<div style="margin:-5000px; width:20000px; color: red">cover</div>\n',
      { file: "t.md" },
    );
    const styles = [...slidesHtml(r.html).matchAll(/style="([^"]*)"/g)].map((m) => m[1]);
    expect(styles).toEqual(["color: red"]);
    expect(textOf(contentSections(r.html).map(bodyOf).join(" "))).toBe("item cover");
    expect(withCode(r.diagnostics, "html-removed").length).toBe(2);
  });
});

/**
 * The filter is `xss` (tag by tag) with Lectern's own hooks; each case here is one where
 * `xss` alone, or a tree sanitizer such as sanitize-html, would change what the author wrote.
 */
describe("raw HTML as markdown-it hands it over: one block or one tag at a time", () => {
  it("keeps a wrapper's lone opening and closing tags as they are (a tree sanitizer would close or drop them)", () => {
    expect(sanitizeHtml('<div class="columns">\n<div>\n').html).toBe('<div class="columns">\n<div>\n');
    expect(sanitizeHtml("</div>\n</div>\n").html).toBe("</div>\n</div>\n");
    const r = buildDeck('# T\n\n## S\n\n<div class="columns">\n\n- left\n- right\n\n</div>\n', { file: "t.md" });
    expect(slidesHtml(r.html)).toMatch(/<div class="columns">\s*<ul>\s*<li>left<\/li>\s*<li>right<\/li>\s*<\/ul>\s*<\/div>/);
    expect(withCode(r.diagnostics, "html-removed")).toEqual([]);
  });

  it("drops an unclosed <style> or <script> with the rest of its piece, leaving no marker", () => {
    expect(sanitizeHtml("<style>p { color: red }").html).toBe("");
    expect(sanitizeHtml("<p>a</p><script>alert(1)\n").html).toBe("<p>a</p>");
  });

  it("reads a tag cut off by the end of the piece as text, not as another tag", () => {
    expect(sanitizeHtml("<div>line<br").html).toBe("<div>line&lt;br");
  });

  it("keeps a `<` that starts no tag as text", () => {
    expect(sanitizeHtml("<div>x < 3 and y > 2</div>").html).toBe("<div>x &lt; 3 and y &gt; 2</div>");
  });

  it("keeps relative image and link URLs", () => {
    expect(sanitizeHtml('<img src="img/a.png" alt="A"><a href="notes.html#x">n</a>').html).toBe(
      '<img src="img/a.png" alt="A"><a href="notes.html#x">n</a>',
    );
  });

  it("writes a self-closed non-void tag as an empty element", () => {
    expect(sanitizeHtml('<div class="sp"/><br/>').html).toBe('<div class="sp"></div><br>');
  });

  it("names a removed attribute as written (`@click=`, `:enter=`)", () => {
    expect(sanitizeHtml('<div @click="go" :enter="x">a</div>').removed).toEqual(["@click=", ":enter="]);
  });

  it("filters a tag with 20,000 attributes in linear time (xss's own attribute parser is quadratic: 36 s)", () => {
    const t0 = performance.now();
    const { html, removed } = sanitizeHtml(`<div ${'a="b" '.repeat(20_000)}class="k">x</div>`);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(html).toBe('<div class="k">x</div>');
    expect(removed).toEqual(["a="]);
  });
});
