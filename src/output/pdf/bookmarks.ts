import { wordsFor } from "../../render/words.js";
import type { Plan } from "../../types.js";

export interface OutlineEntry {
  title: string;
  /** 0-based page. */
  page: number;
  children: OutlineEntry[];
}

/**
 * Bookmarks of a deck's PDF (one page per slide, in plan order): an entry per top-level
 * stack — the section, or the title — with a child per slide title (continuations skipped).
 */
export function outlineOf(plan: Plan): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let page = 0;
  for (const stack of plan.stacks) {
    const [head, ...rest] = stack.slides;
    if (!head) continue;
    const entry: OutlineEntry = {
      title: head.kind === "agenda" ? wordsFor(plan.lang).agenda : (head.title ?? `Slide ${page + 1}`),
      page,
      children: [],
    };
    page++;
    for (const slide of rest) {
      if (!slide.continued && slide.title && slide.title !== entry.children[entry.children.length - 1]?.title) {
        entry.children.push({ title: slide.title, page, children: [] });
      }
      page++;
    }
    entries.push(entry);
  }
  return entries;
}
