/**
 * Raw HTML in an article is filtered through an allowlist, tag by tag: layout and text tags,
 * images, links — no script, no event handlers, no `javascript:` (or, outside images,
 * `data:`) URLs, no style that could leave the slide. Every `<` in the output belongs to a
 * tag rebuilt here; everything else is escaped, so removing a tag can never splice a new one
 * together. Returns what was removed, for a diagnostic.
 */

import { VOID_ELEMENTS } from "../parse/html-balance.js";
import { decodeEntities } from "../util/html.js";
import { safeStyle } from "./style-attr.js";

const TAGS = new Set(
  (
    "a abbr b bdi bdo blockquote br caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure " +
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp small span strong sub summary sup " +
    "table tbody td tfoot th thead time tr tt u ul var wbr"
  ).split(" "),
);
/** Tags dropped together with everything inside them (never a void tag: it has no inside). */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "noscript",
  "template",
  "textarea",
  "select",
  "svg",
  "math",
  "frameset",
  "noembed",
  "xmp",
  "title",
]);
const ATTRS = new Set([
  "class",
  "title",
  "lang",
  "dir",
  "align",
  "valign",
  "width",
  "height",
  "colspan",
  "rowspan",
  "alt",
  "src",
  "href",
  "start",
  "type",
  "open",
  "datetime",
  "cite",
  "style",
  "reversed",
  "scope",
]);

const TAG =
  /<\/?([a-zA-Z][\w:.-]*)((?:\s+(?:[^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>|<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>?/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Source text between tags keeps its entities (`&amp;` stays one); only a stray `<` or `>` is escaped. */
const escapeText = (s: string) => s.replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** An attribute value rebuilt from source: its entities kept, a bare `&`, `"`, `<`, `>` escaped. */
const escapeAttr = (s: string) =>
  s
    .replace(/&(?![#\w]+;)/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

function safeUrl(value: string, image: boolean): boolean {
  const v = decodeEntities(value)
    .replace(/[\s\u0000-\u001f]+/g, "")
    .toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(v)?.[1];
  if (!scheme) return true; // relative, #anchor
  if (scheme === "http" || scheme === "https" || (!image && scheme === "mailto")) return true;
  return image && /^data:image\/(png|jpe?g|gif|webp|avif|svg\+xml)[;,]/.test(v);
}

export interface Sanitized {
  html: string;
  /** What was taken out: `<script>`, `onclick=`, `href=javascript:`… */
  removed: string[];
}

export function sanitizeHtml(html: string): Sanitized {
  const removed: string[] = [];
  let out = "";
  let last = 0;
  let dropping: string | undefined;
  for (const m of html.matchAll(TAG)) {
    const [whole, rawName, rawAttrs = "", selfClose] = m;
    const at = m.index ?? 0;
    if (!dropping) out += escapeText(html.slice(last, at));
    last = at + whole.length;
    if (!rawName) continue; // comments, doctypes, CDATA, stray `<`: dropped
    const name = rawName.toLowerCase();
    const closing = whole.startsWith("</");
    if (dropping) {
      if (closing && name === dropping) dropping = undefined;
      continue;
    }
    if (!TAGS.has(name)) {
      if (!closing) removed.push(`<${name}>`);
      if (!closing && !selfClose && DROP_WITH_CONTENT.has(name)) dropping = name;
      continue;
    }
    if (closing) {
      out += VOID_ELEMENTS.has(name) ? "" : `</${name}>`;
      continue;
    }
    let attrs = "";
    for (const a of rawAttrs.matchAll(ATTR)) {
      const key = (a[1] ?? "").toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? "";
      if (!ATTRS.has(key)) {
        removed.push(`${key}=`);
        continue;
      }
      if ((key === "href" || key === "src" || key === "cite") && !safeUrl(value, key === "src" && name === "img")) {
        removed.push(`${key}=${decodeEntities(value).split(":")[0]?.trim()}:`);
        continue;
      }
      if (key === "style") {
        const { css, dropped } = safeStyle(decodeEntities(value));
        if (dropped) removed.push("style");
        if (css) attrs += ` style="${escapeAttr(css)}"`;
        continue;
      }
      attrs += a[2] === undefined && a[3] === undefined && a[4] === undefined ? ` ${key}` : ` ${key}="${escapeAttr(value)}"`;
    }
    // `<div/>` opens a div in HTML: write what the author meant, an empty element
    out += VOID_ELEMENTS.has(name) || !selfClose ? `<${name}${attrs}>` : `<${name}${attrs}></${name}>`;
  }
  if (!dropping) out += escapeText(html.slice(last));
  return { html: out, removed: [...new Set(removed)] };
}
