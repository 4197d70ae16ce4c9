/**
 * The PDF is tagged: a structure tree (slide titles as headings, lists, tables, figures with
 * their alt text), the deck's language, and its title shown instead of the file name.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFile } from "../../src/index.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

describe("tagged PDF", () => {
  let pdf: string;
  beforeAll(async () => {
    const deck = await buildFile(join(REPO_ROOT, "slides", "lectern-sample.md"), { outDir: tempDir(), fit: false, pdf: true });
    pdf = join(deck.dir, "lectern-sample.pdf");
  }, 120_000);

  it("has a structure tree with the slide titles as headings, in slide order", () => {
    expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/^Tagged:\s+yes$/m);
    const tree = execFileSync("pdfinfo", ["-struct-text", pdf], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const headings = [...tree.matchAll(/^\s*(H[12]) \(block\)\n(?:\s*NonStruct\n)?\s*"([^"]*)"/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings[0]).toBe("H1 傅里叶变换与信号处理入门");
    expect(headings).toContain("H2 目录");
    expect(headings.length).toBeGreaterThan(30);
    expect(tree).toMatch(/^\s*Table \(block\)/m);
  }, 60_000); // pdfinfo reads the whole structure tree: seconds on a loaded machine

  it("declares its language, shows its title, and gives its figures their alt text", async () => {
    const doc = await PDFDocument.load(readFileSync(pdf));
    const cat = doc.catalog;
    expect(String(cat.get(PDFName.of("Lang")))).toBe("(zh-CN)");
    expect(String(cat.lookup(PDFName.of("ViewerPreferences"), PDFDict).get(PDFName.of("DisplayDocTitle")))).toBe("true");
    expect(String(cat.lookup(PDFName.of("MarkInfo"), PDFDict).get(PDFName.of("Marked")))).toBe("true");
    const alts = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && String(o.get(PDFName.of("S"))) === "/Figure" && o.has(PDFName.of("Alt")))
      .map((o) => String(o.get(PDFName.of("Alt"))));
    expect(alts.length).toBeGreaterThan(0);
  });
});

describe("tagged PDF of a deck in two languages", () => {
  it("carries the `lang` of an English paragraph and an English slide of a Chinese deck as the structure's /Lang", async () => {
    const deck = await buildFile(join(REPO_ROOT, "test", "fixtures", "lang", "mixed-zh.md"), { outDir: tempDir(), fit: false, pdf: true });
    const doc = await PDFDocument.load(readFileSync(join(deck.dir, "mixed-zh.pdf")));
    expect(String(doc.catalog.get(PDFName.of("Lang")))).toBe("(zh-CN)");
    const langs = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && String(o.get(PDFName.of("Type"))) === "/StructElem" && o.has(PDFName.of("Lang")))
      .map((o) => `${String(o.get(PDFName.of("S")))} ${String(o.get(PDFName.of("Lang")))}`);
    // Chromium tags from the DOM: the paragraph's `lang` and the slide's (a NonStruct group)
    expect(langs).toContain("/P (en)");
    expect(langs.filter((l) => l.endsWith("(en)")).length).toBeGreaterThanOrEqual(2);
    expect(langs.filter((l) => !/\((en|zh-CN)\)$/.test(l))).toEqual([]);
  }, 120_000);
});
