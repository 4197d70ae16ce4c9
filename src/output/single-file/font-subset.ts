/**
 * A true subset of Noto Sans SC for one deck (the standalone file inlines it): only the
 * characters the deck shows, found in the latin, chinese-simplified and numbered slice files.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageDir } from "../../paths.js";
import { wordsFor } from "../../render/words.js";
import { EMOJI, emojiCodes, emojiFace, NOTO, notoFace, parseRanges } from "../folder/fonts.js";

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: "sfnt" | "woff2" }) => Promise<Buffer>;

/** `subset-font` (CommonJS, no type declarations), loaded when first needed. */
const subsetFont: SubsetFont = (font, text, options) => (createRequire(import.meta.url)("subset-font") as SubsetFont)(font, text, options);

/**
 * Characters the page shows that need not be in the article: reveal.js's slide numbers
 * ("3/12"), section numbers, dates. All of printable ASCII covers digits, Latin letters and
 * punctuation for a few KB. Lectern's own words ("（续）", "目录") come from the deck's language.
 */
const ALWAYS = `${Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("")}\u00a0`;

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/u;

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
  const dir = packageDir(NOTO.package);
  const slices = Object.entries(JSON.parse(await readFile(join(dir, "unicode.json"), "utf8")) as Record<string, string>)
    .filter(([key]) => key !== "latin")
    .map(([key, spec]) => ({ name: key.replace(/^\[(\d+)\]$/, "$1"), ranges: parseRanges(spec) }));
  const rules: string[] = [];
  for (const weight of NOTO.weights) {
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
      rules.push(notoFace(weight, `data:font/woff2;base64,${woff2.toString("base64")}`, unicodeRange(got)));
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
  return `/* Noto Sans SC (SIL Open Font License 1.1), subset to the characters of this deck */\n${rules.join("\n")}\n${await emojiFontCss(glyphs)}`;
}

/** `@font-face` rules for Noto Emoji holding exactly the deck's emoji (none when it has none). */
export async function emojiFontCss(glyphs: string): Promise<string> {
  const codes = emojiCodes(glyphs);
  if (!codes.length) return "";
  const dir = packageDir(EMOJI.package);
  const slices = JSON.parse(await readFile(join(dir, "unicode.json"), "utf8")) as Record<string, string>;
  const rules: string[] = [];
  const rest = new Set(codes);
  for (const [key, spec] of Object.entries(slices)) {
    const ranges = parseRanges(spec);
    const wanted = [...rest].filter((c) => ranges.some(([lo, hi]) => c >= lo && c <= hi));
    if (!wanted.length) continue;
    const file = await readFile(join(dir, "files", `noto-emoji-${key.replace(/^\[(\d+)\]$/, "$1")}-${EMOJI.weight}-normal.woff2`));
    const sfnt = await subsetFont(file, fromCodes(wanted), { targetFormat: "sfnt" });
    const mapped = cmapCodes(sfnt);
    const got = wanted.filter((c) => mapped.has(c));
    if (!got.length) continue;
    for (const c of got) rest.delete(c);
    const woff2 = await subsetFont(sfnt, fromCodes(got), { targetFormat: "woff2" });
    rules.push(emojiFace(`data:font/woff2;base64,${woff2.toString("base64")}`, unicodeRange(got)));
  }
  return rules.length ? `/* Noto Emoji (SIL Open Font License 1.1), subset to the emoji of this deck */\n${rules.join("\n")}\n` : "";
}
