/**
 * The next pass of the fit without reloading the page: the page already shows the previous
 * plan's deck in the measuring layout; the new plan's deck differs in a few slides (a re-plan
 * splits one block, the slides after it move up by one). The deck's top-level sections (a
 * slide, or a stack of slides) that are unchanged stay in the page, laid out as they were; the
 * others are taken out and the new ones put in; then every slide takes its new index and line.
 * The page is then the new deck exactly, and only what changed is laid out again. When the
 * page around the slides changed, or too much did, the caller loads the page afresh.
 */
import type { Page } from "puppeteer-core";
import type { DeckSections, SlideSection } from "./sections.js";

/** A section of a deck (a slide, or a stack of slides): its HTML, and the same without the indexes that move. */
interface Unit {
  html: string;
  key: string;
  /** Content slides in it (the ones the fit measures). */
  measured: number;
  /** A stack: its opening tag and its slides. */
  stack?: { open: string; slides: Unit[] };
}

const MOVING = / data-lectern-(?:slide|line)="\d+"/g;
const CLOSE = "</section>";

const unit = (html: string, measured: number, stack?: Unit["stack"]): Unit => ({ html, key: html.replace(MOVING, ""), measured, stack });

/** The deck's top-level sections, in order, or undefined when they cannot be cut out. */
function units(html: string, sections: DeckSections): Unit[] | undefined {
  const out: Unit[] = [];
  const { slides } = sections;
  for (let i = 0; i < slides.length; ) {
    const first = slides[i];
    if (!first) break;
    const group = slides.slice(i, i + first.of);
    if (group.length !== first.of) return undefined;
    const own = group.map((s) => unit(html.slice(s.from - s.open.length, s.to + CLOSE.length), s.measured ? 1 : 0));
    const measured = own.reduce((n, u) => n + u.measured, 0);
    if (first.stack === undefined) out.push(own[0] as Unit);
    else {
      const start = html.lastIndexOf(first.stack, first.from - first.open.length);
      const end = html.indexOf(CLOSE, (group[group.length - 1] as SlideSection).to + CLOSE.length);
      if (start < 0 || end < 0) return undefined;
      out.push(unit(html.slice(start, end + CLOSE.length), measured, { open: first.stack, slides: own }));
    }
    i += first.of;
  }
  return out;
}

/** A step of the page's change: keep the old section at this index, put this HTML in, or keep the old stack and change its slides. */
type Step = number | string | { at: number; steps: Step[] };

/**
 * The steps from `before` to `after`, and how many content slides they put in. A changed stack
 * whose opening tag is the same keeps its unchanged slides.
 */
function steps(before: readonly Unit[], after: readonly Unit[]): { steps: Step[]; fresh: number } {
  const ops = relayoutPlan(
    before.map((u) => u.key),
    after.map((u) => u.key),
  );
  const out: Step[] = [];
  let fresh = 0;
  let lastKept = -1;
  for (let j = 0; j < after.length; ) {
    const op = ops[j] as number;
    if (op >= 0) {
      out.push(op);
      lastKept = op;
      j++;
      continue;
    }
    // a run of new sections, and the old ones between the kept sections around it
    let end = j;
    while (end < after.length && (ops[end] as number) < 0) end++;
    const nextKept = end < after.length ? (ops[end] as number) : before.length;
    for (let k = 0; j < end; j++, k++) {
      const neu = after[j] as Unit;
      const old = lastKept + 1 + k < nextKept ? before[lastKept + 1 + k] : undefined;
      if (old?.stack && neu.stack && old.stack.open === neu.stack.open) {
        const inner = steps(old.stack.slides, neu.stack.slides);
        out.push({ at: lastKept + 1 + k, steps: inner.steps });
        fresh += inner.fresh;
      } else {
        out.push(neu.html);
        fresh += neu.measured;
      }
    }
  }
  return { steps: out, fresh };
}

