/**
 * A built deck page cut into what `serve` can patch: the frame around the slides (head,
 * scripts: a change there needs a reload), the `<title>` (patched on its own), and the
 * top-level `<section>`s of `.slides` (a slide, or a vertical stack of slides), each as
 * written, with the numbers that shift when a slide is inserted above it left out of the text
 * they are compared by.
 */

export interface DeckParts {
  /** The page without its slides and `<title>`: two pages with the same frame differ only in slides. */
  frame: string;
  title: string;
  /** Each top-level `<section>` as written. */
  stacks: string[];
  /** The same, without `data-lectern-slide`/`data-lectern-line` (they shift with any slide above). */
  compared: string[];
  /** 1-based source line of every slide (`data-lectern-line`), in deck order. */
  lines: number[];
}

const SLIDES_OPEN = '<div class="slides">';
const TAGS = /<section\b[^>]*>|<\/section>|<\/div>/g;
const STACK_OPEN = '<section class="lectern-stack">';
const NUMBERS = / data-lectern-slide="\d+" data-lectern-line="\d+"/g;
const LINE = /<section\b[^>]*\bdata-lectern-line="(\d+)"/g;

/**
 * The `<section>`s at the top of `html` from `start` on, up to the `</div>` that closes them
 * (or the end): each as written, and where they stop. Undefined when they do not nest.
 */
function sectionsFrom(html: string, start: number): { sections: string[]; end: number } | undefined {
  const sections: string[] = [];
  const tags = new RegExp(TAGS.source, "g");
  let depth = 0;
  let from = -1;
  tags.lastIndex = start;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    const tag = m[0];
    if (tag === "</div>") {
      if (depth === 0) return { sections, end: m.index };
    } else if (tag === "</section>") {
      depth--;
      if (depth < 0) return depth === -1 ? { sections, end: m.index } : undefined;
      if (depth === 0) sections.push(html.slice(from, m.index + tag.length));
    } else {
      if (depth === 0) from = m.index;
      depth++;
    }
  }
  return depth === 0 ? { sections, end: html.length } : undefined;
}

/** The slides of a vertical stack (`<section class="lectern-stack">`), or undefined for a lone slide. */
export function stackSlides(stack: string): { slides: string[]; compared: string[] } | undefined {
  if (!stack.startsWith(STACK_OPEN)) return undefined;
  const inner = sectionsFrom(stack, STACK_OPEN.length);
  if (!inner) return undefined;
  return { slides: inner.sections, compared: inner.sections.map((s) => s.replace(NUMBERS, "")) };
}

/** The page's parts, or undefined when it is not a deck page this module knows. */
export function deckParts(html: string): DeckParts | undefined {
  const open = html.indexOf(SLIDES_OPEN);
  if (open < 0) return undefined;
  const start = open + SLIDES_OPEN.length;
  const found = sectionsFrom(html, start);
  if (!found || found.end === html.length) return undefined;
  const { sections: stacks, end } = found;
  const outside = html.slice(0, start) + html.slice(end);
  const title = /<title>([\s\S]*?)<\/title>/.exec(outside);
  const lines = [...html.slice(start, end).matchAll(LINE)].map((m) => Number(m[1]));
  return {
    frame: title ? outside.replace(title[0], "") : outside,
    title: title?.[1] ?? "",
    stacks,
    compared: stacks.map((s) => s.replace(NUMBERS, "")),
    lines,
  };
}
