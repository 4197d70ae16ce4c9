import type { Token } from "markdown-it";
import type { Diagnostics } from "../diagnostics/collect.js";
import type { Block } from "../types.js";
import { cloneToken } from "../util/tokens.js";
import { inlineText } from "./sentences.js";

const MIN_ITEMS = 12;
/** Collapse when at most this share of the items are distinct. */
const MAX_DISTINCT_SHARE = 0.5;
const SEPARATOR = /[、]/;

function withContent(token: Token, content: string): Token {
  const copy = cloneToken(token);
  copy.content = content;
  return copy;
}

/** Split inline tokens at top-level `、` into items (the first may carry an intro before `：`). */
function enumerationItems(children: Token[]): Token[][] {
  const items: Token[][] = [[]];
  let depth = 0;
  for (const token of children) {
    if (token.nesting !== 0) depth += token.nesting;
    if (token.type !== "text" || depth > 0) {
      (items[items.length - 1] as Token[]).push(token);
      continue;
    }
    const parts = token.content.split(SEPARATOR);
    parts.forEach((part, k) => {
      if (k > 0) items.push([]);
      if (part) (items[items.length - 1] as Token[]).push(withContent(token, part));
    });
  }
  return items;
}

const key = (item: Token[]) =>
  inlineText(item)
    .replace(/\s+/g, "")
    .replace(/[。.]$/, "");

/**
 * Degenerate repetition (generated text that loops): a `、`-separated enumeration whose
 * items repeat. Returns the replacement blocks (intro paragraph + a columns list of the
 * distinct items, order kept), or `undefined` when the paragraph is not degenerate.
 */
export function collapseRepetition(block: Block, keep: boolean, diags: Diagnostics): Block[] | undefined {
  if (block.kind !== "paragraph") return undefined;
  const inline = block.tokens[1];
  const children = inline?.children ?? [];
  if (!inline || inline.content.split(SEPARATOR).length < MIN_ITEMS) return undefined;
  const items = enumerationItems(children);
  // Intro: text of the first item up to a colon ("核心概念包括：")
  const intro: Token[] = [];
  const firstItem = items[0] as Token[];
  const firstText = firstItem[0];
  if (firstText?.type === "text") {
    const colon = firstText.content.search(/[：:]/);
    if (colon >= 0) {
      intro.push(withContent(firstText, firstText.content.slice(0, colon + 1)));
      const rest = firstText.content.slice(colon + 1);
      items[0] = rest ? [withContent(firstText, rest), ...firstItem.slice(1)] : firstItem.slice(1);
    }
  }
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const distinct = counts.size;
  if (total < MIN_ITEMS || distinct > total * MAX_DISTINCT_SHARE) return undefined;
  const [top, topCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
  const line = block.lines[0];
  if (keep) {
    diags.add(
      "warning",
      "repetition",
      `degenerate repetition: an enumeration of ${total} items has only ${distinct} distinct ones ("${top}" ×${topCount}); kept as written`,
      line,
      0,
    );
    return undefined;
  }
  diags.add(
    "warning",
    "repetition",
    `degenerate repetition: an enumeration of ${total} items has only ${distinct} distinct ones ("${top}" ×${topCount}); collapsed to ${distinct} items in columns (--keep-repetition keeps the text as written)`,
    line,
    0,
  );
  const seen = new Set<string>();
  const unique: Token[][] = [];
  for (const item of items) {
    const k = key(item);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    unique.push(item);
  }
  const out: Block[] = [];
  if (intro.length) out.push({ ...block, kind: "paragraph", inline: [intro], text: inlineText(intro), units: [] });
  out.push({ ...block, kind: "columns", inline: unique, text: unique.map(inlineText).join("\n"), units: [] });
  return out;
}
