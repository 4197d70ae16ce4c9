import type { Token } from "markdown-it";

/** Where the parts of a list item lie (token indices within the item, [start, end)). */
export interface ItemParts {
  /** What comes before its nested list: the item's own text. */
  head: [number, number];
  /** Its nested list, open to close. */
  list: [number, number];
  /** The nested list's items. */
  subs: [number, number][];
}

/** [start, end) of each child opened directly inside `tokens[from..to)` (a leaf is its own child). */
function children(tokens: readonly Token[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = from; i < to; i++) {
    let end = i;
    if ((tokens[i] as Token).nesting === 1) {
      let depth = 0;
      for (end = i; end < to; end++) {
        depth += (tokens[end] as Token).nesting;
        if (depth === 0) break;
      }
    }
    out.push([i, end + 1]);
    i = end;
  }
  return out;
}

const isList = (t: Token | undefined) => t?.type === "bullet_list_open" || t?.type === "ordered_list_open";

/**
 * An item made of its text followed by one nested list of two or more items: the parts it
 * can go on over slides between (after its text, between nested items). Anything else (a
 * nested list with text after it, two nested lists): undefined, the item stays whole.
 */
export function itemParts(item: readonly Token[]): ItemParts | undefined {
  const kids = children(item, 1, item.length - 1);
  const last = kids[kids.length - 1];
  if (!last || kids.length < 2 || !isList(item[last[0]]) || kids.slice(0, -1).some(([a]) => isList(item[a]))) return undefined;
  const subs = children(item, last[0] + 1, last[1] - 1).filter(([a]) => item[a]?.type === "list_item_open");
  return subs.length >= 2 ? { head: [1, last[0]], list: last, subs } : undefined;
}
