import { join, resolve } from "node:path";
import { createBrowserSession } from "../browser/session.js";
import { deckContext } from "../config/deck-context.js";
import { DEFAULTS, SERVE_DEFAULTS } from "../config/defaults.js";
import { themePath, UsageError } from "../config/options.js";
import { type RunOptions, resolveRun } from "../config/run-config.js";
import { diagnostic } from "../diagnostics/collect.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import { measureStore } from "../fit/cache.js";
import { THEMES_DIR } from "../paths.js";
import { runDeck } from "../run/deck.js";
import { deckNames, expandPaths } from "../run/project.js";
import { courseIndex } from "../run/run.js";
import type { DeckOutput } from "../types.js";
import { type RunningServer, startServer } from "./server.js";
import { watchFiles } from "./watch.js";

export interface ServeOptions extends RunOptions {
  host?: string;
  port?: number;
  /** Hears every build (the first ones and each rebuild), with its time. */
  onBuild?: (deck: DeckOutput, ms: number, initial: boolean) => void;
}

export interface Serving {
  url: string;
  /** The latest build of each deck, by name. */
  decks: Map<string, DeckOutput>;
  close(): Promise<void>;
}

/**
 * `lectern serve`: build the decks, serve them with live reload, and rebuild only the
 * deck whose article, images or theme changed. A broken edit keeps the last good deck on
 * screen with the diagnostics over it; fixing the file reloads the deck.
 */
export async function serve(paths: readonly string[], options: ServeOptions = {}): Promise<Serving> {
  const files = deckNames(await expandPaths(paths));
  if (!files.length) throw new UsageError(`no articles (.md, .txt) found in ${paths.join(", ")}`);
  // resolved once: the first builds write what they can, a rebuild keeps the last good deck
  const first = resolveRun({ ...options, fit: options.fit ?? SERVE_DEFAULTS.fit, cache: false, writeOnErrors: true });
  const again = Object.freeze({ ...first, writeOnErrors: false });
  const { outDir } = first;
  const session = first.usesBrowser ? createBrowserSession({ executablePath: first.browserPath, timeout: first.timeout }) : undefined;
  const measures = options.cache === false ? undefined : measureStore(); // a rebuild measures only the slides that changed
  const decks = new Map<string, DeckOutput>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  let server: RunningServer | undefined;

  const rebuild = async (file: string, name: string, initial: boolean): Promise<void> => {
    const t0 = performance.now();
    const deck = await runDeck(deckContext(initial ? first : again, file, name), session, measures);
    const ms = performance.now() - t0;
    decks.set(name, deck);
    options.onBuild?.(deck, ms, initial);
    if (!server || initial) return;
    if (deck.written) {
      await index();
      server.broadcast({ type: "reload", deck: name });
    } else {
      const shown = deck.diagnostics.filter((d) => d.severity !== "info").map(formatDiagnostic);
      server.broadcast({ type: "error", deck: name, diagnostics: shown });
    }
  };

  /** One rebuild per deck at a time; a change during a rebuild queues one more. */
  const schedule = (file: string, name: string) => {
    if (running.has(name)) {
      dirty.add(name);
      return;
    }
    // runDeck turns a deck's failures into diagnostics; anything else still must not end the server
    const job = rebuild(file, name, false)
      .catch((err: unknown) =>
        server?.broadcast({
          type: "error",
          deck: name,
          diagnostics: [formatDiagnostic(diagnostic(file, "error", "internal-error", String(err)))],
        }),
      )
      .finally(() => {
        running.delete(name);
        if (dirty.delete(name)) schedule(file, name);
      });
    running.set(name, job);
  };

  const index = () => courseIndex(first);
  for (const { file, name } of files) await rebuild(file, name, true);
  await index();
  server = await startServer({ root: outDir, host: options.host ?? SERVE_DEFAULTS.host, port: options.port ?? SERVE_DEFAULTS.port });

  const given = first.build.theme;
  const themes = [join(THEMES_DIR, `${DEFAULTS.theme}.css`), given ? themePath(given) : undefined].filter((t) => t !== undefined);
  const watched = () => [...files.map((f) => f.file), ...[...decks.values()].flatMap((d) => [...d.result.media.values()]), ...themes];
  const stop = watchFiles(watched, (path) => {
    for (const { file, name } of files) {
      const deck = decks.get(name);
      const media = deck ? [...deck.result.media.values()] : [];
      const theme = /\.css$/i.test(path);
      if (resolve(file) === path || media.includes(path) || theme) schedule(file, name);
    }
  });

  return {
    url: (server as RunningServer).url,
    decks,
    async close() {
      stop();
      await Promise.allSettled(running.values());
      await server?.close();
      await session?.close();
    },
  };
}
