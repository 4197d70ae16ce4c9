import { endsInsideSentence } from "../parse/sentences.js";
import type { Article, Block, Plan, Slide, Stack } from "../types.js";
import { planAgenda } from "./agenda.js";
import { besideHeight } from "./beside.js";
import { codeBreak } from "./code-break.js";
import { isLeadIn } from "./lead-in.js";
import { legibleScale } from "./legible.js";
import { bodyCapacity, type SlideMetrics } from "./metrics.js";
import { leastHeight, squeezeScale } from "./squeeze.js";
import { pieceHeight } from "./units.js";

const SPLITTABLE = new Set<Block["kind"]>(["paragraph", "list", "table", "code", "columns", "math"]);
/** A continuation slide holding less than this share of the group's fullest slide is balanced with the ones before. */
const THIN_SHARE = 0.75;
/** Tightest budget tried when balancing (share of a slide). */
const MIN_BUDGET = 0.5;
const BALANCE_STEPS = 6;
/** A unit of at most this many lines of text is not left alone at a slide's end. */
const LONE_LINES = 2;
/** A code block split over slides shows at least this many lines on each. */
const CODE_MIN = 3;

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

const height = pieceHeight;

function newSlide(g: Group, continued: boolean, line: number): Slide {
  return { kind: "content", title: g.title, continued, section: g.section, pieces: [], notes: [], line, height: 0 };
}

/**
 * Lay a group's blocks onto as few slides as fit, then balance them: when the last slide
 * would hold only a little, the same number of slides is filled to a tighter budget, so
 * that the pieces of a split come out about even.
 */
