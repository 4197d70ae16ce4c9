import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "../../paths.js";
import { countBelow } from "../../util/sorted.js";

/** The deck font: Noto Sans SC (CJK and Latin), regular and bold, from its npm package. */
export const NOTO = Object.freeze({ package: "@fontsource/noto-sans-sc", family: "Noto Sans SC", weights: [400, 700] as const });

/** The emoji font, monochrome (Chromium draws Noto Color Emoji's COLRv1 glyphs blank in print). */
export const EMOJI = Object.freeze({ package: "@fontsource/noto-emoji", family: "Noto Emoji", weight: 400 });

/** Pictographs and flags: what makes a deck need the emoji font. */
const EMOJI_CHAR = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}]/u;
/** Below this the emoji font's slices hold digits, `#`, `*`, `©`: the text font draws those. */
const EMOJI_FROM = 0x2000;

/** The emoji a text holds (code points from U+2000 on), ascending; none: no emoji font. */
export function emojiCodes(glyphs: string): number[] {
  const codes = new Set<number>();
  for (const c of glyphs) if (EMOJI_CHAR.test(c) && (c.codePointAt(0) as number) >= EMOJI_FROM) codes.add(c.codePointAt(0) as number);
  return [...codes].sort((a, b) => a - b);
}

/** An emoji slice's range without its part below U+2000, as CSS. */
export function emojiRange(spec: string): string {
  return parseRanges(spec)
    .filter(([, hi]) => hi >= EMOJI_FROM)
    .map(([lo, hi]) => {
      const from = Math.max(lo, EMOJI_FROM);
      return from === hi ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${hi.toString(16)}`;
    })
    .join(",");
}

/** One `@font-face` rule of the emoji font. */
export const emojiFace = (src: string, range: string) =>
  `@font-face{font-family:"${EMOJI.family}";font-style:normal;font-display:block;font-weight:${EMOJI.weight};src:url(${src}) format("woff2");unicode-range:${range};}`;

/** The emoji font's slices that hold an emoji of the deck (none when it has no emoji). */
export function emojiFontFiles(glyphs: string): FontFiles {
  const codes = emojiCodes(glyphs);
  const files = new Map<string, string>();
  if (!codes.length) return { css: "", files };
  const dir = packageDir(EMOJI.package);
  const rules: string[] = [];
  const slices = JSON.parse(readFileSync(join(dir, "unicode.json"), "utf8")) as Record<string, string>;
  for (const [key, spec] of Object.entries(slices)) {
    if (!parseRanges(spec).some(([lo, hi]) => coversAny(codes, lo, hi))) continue;
    const woff2 = `noto-emoji-${key.replace(/^\[(\d+)\]$/, "$1")}-${EMOJI.weight}-normal.woff2`;
    files.set(woff2, join(dir, "files", woff2));
    rules.push(emojiFace(woff2, emojiRange(spec)));
  }
  return { css: rules.length ? `${rules.join("\n")}\n` : "", files };
}

/** One `@font-face` rule of the deck font. */
export const notoFace = (weight: number, src: string, range: string) =>
  `@font-face{font-family:"${NOTO.family}";font-style:normal;font-display:block;font-weight:${weight};src:url(${src}) format("woff2");unicode-range:${range};}`;

export interface FontFiles {
  /** The @font-face rules for the deck (`fonts.css`). */
  css: string;
  /** File name → absolute path of each font file to copy beside `fonts.css`. */
  files: Map<string, string>;
}

/** A CSS `unicode-range` as [low, high] pairs. */
export function parseRanges(spec: string): [number, number][] {
  return spec.split(",").map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, "").split("-");
    const lo = Number.parseInt(a ?? "0", 16);
    return [lo, b ? Number.parseInt(b, 16) : lo];
  });
}

/**
 * The fonts the deck needs (Noto Sans SC, regular and bold: CJK and Latin; Noto Emoji when it
 * shows an emoji), cut to the unicode-range slices that hold a glyph the deck uses: the deck
 * never depends on a system CJK or emoji font.
 */
export function cjkFontFiles(glyphs: string): FontFiles {
  // Latin too: the themes set Latin in Noto Sans SC, so text measures the same on every machine
  const codes = [...new Set([...glyphs].map((c) => c.codePointAt(0) as number))].filter((c) => c > 0x20).sort((a, b) => a - b);
  const files = new Map<string, string>();
  if (!codes.length) return { css: "/* no text: no font needed */\n", files };
  const dir = packageDir(NOTO.package);
  const rules: string[] = [];
  const used = new Map<string, boolean>(); // the weights share their slices' ranges: test each once
  for (const weight of NOTO.weights) {
    const css = readFileSync(join(dir, `${weight}.css`), "utf8");
    for (const face of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
      const range = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
      const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(face)?.[1];
      if (!range || !woff2) continue;
      let hit = used.get(range);
      if (hit === undefined) used.set(range, (hit = parseRanges(range).some(([lo, hi]) => coversAny(codes, lo, hi))));
      if (!hit) continue;
      files.set(woff2, join(dir, "files", woff2));
      rules.push(notoFace(weight, woff2, range.trim()));
    }
  }
  const emoji = emojiFontFiles(glyphs);
  for (const [name, path] of emoji.files) files.set(name, path);
  return { css: `${rules.join("\n")}\n${emoji.css}`, files };
}

/** Some code in `sorted` (ascending) lies in [lo, hi]. */
function coversAny(sorted: readonly number[], lo: number, hi: number): boolean {
  const at = countBelow(sorted, lo);
  return at < sorted.length && (sorted[at] as number) <= hi;
}
