/** The course index page itself: its words per language, its entries, its HTML and CSS. */
import { VERSION } from "../../paths.js";
import type { HandoutLayout } from "../../types.js";
import { decodeEntities, escapeHtml } from "../../util/html.js";

const esc = escapeHtml;

// ---------------------------------------------------------------- words

export interface IndexWords {
  decks: string;
  deckCount: (n: number) => string;
  slideCount: (n: number) => string;
  sections: string;
  open: string;
  /** The deck's reading view (the slides as a page to scroll, with the speaker notes). */
  read: string;
  pdf: string;
  handout: (layout: HandoutLayout) => string;
  downloads: string;
  empty: string;
  madeWith: string;
}

export function indexWords(lang: string): IndexWords {
  const l = lang.toLowerCase();
  if (l.startsWith("zh"))
    return {
      decks: "幻灯片",
      deckCount: (n) => `共 ${n} 套幻灯片`,
      slideCount: (n) => `${n} 张幻灯片`,
      sections: "章节",
      open: "打开幻灯片",
      read: "阅读视图",
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
      read: "読みもの表示",
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
    read: "Reading view",
    pdf: "PDF",
    handout: (h) => (h === "notes" ? "Handout with notes" : `Handout, ${h} per page`),
    downloads: "Downloads",
    empty: "No decks yet.",
    madeWith: "Made with Lectern",
  };
}

/** One deck on the page. */
export interface Entry {
  lang: string;
  title: string;
  subtitle?: string;
  author?: string;
  date?: string;
  slides: number;
  deck: string;
  /** The deck in its reading view (`?view=scroll&notes=inline`). */
  reading: string;
  sections: { title: string; href?: string }[];
  downloads: { label: string; href: string }[];
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

export function renderPage(
  title: string,
  lang: string,
  entries: readonly Entry[],
  words: IndexWords,
  asset: (file: string) => string,
): string {
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
      `<a class="lectern-deck-read" href="${esc(e.reading)}">${esc(words.read)}</a>`,
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
export function visibleText(html: string): string {
  const body = html.slice(html.indexOf("<body"));
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  return `${title} ${body.replace(/<[^>]*>/g, " ")}`.replace(/&(amp|lt|gt|quot|#39);/g, (e) => decodeEntities(e));
}
