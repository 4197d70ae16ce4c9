import { constants } from "node:fs";
import { access, copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { processAlive, uniqueTag } from "../../util/temp-names.js";
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
  const tag = uniqueTag();
  const tmp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  await mkdir(parent, { recursive: true }).catch(() => undefined);
  await access(parent, constants.W_OK).catch((err: NodeJS.ErrnoException) => {
    const why = err.code === "EROFS" ? "read-only file system" : err.code === "ENOENT" ? "it does not exist" : err.code;
    throw new Error(`the output folder ${parent} is not writable (${why})`);
  });
  try {
    await mkdir(tmp, { recursive: true });
    const dirs = new Set(files.map((f) => dirname(join(tmp, f.path))));
    for (const d of dirs) await mkdir(d, { recursive: true });
    // settle every copy before deciding: a rejected copy must not leave others writing into tmp
    const copies = await Promise.allSettled(
      files.map((f) => ("from" in f ? copyFile(f.from, join(tmp, f.path)) : writeFile(join(tmp, f.path), f.text))),
    );
    const failed = copies.find((c): c is PromiseRejectedResult => c.status === "rejected");
    if (failed) throw failed.reason;
    await writeFile(join(tmp, "index.html"), html);
    if (finalize) await finalize(tmp);
    // Swap: move the old deck aside, move the new one in. Another build of the same deck may
    // land in between (then `dir` exists again): move that aside too and retry.
    const olds: string[] = [];
    for (let attempt = 0; ; attempt++) {
      const aside = `${old}-${attempt}`;
      try {
        await rename(dir, aside);
        olds.push(aside);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
      try {
        await rename(tmp, dir);
        break;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (attempt < 5 && (code === "ENOTEMPTY" || code === "EEXIST")) continue;
        const previous = olds[olds.length - 1];
        if (previous) await rename(previous, dir).catch(() => undefined);
        throw err;
      }
    }
    await Promise.all(olds.map((o) => rm(o, { recursive: true, force: true })));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** `.<name>.tmp-<pid>-…` / `.<name>.old-<pid>-…-<n>`: what the writes here leave while they run. */
const TEMP_NAME = /^\..+\.(?:tmp|old)-(\d+)-[0-9a-z]+-[0-9a-z]+(?:-\d+)?$/;

/**
 * Remove the temporary folders and files in `parent` that a killed build left behind (their
 * owner's process is gone). Those of live processes, this one included, are left alone.
 */
export async function sweepStaleTemps(parent: string): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = TEMP_NAME.exec(name)?.[1];
    return pid !== undefined && !processAlive(Number(pid));
  });
  await Promise.all(stale.map((name) => rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined)));
}
