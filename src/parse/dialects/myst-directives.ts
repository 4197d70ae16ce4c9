import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { envIssues } from "../env.js";
import type { AdmonitionMeta } from "./alerts.js";
import { dialectOf } from "./dialect.js";
import { addLabel } from "./labels.js";
import { mystColonFencePlugin } from "./myst-colon.js";

const DIRECTIVE = /^\{([a-z][\w-]*)\}\s*(.*)$/;
const OPTION = /^:([\w-]+):\s*(.*)$/;

/** Directives shown as a box, with their default title. */
const ADMONITIONS: Record<string, string> = {
  note: "Note",
  tip: "Tip",
  hint: "Hint",
  important: "Important",
  attention: "Attention",
  caution: "Caution",
  warning: "Warning",
  danger: "Danger",
  error: "Error",
  seealso: "See also",
  admonition: "",
  exercise: "Exercise",
  solution: "Solution",
  proof: "Proof",
  theorem: "Theorem",
  lemma: "Lemma",
  definition: "Definition",
  example: "Example",
  topic: "",
  sidebar: "",
  margin: "",
  epigraph: "",
};
/** Directives that have nothing to show on a slide. */
const HIDDEN = new Set(["contents", "tableofcontents", "index", "raw", "toctree", "bibliography", "include"]);
/** `{code-cell}` tags that take a cell off the page. */
const REMOVE_TAGS = /remove-cell|remove-input|hide-cell|hide-input/;

interface Directive {
  name: string;
  args: string;
  options: Record<string, string>;
  body: string;
  /** Lines the options took before the body. */
  bodyLine: number;
}

function readDirective(token: Token): Directive | undefined {
  const m = DIRECTIVE.exec(token.info.trim());
  if (!m) return undefined;
  const lines = token.content.replace(/\n$/, "").split("\n");
  const options: Record<string, string> = {};
  let at = 0;
  if (lines[0]?.trim() === "---") {
    // options as a YAML block: `---` … `---`
    const end = lines.indexOf("---", 1);
    for (const l of lines.slice(1, end < 0 ? 1 : end)) {
      const kv = /^([\w-]+):\s*(.*)$/.exec(l.trim());
      if (kv) options[kv[1] as string] = kv[2] as string;
    }
    at = end < 0 ? 0 : end + 1;
  } else {
    while (at < lines.length) {
      const opt = OPTION.exec((lines[at] as string).trim());
      if (!opt) break;
      options[opt[1] as string] = opt[2] as string;
      at++;
    }
  }
  while (at < lines.length && (lines[at] as string).trim() === "") at++;
  return { name: m[1] as string, args: (m[2] as string).trim(), options, body: lines.slice(at).join("\n"), bodyLine: at };
}

/** Parse a directive's body as Markdown, one level down, its lines those of the file. */
function parseBody(state: StateCore, d: Directive, fence: Token): Token[] {
  const out: Token[] = [];
  const issues = envIssues(state.env);
  const before = issues.length;
  state.md.block.parse(d.body, state.md, state.env, out);
  const shift = (fence.map?.[0] ?? 0) + 1 + d.bodyLine;
  // what the body's parse found is at lines of the body: make them the file's
  for (const issue of issues.slice(before)) issue.line += shift;
  for (const t of out) {
    if (t.map) t.map = [t.map[0] + shift, t.map[1] + shift];
    t.level += 1;
  }
  return withDirectives(state, out);
}

function box(state: StateCore, fence: Token, meta: AdmonitionMeta, open: boolean): Token {
  const t = new state.Token(open ? "admonition_open" : "admonition_close", "div", open ? 1 : -1);
  t.map = fence.map;
  t.block = true;
  t.level = fence.level;
  if (open) t.meta = meta;
  return t;
}

/**
 * markdown-it plugin (MyST / Jupyter Book): fenced directives (```` ```{name} ```` or `:::{name}`) become what they mean —
 * admonitions (`{note}`, `{warning}`, `{exercise}`, `{solution-start}` … `{solution-end}`) boxes,
 * `{figure}` a captioned image, `{math}` display math (with its `:label:`), `{code-cell}` code;
 * `{contents}`, `{index}`, `{raw}` are dropped. Runs before inline parsing, so the
 * Markdown inside a box is read like any other.
 */
export function mystDirectivesPlugin(md: MarkdownIt): void {
  mystColonFencePlugin(md);
  md.core.ruler.after("block", "myst_directives", (state: StateCore) => {
    if (dialectOf(state.env).name !== "myst") return;
    state.tokens = withDirectives(state, state.tokens);
  });
}

/** Tokens with each directive fence replaced by what it means (nested directives too). */
function withDirectives(state: StateCore, tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) => {
    const d = token.type === "fence" ? readDirective(token) : undefined;
    return d ? directiveTokens(state, token, d) : [token];
  });
}

function directiveTokens(state: StateCore, fence: Token, d: Directive): Token[] {
  const label = d.options.label ?? d.options.name;
  const labelled = (t: Token) => {
    if (label) addLabel(t, label);
    return t;
  };
  const start = /^(.*)-start$/.exec(d.name);
  const end = /^(.*)-end$/.exec(d.name);
  if (start && ADMONITIONS[start[1] as string] !== undefined) {
    return [labelled(box(state, fence, { kind: start[1] as string, title: ADMONITIONS[start[1] as string] }, true))];
  }
  if (end && ADMONITIONS[end[1] as string] !== undefined) return [box(state, fence, { kind: end[1] as string }, false)];
  if (HIDDEN.has(d.name)) return [];
  const title = ADMONITIONS[d.name];
  if (title !== undefined) {
    const heading = d.name === "admonition" || title === "" ? d.args : d.args && !/^[\w:-]+$/.test(d.args) ? `${title}: ${d.args}` : title;
    return [
      labelled(box(state, fence, { kind: d.name, title: heading }, true)),
      ...parseBody(state, d, fence),
      box(state, fence, { kind: d.name }, false),
    ];
  }
  if (d.name === "math") {
    const t = new state.Token("math_block", "math", 0);
    Object.assign(t, { block: true, content: d.body.trim(), markup: "$$", map: fence.map, level: fence.level });
    return [labelled(t)];
  }
  if (d.name === "figure" || d.name === "image") {
    const caption = d.body.trim().split("\n")[0] ?? "";
    const alt = caption || d.options.alt || "";
    const paragraph = parseBody(state, { ...d, body: `![${alt.replace(/[[\]]/g, "")}](<${d.args}>)` }, fence);
    if (paragraph[0]) labelled(paragraph[0]);
    const inline = paragraph[1];
    // the image inside is parsed later: the labels rule hands the width on to it
    if (inline && d.options.width) inline.meta = { ...(inline.meta ?? {}), width: d.options.width };
    return paragraph;
  }
  if (d.name === "code-cell" || d.name === "code" || d.name === "code-block") {
    if (REMOVE_TAGS.test(d.options.tags ?? "")) return [];
    fence.info = /^ipython\d*$/.test(d.args) ? "python" : d.args;
    fence.content = `${d.body}\n`;
    return [labelled(fence)];
  }
  // another directive: its body as plain code, without the `{name}`
  fence.info = "";
  fence.content = `${d.body}\n`;
  return [fence];
}
