/**
 * mathml2omml's output made valid Office Math where it is not: text it leaves bare inside an
 * argument (`<m:e><m:r>…</m:r>(x)</m:e>`: OMML text lives in `m:t` only), a style it names
 * `undefined`, argument properties it repeats (the schema allows one, first), the Word run
 * properties it writes (a slide's math runs carry DrawingML ones), and the empty operand it
 * gives a sum or an integral (`<m:e/>`, shown as an empty box) while the summand follows it.
 */

const TAG = /<[^>]+>/g;

/** Text outside `m:t` put into runs of its own. */
function runBareText(omml: string): string {
  let out = "";
  let inText = 0;
  let at = 0;
  for (const m of omml.matchAll(TAG)) {
    const text = omml.slice(at, m.index);
    out += inText > 0 || text.trim() === "" ? text : `<m:r><m:t xml:space="preserve">${text}</m:t></m:r>`;
    const tag = m[0];
    if (/^<m:t[\s>]/.test(tag)) inText++;
    else if (tag === "</m:t>") inText--;
    out += tag;
    at = m.index + tag.length;
  }
  return out + omml.slice(at);
}

/** Where the element starting at `from` ends (after its closing tag). */
export function elementEnd(xml: string, from: number): number {
  let depth = 0;
  const tags = /<(\/?)[^>]*?(\/?)>/g;
  tags.lastIndex = from;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[2]) {
      if (depth === 0) return tags.lastIndex;
    } else if (m[1]) {
      depth--;
      if (depth === 0) return tags.lastIndex;
    } else depth++;
  }
  return xml.length;
}

/** A run that starts a new term: a relation or a binary operator (`=`, `+`, `<`, …). */
const TERM_START = /^<m:r>(?:<m:rPr>[\s\S]*?<\/m:rPr>)?<m:t[^>]*>\s*[=+\-−±∓<>≤≥≠≈≡∼∝,;]/;

/** A sum's or an integral's empty operand given what follows it, up to the next term. */
function fillOperands(omml: string): string {
  let out = omml;
  for (let at = out.indexOf("<m:e/></m:nary>"); at >= 0; at = out.indexOf("<m:e/></m:nary>", at + 1)) {
    const start = at + "<m:e/></m:nary>".length;
    let end = start;
    while (out.startsWith("<m:", end) && !TERM_START.test(out.slice(end, end + 200))) end = elementEnd(out, end);
    if (end === start) continue;
    out = `${out.slice(0, at)}<m:e>${out.slice(start, end)}</m:e></m:nary>${out.slice(end)}`;
  }
  return out;
}

export function repairOmml(omml: string): string {
  const fixed = omml
    .replace(/<w:rPr\s*\/>|<w:rPr>[\s\S]*?<\/w:rPr>/g, "")
    .replace(/<m:sty m:val="undefined"\/>/g, "")
    .replace(/<m:rPr><\/m:rPr>/g, "")
    .replace(/(<m:argPr>(?:(?!<\/m:argPr>)[\s\S])*<\/m:argPr>)(?:<m:argPr>(?:(?!<\/m:argPr>)[\s\S])*<\/m:argPr>)+/g, "$1");
  return fillOperands(runBareText(fixed));
}
