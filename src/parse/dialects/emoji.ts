import type { MarkdownIt } from "markdown-it";
import { full } from "markdown-it-emoji";

/** markdown-it plugin (GitHub Markdown): emoji shortcodes (`:tada:` → 🎉), by markdown-it-emoji. */
export function emojiPlugin(md: MarkdownIt): void {
  md.use(full, { shortcuts: {} });
}

/** The pictographs (emoji) a rendered text holds: shortcodes become these, and the deck's font subset must hold them. */
export function pictographsIn(html: string): string {
  return [...new Set(html.match(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}]/gu) ?? [])].join("");
}
