/**
 * Rows of a display formula, the points where it may break over lines and slides: the `\\`
 * rows of a formula that is one `aligned`/`align`/`gather`/`split` environment, and, where a
 * row (or a formula without rows) is wider than the slide, its top-level relations
 * (`=`, `≤`, `≈`, …), each continuing row aligned at its relation.
 */
import type { MathRows } from "../types.js";

const ENV =
  /^\s*\\begin\{(aligned|align\*?|gather\*?|gathered|split|alignat\*?|alignedat|flalign\*?|eqnarray\*?)\}([\s\S]*)\\end\{\1\}\s*$/;
/** Environments whose rows align at `&` (a row broken at a relation is aligned there too). */
const ALIGNING = /^(aligned|align\*?|split|flalign\*?)$/;
const RELATION =
  /^(?:=|<|>|\\(?:le|leq|ge|geq|leqslant|geqslant|approx|equiv|sim|simeq|cong|propto|ne|neq|coloneqq|to|Rightarrow|Longrightarrow|iff|triangleq)(?![a-zA-Z])|:=)/;

/**
 * Offsets in `tex` at brace, `\left…\right` and environment depth 0 where `cutAt` says a
 * new part starts.
 */
function topLevelCuts(tex: string, cutAt: (tex: string, i: number) => boolean): number[] {
  const cuts: number[] = [];
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i];
    if (depth === 0 && cutAt(tex, i)) cuts.push(i);
    if (ch === "{") depth++;
    else if (ch === "}") depth--;
    else if (ch === "\\") {
      const word = /^\\([a-zA-Z]+)/.exec(tex.slice(i))?.[1];
      if (word === "begin" || word === "left") depth++;
      else if (word === "end" || word === "right") depth--;
      i += word ? word.length : 1; // a command, or an escaped character (`\{`, `\\`)
    }
  }
  return cuts;
}

const cutInto = (tex: string, cuts: readonly number[]) => [0, ...cuts].map((at, k) => tex.slice(at, cuts[k] ?? tex.length));

/** Rows of an environment body: its top-level `\\` (an optional `[2pt]` spacing dropped). */
function rowsOf(body: string): string[] {
  const cuts = topLevelCuts(body, (tex, i) => tex.startsWith("\\\\", i));
  return cutInto(body, cuts)
    .map((row, k) => (k === 0 ? row : row.replace(/^\\\\(\[[^\]]*\])?/, "")))
    .filter((row) => row.trim() !== "");
}

/** A row cut before each top-level relation (with the `&` before it); every piece but the first starts at one. */
function atRelations(row: string): string[] {
  const cuts = topLevelCuts(row, (tex, i) => {
    const rest = tex.slice(i);
    const at = /^&\s*/.exec(rest)?.[0].length ?? 0;
    if (!RELATION.test(rest.slice(at))) return false;
    const before = tex.slice(0, i).trimEnd();
    // not at the start, not right after another relation or an `&` (the cut is there), not `<=`
    return before !== "" && !before.endsWith("&") && !/[=<>:]$/.test(before);
  });
  return cutInto(row, cuts).filter((p) => p.trim() !== "");
}

/** A row cut at its top-level `\qquad`/`\quad` (the spacing dropped): equations set side by side. */
function atSpacing(row: string): string[] {
  const cuts = topLevelCuts(row, (tex, i) => /^\\q?quad(?![a-zA-Z])/.test(tex.slice(i)));
  return cutInto(row, cuts)
    .map((p) => p.replace(/^\\q?quad/, "").trim())
    .filter((p) => p !== "");
}

/**
 * Rows of display TeX (`undefined`: it has one row and no break point). `wideEm`: how many
 * em of typeset TeX fit the slide's width; `emOf` measures TeX in em.
 */
export function mathRows(tex: string, wideEm: number, emOf: (tex: string) => number): MathRows | undefined {
  const env = ENV.exec(tex);
  const name = env?.[1] ?? "aligned";
  const written = env ? rowsOf(env[2] ?? "") : [tex];
  const aligning = !env || ALIGNING.test(name);
  // `\tag` is allowed at the top of a display, not inside the `aligned` it would be set in
  if (!env && /\\tag\b/.test(tex)) return undefined;
  let broken = false;
  const align = (p: string) => (/^\s*&/.test(p) ? p : `&${p}`);
  /** A row cut at its relations, each continuing row aligned at its relation (or the row as it is). */
  const atRelationsAligned = (row: string): string[] => {
    const parts = atRelations(row);
    // two relations at least: `a = b` alone has nowhere to go
    if (parts.length < 3 && !/&/.test(row)) return [row];
    if (parts.length < 2) return [row];
    broken = true;
    if (!aligning) return parts;
    // `a = b = c` → `a &= b`, `&= c`; a row that aligns already keeps its own `&`
    const [head = "", second = "", ...rest] = parts;
    const first = /&/.test(head) ? [head, align(second)] : [`${head}${align(second)}`];
    return [...first, ...rest.map(align)];
  };
  /** One equation of several on a row, on a row of its own: aligned at its first relation. */
  const alone = (part: string): string => {
    if (!aligning || /&/.test(part)) return part;
    const [head = "", ...rest] = atRelations(part);
    return rest.length ? `${head}${align(rest.join(""))}` : part;
  };
  const rows = written.flatMap((row) => {
    if (emOf(row) <= wideEm) return [row];
    // `f = …, \qquad c = …`: two equations side by side go on two rows before any is cut
    const side = atSpacing(row);
    if (side.length >= 2) {
      broken = true;
      return side.flatMap((part) => {
        const cut = emOf(part) <= wideEm ? [part] : atRelationsAligned(part);
        return cut.length === 1 ? [alone(cut[0] as string)] : cut;
      });
    }
    return atRelationsAligned(row);
  });
  if (rows.length < 2) return undefined;
  return { env: name, rows, asWritten: !broken && env !== null };
}

/** TeX of rows [from, to) set in the formula's environment. */
export function rowsTex(m: MathRows, from: number, to: number): string {
  return `\\begin{${m.env}}${m.rows.slice(from, to).join(" \\\\ ")}\\end{${m.env}}`;
}
