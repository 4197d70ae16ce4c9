import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "../../paths.js";
import { countBelow } from "../../util/sorted.js";

/** The deck font: Noto Sans SC (CJK and Latin), regular and bold, from its npm package. */
export const NOTO = Object.freeze({ package: "@fontsource/noto-sans-sc", family: "Noto Sans SC", weights: [400, 700] as const });

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
 * The font the deck needs (Noto Sans SC, regular and bold: CJK and Latin), cut to the
 * unicode-range slices that hold a glyph the deck uses: the deck never depends on a
 * system CJK font.
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
  return { css: `${rules.join("\n")}\n`, files };
}

/** Some code in `sorted` (ascending) lies in [lo, hi]. */
function coversAny(sorted: readonly number[], lo: number, hi: number): boolean {
  const at = countBelow(sorted, lo);
  return at < sorted.length && (sorted[at] as number) <= hi;
}
