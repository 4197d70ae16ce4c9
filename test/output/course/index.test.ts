/**
 * The course index (`writeCourseIndex`): one page listing every deck in the output folder
 * (from each deck's record), with deep links to each top-level section, styled with the theme,
 * atomic, and with links that are relative (or under `base`) — never a filesystem path.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeBase } from "../../../src/config/base.js";
import { buildPaths, type DeckOutput } from "../../../src/index.js";
import { courseEntry } from "../../../src/output/course/entry.js";
import { INDEX_ASSETS_DIR, writeCourseIndex } from "../../../src/output/course/index.js";
import { CACHE_FILE, type DeckRecord } from "../../../src/output/folder/record.js";
import { THEMES_DIR } from "../../../src/paths.js";
import type { Article, Plan, Section, Slide, Stack } from "../../../src/types.js";
import { fixture, REPO_ROOT, tempDir } from "../../helpers.js";

const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const THEME = join(THEMES_DIR, "default.css");
const out = tempDir("lectern-index-");
const articles = tempDir("lectern-index-src-");

const decodeEntities = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] as string);
/** Every `href` and `src` of a page, entities decoded. */
const links = (html: string) => [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => decodeEntities(m[1] as string));
/** The deck cards of the index page. */
const cards = (html: string) => html.split('<article class="lectern-deck-card"').slice(1);
/** A relative link (query and hash dropped) as a file under `dir`. */
const fileOf = (dir: string, link: string) => join(dir, ...decodeURIComponent(link.replace(/[#?].*$/, "")).split("/"));
const readIndex = () => readFileSync(join(out, "index.html"), "utf8");
const byName = (a: DeckOutput, b: DeckOutput) => a.name.localeCompare(b.name);

describe("writeCourseIndex", () => {
  let decks: DeckOutput[];
  let written: DeckOutput[];

  beforeAll(async () => {
    // a title that needs escaping, an empty article (no deck), a deck cut by `---` (no sections)
    const tricky = join(articles, "tricky.md");
    writeFileSync(
      tricky,
      `---\ntitle: "Q&A: <script>alert('x')</script> \\"quoted\\""\nauthor: Ada & Bob\nlang: en\n---\n\n## Alpha & Omega\n\nText.\n\n## 1 < 2 & "quotes"\n\nMore text.\n`,
    );
    const run = await buildPaths([SAMPLE, fixture("good.md"), fixture("empty.md"), fixture("explicit-separators.md"), tricky], {
      outDir: out,
      fit: false,
    });
    decks = run.decks;
    written = decks.filter((d) => d.written).sort(byName);
    expect(decks.find((d) => d.name === "empty")?.written).toBe(false);
    expect(written.length).toBe(4);
  }, 60_000);

  it("lists every deck by name with its title, byline, slide count and top-level sections; a failed deck is not listed", async () => {
    const path = await writeCourseIndex({ outDir: out, themeCss: THEME, title: "Machine Learning 101" });
    expect(path).toBe(join(out, "index.html"));
    const html = readIndex();
    expect(html).toContain("<h1>Machine Learning 101</h1>");
    expect(html).toContain("<title>Machine Learning 101</title>");
    const list = cards(html);
    expect(list.length).toBe(written.length);
    written.forEach((deck, i) => {
      const card = list[i] as string;
      const meta = deck.result.article.source.meta;
      const title = meta.title ?? deck.result.plan.title;
      expect(decodeEntities(card)).toContain(title);
      expect(card).toContain(`href="${deck.name}/index.html"`);
      // the slide count, in the page's language (the first deck is English)
      expect(card).toMatch(new RegExp(`<span>${deck.slides} slides?</span>`));
      if (meta.subtitle) expect(decodeEntities(card)).toContain(meta.subtitle);
      if (meta.author) expect(decodeEntities(card)).toContain(meta.author);
      if (meta.date) expect(card).toContain(meta.date);
      const sections = deck.result.article.outline.sections;
      const items = [...card.matchAll(/<li><a href="([^"]*)">([^<]*)<\/a><\/li>/g)];
      expect(items.map((m) => decodeEntities(m[2] as string))).toEqual(sections.map((s) => s.title));
    });
    expect(html).not.toContain('href="empty/');
    // the sample has five numbered sections, the deck cut by `---` none
    expect(written.find((d) => d.name === "lectern-sample")?.result.article.outline.sections.length).toBe(5);
    expect(cards(html)[0]).not.toContain("<ol");
  });

  it("section links carry the ids of the deck's section slides", async () => {
    await writeCourseIndex({ outDir: out, themeCss: THEME });
    const html = readIndex();
    let checked = 0;
    for (const link of links(html).filter((l) => l.includes("#/"))) {
      const [page, hash] = link.split("#/") as [string, string];
      const deckHtml = readFileSync(fileOf(out, page), "utf8");
      const id = decodeURIComponent(hash);
      // the anchor is the id of a section slide, whose <h1> is the linked section
      const slide = new RegExp(
        `<section class="lectern-section-slide" id="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>\\s*<p[^>]*>\\d+</p><h1>([^<]*)</h1>`,
      ).exec(deckHtml);
      expect(slide, `${link} is a section slide`).not.toBeNull();
      const linkText = new RegExp(`href="${link.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">([^<]*)<`).exec(html)?.[1];
      expect(decodeEntities(linkText ?? "")).toBe(decodeEntities(slide?.[1] ?? "?"));
      checked++;
    }
    // lectern-sample 5, good 2, tricky 2
    expect(checked).toBe(9);
    expect(html).toContain('href="lectern-sample/index.html#/1-为什么要从频率的角度看信号"');
    expect(html).toContain('href="tricky/index.html#/alpha-omega"');
  });

  it("each deck's card links its reading view (scroll view with the speaker notes inline)", async () => {
    await writeCourseIndex({ outDir: out, themeCss: THEME });
    const html = readIndex();
    const reading = cards(html).map((c) => /<a class="lectern-deck-read" href="([^"]*)">([^<]*)</.exec(c));
    expect(reading.length).toBe(written.length);
    for (const m of reading) {
      expect(m, "a reading-view link on every card").not.toBeNull();
      const href = decodeEntities(m?.[1] ?? "");
      expect(href).toMatch(/\/index\.html\?view=scroll&notes=inline$/);
      expect(existsSync(fileOf(out, href))).toBe(true);
    }
    expect(html).toContain('href="lectern-sample/index.html?view=scroll&amp;notes=inline">Reading view</a>');
  });

  it("without base: links are relative, resolve to files under outDir, and no filesystem path appears", async () => {
    // a PDF and two handouts in one deck's record; a handout that is gone is not linked
    const good = written.find((d) => d.name === "good") as DeckOutput;
    writeFileSync(join(good.dir, "good.pdf"), "%PDF-1.4\n");
    writeFileSync(join(good.dir, "good-handout-4.pdf"), "%PDF-1.4\n");
    const recordPath = join(good.dir, CACHE_FILE);
    const record = JSON.parse(readFileSync(recordPath, "utf8")) as DeckRecord;
    record.entry.downloads = [
      { file: "good.pdf" },
      { file: "good-handout-4.pdf", handout: 4 },
      { file: "good-handout-notes.pdf", handout: "notes" },
    ];
    writeFileSync(recordPath, JSON.stringify(record));
    await writeCourseIndex({ outDir: out, themeCss: THEME });
    const html = readIndex();
    const all = links(html);
    expect(all.length).toBeGreaterThan(10);
    for (const link of all) {
      expect(link, link).not.toMatch(/^(\/|[a-z][a-z\d+.-]*:|\\)/i);
      const file = fileOf(out, link);
      expect(existsSync(file) && statSync(file).isFile(), `${link} → ${file}`).toBe(true);
    }
    expect(all).toContain("good/good.pdf");
    expect(all).toContain("good/good-handout-4.pdf");
    expect(all.some((l) => l.includes("handout-notes"))).toBe(false);
    expect(html).toContain("Handout, 4 per page");
    expect(html).not.toContain(out);
    expect(html).not.toContain(REPO_ROOT);
    expect(html).not.toContain("file:");
  });

  it(`with base: every link is under it; the theme and the font slices are copied under ${INDEX_ASSETS_DIR}/`, async () => {
    await writeCourseIndex({ outDir: out, themeCss: THEME, base: "/courses/ml" });
    const html = readIndex();
    const all = links(html);
    expect(all.length).toBeGreaterThan(10);
    for (const link of all) {
      expect(link.startsWith("/courses/ml/"), link).toBe(true);
      expect(existsSync(fileOf(out, link.slice("/courses/ml/".length))), link).toBe(true);
    }
    expect(all).toContain("/courses/ml/lectern-sample/index.html");
    expect(all).toContain(`/courses/ml/${INDEX_ASSETS_DIR}/theme.css`);
    expect(all).toContain(`/courses/ml/${INDEX_ASSETS_DIR}/fonts.css`);
    expect(html).not.toContain(out);

    const assets = join(out, INDEX_ASSETS_DIR);
    expect(readFileSync(join(assets, "theme.css"), "utf8")).toBe(readFileSync(THEME, "utf8"));
    const fontsCss = readFileSync(join(assets, "fonts.css"), "utf8");
    const fonts = [...fontsCss.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(fonts.length).toBeGreaterThan(2);
    for (const f of fonts) expect(existsSync(join(assets, f)), f).toBe(true);
    // exactly the slices the page's text needs: none left over, no temp files
    expect(
      readdirSync(assets)
        .filter((f) => f.endsWith(".woff2"))
        .sort(),
    ).toEqual([...new Set(fonts)].sort());
    expect(readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(readdirSync(assets).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("escapes all text and takes the language of the first deck", async () => {
    await writeCourseIndex({ outDir: out, themeCss: THEME, title: '<Course> & "more"' });
    const html = readIndex();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain("<h1>&lt;Course&gt; &amp; &quot;more&quot;</h1>");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("Ada &amp; Bob");
    expect(html).toContain('href="tricky/index.html#/1-2-quotes">1 &lt; 2 &amp; &quot;quotes&quot;</a>');
    expect(html).toContain(`<span>${written.find((d) => d.name === "good")?.slides} slides</span>`);
    expect(html).toContain("Open slides");
    // the Chinese deck's card says so
    expect(cards(html)[2]).toMatch(/^ lang="zh-CN">/);

    // Chinese first: Chinese labels and the default title in Chinese
    const zhOut = tempDir("lectern-index-zh-");
    const later = join(articles, "zz-good.md");
    copyFileSync(fixture("good.md"), later);
    await buildPaths([SAMPLE, later], { outDir: zhOut, fit: false, index: false });
    await writeCourseIndex({ outDir: zhOut, themeCss: THEME });
    const zh = readFileSync(join(zhOut, "index.html"), "utf8");
    expect(zh).toMatch(/<html lang="zh-CN">/);
    expect(zh).toContain("<h1>幻灯片</h1>");
    expect(zh).toMatch(/<span>\d+ 张幻灯片<\/span>/);
    expect(cards(zh)[1]).toMatch(/^ lang="en">/);
  }, 30_000);

  it("a failed write leaves the previous index as it was", async () => {
    await writeCourseIndex({ outDir: out, themeCss: THEME, title: "Before" });
    const before = readIndex();
    await expect(writeCourseIndex({ outDir: out, themeCss: join(out, "no-such-theme.css"), title: "After" })).rejects.toThrow();
    expect(readIndex()).toBe(before);
    expect(readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(readdirSync(join(out, INDEX_ASSETS_DIR)).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("no deck: an empty index, still a valid page", async () => {
    const path = await writeCourseIndex({ outDir: join(out, "nothing"), themeCss: THEME });
    const html = readFileSync(path, "utf8");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("No decks yet.");
    expect(cards(html)).toEqual([]);
  });

  it("normalizes the base to start and end with a slash", () => {
    expect(normalizeBase("/courses/ml")).toBe("/courses/ml/");
    expect(normalizeBase("courses/ml/")).toBe("/courses/ml/");
    expect(normalizeBase("//courses//")).toBe("/courses/");
    expect(normalizeBase("/")).toBe("/");
    expect(normalizeBase("")).toBeUndefined();
    expect(normalizeBase(undefined)).toBeUndefined();
    expect(normalizeBase("https://example.org/ml")).toBe("https://example.org/ml/");
  });
});

describe("section links of a deck with very many sections", () => {
  it("are found in one pass over the slides (work linear in slides, not sections × slides)", () => {
    const n = 20_000;
    let reads = 0;
    /** A slide that counts every property read of it. */
    const counted = (slide: Slide) =>
      new Proxy(slide, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    const slide = (kind: Slide["kind"], section: number, blocks: number[]): Slide =>
      counted({
        kind,
        continued: false,
        section,
        pieces: blocks.map((block) => ({ block, from: 0, to: 1 })),
        notes: [],
        line: 0,
        height: 0,
      });
    // section k (1-based): heading block 2(k-1), a section slide, then a content slide showing the
    // heading's text block; every third section has no section slide (a deck cut by `---`)
    const stacks: Stack[] = [];
    const sections: Section[] = [];
    for (let k = 1; k <= n; k++) {
      const heading = 2 * (k - 1);
      sections.push({ heading, title: `Section ${k}`, level: 1, blocks: [heading + 1], children: [] });
      const slides =
        k % 3 === 0 ? [slide("content", k, [heading, heading + 1])] : [slide("section", k, []), slide("content", k, [heading + 1])];
      stacks.push({ slides });
    }
    const plan: Plan = { file: "many.md", title: "Many", lang: "en", stacks };
    const article = {
      source: { file: "many.md", text: "", body: "", bodyLine: 0, meta: { macros: {}, marp: false } },
      chunks: [],
      blocks: [],
      outline: { title: "Many", titleFrom: "front-matter", sectionLevel: 1, intro: sections[0], sections, explicit: false },
    } as unknown as Article;
    const slideCount = stacks.reduce((s, st) => s + st.slides.length, 0);
    const entry = courseEntry({ plan, article, html: "" }, slideCount, []);
    expect(reads).toBeLessThan(10 * slideCount);
    expect(entry.sections.length).toBe(n);
    // the page has no ids here: each link is the `/h/v` of its section slide, or of the slide with its heading
    expect(entry.sections.slice(0, 4)).toEqual([
      { title: "Section 1", hash: "#/0/0" },
      { title: "Section 2", hash: "#/1/0" },
      { title: "Section 3", hash: "#/2/0" },
      { title: "Section 4", hash: "#/3/0" },
    ]);
    expect(entry.sections.every((s, k) => s.hash === `#/${k}/0`)).toBe(true);
  });

  it("a built deck of 5,000 sections: every section on the index links to its own section slide", async () => {
    const src = tempDir();
    const outDir = tempDir();
    const file = join(src, "many.md");
    writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `# Part ${i + 1}\n\nText ${i + 1}.\n`).join("\n"));
    await buildPaths([file], { outDir, fit: false });
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    const items = [...html.matchAll(/<li><a href="many\/index\.html#\/([^"]*)">([^<]*)<\/a><\/li>/g)];
    expect(items.length).toBe(5000);
    const deck = readFileSync(join(outDir, "many", "index.html"), "utf8");
    const sectionSlides = new Set([...deck.matchAll(/<section class="lectern-section-slide" id="([^"]*)"/g)].map((m) => m[1]));
    for (const [k, m] of items.entries()) {
      expect(m[2]).toBe(`Part ${k + 1}`);
      expect(sectionSlides.has(decodeURIComponent(m[1] as string)), m[1]).toBe(true);
    }
    expect(items[4999]?.[1]).toBe("part-5000");
  }, 60_000);
});
