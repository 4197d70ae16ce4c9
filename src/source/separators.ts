import type { Diagnostics } from "../diagnostics/collect.js";
import type { Chunk } from "../types.js";

const HORIZONTAL = /^---[ \t]*$/;
const VERTICAL = /^----[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
/** Lines that are not paragraph text: a `---` under them is a break, not a setext underline. */
const NOT_PARAGRAPH = /^\s{0,3}(>|[-*+]\s|\d+[.)]\s|#|\||<|`{3,}|~{3,}|\$\$)/;
const YAML_LINE = /^([A-Za-z_][\w-]*\s*:|#|\s+\S|-\s)/;

/** How a dialect cuts its slides (the default: `---` and `----`, setext underlines kept). */
export interface SeparatorStyle {
  /** A line that starts a new horizontal slide. */
  horizontal?: RegExp;
  /** A line that starts a new vertical slide; `null`: none (Marp). */
  vertical?: RegExp | null;
  /** The separator line always separates, even right under a line of text (reveal.js reads no setext there). */
  strict?: boolean;
  /** Runs of at least this many blank lines separate (reveal.js `data-separator="^\n\n\n"`). */
  blank?: { horizontal?: number; vertical?: number };
  /** Slidev's per-slide front matter is looked for (default true). */
  slideMatter?: boolean;
}

/**
 * Cut the body at explicit slide separators: `---` (new horizontal slide) and `----`
 * (new vertical slide) alone on a line, outside code fences. A `---` right under a line
 * of text is a setext heading underline (CommonMark), not a separator. Per-slide front
 * matter (Slidev: `---` / `key: value` lines / `---`) is skipped with a note.
 */
export function splitChunks(body: string, bodyLine: number, diags: Diagnostics, style: SeparatorStyle = {}): Chunk[] {
  const lines = body.split("\n");
  const horizontal = style.horizontal ?? HORIZONTAL;
  const vertical = style.vertical === undefined ? VERTICAL : style.vertical;
  const chunks: Chunk[] = [];
  let start = 0;
  let via: Chunk["via"] = "start";
  let fence: string | null = null;
  let slideMatterNoted = false;

  const close = (end: number) => {
    chunks.push({ line: bodyLine + start, text: lines.slice(start, end).join("\n"), via });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence !== null) {
      const m = FENCE_OPEN.exec(line);
      if (m && m[1]?.[0] === fence[0] && (m[1]?.length ?? 0) >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = open[1] as string;
      continue;
    }
    if (style.blank && line.trim() === "") {
      let j = i;
      while (j < lines.length && (lines[j] as string).trim() === "") j++;
      const kind = blankBreak(j - i, style.blank);
      if (kind && i > start && j < lines.length) {
        close(i);
        via = kind;
        start = j;
      }
      i = j - 1;
      continue;
    }
    const isH = horizontal.test(line);
    const isV = !isH && vertical !== null && vertical.test(line);
    if (!isH && !isV) continue;
    const prev = i > 0 ? (lines[i - 1] as string) : "";
    if (!style.strict && prev.trim() !== "" && i !== start && !NOT_PARAGRAPH.test(prev)) continue; // setext underline
    close(i);
    via = isH ? "horizontal" : "vertical";
    start = i + 1;
    const matterEnd = style.slideMatter === false ? -1 : slideFrontMatterEnd(lines, i + 1);
    if (matterEnd > 0) {
      if (!slideMatterNoted) {
        diags.add("info", "slide-front-matter", "per-slide front matter (layout, class, transition…) is ignored", bodyLine + i + 1, 0);
        slideMatterNoted = true;
      }
      start = matterEnd + 1;
      i = matterEnd;
    }
  }
  close(lines.length);
  return chunks;
}

/** If lines from `from` are `key: value` lines closed by `---`, the index of that `---`. */
function slideFrontMatterEnd(lines: string[], from: number): number {
  const first = lines[from];
  if (first === undefined || !/^[A-Za-z_][\w-]*\s*:/.test(first)) return -1;
  for (let j = from; j < lines.length && j < from + 40; j++) {
    const l = lines[j] as string;
    if (HORIZONTAL.test(l)) return j;
    if (!YAML_LINE.test(l)) return -1;
  }
  return -1;
}

/** What a run of `n` blank lines is in a deck cut by blank lines. */
function blankBreak(n: number, blank: NonNullable<SeparatorStyle["blank"]>): Chunk["via"] | undefined {
  if (blank.horizontal !== undefined && n >= blank.horizontal) return "horizontal";
  if (blank.vertical !== undefined && n >= blank.vertical) return "vertical";
  return undefined;
}
