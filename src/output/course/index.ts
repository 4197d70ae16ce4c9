/**
 * The course index: one page (`<outDir>/index.html`) listing every deck in `outDir` (read from
 * each deck's record, whichever run wrote it), with its title, byline, slide count, top-level
 * sections (each a deep link to its slide) and links to the deck, its PDF and handouts. The page is styled with the decks' theme (its custom
 * properties) and the same Noto Sans SC slices a deck ships, copied under `_lectern/`.
 *
 * Links are relative to `outDir`, or under `base` when the site is served from a fixed path;
 * no filesystem path ever appears in the page. Every file is written to a temporary name and
 * renamed into place: a failed write leaves the previous index as it was.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { normalizeBase } from "../../config/base.js";
import type { CourseEntry } from "../../types.js";
import { writeFileAtomic } from "../../util/atomic.js";
import { insideDir } from "../../util/inside-dir.js";
import { cjkFontFiles } from "../folder/fonts.js";
import { readRecord } from "../folder/record.js";
import { themeCss as themeCssText } from "../folder/theme.js";
import { urlSafe } from "./entry.js";
import { type Entry, type IndexWords, indexWords, renderPage, visibleText } from "./page.js";

export interface IndexOptions {
  /** The folder the decks were built into; the index is `<outDir>/index.html`. */
  outDir: string;
  /** URL path the site is served from (`/courses/ml/`): every link starts with it. Else links are relative. */
  base?: string;
  /** The course title in the page header (default "Decks", or its translation). */
  title?: string;
  /** Path of the theme CSS file (its custom properties style the page). */
  themeCss: string;
  /** Link every deck's PDF (`<deck>/<deck>.pdf`) even before it exists: `serve` prints it when asked for. */
  pdfOnDemand?: boolean;
}

/** Folder, under `outDir`, of the page's own theme and fonts. */
export const INDEX_ASSETS_DIR = "_lectern";

/** The decks in `outDir`: every folder with a Lectern record and its page, sorted by name. */
async function decksIn(outDir: string): Promise<{ name: string; entry: CourseEntry }[]> {
  const folders = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const byName = new Intl.Collator("en", { numeric: true });
  return folders
    .filter((f) => f.isDirectory() && !f.name.startsWith(".") && f.name !== INDEX_ASSETS_DIR)
    .map((f) => f.name)
    .sort((a, b) => byName.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((name) => {
      const dir = join(outDir, name);
      const record = existsSync(join(dir, "index.html")) ? readRecord(dir) : undefined;
      return record ? [{ name, entry: record.entry }] : [];
    });
}

function entryFor(
  name: string,
  entry: CourseEntry,
  outDir: string,
  words: IndexWords,
  link: (path: string) => string,
  pdfOnDemand = false,
): Entry {
  const deckUrl = `${urlSafe(name)}/index.html`;
  const onDemand = pdfOnDemand && !entry.downloads.some((d) => d.handout === undefined) ? [{ file: `${name}.pdf`, later: true }] : [];
  const downloads = [...onDemand, ...entry.downloads]
    .filter((d) => "later" in d || existsSync(insideDir(outDir, join(outDir, name, d.file))))
    .map((d) => ({
      label: !("handout" in d) || d.handout === undefined ? words.pdf : words.handout(d.handout),
      href: link(`${urlSafe(name)}/${urlSafe(d.file)}`),
    }));
  return {
    ...entry,
    deck: link(deckUrl),
    reading: link(`${deckUrl}?view=scroll&notes=inline`),
    sections: entry.sections.map((s) => ({ title: s.title, href: s.hash ? link(deckUrl + s.hash) : undefined })),
    downloads,
  };
}

// ---------------------------------------------------------------- writing

/**
 * Write `<outDir>/index.html`: a course index of every deck in `outDir`, read from the decks'
 * records, so decks built by other runs (shards) and decks whose rebuild failed are listed too.
 */
export async function writeCourseIndex(options: IndexOptions): Promise<string> {
  const { outDir, themeCss } = options;
  const base = normalizeBase(options.base);
  const link = (path: string) => (base ? `${base}${path}` : path);
  const decks = await decksIn(outDir);
  const lang = decks[0]?.entry.lang ?? "en";
  const words = indexWords(lang);
  const entries = decks.map((d) => entryFor(d.name, d.entry, outDir, words, link, options.pdfOnDemand));
  const title = options.title?.trim() || words.decks;
  const html = renderPage(title, lang, entries, words, (file) => link(`${INDEX_ASSETS_DIR}/${file}`));

  const inside = (path: string) => insideDir(outDir, path);
  const assets = inside(join(outDir, INDEX_ASSETS_DIR));
  await mkdir(assets, { recursive: true });
  const fonts = cjkFontFiles(visibleText(html));
  // fonts first, then the CSS that names them, the page last: the old page never points at a missing file
  for (const [name, from] of fonts.files) await writeFileAtomic(inside(join(assets, name)), { from });
  await writeFileAtomic(inside(join(assets, "fonts.css")), { text: fonts.css });
  await writeFileAtomic(inside(join(assets, "theme.css")), { text: themeCssText(themeCss, { trusted: true }).css });
  const path = inside(join(outDir, "index.html"));
  await writeFileAtomic(path, { text: html });
  // font slices the new page no longer uses
  for (const name of await readdir(assets).catch(() => [] as string[])) {
    if (name.endsWith(".woff2") && !fonts.files.has(name)) await rm(inside(join(assets, name)), { force: true }).catch(() => undefined);
  }
  return join(outDir, "index.html");
}
