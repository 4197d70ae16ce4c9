/**
 * Raw HTML in an article is filtered through an allowlist, tag by tag, by `xss` (js-xss, what
 * Marp uses for the same job): layout and text tags, images, links — no script, no event
 * handlers, no `javascript:` (or, outside images, `data:`) URLs, no style that could leave the
 * slide. `xss` splits the piece into tags and text, drops comments, escapes the text between
 * and hands each tag here, so every `<` in the output belongs to a tag rebuilt here; unlike a
 * tree sanitizer (sanitize-html) it keeps a lone `<div class="columns">` or `</div>` as it is,
 * which is how markdown-it hands raw HTML over (one block or one inline tag at a time) and how
 * wrappers around Markdown work.
 *
 * Lectern's own parts, each where `xss` measured worse (figures in the libs report): the
 * attributes of a kept tag (xss's attribute parser is quadratic: one tag of 5,000 attributes
 * took 2 s, of 20,000 36 s), the URL rule (xss drops a relative `img/a.png`), the style filter
 * (render/style-attr.ts: cssfilter passes `url()`, `var()`, `width:20000px`), the body of an
 * unclosed `<script>` (xss leaves `[removed]` and the body), a tag cut off by the end of the
 * piece (xss reads `<br` as `<b>`), `<div/>` (an empty element, not an open one), and a `<`
 * that starts no tag (`x < 3 and y > 2` is text, not a tag to strip). Returns what was
 * removed, for a diagnostic.
 */

import { FilterXSS } from "xss";
import { VOID_ELEMENTS } from "../parse/html-balance.js";
import { decodeEntities } from "../util/html.js";
import { safeStyle } from "./style-attr.js";

const TAGS = (
  "a abbr b bdi bdo blockquote br caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure " +
  "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp small span strong sub summary sup " +
  "table tbody td tfoot th thead time tr tt u ul var wbr"
).split(" ");
/** Tags dropped together with everything inside them (never a void tag: it has no inside). */
const DROP_WITH_CONTENT: ReadonlySet<string> = new Set(
  "script style iframe object noscript template textarea select svg math frameset noembed xmp title".split(" "),
);
const ATTRS =
  "class title lang dir align valign width height colspan rowspan alt src href start type open datetime cite style reversed scope".split(
    " ",
  );
const ALLOWED: Readonly<Record<string, string[]>> = Object.freeze(Object.fromEntries(TAGS.map((t) => [t, ATTRS])));
const ATTR_SET: ReadonlySet<string> = new Set(ATTRS);
const URL_ATTRS: ReadonlySet<string> = new Set(["href", "src", "cite"]);

/** An attribute value rebuilt from source: its entities kept, a bare `&`, `"`, `<`, `>` escaped. */
const escapeAttr = (s: string) =>
  s
    .replace(/&(?![#\w]+;)/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
/** Text between tags keeps its entities (`&amp;` stays one); only a stray `<` or `>` is escaped. */
const escapeText = (s: string) => s.replace(/</g, "&lt;").replace(/>/g, "&gt;");

function safeUrl(value: string, image: boolean): boolean {
  const v = decodeEntities(value)
    .replace(/[\s\u0000-\u001f]+/g, "")
    .toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(v)?.[1];
  if (!scheme) return true; // relative, #anchor
  if (scheme === "http" || scheme === "https" || (!image && scheme === "mailto")) return true;
  return image && /^data:image\/(png|jpe?g|gif|webp|avif|svg\+xml)[;,]/.test(v);
}

/** One attribute: its name, then its value double-quoted, single-quoted or bare (or none). */
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export interface Sanitized {
  html: string;
  /** What was taken out: `<script>`, `onclick=`, `href=javascript:`… */
  removed: string[];
}

export function sanitizeHtml(html: string): Sanitized {
  const removed: string[] = [];
  /** Output ranges to cut: the insides of DROP_WITH_CONTENT elements. */
  const cuts: [number, number][] = [];
  let dropping: { name: string; at: number } | undefined;
  const note = (what: string) => {
    if (!dropping) removed.push(what);
  };
  /** An allowed tag's attributes, each kept, checked or dropped (and noted). */
  const attributes = (tag: string, source: string): string => {
    let attrs = "";
    for (const a of source.matchAll(ATTR)) {
      const key = (a[1] ?? "").toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? "";
      if (!ATTR_SET.has(key)) note(`${key}=`);
      else if (URL_ATTRS.has(key) && !safeUrl(value, key === "src" && tag === "img")) {
        note(`${key}=${decodeEntities(value).split(":")[0]?.trim()}:`);
      } else if (key === "style") {
        const { css, dropped } = safeStyle(decodeEntities(value));
        if (dropped) note("style");
        if (css) attrs += ` style="${escapeAttr(css)}"`;
      } else attrs += a[2] === undefined && a[3] === undefined && a[4] === undefined ? ` ${key}` : ` ${key}="${escapeAttr(value)}"`;
    }
    return attrs;
  };
  const filter = new FilterXSS({
    whiteList: ALLOWED,
    css: false,
    escapeHtml: escapeText,
    onTag(tag, source, info) {
      // a `<br` cut off by the end of the piece is text (xss would read it as `<b>`)
      if (!source.endsWith(">")) return escapeText(source);
      if (!info.isWhite) return undefined; // to onIgnoreTag
      // `</br>`, `</img>`: no element to close
      if (info.isClosing) return VOID_ELEMENTS.has(tag) ? "" : `</${tag}>`;
      const inside = source.slice(1, -1).replace(/^[^\s/]+/, "");
      const selfClosed = inside.endsWith("/");
      const attrs = attributes(tag, selfClosed ? inside.slice(0, -1) : inside);
      // `<div/>` opens a div in HTML: write what the author meant, an empty element
      return VOID_ELEMENTS.has(tag) || !selfClosed ? `<${tag}${attrs}>` : `<${tag}${attrs}></${tag}>`;
    },
    onIgnoreTag(tag, source, info) {
      // `<` + a space, a digit…: text in HTML, not a tag (`x < 3 and y > 2`); `<!doctype>`, `<?xml?>`: dropped
      if (!/^\/?[a-z]/i.test(source.slice(1))) return /^<[!?]/.test(source) ? "" : escapeText(source);
      const at = info.position ?? 0;
      if (info.isClosing) {
        if (dropping && dropping.name === tag) {
          cuts.push([dropping.at, at]);
          dropping = undefined;
        }
        return "";
      }
      note(`<${tag}>`);
      if (!dropping && DROP_WITH_CONTENT.has(tag) && !source.endsWith("/>")) dropping = { name: tag, at };
      return "";
    },
  });
  let out = filter.process(html);
  if (dropping) cuts.push([dropping.at, out.length]); // an unclosed `<script>`: to the end of this piece
  for (const [from, to] of cuts.reverse()) out = out.slice(0, from) + out.slice(to);
  return { html: out, removed: [...new Set(removed)] };
}
