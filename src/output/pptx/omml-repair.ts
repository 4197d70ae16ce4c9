/**
 * mathml2omml's output made valid Office Math where it is not: text it leaves bare inside an
 * argument (`<m:e><m:r>…</m:r>(x)</m:e>`: OMML text lives in `m:t` only), a style it names
 * `undefined`, argument properties it repeats (the schema allows one, first), and the Word
 * run properties it writes (a slide's math runs carry DrawingML ones).
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

export function repairOmml(omml: string): string {
  const fixed = omml
    .replace(/<w:rPr\s*\/>|<w:rPr>[\s\S]*?<\/w:rPr>/g, "")
    .replace(/<m:sty m:val="undefined"\/>/g, "")
    .replace(/<m:rPr><\/m:rPr>/g, "")
    .replace(/(<m:argPr>(?:(?!<\/m:argPr>)[\s\S])*<\/m:argPr>)(?:<m:argPr>(?:(?!<\/m:argPr>)[\s\S])*<\/m:argPr>)+/g, "$1");
  return runBareText(fixed);
}
