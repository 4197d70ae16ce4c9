import type { DialectName } from "./dialect.js";
import { isRevealFormat } from "./quarto/settings.js";

/** d2lbook: `:label:`/`:numref:`… roles, `{.python .input}` cells, `#@tab`/`%%tab`, `:begin_tab:`. */
const D2L = /:(?:label|numref|eqref|eqlabel|begin_tab|cite|width):`|^```\s*\{\.python\s+\.input|^\s*(?:#@tab|%%tab)\b/m;
/** MyST: ```{directive}, `{role}`…`, `(label)=` targets, jupytext front matter. */
const MYST = /^(?:`{3,}|:{3,})\s*\{[a-z][\w-]*\}|\{(?:eq|ref|doc|numref|math|cite|term|download)\}`|^\([\w-]+\)=\s*$|^jupytext:/m;
/** Quarto: pandoc fenced divs with attributes (`::: {.column}`), `::: notes`-style named divs of Quarto's, cells `{r}`. */
const QUARTO =
  /^:{3,}\s*\{[.#]|^:{3,}\s*(?:columns|incremental|nonincremental|panel-tabset|callout-[a-z]+)\s*$|^`{3,}\s*\{(?:r|julia|ojs|=html|=tex|=latex)[\s,}]/m;

/** Marp: `marp: true` in the front matter. */
const MARP = /^marp\s*:\s*true[ \t]*$/m;
/** reveal.js external Markdown: `.slide:` / `.element:` comments, or `---` slides with `--` vertical ones. */
const REVEAL = /<!--\s*\.(?:slide|element)\s*:/;
const REVEAL_VERTICAL = /^--[ \t]*$/m;
const REVEAL_HORIZONTAL = /^---[ \t]*$/m;

/** The dialect an article is written in, from its text (front matter included) and file name. */
export function detectDialect(text: string, file = ""): DialectName {
  if (/\.qmd$/i.test(file)) return "quarto";
  if (MARP.test(frontMatterOf(text))) return "marp";
  if (D2L.test(text)) return "d2lbook";
  if (QUARTO.test(text) || (text.startsWith("---") && isRevealFormat(text))) return "quarto";
  if (MYST.test(text)) return "myst";
  if (REVEAL.test(text) || (REVEAL_VERTICAL.test(text) && REVEAL_HORIZONTAL.test(text))) return "reveal";
  return "gfm";
}

/** The front matter's lines (between the first two `---` lines), or "" when there is none. */
function frontMatterOf(text: string): string {
  if (!/^---[ \t]*\n/.test(text)) return "";
  const from = text.indexOf("\n") + 1;
  const end = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(from));
  return end ? text.slice(from, from + end.index) : "";
}
