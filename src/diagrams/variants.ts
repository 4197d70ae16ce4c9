/**
 * Other ways to draw a diagram, tried when the slide would show it with labels below the
 * legible floor: a flowchart turned (a tall `graph TD` chain across the wide slide as `LR`, a
 * wide `LR` one as `TD`), the same with tighter spacing, and a mindmap in a larger font (its
 * layout's spacing does not grow with the font, so its labels end up larger on the slide).
 * Each variant is the diagram's text with a mermaid init directive (after any front matter).
 */

/** A way to draw a diagram: its mermaid text and the label size it is drawn at (px). */
export interface DiagramVariant {
  text: string;
  fontPx: number;
}

/** A flowchart's header line: `graph TD`, `flowchart LR`, … */
const FLOW = /^(\s*(?:graph|flowchart)[ \t]+)(TD|TB|LR)\b/m;
const MINDMAP = /^\s*mindmap\b/m;
/** Tighter flowchart spacing (mermaid's defaults: 50, 50, 15). */
const COMPACT = { rankSpacing: 20, nodeSpacing: 20, padding: 8 };
/** Larger mindmap fonts tried, px; node text wraps at this many times its size. */
const MINDMAP_FONTS = [24, 28, 32];
const MINDMAP_WRAP = 14;
/** Room around a mindmap node's text in those fonts, px (mermaid's default: 10). */
const MINDMAP_PADDING = 6;

/** `text` with a mermaid `%%{init}%%` directive, after its front matter if it has any. */
export function withInit(text: string, init: object): string {
  const directive = `%%{init: ${JSON.stringify(init)}}%%\n`;
  const front = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (!front) return directive + text;
  const end = front[0].length;
  return `${text.slice(0, end)}${front[1] ? "" : "\n"}${directive}${text.slice(end)}`;
}

/**
 * The variants of a diagram drawn at `fontPx`, in the order they are preferred when they show
 * its labels equally large; none for a diagram type that has no other way.
 */
export function diagramVariants(text: string, fontPx: number): DiagramVariant[] {
  const flow = FLOW.exec(text);
  if (flow) {
    const turned = text.replace(FLOW, (_, head: string, dir: string) => `${head}${dir === "LR" ? "TD" : "LR"}`);
    return [text, turned].flatMap((t, k) => [...(k ? [{ text: t, fontPx }] : []), { text: withInit(t, { flowchart: COMPACT }), fontPx }]);
  }
  if (MINDMAP.test(text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, "").replace(/^\s*%%.*$/gm, ""))) {
    return MINDMAP_FONTS.filter((f) => f > fontPx).map((f) => ({
      text: withInit(text, {
        themeVariables: { fontSize: `${f}px` },
        mindmap: { padding: MINDMAP_PADDING, maxNodeWidth: MINDMAP_WRAP * f },
      }),
      fontPx: f,
    }));
  }
  return [];
}
