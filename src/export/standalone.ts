/**
 * `--standalone`: one HTML file that holds a whole built deck. Stylesheets and scripts are
 * inlined, images and fonts become `data:` URIs, KaTeX goes when the deck has no math, and
 * Noto Sans SC is cut down to the characters the deck shows (a true subset, not slices).
 * The file loads nothing: it works offline, from `file://`, as an attachment, in an iframe.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { packageDir } from "../paths.js";
import { ASSET_PATHS } from "../render/document.js";
import { wordsFor } from "../render/words.js";
import { typeOfFile } from "./mime.js";

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: "sfnt" | "woff2" }) => Promise<Buffer>;

/** `subset-font` (CommonJS, no type declarations), loaded when first needed. */
const subsetFont: SubsetFont = (font, text, options) => (createRequire(import.meta.url)("subset-font") as SubsetFont)(font, text, options);

const FAMILY_PACKAGE = "@fontsource/noto-sans-sc";
const WEIGHTS = [400, 700] as const;

/**
 * Characters the page shows that need not be in the article: reveal.js's slide numbers
 * ("3/12"), section numbers, dates. All of printable ASCII covers digits, Latin letters and
 * punctuation for a few KB. Lectern's own words ("（续）", "目录") come from the deck's language.
 */
const ALWAYS = `${Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("")}\u00a0`;

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/u;

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

const decodeEntities = (s: string) =>
  s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (all, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name.toLowerCase()] ?? all;
  });

const escapeAttr = (s: string) => s.replace(/[&"]/g, (c) => (c === "&" ? "&amp;" : "&quot;"));

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
  // In an iframe reveal.js runs embedded (see render/document.ts) and sizes the deck from its
  // parent, which has no height unless given one: without this the deck is 0 px tall there.
  return inlined.replace(/<\/head>/i, () => `<style>${EMBEDDED_FIX}</style>\n</head>`);
}

/** Give `<html>` and `<body>` the viewport's height (reveal.js's print mode sets its own). */
const EMBEDDED_FIX = "html:not(.reveal-print),html:not(.reveal-print)>body{height:100%;margin:0}";

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

// ---------------------------------------------------------------- fonts

/** Unicode code points mapped by an OpenType font (cmap formats 4 and 12). */
export function cmapCodes(font: Buffer): Set<number> {
  const codes = new Set<number>();
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    if (font.toString("latin1", rec, rec + 4) === "cmap") cmap = font.readUInt32BE(rec + 8);
  }
  if (cmap < 0) return codes;
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = font.readUInt16BE(cmap + 4 + 8 * i);
    if (platform !== 0 && platform !== 3) continue;
    const at = cmap + font.readUInt32BE(cmap + 4 + 8 * i + 4);
    const format = font.readUInt16BE(at);
    if (format === 4) {
      const segs = font.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + 2 * segs + 2;
      const deltas = starts + 2 * segs;
      const offsets = deltas + 2 * segs;
      for (let s = 0; s < segs; s++) {
        const end = font.readUInt16BE(ends + 2 * s);
        const start = font.readUInt16BE(starts + 2 * s);
        const delta = font.readInt16BE(deltas + 2 * s);
        const offsetAt = offsets + 2 * s;
        const offset = font.readUInt16BE(offsetAt);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (offset === 0) glyph = (c + delta) & 0xffff;
          else {
            glyph = font.readUInt16BE(offsetAt + offset + 2 * (c - start));
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) codes.add(c);
        }
      }
    } else if (format === 12) {
      const groups = font.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const rec = at + 16 + 12 * g;
        const start = font.readUInt32BE(rec);
        const end = font.readUInt32BE(rec + 4);
        const glyph = font.readUInt32BE(rec + 8);
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) codes.add(c);
      }
    }
  }
  return codes;
}

function parseRanges(spec: string): [number, number][] {
  return spec.split(",").map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, "").split("-");
    const lo = Number.parseInt(a ?? "0", 16);
    return [lo, b ? Number.parseInt(b, 16) : lo];
  });
}

/** Sorted code points as a CSS `unicode-range`. */
export function unicodeRange(codes: readonly number[]): string {
  const sorted = [...codes].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const lo = sorted[i] as number;
    let hi = lo;
    while (sorted[i + 1] === hi + 1) hi = sorted[++i] as number;
    i++;
    out.push(hi === lo ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`);
  }
  return out.join(",");
}

const fromCodes = (codes: readonly number[]) => codes.map((c) => String.fromCodePoint(c)).join("");

/**
 * `@font-face` rules for Noto Sans SC (400 and 700) holding exactly the deck's characters:
 * Latin from the latin file, CJK from the chinese-simplified file, and anything either lacks
 * from the unicode-range slices of the full font that hold it.
 */
export async function notoFontCss(glyphs: string, lang = ""): Promise<string> {
  const words = wordsFor(lang);
  const wanted = [...new Set([...`${glyphs}${ALWAYS}${words.continued}${words.agenda}`].map((c) => c.codePointAt(0) as number))].filter(
    (c) => c >= 0x20 && !(c >= 0x7f && c < 0xa0),
  );
  const dir = packageDir(FAMILY_PACKAGE);
  const slices = Object.entries(JSON.parse(await readFile(join(dir, "unicode.json"), "utf8")) as Record<string, string>)
    .filter(([key]) => key !== "latin")
    .map(([key, spec]) => ({ name: key.replace(/^\[(\d+)\]$/, "$1"), ranges: parseRanges(spec) }));
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    const rest = new Set(wanted);
    const take = async (subset: string, codes: number[]) => {
      if (!codes.length) return;
      const file = await readFile(join(dir, "files", `noto-sans-sc-${subset}-${weight}-normal.woff2`));
      const sfnt = await subsetFont(file, fromCodes(codes), { targetFormat: "sfnt" });
      const mapped = cmapCodes(sfnt);
      const got = codes.filter((c) => mapped.has(c));
      if (!got.length) return;
      for (const c of got) rest.delete(c);
      const woff2 = await subsetFont(sfnt, fromCodes(got), { targetFormat: "woff2" });
      rules.push(
        `@font-face{font-family:"Noto Sans SC";font-style:normal;font-display:block;font-weight:${weight};` +
          `src:url(data:font/woff2;base64,${woff2.toString("base64")}) format("woff2");unicode-range:${unicodeRange(got)};}`,
      );
    };
    await take("latin", [...rest]);
    if ([...rest].some((c) => CJK.test(String.fromCodePoint(c)))) await take("chinese-simplified", [...rest]);
    for (const slice of slices) {
      if (!rest.size) break;
      await take(
        slice.name,
        [...rest].filter((c) => slice.ranges.some(([lo, hi]) => c >= lo && c <= hi)),
      );
    }
  }
  return `/* Noto Sans SC (SIL Open Font License 1.1), subset to the characters of this deck */\n${rules.join("\n")}\n`;
}
