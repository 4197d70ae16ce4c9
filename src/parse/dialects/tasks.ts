import type { MarkdownIt, StateCore, Token } from "markdown-it";

const TASK = /^\[([ xX])\][ \t]+/;

/**
 * markdown-it plugin (GitHub Markdown): list items written `- [ ] todo` / `- [x] done` start
 * with a `task_box` token (`meta.done`), rendered as a box, ticked or not.
 */
export function tasksPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "gfm_tasks", (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i]?.type !== "list_item_open" || tokens[i + 1]?.type !== "paragraph_open") continue;
      const inline = tokens[i + 2] as Token;
      const first = inline.children?.[0];
      if (inline.type !== "inline" || first?.type !== "text") continue;
      const m = TASK.exec(first.content);
      if (!m) continue;
      first.content = first.content.slice(m[0].length);
      const box = new state.Token("task_box", "", 0);
      box.meta = { done: m[1] !== " " };
      inline.children?.unshift(box);
      tokens[i]?.attrJoin("class", "lectern-task");
    }
  });
}
