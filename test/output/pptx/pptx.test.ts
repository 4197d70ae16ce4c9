import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCli } from "../../../src/cli/args.js";
import { buildFile, type DeckOutput } from "../../../src/index.js";
import { fixture, tempDir } from "../../helpers.js";

/** The slides' XML in slide order, and the notes' XML, of a written .pptx. */
async function pptxParts(path: string): Promise<{ slides: string[]; notes: string[]; names: string[] }> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const names = Object.keys(zip.files);
  const read = async (re: RegExp) => {
    const files = names.filter((n) => re.test(n)).sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
    return Promise.all(files.map((n) => (zip.file(n) as JSZip.JSZipObject).async("string")));
  };
  return { slides: await read(/^ppt\/slides\/slide\d+\.xml$/), notes: await read(/^ppt\/notesSlides\/notesSlide\d+\.xml$/), names };
}

const texts = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join("");

describe("--pptx: an editable PowerPoint file from the laid-out deck", () => {
  let deck: DeckOutput;
  let parts: Awaited<ReturnType<typeof pptxParts>>;
  // the last such slide: the agenda names every section first
  const slideWith = (text: string) => parts.slides.findLast((s) => texts(s).includes(text)) ?? "";

  beforeAll(async () => {
    deck = await buildFile(fixture("pptx/deck.md"), { outDir: tempDir(), pptx: true });
    parts = await pptxParts(join(deck.dir, "deck.pptx"));
  }, 120_000);

  it("writes <deck>/<deck>.pptx with one slide per Lectern slide", () => {
    expect(deck.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(existsSync(join(deck.dir, "deck.pptx"))).toBe(true);
    expect(deck.pptx?.path).toBe(join(deck.dir, "deck.pptx"));
    expect(parts.slides).toHaveLength(deck.slides);
    expect(deck.pptx?.slides).toBe(deck.slides);
  });

  it("keeps text as native runs: bold, italic, code in the monospace font, links, East-Asian text in the CJK font", () => {
    const xml = slideWith("混在一起");
    expect(xml).toMatch(/<a:rPr [^>]*b="1"[^>]*>(?:(?!<\/a:r>).)*<a:t>粗体<\/a:t>/s);
    // Chinese emphasis as the theme shows it: in the accent colour, not slanted (--lectern-em)
    expect(xml).toMatch(/<a:srgbClr val="1D4ED8"\/>(?:(?!<\/a:r>).)*<a:t>斜体<\/a:t>/s);
    expect(xml).toMatch(
      /<a:latin typeface="DejaVu Sans Mono"[^>]*\/><a:ea typeface="Noto Sans SC"(?:(?!<\/a:r>).)*<a:t>inline_code<\/a:t>/s,
    );
    expect(xml).toContain('lang="zh-CN" altLang="en-US"');
    expect(parts.names.some((n) => n.startsWith("ppt/slides/_rels/"))).toBe(true);
    expect(xml).toContain("<a:hlinkClick");
    // one paragraph-properties element per paragraph (pptxgenjs repeats it per run: PowerPoint calls that damage)
    for (const s of parts.slides)
      for (const p of s.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? []) expect(p.match(/<a:pPr\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it("makes list items bullet paragraphs, nested items one level deeper", () => {
    const xml = slideWith("嵌套的第二层");
    const para = (text: string) => (xml.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? []).find((p) => texts(p) === text) ?? "";
    expect(para("第一项")).toContain("<a:buChar");
    expect(para("第一项")).not.toContain('lvl="1"');
    expect(para("嵌套的第二层")).toContain('lvl="1"');
  });

  it("writes the table as a native table with its header row and measured column widths", () => {
    const xml = slideWith("alpha");
    expect(xml).toContain("<a:tbl>");
    expect(xml.match(/<a:tr /g)).toHaveLength(3);
    expect(texts(xml)).toContain("名称数值");
    const widths = [...xml.matchAll(/<a:gridCol w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths.every((w) => w > 100_000)).toBe(true);
  });

  it("writes code in the monospace font with the highlight colours as runs", () => {
    const xml = slideWith("def");
    const colours = new Set(
      [...xml.matchAll(/<a:srgbClr val="([0-9A-F]{6})"\/><\/a:solidFill><a:latin typeface="DejaVu Sans Mono"/g)].map((m) => m[1]),
    );
    expect(colours.size).toBeGreaterThanOrEqual(3);
  });

  it("writes formulas as Office equations (m:oMath), the display one as a math paragraph", () => {
    const xml = slideWith("行内公式");
    expect(xml.match(/<m:oMath\b/g)?.length).toBe(3);
    // XML knows five named entities only (KaTeX's spaces came out of the converter as `&nbsp;`)
    expect(xml.match(/&(?!amp;|lt;|gt;|quot;|apos;|#)[a-zA-Z0-9]+;/g)).toBeNull();
    expect(xml).toContain("<m:oMathPara");
    expect(xml).toContain("<m:f>"); // \frac as a fraction
    expect(xml).toContain("<mc:Fallback>");
    expect(deck.pptx?.equations).toBe(3);
    expect(deck.pptx?.pictured).toBe(0);
  });

  it("gives each equation its shape as the browser drew it (a picture) for readers without Office Math", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(deck.dir, "deck.pptx")));
    const index = parts.slides.findLastIndex((s) => texts(s).includes("行内公式"));
    const fallbacks = [...(parts.slides[index] ?? "").matchAll(/<mc:Fallback>([\s\S]*?)<\/mc:Fallback>/g)].map((m) => m[1] ?? "");
    expect(fallbacks.length).toBeGreaterThan(0);
    const rels = (await zip.file(`ppt/slides/_rels/slide${index + 1}.xml.rels`)?.async("string")) ?? "";
    for (const f of fallbacks) {
      // no TeX shown instead of the formula, and the shape's place kept
      expect(texts(f)).toBe("");
      expect(f).toMatch(/<a:xfrm>.*<a:ext cx="\d+" cy="\d+"\/>/s);
      const id = /<a:blip r:embed="([^"]+)"\/>/.exec(f)?.[1] ?? "";
      const target = new RegExp(`Id="${id}" Type="[^"]+/image" Target="\\.\\./media/([^"]+\\.png)"`).exec(rels)?.[1] ?? "";
      const png = await zip.file(`ppt/media/${target}`)?.async("nodebuffer");
      // a PNG with the shape's picture in it (its signature, and more than an empty image)
      expect(png?.subarray(1, 4).toString()).toBe("PNG");
      expect(png?.length ?? 0).toBeGreaterThan(500);
    }
  });

  it("embeds images and writes speaker notes as notes", () => {
    expect(parts.names.some((n) => /^ppt\/media\/.+\.png$/.test(n))).toBe(true);
    expect(slideWith("图片")).toContain("<p:pic>");
    expect(parts.notes.some((n) => texts(n).includes("讲者备注：先讲列表。"))).toBe(true);
  });
});

describe("--pptx on the command line", () => {
  it("is a build flag", () => {
    expect(parseCli(["build", "a.md", "--pptx"]).pptx).toBe(true);
    expect(parseCli(["build", "a.md"]).pptx).toBe(false);
  });
});
