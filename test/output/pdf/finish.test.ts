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

/** The data of each stream in a PDF (page contents, fonts…), as written. */
function streams(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString("latin1");
  return [...text.matchAll(/>>\s*stream\r?\n/g)].map((m) => {
    const from = (m.index as number) + m[0].length;
    return text.slice(from, text.indexOf("endstream", from));
  });
}

/** The structure tree (tags) as poppler reads it. */
function structure(bytes: Uint8Array): string {
  const file = join(dir, `struct-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return spawnSync("pdfinfo", ["-struct-text", file], { encoding: "utf8" }).stdout;
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
<div><h1>page one</h1><ul><li>a <strong>point</strong></li><li>another</li></ul></div>
<div><h2>page two</h2><table><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>2</td></tr></table></div>
<div><h2>page three</h2><p>text <em>and</em> more text</p></div>`,
    );
    raw = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
  }, 60_000);
  afterAll(() => session.close());

  it("writes Chromium's streams as they were and packs the other objects: smaller than what Chromium wrote, tags and text the same", async () => {
    const { bytes, pages } = await finishPdf(raw, INFO, OUTLINE);
    expect(pages).toBe(3);
    const text = Buffer.from(bytes).toString("latin1");
    for (const data of streams(raw)) expect(text.includes(data)).toBe(true);
    expect(bytes.length).toBeLessThan(raw.length);
    expect(structure(raw)).toContain("H1");
    expect(structure(bytes)).toBe(structure(raw));
    for (const n of [1, 2, 3]) expect(pdftext(bytes, n)).toBe(pdftext(raw, n));
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
