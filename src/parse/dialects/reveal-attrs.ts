import type { StateCore, Token } from "markdown-it";
import type { RawLook } from "./marp-looks.js";

const SLIDE = /^\s*<!--\s*\.slide\s*:([\s\S]*?)-->\s*$/;
const ELEMENT = /^\s*<!--\s*\.element\s*:([\s\S]*?)-->\s*$/;
const ATTR = /([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
/** Attributes an element may take from `.element:`: a class, fragment settings, data attributes. */
const ELEMENT_ATTR = /^(?:class|data-[a-z][\w-]*)$/;
const CLASS = /^[\w\s-]*$/;
const COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]+|rgba?\(\s*[\d.\s,%]+\))$/i;

/** `name="value"` pairs of an attribute comment. */
export function parseAttrs(text: string): [string, string][] {
  return [...text.matchAll(ATTR)].map((m) => [(m[1] as string).toLowerCase(), m[2] ?? m[3] ?? m[4] ?? ""]);
}

/**
 * reveal.js external Markdown: `<!-- .slide: … -->` sets the slide's attributes (a background
 * becomes the slide's look, as a Marp `![bg]` does); `<!-- .element: … -->` sets attributes
 * of the element before it (`class="fragment"`). The comments themselves are taken out.
 */
export function revealTokens(state: StateCore, look: RawLook): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === "html_block") {
      const slide = SLIDE.exec(t.content);
      const element = ELEMENT.exec(t.content);
      if (slide) slideAttrs(parseAttrs(slide[1] as string), look, t.map?.[0] ?? 0);
      else if (element) {
        const target = previousOpen(tokens, i, t.level);
        if (target) elementAttrs(target, parseAttrs(element[1] as string));
      }
      if (slide || element) {
        tokens.splice(i, 1);
        i--;
      }
      continue;
    }
    if (t.type !== "inline" || !t.children) continue;
    const kept: Token[] = [];
    for (const c of t.children) {
      const m = c.type === "html_inline" ? ELEMENT.exec(c.content) : null;
      if (!m) {
        kept.push(c);
        continue;
      }
      const target = enclosingOpen(tokens, i);
      if (target) elementAttrs(target, parseAttrs(m[1] as string));
    }
    t.children = kept;
  }
}

function slideAttrs(attrs: [string, string][], look: RawLook, line: number): void {
  for (const [name, value] of attrs) {
    if (name === "class") {
      if (CLASS.test(value)) look.spot.class = value;
    } else if ((name === "data-background" || name === "data-background-color") && COLOR.test(value.trim())) {
      look.spot.backgroundColor = value.trim();
    } else if (name === "data-background" || name === "data-background-image") {
      look.backgrounds.push({ src: value.trim(), size: "cover", line, column: 0 });
    } else if (name === "data-background-size") {
      for (const b of look.backgrounds) b.size = /^(?:cover|contain|auto|\d+(?:\.\d+)?%)$/.test(value) ? value : b.size;
    } else if (name === "data-background-opacity" && /^(?:\d*\.)?\d+$/.test(value)) {
      for (const b of look.backgrounds) b.filter = `opacity(${value})`;
    } else if (/^data-[a-z][\w-]*$/.test(name)) {
      look.attrs = { ...look.attrs, [name]: value };
    }
  }
}

function elementAttrs(target: Token, attrs: [string, string][]): void {
  for (const [name, value] of attrs) {
    if (!ELEMENT_ATTR.test(name)) continue;
    if (name === "class") {
      if (CLASS.test(value)) for (const cls of value.split(/\s+/).filter(Boolean)) target.attrJoin("class", cls);
    } else target.attrSet(name, value);
  }
}

/** The opening token of the block before `i` at `level` (what a `.element:` line after it means). */
function previousOpen(tokens: readonly Token[], i: number, level: number): Token | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j] as Token;
    if (t.level === level && t.nesting === 1) return t;
    if (t.level < level) return undefined;
  }
  return undefined;
}

/** The shown element an inline token sits in: its paragraph, or the list item of a tight list. */
function enclosingOpen(tokens: readonly Token[], i: number): Token | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j] as Token;
    if (t.nesting === 1 && !t.hidden) return t;
  }
  return undefined;
}
