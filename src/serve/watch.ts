import { basename, resolve, sep } from "node:path";
import { watch } from "chokidar";

export type Change = "add" | "change" | "unlink";

export interface Watcher {
  /** Watch these files or folders too (a deck's images, once it is built); watched ones are skipped. */
  add(paths: Iterable<string>): void;
  close(): Promise<void>;
}

/**
 * Watch files and folders (folders with everything under them, but no dot-folder,
 * `node_modules` or anything under `ignore`) and call `onChange` with the absolute path of
 * each file added, changed or removed, debounced per file. chokidar, not `fs.watch`: it sees
 * the saves that write a temporary file and rename it into place (vim, VS Code), renames and
 * deletions, and folders made after the watch began, where Node's recursive `fs.watch` on
 * Linux loses the old name of a rename and misses deletions.
 */
export async function watchPaths(
  paths: Iterable<string>,
  onChange: (path: string, change: Change) => void,
  options: { ignore?: readonly string[]; delayMs?: number } = {},
): Promise<Watcher> {
  const delayMs = options.delayMs ?? 10;
  const ignore = (options.ignore ?? []).map((p) => resolve(p));
  const watched = new Set<string>();
  const roots = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const ignored = (path: string) => {
    const abs = resolve(path);
    if (roots.has(abs)) return false;
    const name = basename(abs);
    return (
      (name.startsWith(".") && name.length > 1) || name === "node_modules" || ignore.some((dir) => abs === dir || abs.startsWith(dir + sep))
    );
  };
  const first = [...new Set([...paths].map((p) => resolve(p)))];
  for (const p of first) roots.add(p);
  const watcher = watch(first, { ignoreInitial: true, ignored, atomic: true });
  const fire = (change: Change) => (path: string) => {
    const abs = resolve(path);
    clearTimeout(timers.get(abs));
    timers.set(
      abs,
      setTimeout(() => {
        timers.delete(abs);
        onChange(abs, change);
      }, delayMs),
    );
  };
  watcher.on("add", fire("add")).on("change", fire("change")).on("unlink", fire("unlink"));
  watcher.on("error", () => undefined);
  await new Promise<void>((r) => watcher.once("ready", () => r()));
  for (const p of first) watched.add(p);
  return {
    add(more) {
      const fresh = [...more].map((p) => resolve(p)).filter((p) => !watched.has(p));
      for (const p of fresh) {
        watched.add(p);
        roots.add(p);
      }
      if (fresh.length) watcher.add(fresh);
    },
    async close() {
      for (const t of timers.values()) clearTimeout(t);
      await watcher.close();
    },
  };
}
