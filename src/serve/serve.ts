import { resolve, sep } from "node:path";
import { createBrowserSession } from "../browser/session.js";
import { DEFAULTS, SERVE_DEFAULTS } from "../config/defaults.js";
import { themePath, UsageError } from "../config/options.js";
import { type RunOptions, resolveRun } from "../config/run-config.js";
import { measureStore } from "../fit/cache.js";
import { writeCourseIndex } from "../output/course/index.js";
import { THEMES_DIR } from "../paths.js";
import { deckNames, expandPaths } from "../run/project.js";
import type { DeckOutput } from "../types.js";
import { createDeckSet, type RebuildTimes } from "./decks.js";
import { pdfOnDemand } from "./pdf.js";
import { type RunningServer, startServer } from "./server.js";
import { watchPaths } from "./watch.js";

export interface ServeOptions extends RunOptions {
  host?: string;
  port?: number;
  /** Hears every build (the first ones and each rebuild), with its time and where it went. */
  onBuild?: (deck: DeckOutput, ms: number, initial: boolean, times: RebuildTimes) => void;
}

export interface Serving {
  url: string;
  /** The latest build of each deck, by name. */
  readonly decks: Map<string, DeckOutput>;
  close(): Promise<void>;
}

/** The articles under `paths` now, named; a path that went away gives none. */
async function articles(paths: readonly string[]): Promise<{ file: string; name: string }[]> {
  const found: string[] = [];
  for (const p of paths) found.push(...(await expandPaths([p]).catch(() => [])));
  return deckNames([...new Set(found)]);
}

const ARTICLE = /\.(md|markdown|txt)$/i;

/**
 * `lectern serve`: build the decks, serve them, and on each save rebuild only the deck whose
 * article, images or theme changed, and patch its open pages in place (see decks.ts). The
 * folders given are watched: articles added, renamed or removed join or leave the served
 * decks and the course index. A deck's PDF is printed when asked for.
 */
export async function serve(paths: readonly string[], options: ServeOptions = {}): Promise<Serving> {
  const files = deckNames(await expandPaths(paths));
  if (!files.length) throw new UsageError(`no articles (.md, .txt) found in ${paths.join(", ")}`);
  // resolved once: the first builds write what they can, a rebuild keeps the last good deck
  const first = resolveRun({ ...options, fit: options.fit ?? SERVE_DEFAULTS.fit, cache: false, writeOnErrors: true });
  const again = Object.freeze({ ...first, writeOnErrors: false });
  const { outDir } = first;
  // launched only when a step or a PDF asks for it
  const session = createBrowserSession({ executablePath: first.browserPath, timeout: first.timeout });
  let server: RunningServer | undefined;

  let indexing: Promise<void> = Promise.resolve();
  let indexAgain = false;
  const themeCss = themePath(first.build.theme ?? DEFAULTS.theme) as string;
  /** Write the course index again (one write at a time; changes meanwhile make one more), then reload its pages. */
  const index = (): Promise<void> => {
    if (indexAgain) return indexing;
    indexAgain = true;
    indexing = indexing.then(async () => {
      indexAgain = false;
      await writeCourseIndex({ outDir, base: first.base, title: first.title, themeCss, pdfOnDemand: true }).catch(() => undefined);
      server?.broadcast({ type: "reload", deck: "" });
    });
    return indexing;
  };
  const set = createDeckSet({
    first,
    again,
    session: first.usesBrowser ? session : undefined,
    measures: options.cache === false ? undefined : measureStore(),
    send: (m) => server?.broadcast(m),
    onBuild: options.onBuild,
    changed: () => void index(),
  });
  for (const { file, name } of files) await set.add(file, name);
  await index();

  const pdf = pdfOnDemand(outDir, session, (name) => {
    const d = set.decks.get(name);
    return d?.good && { ctx: d.ctx, output: d.good.output, version: d.version };
  });
  server = await startServer({
    root: outDir,
    host: options.host ?? SERVE_DEFAULTS.host,
    port: options.port ?? SERVE_DEFAULTS.port,
    version: (name) => set.decks.get(name)?.served ?? 0,
    ready: (name) => set.settled(name),
    hello: (name, version) => set.catchUp(name, version),
    dynamic: pdf,
  });

  const given = first.build.theme;
  const themes = [resolve(THEMES_DIR, `${DEFAULTS.theme}.css`), given ? resolve(themePath(given) as string) : undefined].filter(
    (t) => t !== undefined,
  );
  const media = () => [...set.decks.values()].flatMap((d) => (d.output ? [...d.output.result.media.values()] : []));
  const folders = paths.map((p) => resolve(p));
  const givenFiles = new Set(files.map((f) => resolve(f.file)).filter((f) => folders.includes(f)));

  /** Articles added, renamed or removed: decks come and go, the others stay as they are. */
  let syncing: Promise<void> = Promise.resolve();
  const syncDecks = () =>
    (syncing = syncing.then(async () => {
      const now = await articles(paths);
      const wanted = new Map(now.map((a) => [a.name, resolve(a.file)]));
      for (const [name, deck] of set.decks) if (wanted.get(name) !== resolve(deck.ctx.file)) await set.remove(name);
      for (const { file, name } of now) if (!set.decks.has(name)) await set.add(file, name);
      await index();
      watcher.add(media());
    }));

  const isArticle = (path: string) =>
    givenFiles.has(path) || (ARTICLE.test(path) && folders.some((f) => path.startsWith(f + sep) && !givenFiles.has(f)));
  const watcher = await watchPaths(
    [...folders, ...themes, ...media()],
    (path, change) => {
      const deck = [...set.decks.values()].find((d) => resolve(d.ctx.file) === path);
      if (deck && change === "change") return set.schedule(deck.ctx.name);
      if (isArticle(path) || deck) return void syncDecks();
      const theme = themes.includes(path);
      for (const d of set.decks.values()) {
        const shows = d.output ? [...d.output.result.media.values()].map((m) => resolve(m)).includes(path) : false;
        if (theme || shows) set.schedule(d.ctx.name, true);
      }
    },
    { ignore: [outDir] },
  );
  // a rebuild may bring new images: watch them too
  const watchMedia = setInterval(() => watcher.add(media()), 1000);
  watchMedia.unref();

  return {
    url: (server as RunningServer).url,
    get decks() {
      return new Map([...set.decks].flatMap(([name, d]) => (d.output ? [[name, d.output] as const] : [])));
    },
    async close() {
      clearInterval(watchMedia);
      await watcher.close();
      await syncing.catch(() => undefined);
      await set.idle();
      await indexing;
      await pdf.close();
      await server?.close();
      await session.close();
    },
  };
}
