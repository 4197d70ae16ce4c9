/**
 * Where a key of a JSON or YAML configuration file is written, for diagnostics: the `yaml`
 * package reads both (JSON is YAML) and keeps each node's offset.
 */
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";

/** 0-based line and column of each key under `under` (e.g. `["lectern"]` in package.json). */
export type KeyPositions = ReadonlyMap<string, { line0: number; column0: number }>;

export function keyPositions(text: string, under: readonly string[] = []): KeyPositions {
  const out = new Map<string, { line0: number; column0: number }>();
  const counter = new LineCounter();
  let node: unknown;
  try {
    node = parseDocument(text, { lineCounter: counter, uniqueKeys: false }).contents;
  } catch {
    return out;
  }
  for (const key of under) {
    if (!isMap(node)) return out;
    node = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
  }
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const { line, col } = counter.linePos(pair.key.range[0]);
    const name = String(pair.key.value);
    if (!out.has(name)) out.set(name, { line0: line - 1, column0: col - 1 });
  }
  return out;
}