export function fillGroup(blocks: readonly Block[], g: Group, m: SlideMetrics): Filled {
  // code breaks at blank lines and definitions where that costs no extra slide
  let tidy = true;
  let filled = fillSlides(blocks, g, m, 1, tidy);
  if (g.blocks.some((i) => blocks[i]?.kind === "code")) {
    const plain = fillSlides(blocks, g, m, 1, false);
    if (plain.slides.length < filled.slides.length) [filled, tidy] = [plain, false];
  }
  const n = filled.slides.length;
  const thinnest = (f: Filled) => Math.min(...f.slides.filter((s) => s.continued).map((s) => s.height));
  if (n < 2 || thinnest(filled) >= THIN_SHARE * Math.max(...filled.slides.map((s) => s.height))) return filled;
  let best = filled;
  let lo = MIN_BUDGET;
  let hi = 1;
  for (let step = 0; step < BALANCE_STEPS; step++) {
    const mid = (lo + hi) / 2;
    const f = fillSlides(blocks, g, m, mid, tidy);
    if (f.slides.length <= n) {
      if (f.slides.length === n && thinnest(f) > thinnest(best)) best = f;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/**
 * Fill slides to `budget` (share of a slide's room). Splittable blocks break between units
 * (sentences, items, rows, lines): prose at sentence ends (inside a sentence only when the
 * sentence alone is too tall for a slide), code at blank lines and top-level lines where it
 * can. A lead-in (heading, "…为：", a bold label, a bare connective) stays with what follows.
 * A block that cannot be split starts a new slide and is scaled down when it is taller than
 * the slide. Continuation slides repeat the heading.
 */
function fillSlides(blocks: readonly Block[], g: Group, m: SlideMetrics, budget: number, tidyCode: boolean): Filled {
  const full = (m.height - 2 * m.padY) * m.fill;
  const capacity = g.title === undefined ? full : bodyCapacity(m);
  const contCapacity = bodyCapacity(m);
  const slides: Slide[] = [];
  const firstLine = blocks[g.blocks[0] ?? -1]?.lines[0] ?? 0;
  let cur = newSlide(g, false, firstLine);
  // what fits on a slide (scaling), and what this fill puts on one (breaking)
  let cap = capacity;
  let room = cap * budget;
  const next = (line: number) => {
    slides.push(cur);
    cur = newSlide(g, true, line);
    if (cur.title === undefined) cur.title = firstHeading(blocks, g);
    cap = contCapacity;
    room = cap * budget;
  };
  /** Height that must follow a lead-in on its slide: the start of the next block (chains of lead-ins included). */
  const followerNeed = (k: number, depth = 0): number => {
    let j = k;
    while (j < g.blocks.length && blocks[g.blocks[j] as number]?.kind === "notes") j++;
    const f = blocks[g.blocks[j] ?? -1];
    if (!f) return 0;
    const total = height(f, 0, f.units.length);
    if (isLeadIn(f) && depth < 3 && total < room / 2) return total + followerNeed(j + 1, depth + 1);
    if (!SPLITTABLE.has(f.kind) || f.units.length < 2) {
      // a diagram shown at a slide's height may shrink to make room for its lead-in
      const least = leastHeight(f, g.blocks[j] as number, total, blocks, m) ?? total;
      return total <= room ? Math.min(total, least) : 0;
    }
    // code that fits a slide goes whole to the next one rather than be cut on a full slide; else its first lines
    if (f.kind === "code") return total <= contCapacity * budget ? total : height(f, 0, CODE_MIN);
    // what the split will put after it: its first unit, or two when the first is too small to stand alone
    return (f.units[0]?.height ?? 0) <= lonePx ? height(f, 0, 2) : height(f, 0, 1);
  };
  const lonePx = LONE_LINES * m.fontSize * m.lineHeight;
  g.blocks.forEach((index, k) => {
    const b = blocks[index] as Block;
    if (b.kind === "notes") {
      cur.notes.push(index);
      return;
    }
    const total = height(b, 0, b.units.length);
    const lead = isLeadIn(b);
    const need = lead ? followerNeed(k + 1) : 0;
    // keep a lead-in with what follows it: on the next slide, or (a long paragraph on a slide
    // that is not yet half full) its last sentence there
    const strands = lead && cur.height + total + need > room;
    const cuttable = b.kind === "paragraph" && b.units.length >= 3 && cur.height < room / 2;
    if (strands && !cuttable && cur.pieces.length && total + need <= room) next(b.lines[0]);
    // the last sentence can go only where it fits with what it introduces
    const lastFits = height(b, b.units.length - 1, b.units.length) + need <= contCapacity * budget;
    const pullLast = lead && b.kind === "paragraph" && b.units.length >= 2 && cur.height + total + need > room && lastFits;
    if (cur.height + total <= room && !pullLast) {
      cur.pieces.push({ block: index, from: 0, to: b.units.length });
      cur.height += total;
      return;
    }
    const pair = besideHeight(cur, b, total, blocks);
    if (pair !== undefined && cur.height + pair <= room) {
      cur.pieces.push({ block: index, from: 0, to: b.units.length, beside: true });
      cur.height += pair;
      return;
    }
    if (!SPLITTABLE.has(b.kind) || b.units.length < 2) {
      const squeeze = squeezeScale(cur, b, index, total, cap, blocks, m);
      if (cur.pieces.length && squeeze === undefined) next(b.lines[0]);
      cur.pieces.push({ block: index, from: 0, to: b.units.length });
      cur.height += total;
      if (squeeze !== undefined) cur.scale = squeeze;
      else if (total > cap) cur.scale = Math.max(legibleScale(cur, blocks, m), cap / total);
      return;
    }
    // code that fits a slide of its own is not cut when this slide is already half full
    if (b.kind === "code" && cur.pieces.length && cur.height >= room / 2 && total <= contCapacity * budget) next(b.lines[0]);
    const clause = b.kind === "paragraph" ? (b.inline ?? []).map((u) => endsInsideSentence(u)) : [];
    let from = 0;
    while (from < b.units.length) {
      const space = room - cur.height - (b.chrome ?? 0);
      let to = from;
      let used = 0;
      while (to < b.units.length && used + (b.units[to]?.height ?? 0) <= space) used += b.units[++to - 1]?.height ?? 0;
      const remaining = b.units.length - from;
      // never leave a lone small unit behind when the slide already holds something
      // nor a stub of code: fewer than CODE_MIN lines of a longer block start on the next slide
      const stub = b.kind === "code" && to - from < CODE_MIN && remaining > to - from;
      const lone = stub || (to - from === 1 && remaining >= 2 && (b.units[from]?.height ?? 0) <= lonePx);
      if (cur.pieces.length && (to === from || lone)) {
        next(b.units[from]?.line ?? b.lines[0]);
        continue;
      }
      if (to === from) to = from + 1; // one unit taller than a slide: it is scaled
      if (to < b.units.length && b.units.length - to === 1 && to - from >= 3) to--; // no lone unit on the next slide
      // a lead-in's last sentence goes with what follows
      if (lead && lastFits && to === b.units.length && to - from >= 2 && cur.height + height(b, from, to) + need > room) to--;
      if (to < b.units.length && clause[to - 1]) {
        const end = sentenceStart(clause, from, to);
        if (end > from) to = end;
        else if (cur.pieces.length && height(b, from, sentenceEnd(clause, to)) <= contCapacity * budget) {
          // the sentence fits a slide of its own: do not cut it
          next(b.units[from]?.line ?? b.lines[0]);
          continue;
        }
      }
      if (tidyCode && b.kind === "code" && to < b.units.length) to = codeBreak(b.code ?? [], from, to);
      const h = height(b, from, to);
      cur.pieces.push({ block: index, from, to });
      cur.height += h;
      if (h > cap) cur.scale = Math.max(legibleScale(cur, blocks, m), cap / h);
      from = to;
      if (from < b.units.length) next(b.units[from]?.line ?? b.lines[0]);
    }
  });
  if (cur.pieces.length) slides.push(cur);
  else if (slides.length) (slides[slides.length - 1] as Slide).notes.push(...cur.notes);
  else return { slides, orphanNotes: cur.notes };
  return { slides, orphanNotes: [] };
}

/** The last unit boundary in (from, to] that ends a sentence (`from` when there is none). */
function sentenceStart(clause: readonly boolean[], from: number, to: number): number {
  for (let j = to - 1; j > from; j--) if (!clause[j - 1]) return j;
  return from;
}

/** The unit boundary ending the sentence that unit `to - 1` is in. */
function sentenceEnd(clause: readonly boolean[], to: number): number {
  let j = to;
  while (j < clause.length && clause[j - 1]) j++;
  return j;
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
