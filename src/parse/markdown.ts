import MarkdownIt, { type MarkdownIt as Md } from "markdown-it";
import { mathPlugin } from "./math.js";
import { notesPlugin } from "./notes.js";
import { sourceLinesPlugin } from "./source-lines.js";

/** The markdown-it plugins Lectern uses, in order. */
const PLUGINS = [mathPlugin, notesPlugin, sourceLinesPlugin] as const;

/** A fresh markdown-it instance for one build (renderer rules are set per build by render/). */
export function createMarkdown(): Md {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
  for (const plugin of PLUGINS) md.use(plugin);
  return md;
}
