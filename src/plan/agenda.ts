import type { Slide } from "../types.js";
import { bodyCapacity, contentWidth, type SlideMetrics } from "./metrics.js";
import { lineCount, textEm } from "./text-width.js";

/** Sections above this many are listed in two columns, at 0.9× size (themes: `.lectern-agenda-long`). */
export const AGENDA_LONG = 8;
const LONG_SCALE = 0.9;
const COLUMN_GAP = 48;
/** Room for the number disc before each entry, in em. */
const DISC_EM = 2.1;
/** Vertical padding of one entry, px (3 each side in the long layout, about 6 in the short one). */
const ENTRY_PAD = (long: boolean) => (long ? 6 : 12);

/**
 * The agenda slides for `titles`: as many entries on each as fit (two columns when the
 * article has more than eight sections), the rest continued on further slides in the same
 * stack. A title that wraps counts for as many lines as it takes.
 */
export function planAgenda(titles: readonly string[], m: SlideMetrics): Slide[] {
  const long = titles.length > AGENDA_LONG;
  const columns = long ? 2 : 1;
  const font = m.fontSize * (long ? LONG_SCALE : 1);
  const columnWidth = (contentWidth(m) - (columns - 1) * COLUMN_GAP) / columns - DISC_EM * font;
  const entryHeight = (title: string) => lineCount(textEm(title), font, columnWidth) * font * m.lineHeight + ENTRY_PAD(long);
  // a column break cannot split an entry: leave a line of slack per column
  const perColumn = bodyCapacity(m) - font * m.lineHeight;
  const slides: Slide[] = [];
  let from = 0;
  while (from < titles.length) {
    let to = from;
    let column = 0;
    let used = 0;
    while (to < titles.length) {
      const h = entryHeight(titles[to] as string);
      if (used + h > perColumn && used > 0) {
        if (column + 1 >= columns) break;
        column++;
        used = 0;
      }
      used += h;
      to++;
    }
    slides.push({
      kind: "agenda",
      continued: from > 0,
      section: 0,
      pieces: [],
      notes: [],
      line: 0,
      height: 0,
      entries: { from, to },
    });
    from = to;
  }
  return slides;
}
