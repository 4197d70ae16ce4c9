import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { buildDeck } from "./build.js";
import { hasErrors } from "./diagnostics/collect.js";
import { deckFiles } from "./export/assets.js";
import { writeDeckFolder } from "./export/write-deck.js";
import { type BuildOptions, resolveOptions, themePath, UsageError } from "./options.js";
import type { BuildResult, Diagnostic } from "./types.js";

export interface FileBuildOptions extends Omit<BuildOptions, "file" | "baseDir"> {
  /** Output folder; each deck goes to `<outDir>/<deck>/` (default `dist`). */
  outDir?: string;
  /** Treat warnings as failures. */
  strict?: boolean;
}

export interface DeckOutput {
  /** The article's path as given. */
  input: string;
  /** Deck name: the folder under `outDir`. */
  name: string;
  /** The deck folder. */
  dir: string;
  /** `dir/index.html` was written (false: the article gave no deck, or writing failed). */
  written: boolean;
  /** Number of slides in the deck. */
  slides: number;
  result: BuildResult;
  diagnostics: Diagnostic[];
}

export interface RunResult {
  decks: DeckOutput[];
  diagnostics: Diagnostic[];
  /** No errors (and, with `strict`, no warnings). */
  ok: boolean;
}

const ARTICLE = /\.(md|markdown|txt)$/i;

/** Articles under the given paths: files as given, folders searched for `.md`/`.txt` (sorted). */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (info.isFile()) out.push(p);
    else if (info.isDirectory()) out.push(...(await articlesIn(p)));
  }
  return [...new Set(out)];
}

async function articlesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) found.push(...(await articlesIn(path)));
    else if (e.isFile() && ARTICLE.test(e.name) && !/^readme\.md$/i.test(e.name)) found.push(path);
  }
  return found;
}

const deckName = (file: string) => basename(file).replace(ARTICLE, "").replace(/[^\p{L}\p{N}._-]+/gu, "-") || "deck";

/** The theme CSS for a deck: the caller's, else the article's front matter, else `default`. */
function chooseTheme(result: BuildResult, file: string, given: string | undefined): string {
  if (given) return themePath(given) as string;
  const wanted = result.article.source.meta.theme;
  if (wanted) {
    const path = themePath(wanted) ?? themePath(resolve(dirname(file), wanted));
    if (path) return path;
    result.diagnostics.push({
      severity: "info",
      code: "theme-unknown",
      message: `theme \`${wanted}\` is not a Lectern theme; using default`,
      file,
      line: 1,
      column: 1,
    });
  }
  return themePath("default") as string;
}

/** Build one article file into `<outDir>/<name>/`, atomically. */
export async function buildFile(file: string, options: FileBuildOptions = {}, name = deckName(file)): Promise<DeckOutput> {
  const outDir = options.outDir ?? "dist";
  const dir = join(outDir, name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const message = `cannot read the article: ${(err as Error).message}`;
    const diagnostics: Diagnostic[] = [{ severity: "error", code: "file-unreadable", message, file, line: 1, column: 1 }];
    const result = buildDeck("", { file });
    return { input: file, name, dir, written: false, slides: 0, result, diagnostics };
  }
  const result = buildDeck(bytes, { ...options, file, baseDir: dirname(resolve(file)) });
  const slides = result.plan.stacks.reduce((n, s) => n + s.slides.length, 0);
  const output: DeckOutput = { input: file, name, dir, written: false, slides, result, diagnostics: result.diagnostics };
  if (!result.usable) return output;
  const themeCss = chooseTheme(result, file, options.theme);
  try {
    await writeDeckFolder(dir, result.html, deckFiles({ themeCss, glyphs: result.glyphs, media: result.media }));
    output.written = true;
  } catch (err) {
    result.diagnostics.push({ severity: "error", code: "write-failed", message: `cannot write ${dir}: ${(err as Error).message}; the previous deck is unchanged`, file, line: 1, column: 1 });
  }
  return output;
}

/**
 * Build every article under `paths` (files or folders). A deck that fails does not stop the
 * others. `onDeck` hears each finished deck (for progress).
 */
export async function buildPaths(paths: readonly string[], options: FileBuildOptions = {}, onDeck?: (deck: DeckOutput, index: number, total: number) => void): Promise<RunResult> {
  resolveOptions(options); // validate once, before any work
  const files = await expandPaths(paths);
  if (!files.length) throw new UsageError(`no articles (.md, .txt) found in ${paths.join(", ")}`);
  const used = new Set<string>();
  const decks: DeckOutput[] = [];
  for (const [i, file] of files.entries()) {
    let name = deckName(file);
    for (let k = 2; used.has(name); k++) name = `${deckName(file)}-${k}`;
    used.add(name);
    const deck = await buildFile(file, options, name);
    decks.push(deck);
    onDeck?.(deck, i, files.length);
  }
  const diagnostics = decks.flatMap((d) => d.diagnostics);
  const ok = !hasErrors(diagnostics, options.strict) && decks.every((d) => d.written);
  return { decks, diagnostics, ok };
}
