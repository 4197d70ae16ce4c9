import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { countBelow } from "../util/sorted.js";

/**
 * markdown-it core rule: give inline math and image tokens their own 0-based source line
 * (`meta.line`) and column (`meta.column`), from the paragraph's map and their offset.
 */
export function sourceLinesPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "lectern_source_lines", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== "inline" || !token.map || !token.children) continue;
      locate(token, token.children);
    }
  });
}

function locate(parent: Token, children: Token[]): void {
  const src = parent.content;
  const base = parent.map?.[0] ?? 0;
  let breaks: number[] | undefined;
  let searchFrom = 0;
  for (const child of children) {
    let offset: number | undefined;
    if (child.type.startsWith("math_inline")) {
      offset = (child.meta as { offset?: number } | null)?.offset;
    } else if (child.type === "html_inline") {
      const at = src.indexOf(child.content, searchFrom);
      if (at >= 0) offset = at;
    } else if (child.type === "image") {
      const srcAttr = String(child.attrGet("src") ?? "");
      const at = src.indexOf(srcAttr, searchFrom);
      if (at >= 0) offset = at;
    }
    if (offset === undefined) continue;
    searchFrom = offset;
    breaks ??= lineBreaks(src);
    const line = countBelow(breaks, offset);
    child.meta = { ...(child.meta ?? {}), line: base + line, column: offset - (line === 0 ? 0 : (breaks[line - 1] as number) + 1) };
  }
}

/** Offsets of the `\n`s in `text`, ascending. */
function lineBreaks(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) out.push(i);
  return out;
}
