/**
 * Office Math as Word writes what TeX aligns: mathml2omml turns KaTeX's `aligned`/`align`
 * table into a matrix (`m:m`) with centred columns, so `f(t) &= …` rows are centred cells and
 * a reader that rebuilds its own formula text from OMML (LibreOffice) finds a cell starting
 * with `=` and marks it as an error (`¿`). An equation array (`m:eqArr`) holds each row as one
 * argument, aligned at the start of each left-aligned column (`m:aln`), as Word and PowerPoint
 * write it. Letters mathml2omml runs together ("in" of `e^{in\omega t}`) are put back as one
 * run each, as the MathML has them: LibreOffice read "in" as its ∈ operator.
 */
import { elementEnd } from "./omml-repair.js";

/** KaTeX's aligned tables: columns right, left, right, left… (`aligned`, `align`, `split`). */
const ALIGNED = /\scolumnalign="right(?: left right)*(?: left)?"/;

/** For each `<mtable>` of the MathML, in document order: whether it is an alignment. */
export function alignedTables(mathml: string): boolean[] {
  return [...mathml.matchAll(/<mtable\b([^>]*)>/g)].map((m) => ALIGNED.test(m[1] as string));
}

/** The child elements of `xml` from `from` to `to`, as [start, end] pairs. */
function children(xml: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let at = xml.indexOf("<", from); at >= 0 && at < to; at = xml.indexOf("<", at)) {
    const end = elementEnd(xml, at);
    out.push([at, end]);
    at = end;
  }
  return out;
}

/** A cell's content with its alignment point at its start (on its first run), when it has one. */
function alignedStart(cell: string): string {
  if (cell.startsWith("<m:r><m:rPr>")) return cell.replace("</m:rPr>", "<m:aln/></m:rPr>");
  if (cell.startsWith("<m:r>")) return `<m:r><m:rPr><m:aln/></m:rPr>${cell.slice("<m:r>".length)}`;
  return cell;
}

/** One `m:m` (from `start` to `end`) written as an equation array. */
function asEqArr(xml: string, start: number, end: number): string {
  const open = xml.indexOf(">", start) + 1;
  const close = end - "</m:m>".length;
  const rows = children(xml, open, close)
    .filter(([a]) => xml.startsWith("<m:mr>", a))
    .map(([a, b]) =>
      children(xml, a + "<m:mr>".length, b - "</m:mr>".length)
        .filter(([c]) => xml.startsWith("<m:e>", c))
        .map(([c, d], k) => {
          const cell = xml.slice(c + "<m:e>".length, d - "</m:e>".length).replace(/^<m:argPr>[\s\S]*?<\/m:argPr>/, "");
          return k % 2 === 1 ? alignedStart(cell) : cell;
        })
        .join(""),
    );
  return `<m:eqArr>${rows.map((r) => `<m:e>${r}</m:e>`).join("")}</m:eqArr>`;
}

/** The matrices that are TeX alignments (`tables`, from alignedTables) as equation arrays. */
export function alignmentsAsEqArr(omml: string, tables: readonly boolean[]): string {
  const starts = [...omml.matchAll(/<m:m>/g)].map((m) => m.index);
  if (starts.length !== tables.length || !tables.some(Boolean)) return omml;
  let out = omml;
  // the last first: an inner table is rewritten before the one around it, and the offsets
  // of the tables before it stay as they were
  for (let i = starts.length - 1; i >= 0; i--) {
    if (!tables[i]) continue;
    const start = starts[i] as number;
    const end = elementEnd(out, start);
    out = out.slice(0, start) + asEqArr(out, start, end) + out.slice(end);
  }
  return out;
}

/**
 * Runs of italic letters split into a run per letter ("in" → "i", "n"), as KaTeX's MathML has
 * them (one `mi` each); a function name (letters before U+2061, "sin⁡") stays whole.
 */
export function lettersApart(omml: string): string {
  return omml.replace(/<m:r><m:t xml:space="preserve">([^<]*)<\/m:t><\/m:r>/g, (run, text: string) => {
    if (!/\p{L}{2}/u.test(text.replace(/\p{L}+\u2061/gu, " "))) return run;
    const parts = text.split(/(\p{L}+(?!\p{L}|\u2061))/u).filter((p) => p !== "");
    const pieces = parts.flatMap((p) => (/^\p{L}+$/u.test(p) ? [...p] : [p]));
    return pieces.map((p) => `<m:r><m:t xml:space="preserve">${p}</m:t></m:r>`).join("");
  });
}
