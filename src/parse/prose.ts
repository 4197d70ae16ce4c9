import type { Block } from "../types.js";
import { endsWithColon } from "./sentences.js";

/** Paragraphs shorter than this stay whole on the slide, even in `lead` mode. */
const MIN_LEAD_CHARS = 40;

/**
 * Presenting mode: a long paragraph keeps its lead sentence on the slide, and the whole
 * paragraph goes into the speaker notes right after it — nothing of the article is lost.
 * A paragraph that ends by introducing what follows ("…the gain is:", "…公式为：") keeps
 * that last sentence too, so the formula, list or code after it is not left unintroduced.
 * Lists, formulas, code and tables stay as they are.
 */
export function leadProse(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((b) => {
    const sentences = b.inline ?? [];
    if (b.kind !== "paragraph" || sentences.length < 2 || b.text.length < MIN_LEAD_CHARS) return [b];
    const last = sentences[sentences.length - 1] ?? [];
    const shown = endsWithColon(last) ? [sentences[0] ?? [], last] : sentences.slice(0, 1);
    if (shown.length === sentences.length) return [b];
    const lead: Block = { ...b, inline: shown, units: [] };
    const notes: Block = { ...b, kind: "notes", inline: undefined, units: [] };
    return [lead, notes];
  });
}
