import type { DialectName } from "./dialect.js";

/** d2lbook: `:label:`/`:numref:`… roles, `{.python .input}` cells, `#@tab`/`%%tab`, `:begin_tab:`. */
const D2L = /:(?:label|numref|eqref|eqlabel|begin_tab|cite|width):`|^```\s*\{\.python\s+\.input|^\s*(?:#@tab|%%tab)\b/m;
/** MyST: ```{directive}, `{role}`…`, `(label)=` targets, jupytext front matter. */
const MYST = /^(?:`{3,}|:{3,})\s*\{[a-z][\w-]*\}|\{(?:eq|ref|doc|numref|math|cite|term|download)\}`|^\([\w-]+\)=\s*$|^jupytext:/m;

/** The dialect an article is written in, from its text (front matter included). */
export function detectDialect(text: string): DialectName {
  if (D2L.test(text)) return "d2lbook";
  if (MYST.test(text)) return "myst";
  return "gfm";
}
