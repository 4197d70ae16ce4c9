import { createRequire } from "node:module";
import type { LanguageFn } from "highlight.js";
import hljs from "highlight.js/lib/common";

const require = createRequire(import.meta.url);

const PLAIN = new Set(["", "text", "txt", "plain", "plaintext", "output", "none", "nohighlight"]);

export const escapeCode = (s: string) => s.replace(/[&<>]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt" }[c]};`);

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
 * Languages outside highlight.js's common set (haskell, elixir, …) are loaded on first use.
 * Registering a grammar in highlight.js's registry is idempotent, so this is safe to share.
 */
function loadLanguage(name: string) {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  try {
    const mod = require(`highlight.js/lib/languages/${name}`) as LanguageFn | { default: LanguageFn };
    hljs.registerLanguage(name, typeof mod === "function" ? mod : mod.default);
    return hljs.getLanguage(name);
  } catch {
    return undefined;
  }
}
