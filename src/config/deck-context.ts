/**
 * One article's context in a run: where it is, the deck it becomes, the folder local files may
 * come from, and the front half's options with all of that filled in. Made once per deck from
 * the run's config; every step of the deck receives it and none re-resolves an option.
 */
import { dirname, join, resolve, sep } from "node:path";
import type { ResolvedOptions } from "./options.js";
import type { RunConfig } from "./run-config.js";

export interface DeckContext {
  readonly config: RunConfig;
  /** The article's path as given. */
  readonly file: string;
  /** Deck name: the folder under `outDir`. */
  readonly name: string;
  /** The deck folder, `<outDir>/<name>`. */
  readonly dir: string;
  /** Where local files may come from (absolute). */
  readonly root: string;
  /** The front half's options for this article (file, base folder and root filled in). */
  readonly options: ResolvedOptions;
}

/**
 * Where local files may come from: `--root`, else the project (the current folder) when the
 * article is inside it, else the article's own folder.
 */
export function projectRoot(file: string, given: string | undefined): string {
  if (given) return resolve(given);
  const cwd = process.cwd();
  const abs = resolve(file);
  return abs.startsWith(cwd + sep) ? cwd : dirname(abs);
}

export function deckContext(config: RunConfig, file: string, name: string): DeckContext {
  const root = projectRoot(file, config.build.root);
  const options = Object.freeze({ ...config.build, file, baseDir: dirname(resolve(file)), root });
  return Object.freeze({ config, file, name, dir: join(config.outDir, name), root, options });
}
