import type { Chunk } from "../types.js";
import { headingLevels } from "./front-matter.js";

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const COMMENT = /<!--([\s\S]*?)-->/g;
/** A pandoc fenced div: opened by colons and a name or attributes, closed by colons alone. */
const DIV_OPEN = /^ {0,3}:{3,}[ \t]*[^\s:]/;
const DIV_CLOSE = /^ {0,3}:{3,}[ \t]*$/;
const DIRECTIVE = /^\s*headingDivider\s*:\s*(.+?)\s*$/m;

/**
 * Marp's `headingDivider` as the deck sets it: front matter, then every `<!-- headingDivider: … -->`
 * comment (a global directive: the last one written wins, for the whole deck). `[]` when unset.
 */
export function headingDividerOf(front: readonly number[] | undefined, body: string): number[] {
  let levels = [...(front ?? [])];
  for (const m of body.matchAll(COMMENT)) {
    const value = DIRECTIVE.exec(m[1] as string)?.[1];
    if (value === undefined) continue;
    const list = /^\[([\d\s,]*)\]$/.exec(value);
    const parsed = headingLevels(
      list ? (list[1] as string).split(",").map((n) => Number(n.trim())) : /^\d+$/.test(value) ? Number(value) : value,
    );
    if (parsed) levels = parsed;
  }
  return levels;
}

/**
 * Cut each chunk again before every ATX heading of one of `levels` (outside code fences), as
 * Marp's `headingDivider` does: a heading that is the first thing on its slide (comments
 * before it aside) starts no new one. With `divs` (Quarto), a heading inside a fenced div (a
 * callout's `## title`, a tabset's tabs) starts none either.
 */
export function divideAtHeadings(chunks: readonly Chunk[], levels: readonly number[], divs = false): Chunk[] {
  if (!levels.length) return [...chunks];
  return chunks.flatMap((chunk) => divideChunk(chunk, levels, divs));
}

function divideChunk(chunk: Chunk, levels: readonly number[], divs: boolean): Chunk[] {
  const lines = chunk.text.split("\n");
  const out: Chunk[] = [];
  let start = 0;
  let fence: string | null = null;
  let inComment = false;
  let content = false;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence !== null) {
      if (line.trim().startsWith(fence) && /^[`~]+$/.test(line.trim())) fence = null;
      continue;
    }
    if (divs && !inComment && DIV_OPEN.test(line)) depth++;
    else if (divs && !inComment && depth > 0 && DIV_CLOSE.test(line)) depth--;
    const open = FENCE_OPEN.exec(line);
    const heading = !inComment && depth === 0 && ATX.exec(line);
    if (heading && levels.includes((heading[1] as string).length) && content) {
      out.push({ ...chunk, line: chunk.line + start, text: lines.slice(start, i).join("\n"), via: out.length ? "horizontal" : chunk.via });
      start = i;
      content = false;
    }
    if (open) {
      fence = open[1] as string;
      content = true;
      continue;
    }
    const scan = scanComments(line, inComment);
    inComment = scan.inComment;
    content ||= scan.content;
  }
  out.push({ ...chunk, line: chunk.line + start, text: lines.slice(start).join("\n"), via: out.length ? "horizontal" : chunk.via });
  return out;
}

/** Whether a line holds text outside HTML comments, and whether a comment is still open after it. */
function scanComments(line: string, open: boolean): { content: boolean; inComment: boolean } {
  let rest = line;
  let inComment = open;
  let content = false;
  for (;;) {
    if (inComment) {
      const end = rest.indexOf("-->");
      if (end < 0) return { content, inComment };
      rest = rest.slice(end + 3);
      inComment = false;
    } else {
      const at = rest.indexOf("<!--");
      if (at < 0) return { content: content || rest.trim() !== "", inComment };
      if (rest.slice(0, at).trim()) content = true;
      rest = rest.slice(at + 4);
      inComment = true;
    }
  }
}
