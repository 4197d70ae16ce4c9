/**
 * A run over article files and folders: resolve the options once, find and name the decks,
 * take this shard of them, build them (`jobs` at a time, sharing one browser), then write the
 * course index of every deck in the output folder. A deck that fails does not stop the others.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sweepProfiles } from "../browser/profile.js";
import { createBrowserSession } from "../browser/session.js";
import { deckContext } from "../config/deck-context.js";
import { DEFAULTS } from "../config/defaults.js";
import { themePath, UsageError } from "../config/options.js";
import { type RunConfig, type RunOptions, resolveRun } from "../config/run-config.js";
import { diagnostic, hasErrors } from "../diagnostics/collect.js";
import { writeCourseIndex } from "../output/course/index.js";
import { CACHE_FILE } from "../output/folder/record.js";
import { sweepStaleTemps } from "../output/folder/write.js";
import type { DeckOutput, Diagnostic, RunResult } from "../types.js";
import { runDeck } from "./deck.js";
import { deckNames, expandPaths } from "./project.js";

/**
 * Build every article under `paths` (files or folders). `onDeck` hears each finished deck (for
 * progress).
 */
export async function buildPaths(
  paths: readonly string[],
  options: RunOptions = {},
  onDeck?: (deck: DeckOutput, index: number, total: number) => void,
): Promise<RunResult> {
  const config = resolveRun(options); // validated once, before any work
  const all = await expandPaths(paths);
  if (!all.length) throw new UsageError(`no articles (.md, .txt) found in ${paths.join(", ")}`);
  const named = deckNames(all);
  const { shard, outDir, signal } = config;
  const files = shard ? named.filter((_, i) => i % shard.count === shard.index - 1) : named;
  // launched on first use: by the fit or a PDF, or (--no-fit) by a deck with diagrams to draw
  const session = createBrowserSession({ executablePath: config.browserPath, timeout: config.timeout, signal });
  await Promise.all([sweepStaleTemps(outDir), sweepProfiles()]); // what a killed build left
  // Chromium launches while the first articles are parsed and rendered: unless every deck may
  // come from the cache (a browser would then be wasted), start it now
  if (config.usesBrowser && (!config.cache || files.some((f) => !existsSync(join(outDir, f.name, CACHE_FILE))))) session.warm();
  const decks: DeckOutput[] = [];
  try {
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < files.length && !signal?.aborted) {
        const i = next++;
        const { file, name } = files[i] as { file: string; name: string };
        config.onProgress?.({ type: "deck-start", input: file, name, index: i, total: files.length });
        const deck = await runDeck(deckContext(config, file, name), session);
        decks[i] = deck;
        done++;
        config.onProgress?.({ type: "deck-done", deck, done, total: files.length });
        onDeck?.(deck, done - 1, files.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.jobs, files.length) }, worker));
  } finally {
    await session?.close();
  }
  const diagnostics = decks.flatMap((d) => d.diagnostics);
  if (config.index && !signal?.aborted) diagnostics.push(...(await courseIndex(config)));
  const ok = !hasErrors(diagnostics, config.strict) && decks.every((d) => d.written);
  const browserMissing = diagnostics.some((d) => d.code === "browser-missing");
  return { decks, diagnostics, ok, browserMissing };
}

/** Write `<outDir>/index.html`; a failure is the run's error, not an exception. */
export async function courseIndex(config: RunConfig): Promise<Diagnostic[]> {
  const { outDir, base, title } = config;
  const themeCss = themePath(config.build.theme ?? config.build.defaults.theme ?? DEFAULTS.theme) as string;
  try {
    await writeCourseIndex({ outDir, base, title, themeCss });
    return [];
  } catch (err) {
    const message = `cannot write the course index: ${(err as Error).message}`;
    return [diagnostic(join(outDir, "index.html"), "error", "write-failed", message)];
  }
}
