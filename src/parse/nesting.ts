import type { Env, MarkdownIt, Token } from "markdown-it";

const LEAVES = new Set(["inline", "fence", "code_block", "html_block", "math_block", "hr"]);
const MARKERS = /^(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s|$)))+\s*/;

/**
 * markdown-it stops at `maxNesting` levels and drops what lies deeper without a word.
 * When a parse reached that depth, find the lines no token covers, and give them back as a
 * plain paragraph (markers stripped): the text stays, and the caller says why.
 * Returns the 0-based lines (relative to the chunk) that were recovered.
 */
export function recoverDeepNesting(md: MarkdownIt, tokens: Token[], text: string, env: Env): { lines: number[]; tokens: Token[] } {
  const limit = md.options.maxNesting ?? 100;
  if (!tokens.some((t) => t.level >= limit - 2)) return { lines: [], tokens: [] };
  const covered = new Set<number>();
  for (const t of tokens) {
    if (!LEAVES.has(t.type) || !t.map) continue;
    for (let l = t.map[0]; l < t.map[1]; l++) covered.add(l);
  }
  const src = text.split("\n");
  const lost: number[] = [];
  const kept: string[] = [];
  src.forEach((line, i) => {
    if (covered.has(i)) return;
    const plain = line.replace(MARKERS, "").trim();
    if (!plain) return;
    lost.push(i);
    kept.push(plain);
  });
  if (!lost.length) return { lines: [], tokens: [] };
  const recovered = md.parse(kept.map((l) => l.replace(/^([#>*+\-=|`~:$]|\d+[.)])/, "\\$1")).join("\n"), env);
  const at = lost[0] as number;
  for (const t of recovered) if (t.map) t.map = [at, at + 1];
  return { lines: lost, tokens: recovered };
}
