import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { DeckFile } from "./assets.js";

/**
 * Write a deck folder atomically: everything goes into a temporary sibling folder, which
 * then replaces `dir` by rename. If anything fails, the previous `dir` is left as it was.
 */
export async function writeDeckFolder(
  dir: string,
  html: string,
  files: readonly DeckFile[],
  /** Runs on the complete temporary folder before it replaces `dir` (fit, PDF…). */
  finalize?: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(dir);
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const tmp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  await mkdir(parent, { recursive: true });
  try {
    await mkdir(tmp, { recursive: true });
    const dirs = new Set(files.map((f) => dirname(join(tmp, f.path))));
    for (const d of dirs) await mkdir(d, { recursive: true });
    await Promise.all(
      files.map((f) => ("from" in f ? copyFile(f.from, join(tmp, f.path)) : writeFile(join(tmp, f.path), f.text))),
    );
    await writeFile(join(tmp, "index.html"), html);
    if (finalize) await finalize(tmp);
    let moved = false;
    try {
      await rename(dir, old);
      moved = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    try {
      await rename(tmp, dir);
    } catch (err) {
      if (moved) await rename(old, dir);
      throw err;
    }
    if (moved) await rm(old, { recursive: true, force: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
