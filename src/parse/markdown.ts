import MarkdownIt, { type MarkdownIt as Md } from "markdown-it";
import { labelsPlugin } from "./dialects/labels.js";
import { rolesPlugin } from "./dialects/roles.js";
import { d2lTabsPlugin } from "./dialects/tabs.js";
import { mathPlugin } from "./math.js";
import { notesPlugin } from "./notes.js";
import { sourceLinesPlugin } from "./source-lines.js";

/**
 * The markdown-it plugins Lectern uses, in order. Dialect plugins act only when the parse
 * `env` names their dialect (see dialects/dialect.ts); roles come before the emoji
 * shortcodes so `:label:` stays a role.
 */
const PLUGINS = [mathPlugin, notesPlugin, d2lTabsPlugin, rolesPlugin, labelsPlugin, sourceLinesPlugin] as const;

/** A fresh markdown-it instance for one build (renderer rules are set per build by render/). */
export function createMarkdown(): Md {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
  for (const plugin of PLUGINS) md.use(plugin);
  return md;
}
