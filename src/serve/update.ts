/**
 * What the open pages of a deck are sent after a rebuild: a reload when the page around the
 * slides changed (theme, scripts, reveal's settings), else the slides that changed, patched
 * into the page in place, with what the page needs to stay on the slide being edited.
 */
import { decodeEntities } from "../util/html.js";
import { deckParts, stackSlides } from "./deck-parts.js";
import { changedLines, diffLists } from "./diff.js";

/** One deck as it was built: its page and the article text it came from. */
export interface Built {
  html: string;
  text: string;
}

export interface PatchHunk {
  /** The top-level `<section>` (a vertical stack) whose slides this hunk replaces; absent: the top-level sections themselves. */
  stack?: number;
  /** Index of the first `<section>` replaced, in the page as it is before this patch. */
  at: number;
  remove: number;
  /** The new top-level sections put there. */
  html: string;
}

export interface Patch {
  type: "patch";
  /** Top-level sections the page must have for the hunks to apply (else it reloads). */
  count: number;
  hunks: PatchHunk[];
  /** 1-based source line of every slide of the new deck (`data-lectern-line`), in order. */
  lines: number[];
  title: string;
  /**
   * The source lines the edit touched (0-based): `[start, endOld)` of the old text became
   * `[start, endNew)`. The page maps the slide it shows through it.
   */
  edit?: { start: number; endOld: number; endNew: number };
}

export type Update = Patch | { type: "reload"; reason: string };

/** The hunks that turn one vertical stack into another, or undefined when either is a lone slide. */
function innerHunks(before: string, after: string, stack: number): PatchHunk[] | undefined {
  const a = stackSlides(before);
  const b = stackSlides(after);
  if (!a || !b) return undefined;
  return diffLists(a.compared, b.compared).map((h) => ({
    stack,
    at: h.at,
    remove: h.remove,
    html: b.slides.slice(h.from, h.from + h.insert).join("\n"),
  }));
}

/** The update that takes a page showing `before` to `after`. */
export function planUpdate(before: Built, after: Built): Update {
  const a = deckParts(before.html);
  const b = deckParts(after.html);
  if (!a || !b) return { type: "reload", reason: "not a deck page" };
  if (a.frame !== b.frame) return { type: "reload", reason: "the page around the slides changed" };
  const hunks: PatchHunk[] = [];
  for (const h of diffLists(a.compared, b.compared)) {
    // one stack changed: its slides that changed, not all of them
    const inner = h.remove === 1 && h.insert === 1 ? innerHunks(a.stacks[h.at] as string, b.stacks[h.from] as string, h.at) : undefined;
    if (inner) hunks.push(...inner);
    else hunks.push({ at: h.at, remove: h.remove, html: b.stacks.slice(h.from, h.from + h.insert).join("\n") });
  }
  const edit = changedLines(before.text, after.text);
  return {
    type: "patch",
    count: a.stacks.length,
    hunks,
    lines: b.lines,
    title: decodeEntities(b.title),
    edit: edit && { start: edit.start, endOld: edit.endA, endNew: edit.endB },
  };
}
