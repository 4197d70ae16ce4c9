import { join, resolve } from "node:path";
import { createBrowserSession } from "../browser/session.js";
import { buildFile, type DeckOutput, deckNames, expandPaths, type FileBuildOptions } from "../run/deck.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import { writeCourseIndex } from "../output/course/index.js";
import { themePath, UsageError } from "../config/options.js";
import { THEMES_DIR } from "../paths.js";
import { type RunningServer, startServer } from "./server.js";
import { watchFiles } from "./watch.js";

export interface ServeOptions extends FileBuildOptions {
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
  const outDir = options.outDir ?? "dist";
  const fit = options.fit ?? false; // fast reloads by default; `--fit` measures in a browser
  const session = fit || options.pdf ? createBrowserSession({ executablePath: options.browserPath, timeout: options.timeout }) : undefined;
  const build: FileBuildOptions = { ...options, outDir, fit, cache: false };
  const decks = new Map<string, DeckOutput>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  let server: RunningServer | undefined;

  const rebuild = async (file: string, name: string, initial: boolean): Promise<void> => {
    const t0 = performance.now();
    const deck = await buildFile(file, { ...build, writeOnErrors: initial }, name, session);
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
    // buildFile turns a deck's failures into diagnostics; anything else still must not end the server
    const job = rebuild(file, name, false)
      .catch((err: unknown) =>
        server?.broadcast({ type: "error", deck: name, diagnostics: [`${file}:1:1: error [internal-error] ${String(err)}`] }),
      )
      .finally(() => {
        running.delete(name);
        if (dirty.delete(name)) schedule(file, name);
      });
    running.set(name, job);
  };

  const index = () =>
    writeCourseIndex({
      outDir,
      base: options.base,
      title: options.title,
      themeCss: themePath(options.theme ?? "default") as string,
    }).catch(() => undefined);
  for (const { file, name } of files) await rebuild(file, name, true);
  await index();
  server = await startServer({ root: outDir, host: options.host ?? "127.0.0.1", port: options.port ?? 8080 });

  const themes = [join(THEMES_DIR, "default.css"), options.theme ? themePath(options.theme) : undefined].filter((t) => t !== undefined);
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
