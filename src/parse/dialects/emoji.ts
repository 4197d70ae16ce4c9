import type { MarkdownIt } from "markdown-it";
import { full } from "markdown-it-emoji";

/** markdown-it plugin (GitHub Markdown): emoji shortcodes (`:tada:` → 🎉), by markdown-it-emoji. */
export function emojiPlugin(md: MarkdownIt): void {
  md.use(full, { shortcuts: {} });
}
