/** The articles of a run: finding them under folders, naming their decks, and the project root local files may come from. */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { UsageError } from "./options.js";

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

/** Deck names for articles, in order: the file name, made unique with `-2`, `-3`… */
export function deckNames(files: readonly string[]): { file: string; name: string }[] {
  const used = new Set<string>();
  return files.map((file) => {
    let name = deckName(file);
    for (let k = 2; used.has(name); k++) name = `${deckName(file)}-${k}`;
    used.add(name);
    return { file, name };
  });
}

/** A deck's folder name: the article's file name without extension, made URL-safe. */
export const deckName = (file: string) =>
  basename(file)
    .replace(ARTICLE, "")
    .replace(/[^\p{L}\p{N}._-]+/gu, "-") || "deck";

/**
 * Where local files may come from: `--root`, else the project (the current folder) when the
 * article is inside it, else the article's own folder.
 */
export function projectRoot(file: string, given: string | undefined): string {
  if (given) return resolve(given);
  const cwd = process.cwd();
  const abs = resolve(file);
  return abs.startsWith(cwd + sep) ? cwd : dirname(abs);
}
