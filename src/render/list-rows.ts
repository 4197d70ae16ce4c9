import type { Token } from "markdown-it";
import { itemParts } from "../parse/list-items.js";
import type { Block } from "../types.js";
import { cloneToken } from "../util/tokens.js";

/** The items of units [from, to) of a list, as token runs, and the number of the first. */
export function listPieceItems(block: Block, from: number, to: number): { first: number; items: Token[][] } {
  const t = block.tokens;
  const ranges = block.ranges ?? [];
  const rows = block.listRows;
  if (!rows) return { first: from, items: ranges.slice(from, to).map(([a, b]) => t.slice(a, b)) };
  const picked = rows.slice(from, to);
  const items: Token[][] = [];
  for (let k = 0; k < picked.length; ) {
    const item = (picked[k] as { item: number }).item;
    let end = k;
    while (end < picked.length && picked[end]?.item === item) end++;
    const [a, b] = ranges[item] ?? [0, 0];
    const whole = t.slice(a, b);
    const parts = picked.slice(k, end).map((r) => r.part);
    items.push(parts.includes(undefined) ? whole : partOfItem(whole, parts as number[]));
    k = end;
  }
  return { first: picked[0]?.item ?? 0, items };
}

/**
 * An item cut to some of its nested items: its text (repeated, marked as going on, when the
 * piece starts inside the item), then the nested list holding just those items.
 */
function partOfItem(item: Token[], parts: readonly number[]): Token[] {
  const p = itemParts(item);
  if (!p) return item;
  const subs = parts.filter((x) => x >= 0);
  const open = cloneToken(item[0] as Token);
  if (!parts.includes(-1)) {
    open.attrs = [...(item[0]?.attrs ?? [])];
    open.attrJoin("class", "lectern-item-cont");
  }
  const head = item.slice(p.head[0], p.head[1]);
  if (!subs.length) return [open, ...head, item[item.length - 1] as Token];
  const listOpen = cloneToken(item[p.list[0]] as Token);
  const firstSub = subs[0] as number;
  if (listOpen.type === "ordered_list_open" && firstSub > 0) {
    const start = Number(listOpen.attrGet("start") ?? 1) + firstSub;
    listOpen.attrs = [...(listOpen.attrs ?? []).filter(([k]) => k !== "start"), ["start", String(start)]];
  }
  const nested = subs.flatMap((s) => {
    const [c, d] = p.subs[s] ?? [0, 0];
    return item.slice(c, d);
  });
  return [open, ...head, listOpen, ...nested, item[p.list[1] - 1] as Token, item[item.length - 1] as Token];
}
