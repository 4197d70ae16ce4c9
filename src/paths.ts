import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Lectern's own folder (holds `themes/` and `package.json`), from `src/` or compiled `lib/`. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export const THEMES_DIR = join(PACKAGE_ROOT, "themes");

export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;

const require = createRequire(import.meta.url);

/** Folder of an installed npm package (the one with its package.json). */
export function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = up;
  }
}
