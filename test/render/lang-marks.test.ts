/**
 * `lang` where the text's language changes: the DOM of built decks, read in the browser.
 * A mixed zh/en fixture gets `lang="en"` on its English paragraph, slide and notes and none
 * on Chinese text naming an acronym, code or formulas; the reverse in an English deck; and a
 * Chinese corpus chapter gets no `lang="en"` on its ordinary paragraphs.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../../src/browser/session.js";
import { buildDeck } from "../../src/build.js";
import { CORPUS, readFixture } from "../helpers.js";

interface Marked {
  tag: string;
  lang: string;
  text: string;
}

/** Every element of the slides with a `lang` of its own, and the text of each paragraph and its language as the browser resolves it. */
async function langsOf(page: Page, html: string): Promise<{ marked: Marked[]; paragraphs: { text: string; lang: string }[] }> {
  await page.setContent(html, { waitUntil: "domcontentloaded" });
  return page.evaluate(() => {
    const text = (el: Element) => (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
    const marked = [...document.querySelectorAll(".reveal .slides [lang]")].map((el) => ({
      tag: el.tagName.toLowerCase(),
      lang: el.getAttribute("lang") ?? "",
      text: text(el),
    }));
    const paragraphs = [...document.querySelectorAll(".reveal .slides section .lectern-body > p")].map((p) => ({
      text: text(p),
      lang: p.closest("[lang]")?.getAttribute("lang") ?? "",
    }));
    return { marked, paragraphs };
  });
}

describe("lang where the language changes", () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = createBrowserSession();
    ({ page } = await session.newPage());
    await page.setJavaScriptEnabled(false);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it("marks English blocks, slides and notes in a Chinese deck, and nothing else", async () => {
    const r = buildDeck(readFixture("lang/mixed-zh.md"), { file: "mixed-zh.md" });
    const { marked, paragraphs } = await langsOf(page, r.html);
    const lang = (start: string) => paragraphs.find((p) => p.text.startsWith(start))?.lang;
    // the English paragraph, on a slide that is otherwise Chinese
    expect(lang("The quick brown fox")).toBe("en");
    expect(marked).toContainEqual({ tag: "p", lang: "en", text: expect.stringMatching(/^The quick brown fox/) });
    // a Chinese paragraph naming GPU and CUDA, or with a formula and inline code, stays the deck's
    expect(lang("这一段主要是中文")).toBe("zh-CN");
    expect(lang("我们用")).toBe("zh-CN");
    // a slide that is all English carries the language itself, not each of its blocks
    expect(marked).toContainEqual({ tag: "section", lang: "en", text: expect.stringMatching(/^An English slide/) });
    expect(marked.filter((m) => /^(Every word|first point)/.test(m.text))).toEqual([]);
    // English speaker notes on a Chinese slide
    expect(marked).toContainEqual({ tag: "aside", lang: "en", text: expect.stringMatching(/^The speaker says/) });
    // code and formulas are never marked
    expect(marked.filter((m) => m.tag === "pre" || m.tag === "div" || /this code comment|loss/.test(m.text))).toEqual([]);
    // the Chinese headings and slides are not marked
    expect(marked.map((m) => m.lang).filter((l) => l !== "en")).toEqual([]);
    expect(marked).toHaveLength(3);
  }, 60_000);

  it("marks a Chinese paragraph in an English deck, and not English text quoting a Chinese term", async () => {
    const r = buildDeck(readFixture("lang/mixed-en.md"), { file: "mixed-en.md" });
    const { marked, paragraphs } = await langsOf(page, r.html);
    expect(marked).toEqual([{ tag: "p", lang: "zh", text: "学而不思则罔，思而不学则殆。" }]);
    expect(paragraphs.find((p) => p.text.startsWith("A paragraph about"))?.lang).toBe("en");
  }, 60_000);

  const chapter = join(CORPUS, "zh", "d2l-zh-convexity.md");
  it.runIf(existsSync(chapter))(
    'gives a Chinese corpus chapter no lang="en" on its ordinary paragraphs',
    async () => {
      const r = buildDeck(readFileSync(chapter), { file: chapter });
      const { marked, paragraphs } = await langsOf(page, r.html);
      expect(paragraphs.length).toBeGreaterThan(20);
      const english = paragraphs.filter((p) => p.lang === "en");
      // what is marked English must read as English: mostly Latin words, hardly any Han
      for (const p of english) expect(p.text.match(/\p{Script=Han}/gu)?.length ?? 0, p.text).toBeLessThan(4);
      expect(english.length, JSON.stringify(english)).toBeLessThan(paragraphs.length * 0.05);
      expect(marked.filter((m) => m.tag === "section").map((m) => m.text)).toEqual([]);
    },
    120_000,
  );

  const hardware = join(CORPUS, "zh", "d2l-zh-hardware.md");
  it.runIf(existsSync(hardware))(
    "marks an English table's rows in a Chinese chapter, and leaves its Chinese caption Chinese",
    async () => {
      const r = buildDeck(readFileSync(hardware), { file: hardware });
      await page.setContent(r.html, { waitUntil: "domcontentloaded" });
      const tables = await page.evaluate(() =>
        [...document.querySelectorAll(".reveal .slides table")].map((t) => ({
          caption: t.querySelector("caption")?.closest("[lang]")?.getAttribute("lang"),
          cell: t.querySelector("tbody td")?.closest("[lang]")?.getAttribute("lang"),
          first: t.querySelector("tbody td")?.textContent,
        })),
      );
      const latency = tables.filter((t) => t.first?.startsWith("L1 cache"));
      expect(latency.length).toBeGreaterThan(0);
      for (const t of latency) expect(t).toMatchObject({ caption: "zh-CN", cell: "en" });
    },
    120_000,
  );
});
