/**
 * The course index: one page (`<outDir>/index.html`) listing every deck in `outDir` (read from
 * each deck's record, whichever run wrote it), with its title, byline, slide count, top-level
 * sections (each a deep link to its slide) and links to the deck, its PDF and handouts. The page is styled with the decks' theme (its custom
 * properties) and the same Noto Sans SC slices a deck ships, copied under `_lectern/`.
 *
 * Links are relative to `outDir`, or under `base` when the site is served from a fixed path;
 * no filesystem path ever appears in the page. Every file is written to a temporary name and
 * renamed into place: a failed write leaves the previous index as it was.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../../config/options.js";
import type { Article, Plan, Section } from "../../types.js";
import { type CourseEntry, readRecord } from "../folder/record.js";
import { type Entry, type IndexWords, indexWords, renderPage, unescapeAttr, visibleText } from "./page.js";
import { cjkFontFiles } from "../folder/fonts.js";
import { insideDir } from "../../util/inside-dir.js";
import { themeCss as themeCssText } from "../folder/theme.js";
import { writeFileAtomic } from "../folder/write.js";

export interface IndexOptions {
  /** The folder the decks were built into; the index is `<outDir>/index.html`. */
  outDir: string;
  /** URL path the site is served from (`/courses/ml/`): every link starts with it. Else links are relative. */
  base?: string;
  /** The course title in the page header (default "Decks", or its translation). */
  title?: string;
  /** Path of the theme CSS file (its custom properties style the page). */
  themeCss: string;
}

/** Folder, under `outDir`, of the page's own theme and fonts. */
export const INDEX_ASSETS_DIR = "_lectern";

// ---------------------------------------------------------------- html & links

/**
 * `/courses/ml` → `/courses/ml/`; an `http(s)://` URL keeps its scheme and host. Empty: no base.
 * Anything else (`javascript:`, `data:`, a query, a fragment, spaces or quotes) would make the
 * index's links something other than links into the site: a UsageError.
 */
