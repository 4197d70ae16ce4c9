import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { dialectOf } from "./dialect.js";
import { altKeywords } from "./marp-keywords.js";
import { type RawLook, rawLook } from "./marp-looks.js";
import { revealTokens } from "./reveal-attrs.js";

/** Marp's slide directives Lectern shows; each may be written `_key` (this slide only). */
const DIRECTIVES = new Set(["header", "footer", "paginate", "class", "backgroundColor", "backgroundImage", "color"]);
const COMMENT = /<!--([\s\S]*?)-->/g;
const SCOPED = /^<style\b[^>]*\bscoped\b[^>]*>([\s\S]*?)(?:<\/style\s*>|$)/i;

/** What an image token carries about its Marp size keywords (render/media.ts reads it). */
export interface ImageSize {
  width?: string;
  height?: string;
  filter?: string;
  center?: boolean;
}

/**
 * markdown-it plugin (Marp and reveal.js decks): what a slide says about its looks is taken out
 * of its content into the parse `env` (marp-looks.ts): Marp directives in HTML comments,
 * `![bg …]` images (never inline content), `<style scoped>`; reveal.js `.slide:` and
 * `.element:` comments. Marp's image keywords (`w:300`, `h:200`, filters) leave the alt text
 * and size the image instead.
 */
export function marpPlugin(md: MarkdownIt): void {
  // last of the core rules: images already know their source line
  md.core.ruler.push("lectern_slide_looks", (state: StateCore) => {
    const name = dialectOf(state.env).name;
    if (name === "marp") marpTokens(state, rawLook(state.env));
    else if (name === "reveal") revealTokens(state, rawLook(state.env));
  });
}

function marpTokens(state: StateCore, look: RawLook): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === "html_block") {
      const scoped = SCOPED.exec(t.content.trim());
      if (scoped) look.style = `${look.style ?? ""}${scoped[1]}\n`;
      else for (const m of t.content.matchAll(COMMENT)) readDirectives(m[1] as string, look);
      continue;
    }
    if (t.type !== "inline" || !t.children) continue;
    const before = t.children.length;
    t.children = t.children.filter((c) => c.type !== "image" || !takeImage(c, look, state));
    if (t.children.length === before) continue;
    const blank = t.children.every((c) => c.type === "softbreak" || (c.type === "text" && !c.content.trim()));
    if (blank && tokens[i - 1]?.type === "paragraph_open" && tokens[i + 1]?.type === "paragraph_close") {
      tokens.splice(i - 1, 3);
      i -= 2;
    }
  }
}

/** An image's keywords: a background is taken into the look (true); another keeps its size in `meta.size`. */
function takeImage(image: Token, look: RawLook, state: StateCore): boolean {
  const alt = (image.children ?? []).map((c) => c.content).join("");
  const kw = altKeywords(alt);
  const where = (image.meta ?? {}) as { line?: number; column?: number };
  if (kw.bg) {
    const size = kw.width || kw.height ? `${kw.width ?? "auto"} ${kw.height ?? "auto"}` : kw.size;
    look.backgrounds.push({
      src: String(image.attrGet("src") ?? ""),
      size,
      ...(kw.filter ? { filter: kw.filter } : {}),
      line: where.line ?? 0,
      column: where.column ?? 0,
    });
    if (kw.split) look.split = kw.split;
    if (kw.vertical) look.vertical = true;
    return true;
  }
  if (kw.alt === alt.trim().split(/\s+/).join(" ")) return false;
  const text = new state.Token("text", "", 0);
  text.content = kw.alt;
  image.children = kw.alt ? [text] : [];
  image.content = kw.alt;
  const size: ImageSize = {
    ...(kw.width ? { width: kw.width } : {}),
    ...(kw.height ? { height: kw.height } : {}),
    ...(kw.filter ? { filter: kw.filter } : {}),
    ...(kw.center ? { center: true } : {}),
  };
  image.meta = { ...(image.meta ?? {}), size };
  return false;
}

/** `key: value` lines of one comment that are Marp directives (`_key`: this slide only). */
function readDirectives(body: string, look: RawLook): void {
  for (const line of body.split("\n")) {
    const m = /^\s*(_?)([A-Za-z]\w*)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m || !DIRECTIVES.has(m[2] as string)) continue;
    const value = (m[3] as string).replace(/^(["'])(.*)\1$/, "$2");
    (m[1] ? look.spot : look.inherit)[m[2] as string] = value;
  }
}
