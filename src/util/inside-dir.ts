import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * The guard every write and removal under `--out` passes: `target`, resolved, when it lies
 * strictly inside `dir` (not `dir` itself, not beside or above it); else it throws.
 */
export function insideDir(dir: string, target: string): string {
  const path = resolve(target);
  const rel = relative(resolve(dir), path);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) || rel.includes("\0")) {
    throw new Error(`refusing to write ${target}: it is not inside the output folder ${dir}`);
  }
  return path;
}
