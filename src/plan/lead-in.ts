import { endsWithColon } from "../parse/sentences.js";
import type { Block } from "../types.js";

/** Connectives that, alone in a paragraph, lead into what follows ("且", "所以", "Then,"). */
const CONNECTIVE =
  /^(且|并且|而且|所以|因此|因而|于是|则|即|其中|那么|然后|接着|此外|另外|同时|例如|比如|如下|首先|其次|最后|and|so|then|thus|hence|therefore|where|with|i\.e\.|e\.g\.|for example|that is|namely|now|next|finally|first|second)[,，:：.。]?$/i;
/** Words that announce what comes next ("有以下几个好处", "定义如下", "由下式给出", "the following", "as follows"). */
const ANNOUNCE =
  /(以下|如下|下列|下式)(?!的)|\b(as follows|the following|(shown|given|listed|defined|described|written|stated|summari[sz]ed|illustrated|see|is|are) below)\b|\bbelow[.:]?$/i;
/** The marks that end a sentence. */
const ENDS = "。！？；.!?;";

/**
 * A paragraph's last sentence: from after the last sentence end that is not its own. A scan
 * back from the end (a pattern anchored at the end retried from every start was quadratic on
 * a long paragraph with no sentence end: 50 ms of a 200-section build).
 */
export function lastSentence(text: string): string {
  const t = text.trim();
  let start = t.length && ENDS.includes(t[t.length - 1] as string) ? t.length - 1 : t.length;
  while (start > 0 && !ENDS.includes(t[start - 1] as string)) start--;
  return t.slice(start);
}
/** A bold label longer than this is a sentence, not a label. */
const LABEL_CHARS = 60;

/** True when a paragraph is all bold: a step label such as "**Step 2**" or "**BF16**". */
function allBold(b: Block): boolean {
  let depth = 0;
  let bold = false;
  for (const t of b.tokens[1]?.children ?? []) {
    if (t.type === "strong_open") depth++;
    else if (t.type === "strong_close") depth--;
    else if (t.type === "softbreak" || (t.type === "text" && !t.content.trim())) continue;
    else if (depth === 0) return false;
    else bold = true;
  }
  return bold;
}

/**
 * True when the last sentence of a paragraph's text announces what follows: "…有以下几个好处。",
 * "…定义如下。", "…as follows.", "…the following." (not "截止频率以下的成分…").
 */
export function announces(text: string): boolean {
  return ANNOUNCE.test(lastSentence(text).trim());
}

/**
 * A block that introduces the one after it and must not end a slide without it: a heading,
 * a paragraph ending in `:`/`：` ("公式为：", "BF16:"), one whose last sentence announces what
 * follows ("…如下。"), a bold label, or a bare connective.
 */
export function isLeadIn(b: Block): boolean {
  if (b.kind === "heading") return true;
  if (b.kind !== "paragraph") return false;
  const text = b.text.trim();
  if (endsWithColon(b.tokens[1]?.children ?? [])) return true;
  if (allBold(b) && [...text].length <= LABEL_CHARS) return true;
  return CONNECTIVE.test(text) || announces(text);
}
