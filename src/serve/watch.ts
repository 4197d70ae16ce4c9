import { stat } from "node:fs/promises";
import { basename, resolve, sep } from "node:path";
import { watch } from "chokidar";

export type Change = "add" | "change" | "unlink";

/** chokidar's own window for a file's changes (a change within it of the one before is dropped), and some. */
const THROTTLE_MS = 70;

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
 * Linux loses the old name of a rename and misses deletions. What chokidar's throttle drops
 * is caught up (see `tell`).
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
  let closed = false;
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
  const checks = new Map<string, NodeJS.Timeout>();
  const stamp = (path: string) =>
    stat(path).then(
      (s) => `${s.size}:${s.mtimeMs}:${s.ctimeMs}`,
      () => "gone",
    );
  /**
   * chokidar drops a change that comes within 50 ms of the one before (its throttle keeps the
   * first, chokidar#1455): a file is stamped before its change is told, and looked at again
   * once that window has passed; a stamp that moved meanwhile is told as one more change.
   */
  const tell = async (abs: string, change: Change) => {
    const before = await stamp(abs);
    if (closed) return;
    onChange(abs, change);
    clearTimeout(checks.get(abs));
    checks.set(
      abs,
      setTimeout(async () => {
        checks.delete(abs);
        if (!closed && before !== "gone" && (await stamp(abs)) !== before) void tell(abs, "change");
      }, THROTTLE_MS),
    );
  };
  const fire = (change: Change) => (path: string) => {
    const abs = resolve(path);
    clearTimeout(timers.get(abs));
    timers.set(
      abs,
      setTimeout(() => {
        timers.delete(abs);
        void tell(abs, change);
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
      closed = true;
      for (const t of [...timers.values(), ...checks.values()]) clearTimeout(t);
      await watcher.close();
    },
  };
}
