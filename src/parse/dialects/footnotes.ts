import type { MarkdownIt, StateCore, Token } from "markdown-it";
import footnote from "markdown-it-footnote";

/** What a footnote reference carries once its definition is moved onto it. */
export type FootnoteMeta = {
  label: string;
  /** Block tokens of the definition (paragraphs…), rendered where the reference lands. */
  note: Token[];
};

/**
 * markdown-it plugin (GitHub Markdown): footnotes `[^x]` … `[^x]: text` (and inline `^[text]`),
 * read by markdown-it-footnote. Its block of definitions at the end of the document is
 * taken out again: each reference carries its definition, so the renderer puts the note at
 * the foot of the slide the reference lands on (or in the speaker notes when it is long).
 */
export function footnotesPlugin(md: MarkdownIt): void {
  md.use(footnote);
  md.core.ruler.after("footnote_tail", "footnotes_to_refs", (state: StateCore) => {
    const start = state.tokens.findIndex((t) => t.type === "footnote_block_open");
    if (start < 0) return;
    const end = state.tokens.findIndex((t, i) => i > start && t.type === "footnote_block_close");
    const notes = new Map<number, Token[]>();
    let id = -1;
    let body: Token[] = [];
    for (const t of state.tokens.slice(start + 1, end)) {
      if (t.type === "footnote_open") {
        id = (t.meta as { id: number }).id;
        body = [];
      } else if (t.type === "footnote_close") notes.set(id, body);
      else if (t.type !== "footnote_anchor") body.push(t);
    }
    state.tokens.splice(start, end - start + 1);
    const list = (state.env as { footnotes?: { list?: { label?: string }[] } }).footnotes?.list ?? [];
    const visit = (tokens: Token[]) => {
      for (const t of tokens) {
        if (t.type === "footnote_ref") {
          const ref = t.meta as { id: number; label?: string };
          const meta: FootnoteMeta = { label: ref.label ?? list[ref.id]?.label ?? String(ref.id + 1), note: notes.get(ref.id) ?? [] };
          t.meta = { ...ref, ...meta };
        }
        if (t.children) visit(t.children);
      }
    };
    visit(state.tokens);
  });
}
