/**
 * KaTeX's MathML → Office Math (OMML) with mathml2omml, for native, editable PowerPoint
 * equations. What the converter does not know (after the harmless wrappers KaTeX adds are
 * unwrapped) is not converted: the caller pictures that formula instead.
 */
import { mml2omml } from "mathml2omml";
import { decodeEntities } from "../../util/html.js";
import { alignedTables, alignmentsAsEqArr, lettersApart } from "./omml-aligned.js";
import { repairOmml } from "./omml-repair.js";

/** The MathML elements mathml2omml converts. */
const SUPPORTED = new Set(
  "math menclose mfrac mglyph mi mmultiscripts mn mo mover mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder munderover semantics mprescripts none".split(
    " ",
  ),
);

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/**
 * KaTeX's numbered display (`\tag`, an equation number): a full-width table of one row, the
 * formula centred between two empty cells and the number last. Office Math has no equation
 * number of its own: the formula, then the number after a space.
 */
const TAGGED =
  /<mtable width="100%"><mtr><mtd width="50%"><\/mtd><mtd>([\s\S]*)<\/mtd><mtd width="50%"><\/mtd><mtd><mtext>([^<]*)<\/mtext><\/mtd><\/mtr><\/mtable>/;

/** KaTeX's MathML made plain for the converter: no TeX annotation, padding as a row, no phantoms. */
export function plainMathml(mathml: string): string {
  return mathml
    .replace(TAGGED, '<mrow>$1<mspace width="2em"/><mtext>$2</mtext></mrow>')
    .replace(/<annotation\b[^>]*>[\s\S]*?<\/annotation>/g, "")
    .replace(/<mphantom\b[^>]*>[\s\S]*?<\/mphantom>/g, "<mspace/>")
    .replace(/<(\/?)mpadded\b[^>]*>/g, "<$1mrow>")
    .replace(/<mlabeledtr\b([^>]*)>\s*<mtd\b[^>]*>[\s\S]*?<\/mtd>/g, "<mtr$1>")
    .replace(/<\/mlabeledtr>/g, "</mtr>");
}

/** The OMML `m:oMath` of a formula, or undefined when it does not convert. */
export function toOmml(mathml: string): string | undefined {
  if (!mathml.includes("<math")) return undefined;
  const plain = plainMathml(mathml);
  for (const m of plain.matchAll(/<([a-z]+)[\s/>]/g)) if (!SUPPORTED.has(m[1] as string)) return undefined;
  let omml: string;
  try {
    omml = mml2omml(plain);
  } catch {
    return undefined;
  }
  const start = omml.indexOf("<m:oMath");
  const end = omml.lastIndexOf("</m:oMath>");
  if (start < 0 || end < 0 || !omml.includes("<m:t")) return undefined;
  // what the converter gets wrong is repaired (output/pptx/omml-repair.ts);
  // it writes HTML entities (`&nbsp;` for KaTeX's spaces), which XML does not know
  const repaired = repairOmml(omml.slice(start, end + "</m:oMath>".length));
  return lettersApart(alignmentsAsEqArr(repaired, alignedTables(plain))).replace(/&([a-zA-Z][a-zA-Z0-9]*);/g, (e, name: string) => {
    const text = decodeEntities(e);
    return XML_ENTITIES.has(name) ? e : text === e ? `&amp;${name};` : `&#${text.codePointAt(0)};`;
  });
}
