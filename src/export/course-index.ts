/**
 * The course index: one page (`<outDir>/index.html`) listing every deck a run wrote, with its
 * title, byline, slide count, top-level sections (each a deep link to its slide) and links to
 * the deck, its PDF and handouts. The page is styled with the decks' theme (its custom
 * properties) and the same Noto Sans SC slices a deck ships, copied under `_lectern/`.
 *
 * Links are relative to `outDir`, or under `base` when the site is served from a fixed path;
 * no filesystem path ever appears in the page. Every file is written to a temporary name and
 * renamed into place: a failed write leaves the previous index as it was.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { DeckOutput } from "../build-files.js";
import { UsageError } from "../options.js";
import type { Plan, Section } from "../types.js";
import { type Entry, type IndexWords, indexWords, renderPage, unescapeAttr, visibleText } from "./course-index-page.js";
import { cjkFontFiles } from "./fonts.js";
import { themeCss as themeCssText } from "./theme.js";
import { writeFileAtomic } from "./write-deck.js";

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

/** `target` relative to `root` as a URL path, or undefined if it cannot be. */
function urlPath(root: string, target: string): string | undefined {
  const rel = relative(resolve(root), resolve(target));
  if (!rel || isAbsolute(rel)) return undefined;
  return rel.split(sep).map(urlSafe).join("/");
}

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
 */
function sectionHashes(plan: Plan, sections: readonly Section[], page: Map<number, HtmlSlide>): (string | undefined)[] {
  const positions: { slide: Plan["stacks"][number]["slides"][number]; index: number; h: number; v: number }[] = [];
  let index = 0;
  plan.stacks.forEach((stack, h) => {
    stack.slides.forEach((slide, v) => {
      positions.push({ slide, index: index++, h, v });
    });
  });
  return sections.map((section, k) => {
    const at =
      positions.find((p) => p.slide.kind === "section" && p.slide.section === k + 1) ??
      (section.heading >= 0 ? positions.find((p) => p.slide.pieces.some((piece) => piece.block === section.heading)) : undefined);
    if (!at) return undefined;
    const id = page.get(at.index)?.id;
    return id ? `#/${urlSafe(id)}` : `#/${at.h}/${at.v}`;
  });
}

// ---------------------------------------------------------------- entries

function entryFor(deck: DeckOutput, outDir: string, words: IndexWords, link: (path: string) => string): Entry | undefined {
  if (!deck.written) return undefined;
  const pagePath = join(deck.dir, "index.html");
  const deckUrl = urlPath(outDir, pagePath);
  if (!deckUrl || !existsSync(pagePath)) return undefined;
  const { plan, article } = deck.result;
  const meta = article.source.meta;
  let html = deck.result.html;
  try {
    html = readFileSync(pagePath, "utf8");
  } catch {
    // the in-memory page is the one that was written
  }
  const hashes = sectionHashes(plan, article.outline.sections, slidesOfPage(html));
  const downloads: Entry["downloads"] = [];
  const offer = (path: string | undefined, label: string) => {
    const url = path && existsSync(path) ? urlPath(outDir, path) : undefined;
    if (url) downloads.push({ label, href: link(url) });
  };
  offer(deck.pdf?.path, words.pdf);
  for (const h of deck.handouts) offer(h.path, words.handout(h.layout));
  return {
    lang: meta.lang ?? plan.lang,
    title: meta.title ?? plan.title,
    subtitle: meta.subtitle,
    author: meta.author,
    date: meta.date,
    slides: deck.slides,
    deck: link(deckUrl),
    sections: article.outline.sections.map((s, k) => {
      const hash = hashes[k];
      return { title: s.title || String(k + 1), href: hash ? link(deckUrl + hash) : undefined };
    }),
    downloads,
  };
}

// ---------------------------------------------------------------- writing

/** Write `<outDir>/index.html`: a course index of every written deck. */
export async function writeCourseIndex(decks: readonly DeckOutput[], options: IndexOptions): Promise<string> {
  const { outDir, themeCss } = options;
  const base = normalizeBase(options.base);
  const link = (path: string) => (base ? `${base}${path}` : path);
  const written = decks.filter((d) => d.written);
  const first = written[0];
  const lang = first ? (first.result.article.source.meta.lang ?? first.result.plan.lang) : "en";
  const words = indexWords(lang);
  const entries = written.map((d) => entryFor(d, outDir, words, link)).filter((e): e is Entry => e !== undefined);
  const title = options.title?.trim() || words.decks;
  const html = renderPage(title, lang, entries, words, (file) => link(`${INDEX_ASSETS_DIR}/${file}`));

  const assets = join(outDir, INDEX_ASSETS_DIR);
  await mkdir(assets, { recursive: true });
  const fonts = cjkFontFiles(visibleText(html));
  // fonts first, then the CSS that names them, the page last: the old page never points at a missing file
  for (const [name, from] of fonts.files) await writeFileAtomic(join(assets, name), { from });
  await writeFileAtomic(join(assets, "fonts.css"), { text: fonts.css });
  await writeFileAtomic(join(assets, "theme.css"), { text: themeCssText(themeCss, { trusted: true }).css });
  const path = join(outDir, "index.html");
  await writeFileAtomic(path, { text: html });
  // font slices the new page no longer uses
  for (const name of await readdir(assets).catch(() => [] as string[])) {
    if (name.endsWith(".woff2") && !fonts.files.has(name)) await rm(join(assets, name), { force: true }).catch(() => undefined);
  }
  return path;
}
