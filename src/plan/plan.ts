import type { Article, Block, Plan, Slide, Stack } from "../types.js";
import { planAgenda } from "./agenda.js";
import { bodyCapacity, type SlideMetrics } from "./metrics.js";

const SPLITTABLE = new Set<Block["kind"]>(["paragraph", "list", "table", "code", "columns"]);

interface Group {
  /** Blocks (indices) that go on the slides of this group, in order. */
  blocks: number[];
  title: string | undefined;
  section: number;
}

interface Filled {
  slides: Slide[];
  /** Notes that found no content slide (attach them to the slide before). */
  orphanNotes: number[];
}

const height = (b: Block, from: number, to: number) => (b.chrome ?? 0) + b.units.slice(from, to).reduce((s, u) => s + u.height, 0);

function newSlide(g: Group, continued: boolean, line: number): Slide {
  return { kind: "content", title: g.title, continued, section: g.section, pieces: [], notes: [], line, height: 0 };
}

/**
 * Lay a group's blocks onto as few slides as fit. Splittable blocks break between units
 * (sentences, items, rows, lines); a block that cannot be split starts a new slide and is
 * scaled down when it is taller than the slide. Continuation slides repeat the heading.
 */
export function fillGroup(blocks: readonly Block[], g: Group, m: SlideMetrics): Filled {
  const full = (m.height - 2 * m.padY) * m.fill;
  const capacity = g.title === undefined ? full : bodyCapacity(m);
  const contCapacity = bodyCapacity(m);
  const slides: Slide[] = [];
  const firstLine = blocks[g.blocks[0] ?? -1]?.lines[0] ?? 0;
  let cur = newSlide(g, false, firstLine);
  let cap = capacity;
  const next = (line: number) => {
    slides.push(cur);
    cur = newSlide(g, true, line);
    if (cur.title === undefined) cur.title = firstHeading(blocks, g);
    cap = contCapacity;
  };
  g.blocks.forEach((index, k) => {
    const b = blocks[index] as Block;
    if (b.kind === "notes") {
      cur.notes.push(index);
      return;
    }
    const total = height(b, 0, b.units.length);
    if (b.kind === "heading" && cur.pieces.length) {
      // keep a heading with what follows it
      const follower = blocks[g.blocks[k + 1] ?? -1];
      const needed = total + (follower ? Math.min(height(follower, 0, 1), cap / 3) : 0);
      if (cur.height + needed > cap) next(b.lines[0]);
    }
    if (cur.height + total <= cap) {
      cur.pieces.push({ block: index, from: 0, to: b.units.length });
      cur.height += total;
      return;
    }
    if (!SPLITTABLE.has(b.kind) || b.units.length < 2) {
      if (cur.pieces.length) next(b.lines[0]);
      cur.pieces.push({ block: index, from: 0, to: b.units.length });
      cur.height += total;
      if (total > cap) cur.scale = Math.max(0.5, cap / total);
      return;
    }
    let from = 0;
    while (from < b.units.length) {
      const room = cap - cur.height - (b.chrome ?? 0);
      let to = from;
      let used = 0;
      while (to < b.units.length && used + (b.units[to]?.height ?? 0) <= room) used += b.units[++to - 1]?.height ?? 0;
      const remaining = b.units.length - from;
      // never leave a lone unit behind when the slide already holds something
      if (cur.pieces.length && (to === from || (to - from < 2 && remaining >= 2))) {
        next(b.units[from]?.line ?? b.lines[0]);
        continue;
      }
      if (to === from) to = from + 1; // one unit taller than a slide: it is scaled
      if (to < b.units.length && b.units.length - to === 1 && to - from >= 3) to--; // no lone unit on the next slide
      const h = height(b, from, to);
      cur.pieces.push({ block: index, from, to });
      cur.height += h;
      if (h > cap) cur.scale = Math.max(0.5, cap / h);
      from = to;
      if (from < b.units.length) next(b.units[from]?.line ?? b.lines[0]);
    }
  });
  if (cur.pieces.length) slides.push(cur);
  else if (slides.length) (slides[slides.length - 1] as Slide).notes.push(...cur.notes);
  else return { slides, orphanNotes: cur.notes };
  return { slides, orphanNotes: [] };
}

