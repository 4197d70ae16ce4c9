import MarkdownIt, { type MarkdownIt as Md } from "markdown-it";
import { alertsPlugin } from "./dialects/alerts.js";
import { emojiPlugin } from "./dialects/emoji.js";
import { footnotesPlugin } from "./dialects/footnotes.js";
import { labelsPlugin } from "./dialects/labels.js";
import { marpPlugin } from "./dialects/marp.js";
import { mystDirectivesPlugin } from "./dialects/myst-directives.js";
import { quartoPlugin } from "./dialects/quarto/index.js";
import { rolesPlugin } from "./dialects/roles.js";
import { d2lTabsPlugin } from "./dialects/tabs.js";
import { tasksPlugin } from "./dialects/tasks.js";
import { mathPlugin } from "./math.js";
import { notesPlugin } from "./notes.js";
import { sourceLinesPlugin } from "./source-lines.js";

/**
 * The markdown-it plugins Lectern uses, in order. Dialect plugins act only when the parse
 * `env` names their dialect (see dialects/dialect.ts); roles come before the emoji
 * shortcodes so `:label:` stays a role.
 */
const PLUGINS = [
  mathPlugin,
  notesPlugin,
  // GitHub Markdown, the base of every dialect
  footnotesPlugin,
  alertsPlugin,
  tasksPlugin,
  // d2lbook and MyST
  d2lTabsPlugin,
  mystDirectivesPlugin,
  rolesPlugin,
  labelsPlugin,
  // Quarto / pandoc
  quartoPlugin,
  // after the roles: `:label:` is a role there, not the 🏷️ shortcode
  emojiPlugin,
  sourceLinesPlugin,
  // Marp and reveal.js decks: directives, backgrounds, slide and element attributes (last core rule)
  marpPlugin,
] as const;

/** A fresh markdown-it instance for one build (renderer rules are set per build by render/). */
export function createMarkdown(): Md {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
  for (const plugin of PLUGINS) md.use(plugin);
  return md;
}