export function normalizeBase(base: string | undefined): string | undefined {
  const b = base?.trim();
  if (!b) return undefined;
  const refuse = () => new UsageError(`base must be a URL path (/courses/ml/) or an http(s):// URL, not ${JSON.stringify(base)}`);
  if (/[\s\p{Cc}"<>\\^`{|}?#]/u.test(b)) throw refuse();
  if (/^[a-z][a-z\d+.-]*:/i.test(b)) {
    let url: URL;
    try {
      url = new URL(b);
    } catch {
      throw refuse();
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !/^https?:\/\/[^/]/i.test(b) || !url.hostname) throw refuse();
    return b.endsWith("/") ? b : `${b}/`;
  }
  const path = `/${b.replace(/^\/+/, "").replace(/\/+$/, "")}/`;
  return path === "//" ? "/" : path;
}

/**
 * Percent-encode what a URL path segment or fragment cannot hold as is (space, `#`, `?`, `%`, `/`…);
 * letters of any script stay readable (`1-背景介绍`), as the deck's own ids are.
 */
const urlSafe = (s: string) => s.replace(/[^\p{L}\p{N}\p{M}._~!$&'()*+,;=:@-]/gu, (c) => encodeURIComponent(c));

// ---------------------------------------------------------------- slide anchors

interface HtmlSlide {
  /** `data-lectern-slide`: the slide's 0-based position in the deck (the plan's order). */
  index: number;
  id?: string;
}

/** The slides of a deck page: every `<section data-lectern-slide>`, with its `id`. */
function slidesOfPage(html: string): Map<number, HtmlSlide> {
  const slides = new Map<number, HtmlSlide>();
  for (const tag of html.matchAll(/<section\b([^>]*)>/g)) {
    const attrs = new Map<string, string>();
    for (const a of (tag[1] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)) attrs.set(a[1] as string, unescapeAttr(a[2] as string));
    const index = attrs.get("data-lectern-slide");
    if (index === undefined || !/^\d+$/.test(index)) continue;
    slides.set(Number(index), { index: Number(index), id: attrs.get("id") || undefined });
  }
  return slides;
}

/**
 * The reveal.js hash of each top-level section: the id the renderer gave its section slide
 * (read from the built page, so it is exactly what the deck has), else of the first slide that
 * shows the section's heading (decks cut by `---` have no section slides), else `/h/v`.
 * One pass over the slides: linear in slides, pieces and sections.
 */
function sectionHashes(plan: Plan, sections: readonly Section[], page: Map<number, HtmlSlide>): (string | undefined)[] {
  type Position = { index: number; h: number; v: number };
  const sectionSlide = new Map<number, Position>();
  const firstShowing = new Map<number, Position>();
  let index = 0;
  plan.stacks.forEach((stack, h) => {
    stack.slides.forEach((slide, v) => {
      const at = { index: index++, h, v };
      if (slide.kind === "section" && !sectionSlide.has(slide.section)) sectionSlide.set(slide.section, at);
      for (const piece of slide.pieces) if (!firstShowing.has(piece.block)) firstShowing.set(piece.block, at);
    });
  });
  return sections.map((section, k) => {
    const at = sectionSlide.get(k + 1) ?? (section.heading >= 0 ? firstShowing.get(section.heading) : undefined);
    if (!at) return undefined;
    const id = page.get(at.index)?.id;
    return id ? `#/${urlSafe(id)}` : `#/${at.h}/${at.v}`;
  });
}

// ---------------------------------------------------------------- entries

/** A built deck's entry on the course index, from its final plan and page (kept in its record). */
export function courseEntry(
  deck: { plan: Plan; article: Article; html: string },
  slides: number,
  downloads: CourseEntry["downloads"],
): CourseEntry {
  const { plan, article } = deck;
  const meta = article.source.meta;
  const sections = article.outline.sections;
  const hashes = sectionHashes(plan, sections, slidesOfPage(deck.html));
  return {
    lang: meta.lang ?? plan.lang,
    title: meta.title ?? plan.title,
    subtitle: meta.subtitle,
    author: meta.author,
    date: meta.date,
    slides,
    sections: sections.map((s, k) => ({ title: s.title || String(k + 1), hash: hashes[k] })),
    downloads,
  };
}

/** The decks in `outDir`: every folder with a Lectern record and its page, sorted by name. */
async function decksIn(outDir: string): Promise<{ name: string; entry: CourseEntry }[]> {
  const folders = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const byName = new Intl.Collator("en", { numeric: true });
  return folders
    .filter((f) => f.isDirectory() && !f.name.startsWith(".") && f.name !== INDEX_ASSETS_DIR)
    .map((f) => f.name)
    .sort((a, b) => byName.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((name) => {
      const dir = join(outDir, name);
      const record = existsSync(join(dir, "index.html")) ? readRecord(dir) : undefined;
      return record ? [{ name, entry: record.entry }] : [];
    });
}

function entryFor(name: string, entry: CourseEntry, outDir: string, words: IndexWords, link: (path: string) => string): Entry {
  const deckUrl = `${urlSafe(name)}/index.html`;
  const downloads = entry.downloads
    .filter((d) => existsSync(insideDir(outDir, join(outDir, name, d.file))))
    .map((d) => ({
      label: d.handout === undefined ? words.pdf : words.handout(d.handout),
      href: link(`${urlSafe(name)}/${urlSafe(d.file)}`),
    }));
  return {
    ...entry,
    deck: link(deckUrl),
    sections: entry.sections.map((s) => ({ title: s.title, href: s.hash ? link(deckUrl + s.hash) : undefined })),
    downloads,
  };
}

// ---------------------------------------------------------------- writing

/**
 * Write `<outDir>/index.html`: a course index of every deck in `outDir`, read from the decks'
 * records, so decks built by other runs (shards) and decks whose rebuild failed are listed too.
 */
export async function writeCourseIndex(options: IndexOptions): Promise<string> {
  const { outDir, themeCss } = options;
  const base = normalizeBase(options.base);
  const link = (path: string) => (base ? `${base}${path}` : path);
  const decks = await decksIn(outDir);
  const lang = decks[0]?.entry.lang ?? "en";
  const words = indexWords(lang);
  const entries = decks.map((d) => entryFor(d.name, d.entry, outDir, words, link));
  const title = options.title?.trim() || words.decks;
  const html = renderPage(title, lang, entries, words, (file) => link(`${INDEX_ASSETS_DIR}/${file}`));

  const inside = (path: string) => insideDir(outDir, path);
  const assets = inside(join(outDir, INDEX_ASSETS_DIR));
  await mkdir(assets, { recursive: true });
  const fonts = cjkFontFiles(visibleText(html));
  // fonts first, then the CSS that names them, the page last: the old page never points at a missing file
  for (const [name, from] of fonts.files) await writeFileAtomic(inside(join(assets, name)), { from });
  await writeFileAtomic(inside(join(assets, "fonts.css")), { text: fonts.css });
  await writeFileAtomic(inside(join(assets, "theme.css")), { text: themeCssText(themeCss, { trusted: true }).css });
  const path = inside(join(outDir, "index.html"));
  await writeFileAtomic(path, { text: html });
  // font slices the new page no longer uses
  for (const name of await readdir(assets).catch(() => [] as string[])) {
    if (name.endsWith(".woff2") && !fonts.files.has(name)) await rm(inside(join(assets, name)), { force: true }).catch(() => undefined);
  }
  return join(outDir, "index.html");
}