function firstHeading(blocks: readonly Block[], g: Group): string | undefined {
  const h = g.blocks.map((i) => blocks[i] as Block).find((b) => b.kind === "heading");
  return h?.text;
}

/** Plan the slides of an article: title, agenda, one stack per section (or per `---` slide). */
export function planArticle(article: Article, m: SlideMetrics, lang: string): Plan {
  const { outline, blocks, source } = article;
  const stacks: Stack[] = [];
  const attach = (slide: Slide | undefined, notes: number[]) => slide?.notes.push(...notes);

  if (outline.explicit) {
    const byChunk = new Map<number, number[]>();
    blocks.forEach((b, i) => {
      if (!byChunk.has(b.chunk)) byChunk.set(b.chunk, []);
      byChunk.get(b.chunk)?.push(i);
    });
    for (const [chunk, indices] of [...byChunk.entries()].sort((a, b) => a[0] - b[0])) {
      const filled = fillGroup(blocks, { blocks: indices, title: undefined, section: 0 }, m);
      const vertical = article.chunks[chunk]?.via === "vertical" && stacks.length > 0;
      const last = stacks[stacks.length - 1];
      if (!filled.slides.length) {
        attach(last?.slides[last.slides.length - 1], filled.orphanNotes);
        continue;
      }
      if (vertical && last) last.slides.push(...filled.slides);
      else stacks.push({ slides: filled.slides });
    }
    if (!stacks.length || source.meta.title) stacks.unshift({ slides: [titleSlide(outline.title)] });
    return { file: source.file, title: outline.title, lang, stacks };
  }

  const title = titleSlide(outline.title);
  const intro = fillGroup(blocks, { blocks: outline.intro.blocks, title: outline.title, section: 0 }, m);
  attach(title, intro.orphanNotes);
  stacks.push({ slides: [title, ...intro.slides] });
  if (outline.sections.length >= 3) {
    stacks.push({
      slides: planAgenda(
        outline.sections.map((s) => s.title),
        m,
      ),
    });
  }
  outline.sections.forEach((section, k) => {
    const n = k + 1;
    const head: Slide = {
      kind: "section",
      title: section.title,
      continued: false,
      section: n,
      pieces: [],
      notes: [],
      line: blocks[section.heading]?.lines[0] ?? 0,
      height: 0,
    };
    const slides: Slide[] = [head];
    const own = fillGroup(blocks, { blocks: section.blocks, title: section.title, section: n }, m);
    attach(head, own.orphanNotes);
    slides.push(...own.slides);
    let carry: number[] = [];
    for (const sub of section.children) {
      const content = sub.blocks.filter((i) => blocks[i]?.kind !== "notes");
      if (!content.length) {
        // an empty subsection: its heading leads the next one's first slide
        carry.push(sub.heading, ...sub.blocks);
        continue;
      }
      const filled = fillGroup(blocks, { blocks: [...carry, ...sub.blocks], title: sub.title, section: n }, m);
      carry = [];
      attach(slides[slides.length - 1], filled.orphanNotes);
      slides.push(...filled.slides);
    }
    if (carry.length) {
      const filled = fillGroup(blocks, { blocks: carry, title: section.title, section: n }, m);
      attach(slides[slides.length - 1], filled.orphanNotes);
      slides.push(...filled.slides);
    }
    stacks.push({ slides });
  });
  return { file: source.file, title: outline.title, lang, stacks };
}

function titleSlide(title: string): Slide {
  return { kind: "title", title, continued: false, section: 0, pieces: [], notes: [], line: 0, height: 0 };
}
