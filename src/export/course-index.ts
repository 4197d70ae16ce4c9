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
import { copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { DeckOutput } from "../build-files.js";
import { VERSION } from "../paths.js";
import type { Plan, Section } from "../types.js";
import { cjkFontFiles } from "./fonts.js";
import type { HandoutLayout } from "./handout.js";
import { themeCss as themeCssText } from "./theme.js";

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

// ---------------------------------------------------------------- words

interface IndexWords {
  decks: string;
  deckCount: (n: number) => string;
  slideCount: (n: number) => string;
  sections: string;
  open: string;
  pdf: string;
  handout: (layout: HandoutLayout) => string;
  downloads: string;
  empty: string;
  madeWith: string;
}

function indexWords(lang: string): IndexWords {
  const l = lang.toLowerCase();
  if (l.startsWith("zh"))
    return {
      decks: "幻灯片",
      deckCount: (n) => `共 ${n} 套幻灯片`,
      slideCount: (n) => `${n} 张幻灯片`,
      sections: "章节",
      open: "打开幻灯片",
      pdf: "PDF",
      handout: (h) => (h === "notes" ? "讲义（含备注）" : `讲义（每页 ${h} 张）`),
      downloads: "下载",
      empty: "还没有幻灯片。",
      madeWith: "由 Lectern 生成",
    };
  if (l.startsWith("ja"))
    return {
      decks: "スライド",
      deckCount: (n) => `スライド ${n} 件`,
      slideCount: (n) => `${n} 枚`,
      sections: "セクション",
      open: "スライドを開く",
      pdf: "PDF",
      handout: (h) => (h === "notes" ? "配布資料（ノート付き）" : `配布資料（1ページ${h}枚）`),
      downloads: "ダウンロード",
      empty: "スライドはまだありません。",
      madeWith: "Lectern で作成",
    };
  return {
    decks: "Decks",
    deckCount: (n) => `${n} ${n === 1 ? "deck" : "decks"}`,
    slideCount: (n) => `${n} ${n === 1 ? "slide" : "slides"}`,
    sections: "Sections",
    open: "Open slides",
    pdf: "PDF",
    handout: (h) => (h === "notes" ? "Handout with notes" : `Handout, ${h} per page`),
    downloads: "Downloads",
    empty: "No decks yet.",
    madeWith: "Made with Lectern",
  };
}

// ---------------------------------------------------------------- html & links

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

const unescapeAttr = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39|#x27);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[e] as string,
  );

/** `/courses/ml` → `/courses/ml/`; a full URL keeps its scheme and host. Empty: no base. */
export function normalizeBase(base: string | undefined): string | undefined {
  const b = base?.trim();
  if (!b) return undefined;
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(b)) return b.endsWith("/") ? b : `${b}/`;
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

interface Entry {
  lang: string;
  title: string;
  subtitle?: string;
  author?: string;
  date?: string;
  slides: number;
  deck: string;
  sections: { title: string; href?: string }[];
  downloads: { label: string; href: string }[];
}

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

// ---------------------------------------------------------------- page

const PAGE_CSS = `
html { background: var(--lectern-bg, #fff); }
body.lectern-index {
  margin: 0;
  background: var(--lectern-bg, #fff);
  color: var(--lectern-fg, #1f2933);
  font-family: var(--lectern-font-sans, "Noto Sans SC", system-ui, sans-serif);
  font-size: 17px;
  line-height: 1.6;
  line-break: strict;
  overflow-wrap: anywhere;
  -webkit-text-size-adjust: 100%;
}
.lectern-index a { color: var(--lectern-link, #1d4ed8); text-underline-offset: 0.15em; }
.lectern-index a:hover { color: var(--lectern-link-hover, #1e3a8a); }
.lectern-index a:focus-visible { outline: 3px solid var(--lectern-accent, #1d4ed8); outline-offset: 2px; border-radius: 4px; }
.lectern-index ::selection { background: var(--lectern-selection-bg, #1d4ed8); color: var(--lectern-selection-fg, #fff); }
.lectern-index-header, .lectern-index-main, .lectern-index-footer { max-width: 72rem; margin: 0 auto; padding: 0 1.5rem; }
.lectern-index-header { padding-top: 2.5rem; padding-bottom: 1.5rem; border-bottom: 4px solid var(--lectern-accent, #1d4ed8); }
.lectern-index-header h1 { margin: 0; font-size: 2.25rem; line-height: 1.25; color: var(--lectern-heading, #0f172a); font-weight: var(--lectern-weight-bold, 700); }
.lectern-index-count { margin: 0.25rem 0 0; color: var(--lectern-muted, #52606d); }
.lectern-index-main { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap: 1.5rem; padding-top: 2rem; padding-bottom: 2rem; }
.lectern-deck-card {
  display: flex; flex-direction: column;
  padding: 1.25rem 1.5rem;
  background: var(--lectern-code-bg, #f6f8fa);
  border: 1px solid var(--lectern-border, #d5dbe3);
  border-top: 4px solid var(--lectern-accent, #1d4ed8);
  border-radius: calc(var(--lectern-radius, 8) * 1px);
}
.lectern-deck-card h2 { margin: 0; font-size: 1.4rem; line-height: 1.3; color: var(--lectern-heading, #0f172a); }
.lectern-deck-card h2 a { color: inherit; text-decoration: none; }
.lectern-deck-card h2 a:hover { text-decoration: underline; }
.lectern-deck-subtitle { margin: 0.25rem 0 0; font-size: 1.05rem; color: var(--lectern-quote-fg, #334155); }
.lectern-deck-byline { margin: 0.5rem 0 0; color: var(--lectern-muted, #52606d); font-size: 0.95rem; }
.lectern-deck-byline span + span::before { content: "·"; margin: 0 0.5em; }
.lectern-deck-card h3 { margin: 1rem 0 0.25rem; font-size: 0.85rem; letter-spacing: 0.04em; text-transform: uppercase; color: var(--lectern-muted, #52606d); }
.lectern-deck-sections { margin: 0; padding-left: 1.5rem; }
.lectern-deck-sections.lectern-numbered { list-style: none; padding-left: 0; }
.lectern-deck-sections li { margin: 0.15rem 0; }
.lectern-deck-sections li::marker { color: var(--lectern-accent, #1d4ed8); }
.lectern-deck-links { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: auto 0 0; padding-top: 1.25rem; }
.lectern-deck-links a {
  display: inline-block; padding: 0.35rem 0.9rem;
  border: 1px solid var(--lectern-accent, #1d4ed8); border-radius: 999px;
  text-decoration: none; font-size: 0.95rem;
}
.lectern-deck-links a.lectern-deck-open { background: var(--lectern-accent, #1d4ed8); color: var(--lectern-accent-fg, #fff); font-weight: var(--lectern-weight-bold, 700); }
.lectern-deck-links a.lectern-deck-open:hover { color: var(--lectern-accent-fg, #fff); filter: brightness(1.1); }
.lectern-index-empty { color: var(--lectern-muted, #52606d); }
.lectern-index-footer { padding-bottom: 2rem; color: var(--lectern-muted, #52606d); font-size: 0.85rem; }
@media print {
  .lectern-deck-card { break-inside: avoid; }
  .lectern-deck-links { display: none; }
}
`.trim();

