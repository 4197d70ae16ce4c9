import type { Token } from "markdown-it";
import { cloneToken } from "../util/tokens.js";

/**
 * Sentence ends: CJK stops (with closing quotes/brackets), or Latin stops before a space;
 * clause marks (group 1) end a unit only when the sentence is already long.
 */
const SENTENCE_END = /[。！？；!?]+[”’」』）)]*|[.!?;]+[”’")]*(?=\s|$)|([，、,，])/g;
/** A unit that ends with a clause mark ends inside its sentence. */
const CLAUSE_END = /[，、,]\s*$/;
const LONG_SENTENCE = 120;

function withContent(token: Token, content: string): Token {
  const copy = cloneToken(token);
  copy.content = content;
  return copy;
}

/**
 * Split a paragraph's inline tokens into sentences. Splits only inside plain text at the
 * top nesting level, so emphasis, links and formulas are never cut in half.
 */
export function splitSentences(children: Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  const flush = () => {
    while (current.length && isBlank(current[current.length - 1] as Token)) current.pop();
    if (current.length) sentences.push(current);
    current = [];
  };
  for (const token of children) {
    if (token.nesting === 1) depth++;
    if (token.nesting === -1) depth--;
    if (token.type !== "text" || depth > 0) {
      // a footnote mark right after a full stop belongs to the sentence it ends ("it.[^1] Next")
      const previous = sentences[sentences.length - 1];
      if (token.type === "footnote_ref" && !current.length && previous) {
        previous.push(token);
        continue;
      }
      if (current.length || !isBlank(token)) current.push(token);
      // a formula carrying the sentence's full stop (see parse/math) ends the sentence
      const after = (token.meta as { after?: string } | null)?.after;
      if (depth === 0 && after && /[。！？!?.]/.test(after)) flush();
      continue;
    }
    let rest = token.content;
    SENTENCE_END.lastIndex = 0;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = SENTENCE_END.exec(rest)) !== null) {
      const end = m.index + m[0].length;
      const piece = rest.slice(last, end);
      if (m[1] !== undefined && inlineText(current).length + piece.length < LONG_SENTENCE) continue;
      if (piece.trim()) current.push(withContent(token, current.length ? piece : piece.trimStart()));
      flush();
      last = end;
    }
    rest = rest.slice(last);
    if (rest.trim() || (current.length && rest)) current.push(withContent(token, current.length ? rest : rest.trimStart()));
  }
  flush();
  return sentences.length ? sentences : [children];
}

/**
 * True when a unit of `splitSentences` ends at a clause mark, inside its sentence (a long
 * sentence is split there so that it can break over two slides if it must).
 */
export function endsInsideSentence(unit: readonly Token[]): boolean {
  return CLAUSE_END.test(inlineText(unit));
}

/**
 * True when inline tokens end with `:`/`：` — a lead-in to what follows ("公式为："). The
 * colon after a closing inline formula sits in the formula's token (`meta.after`, parse/math).
 */
export function endsWithColon(tokens: readonly Token[]): boolean {
  const shown = tokens.filter((t) => !isBlank(t));
  const after = (shown[shown.length - 1]?.meta as { after?: string } | null)?.after ?? "";
  return /[:：]\s*$/.test(inlineText(tokens).trimEnd() + after);
}

function isBlank(token: Token): boolean {
  return token.type === "softbreak" || token.type === "hardbreak" || (token.type === "text" && token.content.trim() === "");
}

/** Plain text of inline tokens (for measuring and titles). */
export function inlineText(tokens: readonly Token[]): string {
  let out = "";
  for (const t of tokens) {
    if (t.type === "text" || t.type === "code_inline") out += t.content;
    else if (t.type.startsWith("math_inline")) out += t.content;
    else if (t.type === "softbreak" || t.type === "hardbreak") out += " ";
    else if (t.type === "image") out += t.content;
    else if (t.children) out += inlineText(t.children);
  }
  return out;
}
