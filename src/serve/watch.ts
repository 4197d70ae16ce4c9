import { type FSWatcher, watch } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Watch the folders holding the given files and call `onChange` with the absolute path of
 * each changed file among them (debounced per file). Folders, not files: editors that save
 * by renaming a new file into place would otherwise end the watch.
 */
export function watchFiles(files: () => Iterable<string>, onChange: (path: string) => void, delayMs = 40): () => void {
  const watchers = new Map<string, FSWatcher>();
  const timers = new Map<string, NodeJS.Timeout>();
  const refresh = () => {
    const wanted = new Set([...files()].map((f) => dirname(resolve(f))));
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, (_event, name) => {
          if (!name) return;
          const path = join(dir, name.toString());
          clearTimeout(timers.get(path));
          timers.set(
            path,
            setTimeout(() => {
              timers.delete(path);
              onChange(path);
            }, delayMs),
          );
        });
        w.on("error", () => undefined);
        watchers.set(dir, w);
      } catch {
        // a folder that vanished: nothing to watch
      }
    }
  };
  refresh();
  const again = setInterval(refresh, 2000);
  again.unref();
  return () => {
    clearInterval(again);
    for (const t of timers.values()) clearTimeout(t);
    for (const w of watchers.values()) w.close();
  };
}
