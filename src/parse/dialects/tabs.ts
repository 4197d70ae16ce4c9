import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { dialectOf } from "./dialect.js";
import { resolveTabBranches } from "./tab-branches.js";

/** A d2lbook code cell: ```` ```{.python .input} ```` (with optional `n=3`-style attributes). */
const CELL_INFO = /^\{\s*\.python\s+\.input\b/;
/** The tab line opening a cell: `#@tab pytorch, tensorflow` (d2l-zh) or `%%tab all` (d2l-en). */
const TAB_LINE = /^\s*(#@tab|%%tab)\s+(.+?)\s*$/;
const BEGIN_TAB = /^\s*:begin_tab:`([^`]+)`\s*$/;
const END_TAB = /^\s*:end_tab:\s*$/;
/** Notebook set-up lines that mean nothing on a slide. */
const SETUP_LINE =
  /^\s*(%load_ext\s+d2lbook\.tab|tab\.interact_select\(.*\)|%matplotlib\s+inline|%config\s+.*|#\s*required_libs\(.*\))\s*$/;
/** d2lbook directive comments: `#@save`, `#@hide`… (a line of its own, or after code). */
const DIRECTIVE_COMMENT = /\s*#@(save|hide|hide_code|hide_output)\b.*$/;

const splitTabs = (list: string) =>
  list
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/** The framework tabs a d2lbook chapter uses, in order of first use (`all` left out). */
export function frameworkTabs(text: string): string[] {
  const tabs: string[] = [];
  const add = (t: string) => {
    if (t !== "all" && !tabs.includes(t)) tabs.push(t);
  };
  const lines = text.split("\n");
  const oldStyle = lines.some((l) => /^\s*#@tab\b/.test(l));
  lines.forEach((line, i) => {
    const begin = BEGIN_TAB.exec(line);
    if (begin) splitTabs(begin[1] as string).forEach(add);
    if (!/^```\s*\{\s*\.python\s+\.input/.test(line)) return;
    const first = lines.slice(i + 1).find((l) => l.trim() !== "") ?? "";
    const tab = TAB_LINE.exec(first);
    if (tab) splitTabs(tab[2] as string).forEach(add);
    else if (oldStyle) add("mxnet"); // an untagged cell is d2lbook's default tab
  });
  return tabs;
}

/**
 * markdown-it plugin (d2lbook): one framework tab is shown. Code cells of other tabs and
 * `:begin_tab:` … `:end_tab:` blocks of other tabs are dropped; the tab lines, notebook
 * set-up lines and `#@save`-style directive comments are hidden, and code that branches on
 * `tab.selected(…)` keeps only the shown tab's branch.
 */
export function d2lTabsPlugin(md: MarkdownIt): void {
  md.core.ruler.before("block", "d2l_begin_tab", (state: StateCore) => {
    const { name, tab } = dialectOf(state.env);
    if (name !== "d2lbook" || !state.src.includes(":begin_tab:")) return;
    // lines are blanked, not removed, so every later line keeps its number
    let inside: boolean | undefined;
    state.src = state.src
      .split("\n")
      .map((line) => {
        const begin = BEGIN_TAB.exec(line);
        if (begin) {
          const tabs = splitTabs(begin[1] as string);
          inside = tabs.includes("all") || tab === undefined || tabs.includes(tab);
          return "";
        }
        if (inside !== undefined && END_TAB.test(line)) {
          inside = undefined;
          return "";
        }
        return inside === false ? "" : line;
      })
      .join("\n");
  });
  md.core.ruler.after("block", "d2l_code_tabs", (state: StateCore) => {
    const { name, tab } = dialectOf(state.env);
    if (name !== "d2lbook") return;
    const oldStyle = /^\s*#@tab\b/m.test(state.src);
    state.tokens = state.tokens.filter((t) => t.type !== "fence" || !CELL_INFO.test(t.info) || keepCell(t, tab, oldStyle));
  });
}

/** Whether a code cell is shown; a shown cell loses its tab line and directive comments. */
function keepCell(token: Token, tab: string | undefined, oldStyle: boolean): boolean {
  const lines = token.content.replace(/\n$/, "").split("\n");
  while (lines.length && (lines[0] ?? "").trim() === "") lines.shift();
  const tabLine = TAB_LINE.exec(lines[0] ?? "");
  if (tabLine) {
    const tabs = splitTabs(tabLine[2] as string);
    if (tab !== undefined && !tabs.includes("all") && !tabs.includes(tab)) return false;
    lines.shift();
  } else if (oldStyle && tab !== undefined && tab !== "mxnet") {
    return false;
  }
  const code = lines.filter((l) => !SETUP_LINE.test(l) && !/^\s*#@\w+\s*$/.test(l)).map((l) => l.replace(DIRECTIVE_COMMENT, ""));
  const kept = tab === undefined ? code : resolveTabBranches(code, tab);
  if (kept.every((l) => l.trim() === "")) return false;
  token.content = `${kept.join("\n")}\n`;
  return true;
}