function renderPage(title: string, lang: string, entries: readonly Entry[], words: IndexWords, asset: (file: string) => string): string {
  const cards = entries.map((e) => {
    const byline = [e.author, e.date, words.slideCount(e.slides)]
      .filter((x): x is string => Boolean(x))
      .map((x) => `<span>${esc(x)}</span>`)
      .join("");
    // titles that carry their own numbers ("1. 背景") are not numbered again
    const numbered = e.sections.length > 0 && e.sections.every((s) => /^\s*[\d一二三四五六七八九十]+\s*[.、．:：)）]/.test(s.title));
    const sections = e.sections.length
      ? `<h3>${esc(words.sections)}</h3>
<ol class="lectern-deck-sections${numbered ? " lectern-numbered" : ""}">
${e.sections.map((s) => `<li>${s.href ? `<a href="${esc(s.href)}">${esc(s.title)}</a>` : esc(s.title)}</li>`).join("\n")}
</ol>`
      : "";
    const links = [
      `<a class="lectern-deck-open" href="${esc(e.deck)}">${esc(words.open)}</a>`,
      ...e.downloads.map((d) => `<a class="lectern-deck-download" href="${esc(d.href)}">${esc(d.label)}</a>`),
    ].join("\n");
    return `<article class="lectern-deck-card"${e.lang !== lang ? ` lang="${esc(e.lang)}"` : ""}>
<h2><a href="${esc(e.deck)}">${esc(e.title)}</a></h2>
${e.subtitle ? `<p class="lectern-deck-subtitle">${esc(e.subtitle)}</p>\n` : ""}<p class="lectern-deck-byline">${byline}</p>
${sections}
<p class="lectern-deck-links">
${links}
</p>
</article>`;
  });
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`Lectern ${VERSION}`)}">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${esc(asset("fonts.css"))}">
<link rel="stylesheet" href="${esc(asset("theme.css"))}">
<style>
${PAGE_CSS}
</style>
</head>
<body class="lectern-index">
<header class="lectern-index-header">
<h1>${esc(title)}</h1>
<p class="lectern-index-count">${esc(words.deckCount(entries.length))}</p>
</header>
<main class="lectern-index-main">
${entries.length ? cards.join("\n") : `<p class="lectern-index-empty">${esc(words.empty)}</p>`}
</main>
<footer class="lectern-index-footer">${esc(words.madeWith)}</footer>
</body>
</html>
`;
}

/** Every character the page shows (for the font slices): the text between tags, entities decoded. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf("<body"));
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  return `${title} ${body.replace(/<[^>]*>/g, " ")}`.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => unescapeAttr(`&${e};`));
}

// ---------------------------------------------------------------- writing

const tag = () => `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Write (or copy) to a temporary sibling, then rename over `path`. */
async function putAtomic(path: string, content: { text: string } | { from: string }): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${tag()}`);
  try {
    if ("text" in content) await writeFile(tmp, content.text);
    else await copyFile(content.from, tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

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
  for (const [name, from] of fonts.files) await putAtomic(join(assets, name), { from });
  await putAtomic(join(assets, "fonts.css"), { text: fonts.css });
  await putAtomic(join(assets, "theme.css"), { text: themeCssText(themeCss) });
  const path = join(outDir, "index.html");
  await putAtomic(path, { text: html });
  // font slices the new page no longer uses
  for (const name of await readdir(assets).catch(() => [] as string[])) {
    if (name.endsWith(".woff2") && !fonts.files.has(name)) await rm(join(assets, name), { force: true }).catch(() => undefined);
  }
  return path;
}
