import { endsWithColon } from "../parse/sentences.js";
import type { Block } from "../types.js";

/** Connectives that, alone in a paragraph, lead into what follows ("且", "所以", "Then,"). */
const CONNECTIVE =
  /^(且|并且|而且|所以|因此|因而|于是|则|即|其中|那么|然后|接着|此外|另外|同时|例如|比如|如下|首先|其次|最后|and|so|then|thus|hence|therefore|where|with|i\.e\.|e\.g\.|for example|that is|namely|now|next|finally|first|second)[,，:：.。]?$/i;
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
 * A block that introduces the one after it and must not end a slide without it: a heading,
 * a paragraph ending in `:`/`：` ("公式为：", "BF16:"), a bold label, or a bare connective.
 */
export function isLeadIn(b: Block): boolean {
  if (b.kind === "heading") return true;
  if (b.kind !== "paragraph") return false;
  const text = b.text.trim();
  if (endsWithColon(b.tokens[1]?.children ?? [])) return true;
  if (allBold(b) && [...text].length <= LABEL_CHARS) return true;
  return CONNECTIVE.test(text);
}
