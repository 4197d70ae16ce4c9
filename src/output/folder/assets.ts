import { readdirSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "../../paths.js";
import { ASSET_PATHS } from "../../render/document.js";
import { cjkFontFiles } from "./fonts.js";

/** One file of a deck folder: copied from `from`, or written from `text`. */
export type DeckFile = { path: string; from: string } | { path: string; text: string };

/**
 * Every file a deck needs beside its `index.html`: reveal.js and its notes plugin, KaTeX's
 * CSS and fonts, the theme (`themeCss`: its text, imports inlined), the CJK font slices and the
 * article's images. Nothing remote.
 */
export function deckFiles(opts: { themeCss: string; glyphs: string; media: ReadonlyMap<string, string> }): DeckFile[] {
  const reveal = join(packageDir("reveal.js"), "dist");
  const katex = join(packageDir("katex"), "dist");
  const files: DeckFile[] = [
    { path: ASSET_PATHS.revealCss, from: join(reveal, "reveal.css") },
    { path: ASSET_PATHS.revealJs, from: join(reveal, "reveal.js") },
    { path: ASSET_PATHS.notesJs, from: join(reveal, "plugin", "notes.js") },
    { path: ASSET_PATHS.katexCss, from: join(katex, "katex.min.css") },
    { path: ASSET_PATHS.themeCss, text: opts.themeCss },
  ];
  for (const font of readdirSync(join(katex, "fonts"))) {
    if (font.endsWith(".woff2")) files.push({ path: `assets/katex/fonts/${font}`, from: join(katex, "fonts", font) });
  }
  const cjk = cjkFontFiles(opts.glyphs);
  files.push({ path: ASSET_PATHS.fontsCss, text: cjk.css });
  for (const [name, from] of cjk.files) files.push({ path: `assets/fonts/${name}`, from });
  for (const [path, from] of opts.media) files.push({ path, from });
  return files;
}
