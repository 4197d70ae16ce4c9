/** The difference of two lists as hunks (a longest common subsequence of what they share). */

export interface Hunk {
  /** Index in the old list where `remove` items go and `insert` items of the new list come in. */
  at: number;
  remove: number;
  /** Index in the new list of the first item inserted. */
  from: number;
  insert: number;
}

/** Past this many cells the middle of the lists is replaced in one hunk instead of compared. */
const MAX_CELLS = 4_000_000;

/**
 * Hunks that turn `a` into `b`, in order: the common head and tail are trimmed, the middle
 * compared by a longest common subsequence (one hunk when it would be too large to compare).
 */
export function diffLists(a: readonly string[], b: readonly string[]): Hunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) return [{ at: head, remove: n, from: head, insert: m }];
  // lcs[i][j]: length of the LCS of a[head+i..] and b[head+j..]
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[head + i] === b[head + j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  const close = () => {
    if (open) hunks.push(open);
    open = undefined;
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { at: head + i, remove: 0, from: head + j, insert: 0 };
    if (j < m && (i === n || (lcs[i * width + j + 1] as number) >= (lcs[(i + 1) * width + j] as number))) {
      open.insert++;
      j++;
    } else {
      open.remove++;
      i++;
    }
  }
  close();
  return hunks;
}

/** The lines of `a` and `b` that differ: `[start, endA)` in `a` became `[start, endB)` in `b`. */
export function changedLines(a: string, b: string): { start: number; endA: number; endB: number } | undefined {
  if (a === b) return undefined;
  const la = a.split("\n");
  const lb = b.split("\n");
  let start = 0;
  while (start < la.length && start < lb.length && la[start] === lb[start]) start++;
  let tail = 0;
  while (tail < la.length - start && tail < lb.length - start && la[la.length - 1 - tail] === lb[lb.length - 1 - tail]) tail++;
  return { start, endA: la.length - tail, endB: lb.length - tail };
}
