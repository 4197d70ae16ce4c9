import type { Block } from "../types.js";

/** Paragraphs shorter than this stay whole on the slide, even in `lead` mode. */
const MIN_LEAD_CHARS = 40;

/**
 * Presenting mode: a long paragraph keeps its lead sentence on the slide, and the whole
 * paragraph goes into the speaker notes right after it — nothing of the article is lost.
 */
export function leadProse(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((b) => {
    const sentences = b.inline ?? [];
    if (b.kind !== "paragraph" || sentences.length < 2 || b.text.length < MIN_LEAD_CHARS) return [b];
    const lead: Block = { ...b, inline: sentences.slice(0, 1), units: [] };
    const notes: Block = { ...b, kind: "notes", inline: undefined, units: [] };
    return [lead, notes];
  });
}
