/**
 * `--standalone`: one HTML file that holds a whole built deck. Stylesheets and scripts are
 * inlined, images and fonts become `data:` URIs, KaTeX goes when the deck has no math, and
 * Noto Sans SC is cut down to the characters the deck shows (a true subset, not slices).
 * The file loads nothing: it works offline, from `file://`, as an attachment, in an iframe.
 */
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { ASSET_PATHS } from "../../render/document.js";
import { decodeEntities, escapeHtml as escapeAttr } from "../../util/html.js";
import { typeOfFile } from "../../util/mime.js";
import { notoFontCss } from "./font-subset.js";

/** The image type from the file's first bytes (a misnamed PNG is still a PNG), else from its name. */
export function mimeType(path: string, bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 16));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  if (head.toString("latin1", 0, 4) === "GIF8") return "image/gif";
  if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") return "image/webp";
  if (head.toString("latin1", 0, 4) === "wOF2") return "font/woff2";
  return typeOfFile(path).replace(/;.*$/, "");
}

const dataUri = (path: string, bytes: Buffer) => `data:${mimeType(path, bytes)};base64,${bytes.toString("base64")}`;

/** `text.replace(re, fn)` with an async `fn` (matches are replaced by their results, in order). */
async function replaceAsync(text: string, re: RegExp, fn: (m: RegExpExecArray) => Promise<string>): Promise<string> {
  const parts: (string | Promise<string>)[] = [];
  let last = 0;
  for (const m of text.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`))) {
    parts.push(text.slice(last, m.index), fn(m as RegExpExecArray));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return (await Promise.all(parts)).join("");
}

// ---------------------------------------------------------------- HTML

const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*`;
/** Comments, scripts, styles, links and images, in one pass: nothing inlined is scanned again. */
const TAGS = new RegExp(
  `<!--[\\s\\S]*?-->|<script\\b(${ATTRS})>([\\s\\S]*?)</script\\s*>|<style\\b${ATTRS}>[\\s\\S]*?</style\\s*>|<(link|img)\\b(${ATTRS})>`,
  "gi",
);
const ATTR = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

interface Attr {
  name: string;
  value: string | undefined;
  /** The attribute as written. */
  raw: string;
  /** Where `raw` starts in the attribute source. */
  at: number;
}

function parseAttrs(source: string): Attr[] {
  return [...source.matchAll(ATTR)].map((m) => ({ name: (m[1] ?? "").toLowerCase(), value: m[2] ?? m[3] ?? m[4], raw: m[0], at: m.index }));
}

/** A tag `<name …>` with one attribute written anew. */
const setAttr = (tag: string, name: string, attr: Attr, value: string) => {
  const at = 1 + name.length + attr.at;
  return `${tag.slice(0, at)}${attr.name}="${escapeAttr(value)}"${tag.slice(at + attr.raw.length)}`;
};

/** Not a file of the deck: `http:`, `data:`, `//host`, `#id`, `/abs`. */
const NOT_LOCAL = /^(?:[a-z][a-z0-9+.-]*:|\/|#)/i;

/** The file a relative URL names inside `base`, if it exists there (never outside `root`). */
async function localFile(url: string, base: string, root: string): Promise<{ path: string; bytes: Buffer } | undefined> {
  if (!url || NOT_LOCAL.test(url)) return undefined;
  const bare = url.split(/[?#]/)[0] as string;
  const names = [bare];
  try {
    const decoded = decodeURIComponent(bare);
    if (decoded !== bare) names.push(decoded);
  } catch {
    // not percent-encoded: the name as written
  }
  for (const name of names) {
    const path = resolve(base, name);
    const rel = relative(root, path);
    if (rel.startsWith("..") || isAbsolute(rel)) continue;
    try {
      return { path, bytes: await readFile(path) };
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

/** JavaScript that may sit inside `<script>`: no `</script` closes it early, no `<!--` changes how it is parsed. */
const scriptSafe = (js: string) => js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "\\x3C!--");
const styleSafe = (css: string) => css.replace(/<\/(style)/gi, "<\\/$1");

/** One self-contained HTML file for a built deck folder: everything inlined, works offline, from file://, as an e-mail attachment and in an iframe. */
export async function standaloneHtml(deckDir: string, glyphs: string): Promise<string> {
  const root = resolve(deckDir);
  const html = await readFile(join(root, "index.html"), "utf8");
  const math = /\bclass="katex\b/.test(html);
  const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1] ?? "";
  /** A file the page links: Lectern's own (under `assets/`) must be there; the article's may be missing, as in the folder. */
  const linked = async (url: string) => {
    const file = await localFile(decodeEntities(url), root, root);
    if (!file && decodeEntities(url).startsWith("assets/")) throw new Error(`standalone: ${url} is missing from ${root}`);
    return file;
  };

  const inlined = await replaceAsync(html, TAGS, async (m) => {
    const [all, scriptAttrs, scriptBody, tag, tagAttrs] = m;
    if (scriptAttrs !== undefined) {
      const attrs = parseAttrs(scriptAttrs);
      const src = attrs.find((a) => a.name === "src");
      if (!src?.value || NOT_LOCAL.test(src.value) || scriptBody?.trim()) return all;
      const file = await linked(src.value);
      if (!file) return all;
      const rest = attrs.filter((a) => a !== src && a.name !== "defer" && a.name !== "async").map((a) => ` ${a.raw}`);
      return `<script${rest.join("")}>\n${scriptSafe(file.bytes.toString("utf8"))}\n</script>`;
    }
    if (!tag || tagAttrs === undefined) return all; // a comment or a <style>: as it is
    const attrs = parseAttrs(tagAttrs);
    if (tag.toLowerCase() === "img") {
      const src = attrs.find((a) => a.name === "src");
      if (!src?.value) return all;
      const file = await linked(src.value);
      if (!file) return all; // remote, data:, or missing in the deck folder too: unchanged
      return setAttr(all, tag, src, dataUri(file.path, file.bytes));
    }
    const href = attrs.find((a) => a.name === "href");
    if (!href?.value || NOT_LOCAL.test(href.value)) return all;
    const rel =
      attrs
        .find((a) => a.name === "rel")
        ?.value?.toLowerCase()
        .split(/\s+/) ?? [];
    if (!rel.includes("stylesheet")) {
      const file = await linked(href.value);
      return file ? setAttr(all, tag, href, dataUri(file.path, file.bytes)) : all;
    }
    const url = decodeEntities(href.value);
    const media = attrs.find((a) => a.name === "media")?.raw;
    const style = (css: string) => `<style${media ? ` ${media}` : ""}>\n${styleSafe(css)}\n</style>`;
    if (url === ASSET_PATHS.fontsCss) return style(await notoFontCss(glyphs, lang));
    if (url === ASSET_PATHS.katexCss && !math) return "";
    const file = await linked(href.value);
    return file ? style(await inlineCss(file.bytes.toString("utf8"), dirname(file.path), root)) : all;
  });
  // a framed deck fills its iframe by the deck page's own rule (render/document.ts)
  return inlined;
}

// ---------------------------------------------------------------- CSS

const URL_REF = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/g;

/** Split a CSS list on top-level commas (not inside `(…)` or quotes). */
function splitList(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

/** Keep only the woff2 sources of each `@font-face` that has one: the others would be dead weight. */
export function woff2Only(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (face) =>
    face.replace(/(\bsrc\s*:\s*)([^;}]*)/, (all, head: string, list: string) => {
      const woff2 = splitList(list).filter((s) => /format\(\s*["']?woff2["']?\s*\)|\.woff2(?:[?#][^)"']*)?["']?\s*\)/i.test(s));
      return woff2.length ? `${head}${woff2.map((s) => s.trim()).join(",")}` : all;
    }),
  );
}

/** A stylesheet with its local `url(…)`s (fonts, images) turned into `data:` URIs, resolved from the CSS file's folder. */
async function inlineCss(css: string, base: string, root: string): Promise<string> {
  return replaceAsync(woff2Only(css), URL_REF, async (m) => {
    const file = await localFile(m[1] ?? m[2] ?? m[3] ?? "", base, root);
    if (!file) return m[0];
    return `url(${dataUri(file.path, file.bytes)})`;
  });
}
