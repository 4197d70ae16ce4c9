import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { THEMES_DIR } from "../../paths.js";

const IMPORT = /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?\s*[^;]*;/g;

/** Largest theme: each file, and the whole theme with its imports inlined. */
export { MAX_THEME_BYTES } from "../../config/defaults.js";

import { MAX_THEME_BYTES } from "../../config/defaults.js";

/** Imports nested deeper than this, or more files than this in all, are dropped. */
const MAX_DEPTH = 8;
const MAX_FILES = 64;

/** Where a theme and its imports may be read from. Lectern's own themes are always allowed. */
export interface ThemeAccess {
  /** The project root: a theme and its imports may come from inside it (symlinks resolved). */
  root?: string;
  /**
   * The theme file was chosen by the caller (`--theme`), not by an article: it may lie outside
   * the root (it must still be a regular file under the cap), and so may its imports from its
   * own folder.
   */
  trusted?: boolean;
}

export type ThemeCode = "path-outside" | "theme-invalid" | "remote-blocked";

/** An `@import` that was not inlined, and why. */
export interface ThemeProblem {
  code: ThemeCode;
  message: string;
}

export interface ThemeCss {
  /** The theme as one stylesheet, imports inlined (or replaced by comments saying why not). */
  css: string;
  /** Imports refused or not found. */
  problems: ThemeProblem[];
}

/** The theme file itself cannot be used: the caller falls back to the default theme. */
export class ThemeError extends Error {
  override name = "ThemeError";
  constructor(
    readonly code: ThemeCode,
    message: string,
  ) {
    super(message);
  }
}

/** `true` when `path` is `dir` or inside it. */
const inside = (dir: string, path: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** A path's real location, or undefined when it does not exist. */
function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Text of a CSS comment that cannot end early. */
const comment = (text: string) => `/* ${text.replace(/\*\//g, "* /")} */`;

const tooLarge = (path: string) =>
  new ThemeError("theme-invalid", `${basename(path)} is over the size limit of a theme (${MAX_THEME_BYTES / 1024} KiB, imports included)`);

/**
 * Read a regular file of at most `limit` bytes. The checks are made on the opened file (fstat),
 * so a FIFO, a device or a folder is refused without blocking, and a file that grows after the
 * check is still cut off at the cap.
 */
function readRegular(path: string, limit: number): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    throw new ThemeError(
      "theme-invalid",
      `cannot read ${basename(path)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ThemeError("theme-invalid", `${basename(path)} is not a regular file`);
    if (info.size > limit) throw tooLarge(path);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, limit + 1 - length));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > limit) throw tooLarge(path);
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * A theme's CSS as one file: `@import "default.css";` (relative to the theme, else a built-in
 * theme) is replaced by that file, so a theme can extend another by overriding variables
 * (themes/dark.css does). Every file read must be a regular file under MAX_THEME_BYTES and lie
 * in Lectern's themes, the project root or (for a trusted theme) the theme's own folder; an
 * import that is not becomes a comment and a problem. Remote imports are dropped: a deck loads
 * nothing from the network. Throws ThemeError when the theme file itself is refused.
 */
export function themeCss(path: string, access: ThemeAccess): ThemeCss {
  const builtins = real(THEMES_DIR) ?? THEMES_DIR;
  const root = access.root === undefined ? undefined : (real(access.root) ?? resolve(access.root));
  const allowed = [builtins, ...(root ? [root] : [])];
  const where = (file: string) => (root && inside(root, file) ? relative(root, file) : basename(file));

  /** The real path of a theme file, when it may be read (else a ThemeError). */
  const check = (candidate: string, trusted: boolean): string => {
    const at = real(candidate);
    if (!at) throw new ThemeError("theme-invalid", `${basename(candidate)} not found`);
    if (!trusted && !allowed.some((dir) => inside(dir, at)))
      throw new ThemeError(
        "path-outside",
        `${candidate}${at === candidate ? "" : ` (→ ${at})`} is outside the project (${root ?? "Lectern's themes"})`,
      );
    return at;
  };

  const top = check(resolve(path), access.trusted === true);
  if (access.trusted) allowed.push(dirname(top));
  const problems: ThemeProblem[] = [];
  let budget = MAX_THEME_BYTES;
  let files = 0;

  const inline = (file: string, chain: readonly string[]): string => {
    const css = readRegular(file, budget);
    budget -= Buffer.byteLength(css);
    return css.replace(IMPORT, (_whole, target: string) => {
      const refuse = (code: ThemeCode, why: string) => {
        problems.push({ code, message: `@import "${target}" in ${where(file)}: ${why}` });
        return comment(`import of ${target} dropped: ${why}`);
      };
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(target)) return refuse("remote-blocked", "decks load nothing from the network");
      const local = resolve(dirname(file), target);
      const bare = !/[/\\]/.test(target) && target !== "." && target !== "..";
      const candidate = real(local) !== undefined || !bare ? local : join(builtins, target);
      try {
        const found = check(candidate, false);
        if (chain.includes(found)) return comment(`import of ${target} dropped: circular`);
        if (chain.length > MAX_DEPTH) return refuse("theme-invalid", `imports nested deeper than ${MAX_DEPTH}`);
        if (++files > MAX_FILES) return refuse("theme-invalid", `more than ${MAX_FILES} imports`);
        return inline(found, [...chain, found]);
      } catch (err) {
        if (!(err instanceof ThemeError)) throw err;
        return refuse(err.code, err.message);
      }
    });
  };

  return { css: inline(top, [top]), problems };
}
