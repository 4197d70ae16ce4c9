import type { MarkdownIt, StateCore } from "markdown-it";
import { dialectOf } from "../dialect.js";
import { quartoAttrsPlugin } from "./attrs.js";
import { quartoFence } from "./cells.js";
import { quartoDivsPlugin } from "./divs.js";
import { replaceShortcodes } from "./shortcodes.js";
import { quartoTransform } from "./transform.js";

/**
 * markdown-it plugin (Quarto / pandoc), acting only in Quarto articles: shortcodes, fenced divs
 * (columns, callouts, notes, footer, fragments, incremental lists), `. . .` pauses, raw blocks,
 * executable cells, and `{…}` attributes on headings, images, links and spans.
 */
export function quartoPlugin(md: MarkdownIt): void {
  md.core.ruler.after("normalize", "quarto_shortcodes", replaceShortcodes);
  quartoDivsPlugin(md);
  md.core.ruler.after("block", "quarto_blocks", (state: StateCore) => {
    const settings = dialectOf(state.env);
    if (settings.name !== "quarto") return;
    state.tokens = quartoTransform(state, state.tokens, settings.quarto?.incremental === true, (fence) => quartoFence(state, fence));
  });
  quartoAttrsPlugin(md);
}
