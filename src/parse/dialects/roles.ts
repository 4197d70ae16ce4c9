import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";
import { dialectOf } from "./dialect.js";

/** What a role token carries (`meta` of a `dialect_role` token). */
export type RoleMeta = {
  /** `numref`, `eqref`, `label`, `cite`, `width`, `doc`… */
  role: string;
  /** The label, key(s) or value written between the backticks. */
  value: string;
  /** Link text written as `text <label>` (MyST), if any. */
  text?: string;
  offset: number;
};

/** The role a token stands for, if it is a `dialect_role` token. */
export const roleOf = (t: Token): RoleMeta | undefined => (t.type === "dialect_role" ? (t.meta as unknown as RoleMeta) : undefined);

/** Roles that refer to a labelled target of the article. */
export const REFERENCE_ROLES = new Set(["numref", "ref", "eqref", "eq", "numref", "doc"]);
/** Roles that cite a bibliography entry. */
export const CITE_ROLES = new Set(["cite", "citet", "citep", "cite:p", "cite:t"]);

const D2L_ROLE = /^:([a-z_]+):`([^`\n]+)`/;
const MYST_ROLE = /^\{([a-z][\w:-]*)\}`([^`\n]+)`/;
const WITH_TEXT = /^(.*?)\s*<([^<>]+)>$/s;
/** d2lbook's slide marks, `[**text**]` and `(**text**)` (not a bold link `[**text**](url)`): the book shows the text alone. */
const SLIDE_MARKS = /\[\*\*((?:(?!\*\*\]).)+?)\*\*\](?![([])|\(\*\*((?:(?!\*\*\)).)+?)\*\*\)/gs;

/**
 * markdown-it plugin: d2lbook roles (`:numref:`fig_x``) and MyST roles (`{eq}`x``) become
 * `dialect_role` tokens; `{math}`…`` becomes inline math. What each does is decided by the
 * core rules and the renderer (labels, references, citations, image widths). d2lbook's slide
 * marks `[**…**]` / `(**…**)` around text are taken off: the text reads as in the book.
 */
export function rolesPlugin(md: MarkdownIt): void {
  md.core.ruler.before("inline", "d2l_slide_marks", (state: StateCore) => {
    if (dialectOf(state.env).name !== "d2lbook") return;
    for (const t of state.tokens) if (t.type === "inline") t.content = t.content.replace(SLIDE_MARKS, (_, a, b) => a ?? b);
  });
  md.inline.ruler.before("backticks", "dialect_role", (state: StateInline, silent: boolean) => {
    const { name } = dialectOf(state.env);
    const ch = state.src.charCodeAt(state.pos);
    const pattern = name === "d2lbook" && ch === 0x3a /* : */ ? D2L_ROLE : name === "myst" && ch === 0x7b /* { */ ? MYST_ROLE : undefined;
    if (!pattern) return false;
    const m = pattern.exec(state.src.slice(state.pos));
    if (!m) return false;
    if (!silent) {
      const role = m[1] as string;
      const value = (m[2] as string).trim();
      if (role === "math") {
        const token = state.push("math_inline", "math", 0);
        token.markup = "$";
        token.content = value;
        token.meta = { offset: state.pos };
      } else {
        const token = state.push("dialect_role", "", 0);
        const named = WITH_TEXT.exec(value);
        const meta: RoleMeta =
          named && (named[1] as string) !== ""
            ? { role, value: (named[2] as string).trim(), text: named[1] as string, offset: state.pos }
            : { role, value, offset: state.pos };
        token.meta = meta;
        token.content = value;
      }
    }
    state.pos += m[0].length;
    return true;
  });
}