/**
 * What to do to the page: for each new top-level section, the old one it keeps (in increasing
 * order: nothing moves) or -1: put the new one in. Greedy: after a change, the nearest old and
 * new sections that are equal again, searched `reach` sections ahead; none: the rest is new.
 */
export function relayoutPlan(before: readonly string[], after: readonly string[], reach = 64): number[] {
  const ops: number[] = [];
  let i = 0;
  let j = 0;
  while (j < after.length) {
    if (i < before.length && before[i] === after[j]) {
      ops.push(i++);
      j++;
      continue;
    }
    // the nearest (a, b) with before[i + a] === after[j + b], smallest a + b
    let found: [number, number] | undefined;
    for (let d = 1; d <= reach && !found; d++) {
      for (let a = 0; a <= d; a++) {
        const b = d - a;
        if (i + a < before.length && j + b < after.length && before[i + a] === after[j + b]) {
          found = [a, b];
          break;
        }
      }
    }
    const [a, b] = found ?? [before.length - i, after.length - j];
    i += a;
    for (let k = 0; k < b; k++, j++) ops.push(-1);
  }
  return ops;
}

/** The page's deck, as last laid out. */
export interface Shown {
  shell: string;
  units: Unit[];
}

export function shownDeck(html: string, sections: DeckSections): Shown | undefined {
  const list = units(html, sections);
  return list && { shell: sections.shell, units: list };
}

/**
 * Turn the deck the page shows into `next` (whose slides are `sections`) in place. Returns how
 * many content slides were put in (laid out anew), or undefined when the page is not as
 * expected or the page around the slides changed: the caller then loads the page afresh.
 */
export async function relayout(page: Page, shown: Shown, next: Shown, sections: DeckSections): Promise<number | undefined> {
  if (next.shell !== shown.shell) return undefined;
  const plan = steps(shown.units, next.units);
  const slides = sections.slides.map((s) => ({ index: s.index, line: /\bdata-lectern-line="(\d+)"/.exec(s.open)?.[1] ?? "" }));
  const done = await page.evaluate(
    async (count: number, steps: Step[], slides: { index: number; line: string }[]) => {
      const container = document.querySelector(".reveal .slides");
      if (!container) return false;
      const sectionsOf = (el: Element) => [...el.children].filter((c) => c.tagName === "SECTION");
      const apply = (parent: Element, olds: Element[], list: Step[]): boolean => {
        const keep = new Set(list.map((s) => (typeof s === "number" ? s : typeof s === "object" ? s.at : -1)));
        for (const [i, node] of olds.entries()) if (!keep.has(i)) node.remove();
        let after: Node | null = null; // insert after this node (null: at the start)
        for (const step of list) {
          if (typeof step === "string") {
            const t = document.createElement("template");
            t.innerHTML = step;
            const added = t.content.lastChild;
            parent.insertBefore(t.content, after ? after.nextSibling : parent.firstChild);
            after = added ?? after;
            continue;
          }
          const old = olds[typeof step === "number" ? step : step.at];
          if (!old) return false;
          if (typeof step === "object" && !apply(old, sectionsOf(old), step.steps)) return false;
          after = old;
        }
        return true;
      };
      const tops = sectionsOf(container);
      if (tops.length !== count || !apply(container, tops, steps)) return false;
      const sections = container.querySelectorAll<HTMLElement>("section[data-lectern-slide]");
      if (sections.length !== slides.length) return false;
      sections.forEach((s, i) => {
        const { index, line } = slides[i] as { index: number; line: string };
        if (s.dataset.lecternSlide !== String(index)) s.dataset.lecternSlide = String(index);
        if (line && s.dataset.lecternLine !== line) s.dataset.lecternLine = line;
      });
      await document.fonts.ready;
      await Promise.all([...document.images].map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))));
      return true;
    },
    shown.units.length,
    plan.steps,
    slides,
  );
  return done ? plan.fresh : undefined;
}
