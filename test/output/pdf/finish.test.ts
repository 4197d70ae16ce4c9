/**
 * The PDF's finish (output/pdf/finish): information, language and bookmarks appended to what
 * Chromium printed, as an incremental update — Chromium's bytes are kept as they are — and the
 * same through pdf-lib for a PDF the small reader does not follow.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserSession } from "../../../src/browser/session.js";
import type { OutlineEntry } from "../../../src/output/pdf/bookmarks.js";
import { finishPdf } from "../../../src/output/pdf/finish.js";
import { REPO_ROOT, tempDir } from "../../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const dir = tempDir("lectern-finish-");

/** pdfinfo's fields, and what poppler complained about (a broken cross-reference table, say). */
function pdfinfo(bytes: Uint8Array): { fields: Record<string, string>; complaints: string } {
  const file = join(dir, `info-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const r = spawnSync("pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" });
  const fields = Object.fromEntries([...r.stdout.matchAll(/^(\w[\w ]*?):\s+(.*)$/gm)].map((m) => [m[1], (m[2] as string).trim()]));
  return { fields, complaints: r.stderr };
}

const pdftext = (bytes: Uint8Array, pageNo: number) => {
  const file = join(dir, `text-${pageNo}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return spawnSync("pdftotext", ["-enc", "UTF-8", "-f", String(pageNo), "-l", String(pageNo), file, "-"], { encoding: "utf8" }).stdout;
};

/** The bookmarks as [title, 0-based page, children]. */
async function bookmarks(bytes: Uint8Array): Promise<unknown[]> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((p) => p.ref.toString());
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  const walk = (first: unknown): unknown[] => {
    const found: unknown[] = [];
    for (let ref = first; ref instanceof PDFRef; ) {
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of("Title"));
      const target = item.lookupMaybe(PDFName.of("Dest"), PDFArray)?.get(0);
      const kids = walk(item.get(PDFName.of("First")));
      found.push([
        title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "",
        target instanceof PDFRef ? pages.indexOf(target.toString()) : -1,
        ...(kids.length ? [kids] : []),
      ]);
      ref = item.get(PDFName.of("Next"));
    }
    return found;
  };
  return outlines ? walk(outlines.get(PDFName.of("First"))) : [];
}

/** Every entry of the last cross-reference section points at its object's `n 0 obj`. */
function xrefPointsRight(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1");
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const section = text.slice(start, text.indexOf("trailer", start));
  let ok = section.startsWith("xref");
  for (const m of section.matchAll(/^(\d+) (\d+)\n((?:\d{10} \d{5} [nf] \n)+)/gm)) {
    (m[3] as string).match(/.{20}/g)?.forEach((entry, i) => {
      const at = Number(entry.slice(0, 10));
      if (!text.startsWith(`${Number(m[1]) + i} 0 obj`, at)) ok = false;
    });
  }
  return ok;
}

const INFO = { title: "傅里叶 · Fourier 🎵", author: "Ada (Lovelace)", subject: "Signals \\ systems", lang: "zh-CN" };
const OUTLINE: OutlineEntry[] = [
  { title: "Title", page: 0, children: [] },
  { title: "第一节 (one)", page: 1, children: [{ title: "Sub 🎵", page: 2, children: [] }] },
];
const EXPECTED = [
  ["Title", 0],
  ["第一节 (one)", 1, [["Sub 🎵", 2]]],
];

describe.skipIf(!HAS_BROWSER)("finishing Chromium's PDF (Chromium)", () => {
  const session = createBrowserSession({ timeout: 20_000 });
  let raw: Uint8Array;
  beforeAll(async () => {
    const { page } = await session.newPage();
    await page.setContent(
      `<style>@page { size: 640px 360px; margin: 0 } div { break-before: page; height: 300px }</style>
<div>page one</div><div>page two</div><div>page three</div>`,
    );
    raw = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  }, 60_000);
  afterAll(() => session.close());

  it("appends to Chromium's bytes, which stay as they were, with a cross-reference section that points right", async () => {
    const { bytes, pages } = await finishPdf(raw, INFO, OUTLINE);
    expect(pages).toBe(3);
    expect(Buffer.from(bytes.subarray(0, raw.length)).equals(Buffer.from(raw))).toBe(true);
    expect(bytes.length - raw.length).toBeLessThan(4096);
    expect(xrefPointsRight(bytes)).toBe(true);
  });

  it("has the title, author, subject and creator, and poppler reads it without complaint", async () => {
    const { bytes } = await finishPdf(raw, INFO, OUTLINE);
    const { fields, complaints } = pdfinfo(bytes);
    expect(complaints).toBe("");
    expect(fields.Title).toBe(INFO.title);
    expect(fields.Author).toBe(INFO.author);
    expect(fields.Subject).toBe(INFO.subject);
    expect(fields.Creator).toBe("Lectern");
    expect(fields.Pages).toBe("3");
    expect(pdftext(bytes, 2)).toContain("page two");
  });

  it("has the bookmarks, each opening its page, and the language and window title in the catalog", async () => {
    const { bytes } = await finishPdf(raw, INFO, OUTLINE);
    expect(await bookmarks(bytes)).toEqual(EXPECTED);
    const doc = await PDFDocument.load(bytes);
    expect(doc.catalog.get(PDFName.of("PageMode"))?.toString()).toBe("/UseOutlines");
    expect(doc.catalog.lookup(PDFName.of("Lang"))?.toString()).toBe("(zh-CN)");
    expect(doc.catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict)?.get(PDFName.of("DisplayDocTitle"))?.toString()).toBe("true");
  });

  it("finishes a PDF written otherwise (cross-reference stream) through pdf-lib, with the same result", async () => {
    const other = await (await PDFDocument.load(raw)).save({ useObjectStreams: true });
    const { bytes, pages } = await finishPdf(other, INFO, OUTLINE);
    expect(pages).toBe(3);
    expect(pdfinfo(bytes).fields.Title).toBe(INFO.title);
    expect(await bookmarks(bytes)).toEqual(EXPECTED);
  });
});
