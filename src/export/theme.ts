import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { THEMES_DIR } from "../paths.js";

const IMPORT = /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?\s*[^;]*;/g;

/**
 * A theme's CSS as one file: `@import "default.css";` (relative to the theme, else a built-in
 * theme) is replaced by that file, so a theme can extend another by overriding variables
 * (themes/dark.css does). Remote imports are dropped: a deck loads nothing from the network.
 */
export function themeCss(path: string, seen: ReadonlySet<string> = new Set()): string {
  const css = readFileSync(path, "utf8");
  return css.replace(IMPORT, (_whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(target))
      return `/* remote import dropped (decks load nothing from the network): ${target.replace(/\*\//g, "")} */`;
    const local = resolve(dirname(path), target);
    const found = existsSync(local) ? local : join(THEMES_DIR, target);
    if (seen.has(found) || seen.size > 8 || !existsSync(found)) return `/* not found or circular: ${target.replace(/\*\//g, "")} */`;
    return themeCss(found, new Set([...seen, path]));
  });
}
