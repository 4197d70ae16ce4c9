/**
 * Diagram fences (```mermaid): which code blocks are diagrams, and the HTML of one once the
 * browser has rendered it (diagrams/). A diagram not rendered (no browser, or it does not
 * parse) is shown as its code, as any other fence.
 */
import type { Block, Diagram } from "../types.js";

/** Fence languages drawn as diagrams. */
export const DIAGRAM_LANGS: ReadonlySet<string> = new Set(["mermaid"]);

/** A top-level code block written as a diagram fence. */
export const isDiagram = (block: Block): boolean => block.kind === "code" && DIAGRAM_LANGS.has(block.lang ?? "");

/** The diagram's source text, as written between its fences. */
export const diagramSource = (block: Block): string => (block.code ?? []).join("\n");

/**
 * The diagram as inline SVG at the size it was planned at (never wider than the slide: a
 * zoomed slide body scales it with the rest).
 */
export function diagramHtml(diagram: Diagram): string {
  const size = `width="${diagram.width}" height="${diagram.height}" style="max-width:100%;height:auto"`;
  const svg = diagram.svg.replace(/^<svg\b/, `<svg ${size}`);
  return `<figure class="lectern-diagram" style="margin:0 0 16px;text-align:center">${svg}</figure>\n`;
}
