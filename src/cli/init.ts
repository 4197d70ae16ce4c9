/**
 * `lectern init [dir]`: a sample article, a configuration file and a CI workflow. A file that
 * is already there is never overwritten (without `--force`): they are listed, nothing is
 * written, and the exit code is 1.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CliArgs } from "./args.js";
import { INIT_FILES, NEXT_STEPS } from "./init-templates.js";
import type { Io } from "./io.js";

export async function initCommand(args: CliArgs, io: Io): Promise<number> {
  const dir = args.paths[0] ?? ".";
  const at = (path: string) => (dir === "." ? path : join(dir, path));
  const there = INIT_FILES.filter((f) => existsSync(at(f.path)));
  if (there.length && !args.force) {
    io.err(`lectern: init would overwrite ${there.map((f) => at(f.path)).join(", ")}: nothing was written (--force overwrites them)\n`);
    return 1;
  }
  for (const f of INIT_FILES) {
    await mkdir(dirname(at(f.path)), { recursive: true });
    await writeFile(at(f.path), f.text);
    if (!args.quiet) io.err(`wrote ${at(f.path)}\n`);
  }
  if (!args.quiet) io.err(NEXT_STEPS);
  return 0;
}
