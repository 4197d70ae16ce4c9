/** The articles of a run: finding them under folders, and naming their decks. */
import { readdir, stat } from "node:fs/promises";
import { basename, isAbsolute, join } from "node:path";
import { UsageError } from "../config/options.js";
import { INDEX_ASSETS_DIR } from "../output/course/index.js";

/** What a folder expands to: Markdown, Quarto and Jupyter articles. */
const FOLDER_ARTICLE = /\.(md|markdown|qmd|ipynb)$/i;
/** Extensions a deck name drops: a `.txt` article counts when it is named as a file. */
const ARTICLE_EXT = /\.(md|markdown|qmd|ipynb|txt)$/i;

/** Articles under the given paths: files as given, folders searched for `.md`/`.markdown`/`.qmd`/`.ipynb` (sorted). */
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
    else if (e.isFile() && FOLDER_ARTICLE.test(e.name) && !/^readme\.md$/i.test(e.name)) found.push(path);
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

/** Names a deck folder may not take: the course index's own files beside the decks. */
const RESERVED = new Set([INDEX_ASSETS_DIR, "index.html"]);
/** Bytes a deck name may have: room for `.<name>.tmp-<tag>` and `<name>-handout-notes.pdf` in a 255-byte file name. */
const MAX_NAME_BYTES = 180;

/**
 * A deck's folder name: the article's file name without extension, made URL-safe. It is
 * always one plain folder name inside `--out`: never empty, `.`/`..`, hidden (a leading dot,
 * which the temporary folders use), a path, or one of the course index's own names.
 */
export function deckName(file: string): string {
  const slug = basename(file)
    .normalize("NFC")
    .replace(ARTICLE_EXT, "")
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, "-");
  const name = trimName(truncateBytes(trimName(slug), MAX_NAME_BYTES)) || "deck";
  return RESERVED.has(name.toLowerCase()) ? `${name}-deck` : name;
}

/** Why `name` cannot be a deck folder under `--out`, or undefined when it can. */
export function deckNameProblem(name: string): string | undefined {
  if (name === "" || name === "." || name === "..") return "is empty or a dot name";
  if (/[/\\\0]/.test(name) || isAbsolute(name)) return "holds a path separator or NUL";
  if (name.startsWith(".")) return "starts with a dot (a hidden folder)";
  if (RESERVED.has(name.toLowerCase())) return "is one of the course index's own names";
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  return undefined;
}

/** Dots and dashes at either end go: `..` and `.hidden` are not folder names a deck may have. */
const trimName = (s: string) => s.replace(/^[.-]+|[.-]+$/g, "");

/** The longest prefix of `s` (whole code points) within `max` UTF-8 bytes. */
function truncateBytes(s: string, max: number): string {
  let bytes = 0;
  let out = "";
  for (const ch of s) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}
