import type { MarkdownIt, StateCore } from "markdown-it";

/** GitHub's alert kinds (`> [!NOTE]` …). */
const ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;

/** What an `admonition_open` token carries: the kind (`note`, `warning`…) and a title. */
export type AdmonitionMeta = {
  kind: string;
  title?: string;
  /** Set on the box drawn again on a slide where it goes on: the "continued" word shown after its title. */
  continued?: string;
};

/**
 * markdown-it plugin (GitHub Markdown): a blockquote that starts with `[!NOTE]`, `[!TIP]`,
 * `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` becomes an admonition box
 * (`admonition_open` … `admonition_close`, the tokens MyST directives become too).
 */
export function alertsPlugin(md: MarkdownIt): void {
  md.core.ruler.after("block", "gfm_alerts", (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const open = tokens[i];
      const inline = tokens[i + 2];
      if (open?.type !== "blockquote_open" || tokens[i + 1]?.type !== "paragraph_open" || inline?.type !== "inline") continue;
      const m = ALERT.exec(inline.content);
      if (!m) continue;
      inline.content = inline.content.slice(m[0].length);
      open.type = "admonition_open";
      open.tag = "div";
      const meta: AdmonitionMeta = { kind: (m[1] as string).toLowerCase() };
      open.meta = meta;
      let depth = 0;
      for (let j = i; j < tokens.length; j++) {
        const t = tokens[j];
        if (!t) break;
        if (t.type === "blockquote_open" || t.type === "admonition_open") depth++;
        if (t.type === "blockquote_close" && --depth === 0) {
          t.type = "admonition_close";
          t.tag = "div";
          break;
        }
      }
      // an alert's marker alone on its line leaves an empty first paragraph
      if (inline.content.trim() === "" && tokens[i + 3]?.type === "paragraph_close") tokens.splice(i + 1, 3);
    }
  });
}
