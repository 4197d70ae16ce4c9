/**
 * A deck's entry on the course index (plain data, kept in the deck's record): its title, byline,
 * slide count and top-level sections, each with the reveal.js hash of its slide.
 */
import type { Article, CourseEntry, Plan, Section } from "../../types.js";
import { decodeEntities as unescapeAttr } from "../../util/html.js";

// ---------------------------------------------------------------- html & links

/**
 * Percent-encode what a URL path segment or fragment cannot hold as is (space, `#`, `?`, `%`, `/`…);
 * letters of any script stay readable (`1-背景介绍`), as the deck's own ids are.
 */
export const urlSafe = (s: string) => s.replace(/[^\p{L}\p{N}\p{M}._~!$&'()*+,;=:@-]/gu, (c) => encodeURIComponent(c));

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
