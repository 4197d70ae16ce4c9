/**
 * A rendered deck cut into what its layout depends on: the page around the slides (head,
 * scripts) and each slide's own `<section>`. Every `<` of a deck belongs to a tag Lectern wrote
 * (render/sanitize allows no `<section>` in raw HTML; text is escaped), so counting `<section`
 * and `</section>` tags finds the slides; a page that does not read as Lectern's own gives
 * undefined (the fit then measures the page as it is).
 */

/** One slide's `<section>` in the deck's HTML. */
export interface SlideSection {
  /** `data-lectern-slide`: its index in the plan. */
  index: number;
  /** The opening tag. */
  open: string;
  /** Offsets of what is inside the section (between its tags) in the page. */
  from: number;
  to: number;
  /** The opening tag of the vertical stack around it, if any. */
  stack: string | undefined;
  /** Place in its stack (0 when alone) and the stack's size. */
  at: number;
  of: number;
  /**
   * Whether it (or its stack) is first or last among the deck's sections, and whether it is
   * first or last in its stack: what `:first-child` and `:last-child` see.
   */
  edge: string;
  /** A content or agenda slide: the slides the fit measures (fit/measure). */
  measured: boolean;
}

export interface DeckSections {
  /** The page before the first slide and after the last (identical for every plan of one article). */
  shell: string;
  slides: SlideSection[];
}

const SLIDES_OPEN = '<div class="slides">';
const TAG = /<section\b[^>]*>|<\/section>/g;
const classes = (open: string): string[] => (/\bclass="([^"]*)"/.exec(open)?.[1] ?? "").split(/\s+/);

/** The deck's slides and the page around them, or undefined when `html` is not a deck as Lectern renders it. */
export function deckSections(html: string): DeckSections | undefined {
  const start = html.indexOf(SLIDES_OPEN);
  if (start < 0) return undefined;
  const slides: SlideSection[] = [];
  /** The deck's top-level sections: a slide, or a stack's slides. */
  const tops: SlideSection[][] = [];
  /** Open sections, outermost first. */
  const open: { tag: string; from: number; slides: SlideSection[] }[] = [];
  let first = -1;
  let last = -1;
  TAG.lastIndex = start;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const tag = m[0];
    if (tag !== "</section>") {
      if (first < 0) first = m.index;
      open.push({ tag, from: m.index + tag.length, slides: [] });
      if (open.length > 2) return undefined; // a section inside a slide: not a deck Lectern rendered
      continue;
    }
    const closed = open.pop();
    if (!closed) return undefined;
    last = m.index + tag.length;
    const index = /\bdata-lectern-slide="(\d+)"/.exec(closed.tag)?.[1];
    if (index !== undefined) {
      const slide: SlideSection = {
        index: Number(index),
        open: closed.tag,
        from: closed.from,
        to: m.index,
        stack: undefined,
        at: 0,
        of: 1,
        edge: "",
        measured: classes(closed.tag).some((c) => c === "lectern-slide" || c === "lectern-agenda"),
      };
      slides.push(slide);
      if (open.length) open[0]?.slides.push(slide);
      else tops.push([slide]);
    } else if (open.length === 0) {
      for (const s of closed.slides) s.stack = closed.tag;
      tops.push(closed.slides);
    } else return undefined;
    if (open.length === 0 && html.startsWith("\n</div>", last)) break;
  }
  if (open.length || first < 0 || slides.some((s, i) => s.index !== i)) return undefined;
  for (const [i, stack] of tops.entries()) {
    const top = `${i === 0 ? "F" : ""}${i === tops.length - 1 ? "L" : ""}`;
    for (const [at, s] of stack.entries()) {
      Object.assign(s, { at, of: stack.length, edge: `${top}/${at === 0 ? "f" : ""}${at === stack.length - 1 ? "l" : ""}` });
    }
  }
  return { shell: html.slice(0, first) + html.slice(last), slides };
}

/** The slide's HTML as its layout sees it: without its index and source line (which move when a slide is added above). */
export const slideText = (html: string, s: SlideSection): string =>
  `${s.stack ?? ""}${s.open.replace(/ data-lectern-(?:slide|line)="\d+"/g, "")}${html.slice(s.from, s.to)}`;

/**
 * The page with only `keep` slides filled in: every other slide keeps its tags (so the deck's
 * structure is the same, stack by stack) but loses its content, which costs the browser nothing
 * to lay out.
 */
export function keepOnly(html: string, sections: DeckSections, keep: ReadonlySet<number>): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of sections.slides) {
    if (keep.has(s.index)) continue;
    parts.push(html.slice(at, s.from));
    at = s.to;
  }
  parts.push(html.slice(at));
  return parts.join("");
}
