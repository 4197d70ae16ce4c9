import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** A `.bib` larger than this is not read (a citation then shows its key). */
export const MAX_BIB_BYTES = 4 * 1024 * 1024;

/** Citation key → "Author, Year" / "Author & Other, Year" / "Author et al., Year". */
export type Bibliography = Map<string, string>;

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"));
};

/** The `.bib` files beside the article and in the folders above it, up to `root`. */
function bibFiles(baseDir: string, root: string): string[] {
  const files: string[] = [];
  for (let dir = resolve(baseDir); inside(resolve(root), dir); dir = dirname(dir)) {
    try {
      for (const name of readdirSync(dir)) if (name.endsWith(".bib")) files.push(join(dir, name));
    } catch {
      // an unreadable folder has no bibliography
    }
    if (dir === dirname(dir)) break;
  }
  return files;
}

/** A field's value: `{…}` (braces nested), `"…"` or a bare number. */
function field(entry: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*([{"]?)`, "i").exec(entry);
  if (!m) return undefined;
  let i = m.index + m[0].length;
  if (m[1] === "") return /^\w+/.exec(entry.slice(i))?.[0];
  const start = i;
  let depth = 1;
  for (; i < entry.length && depth > 0; i++) {
    if (m[1] === "{" ? entry[i] === "{" : false) depth++;
    else if (entry[i] === (m[1] === "{" ? "}" : '"')) depth--;
  }
  return entry
    .slice(start, i - 1)
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "Golub, Gene H. and Van Loan, Charles F." → "Golub & Van Loan". */
function authors(list: string): string {
  const names = list.split(/\s+and\s+/).map((a) => {
    const name = a.trim();
    return name.includes(",") ? (name.split(",")[0] as string).trim() : (name.split(" ").pop() ?? name);
  });
  if (names.length > 2 || names.includes("others")) return `${names[0]} et al.`;
  return names.join(" & ");
}

/** Parse BibTeX entries into author-year labels. */
export function parseBibliography(text: string, into: Bibliography = new Map()): Bibliography {
  for (const m of text.matchAll(/@\w+\s*\{\s*([^,\s]+)\s*,([\s\S]*?)(?=\n\s*@|$)/g)) {
    const author = field(m[2] as string, "author") ?? field(m[2] as string, "editor");
    const year = field(m[2] as string, "year");
    if (author && year && !into.has(m[1] as string)) into.set(m[1] as string, `${authors(author)}, ${year}`);
  }
  return into;
}

/** Every `.bib` found for an article (none for an in-memory source without a folder). */
export function loadBibliography(baseDir: string | undefined, root: string | undefined): Bibliography {
  const bib: Bibliography = new Map();
  if (!baseDir) return bib;
  for (const file of bibFiles(baseDir, root ?? baseDir)) {
    try {
      if (statSync(file).size <= MAX_BIB_BYTES) parseBibliography(readFileSync(file, "utf8"), bib);
    } catch {
      // unreadable: citations show their keys
    }
  }
  return bib;
}
