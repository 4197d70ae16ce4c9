import { createRequire } from "node:module";
import type { HLJSApi, Language, LanguageFn, Mode } from "highlight.js";
import hljs from "highlight.js/lib/core";
import { escapeHtml } from "../util/html.js";

const require = createRequire(import.meta.url);

/**
 * Aliases of highlight.js's common languages (from `getLanguage(n).aliases` over
 * `highlight.js/lib/common`), so the usual fence names load one grammar file, not all of them.
 */
const ALIASES: Record<string, string> = {
  html: "xml",
  xhtml: "xml",
  rss: "xml",
  atom: "xml",
  xjb: "xml",
  xsd: "xml",
  xsl: "xml",
  plist: "xml",
  wsf: "xml",
  svg: "xml",
  sh: "bash",
  zsh: "bash",
  h: "c",
  cc: "cpp",
  "c++": "cpp",
  "h++": "cpp",
  hpp: "cpp",
  hh: "cpp",
  hxx: "cpp",
  cxx: "cpp",
  cs: "csharp",
  "c#": "csharp",
  md: "markdown",
  mkdown: "markdown",
  mkd: "markdown",
  patch: "diff",
  rb: "ruby",
  gemspec: "ruby",
  podspec: "ruby",
  thor: "ruby",
  irb: "ruby",
  golang: "go",
  gql: "graphql",
  toml: "ini",
  jsp: "java",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsonc: "json",
  json5: "json",
  kt: "kotlin",
  kts: "kotlin",
  ktm: "kotlin",
  ktx: "kotlin",
  pluto: "lua",
  mk: "makefile",
  mak: "makefile",
  make: "makefile",
  pl: "perl",
  pm: "perl",
  mm: "objectivec",
  objc: "objectivec",
  "obj-c": "objectivec",
  "obj-c++": "objectivec",
  "objective-c++": "objectivec",
  py: "python",
  gyp: "python",
  ipython: "python",
  pycon: "python-repl",
  rs: "rust",
  console: "shell",
  shellsession: "shell",
  yml: "yaml",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  vb: "vbnet",
};

const PLAIN = new Set(["", "text", "txt", "plain", "plaintext", "output", "none", "nohighlight", "output-stderr", "output-error"]);

/** Code as HTML text. */
export const escapeCode = escapeHtml;

export interface Highlighted {
  /** One HTML string per source line, each with its spans balanced. */
  lines: string[];
  /** The language was recognised (or none was asked for). */
  known: boolean;
}

/** Highlight code at build time (highlight.js); the browser needs no highlighter. */
export function highlight(code: string, lang: string): Highlighted {
  const name = lang.toLowerCase();
  if (PLAIN.has(name)) return { lines: code.split("\n").map(escapeCode), known: true };
  const language = hljs.getLanguage(name) ?? loadLanguage(name);
  if (!language) return { lines: code.split("\n").map(escapeCode), known: false };
  const html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  return { lines: splitLines(html), known: true };
}

/** Split highlighted HTML at newlines, closing open spans at each line end and reopening them. */
export function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = "";
  const re = /(<span[^>]*>)|(<\/span>)|(\n)|([^<\n]+|<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null) {
    if (m[1]) {
      open.push(m[1]);
      current += m[1];
    } else if (m[2]) {
      open.pop();
      current += m[2];
    } else if (m[3]) {
      lines.push(current + "</span>".repeat(open.length));
      current = open.join("");
    } else {
      current += m[4];
    }
  }
  lines.push(current);
  return lines;
}

/**
 * highlight.js's core holds no grammar: each is loaded on first use, with the grammars it embeds
 * (`subLanguage`, e.g. CSS and JavaScript inside HTML). A name that is neither a grammar file nor
 * a known alias loads every grammar once, so rarer aliases (`hs`, `ex`, …) still resolve.
 * Registering a grammar is idempotent, so the shared registry is safe across builds.
 */
function loadLanguage(name: string): Language | undefined {
  if (!/^[a-z0-9+#-]+$/.test(name)) return undefined;
  const file = ALIASES[name] ?? name;
  if (register(file)) return hljs.getLanguage(name) ?? hljs.getLanguage(file);
  const all = require("highlight.js") as HLJSApi;
  const language = all.getLanguage(name);
  const canonical = language && all.listLanguages().find((n) => all.getLanguage(n) === language);
  return canonical && register(canonical) ? hljs.getLanguage(canonical) : undefined;
}

/** Register grammar file `file` and those it embeds; false when there is no such file. */
function register(file: string): boolean {
  if (hljs.getLanguage(file)) return true;
  if (!/^[a-z0-9-]+$/.test(file)) return false;
  let fn: LanguageFn;
  try {
    const mod = require(`highlight.js/lib/languages/${file}`) as LanguageFn | { default: LanguageFn };
    fn = typeof mod === "function" ? mod : mod.default;
  } catch {
    return false;
  }
  hljs.registerLanguage(file, fn);
  const language = hljs.getLanguage(file);
  if (language) for (const sub of embedded(language)) register(ALIASES[sub] ?? sub);
  return true;
}

/** The `subLanguage` names a grammar refers to, anywhere in its modes. */
function embedded(language: Language): Set<string> {
  const names = new Set<string>();
  const seen = new Set<object>();
  const walk = (mode: Mode | Language | string | undefined) => {
    if (!mode || typeof mode !== "object" || seen.has(mode)) return;
    seen.add(mode);
    const sub = (mode as Mode).subLanguage;
    for (const n of typeof sub === "string" ? [sub] : (sub ?? [])) names.add(n);
    for (const child of [...((mode as Mode).contains ?? []), ...((mode as Mode).variants ?? []), (mode as Mode).starts])
      walk(child as Mode);
  };
  walk(language);
  return names;
}
