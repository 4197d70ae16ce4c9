import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { BrowserNotFoundError } from "./browser/find.js";
import { type BrowserSession, createBrowserSession } from "./browser/session.js";
import { buildDeck } from "./build.js";
import { hasErrors } from "./diagnostics/collect.js";
import { deckFiles } from "./export/assets.js";
import { CACHE_FILE, type CacheRecord, cacheKey, mediaStamps, readCache } from "./export/cache.js";
import { writeCourseIndex } from "./export/course-index.js";
import { themeCss as themeCssText } from "./export/theme.js";
import { sweepStaleTemps, writeDeckFolder } from "./export/write-deck.js";
import type { FitReport } from "./fit/fit.js";
import { type BuildOptions, resolveOptions, themePath, UsageError } from "./options.js";
import { VERSION } from "./paths.js";
import { deckName, deckNames, expandPaths, projectRoot } from "./project.js";
import { stopwatch } from "./timings.js";
import type { BuildResult, Diagnostic, HandoutLayout, Paper } from "./types.js";

export { deckNames, expandPaths } from "./project.js";

export interface FileBuildOptions extends Omit<BuildOptions, "file" | "baseDir"> {
  /** Output folder; each deck goes to `<outDir>/<deck>/` (default `dist`). */
  outDir?: string;
  /** Treat warnings as failures. */
  strict?: boolean;
  /** Measure slides in a browser and re-plan what overflows (default true; skipped with a note when no browser). */
  fit?: boolean;
  /** Also print `<deck>/<deck>.pdf` (needs a browser). */
  pdf?: boolean;
  /** Handouts to print beside the PDF: `notes` (slide + notes per page) and/or 2, 3, 4, 6 slides per page. */
  handouts?: HandoutLayout[];
  /** Paper for handouts (default a4). */
  paper?: Paper;
  /** Chrome/Chromium to use (else env, system, Puppeteer's cache, npm-shipped). */
  browserPath?: string;
  /** Milliseconds for each browser wait (default 60 s). */
  timeout?: number;
  /** Skip decks whose article, theme, images and options have not changed since the last build. */
  cache?: boolean;
  /** Write a deck even when it has errors (default true; `serve` keeps the last good deck instead). */
  writeOnErrors?: boolean;
  /** Build only part `index` (1-based) of `count` of the decks, deterministically (CI matrix). */
  shard?: { index: number; count: number };
  /** Decks built at once (default 1); they share one browser. */
  jobs?: number;
  /** Also write `<deck>/<deck>.html`: one self-contained file (CSS, JS, fonts subset to the deck, images inlined). */
  standalone?: boolean;
  /** Write the course index `<outDir>/index.html` (default true for `buildPaths`). */
  index?: boolean;
  /** URL path the output is served from (`/courses/ml/`): the index's links start with it. */
  base?: string;
  /** Course title on the index page. */
  title?: string;
  /** Aborting it stops the run: the browser closes, no further deck starts, temporary folders go. */
  signal?: AbortSignal;
}

export interface DeckOutput {
  /** The article's path as given. */
  input: string;
  /** Deck name: the folder under `outDir`. */
  name: string;
  /** The deck folder. */
  dir: string;
  /** `dir/index.html` was written (false: the article gave no deck, or writing failed). */
  written: boolean;
  /** Number of slides in the deck. */
  slides: number;
  result: BuildResult;
  diagnostics: Diagnostic[];
  /** What the browser fit did (undefined when it did not run). */
  fit?: FitReport;
  /** The PDF written, if any. */
  pdf?: { path: string; pages: number; bytes: number };
  /** The self-contained single file, when asked for. */
  standalone?: { path: string; bytes: number };
  /** Nothing changed since the last build: the deck folder was left as it was. */
  cached?: boolean;
  /** Handout PDFs written. */
  handouts: { layout: HandoutLayout; path: string; pages: number; bytes: number }[];
}

export interface RunResult {
  decks: DeckOutput[];
  diagnostics: Diagnostic[];
  /** No errors (and, with `strict`, no warnings). */
  ok: boolean;
  /** A browser was needed (for a PDF) and none was found: the CLI exits with 3. */
  browserMissing: boolean;
}

/** PDF or handouts asked for (both need the browser). */
export const wantsPdf = (o: FileBuildOptions) => Boolean(o.pdf || o.handouts?.length);

/** The options that change a deck's output (the cache key includes them). */
function cacheOptions(o: FileBuildOptions): unknown {
  return [
    o.theme,
    o.root,
    o.keepRepetition,
    o.allowHtml,
    o.prose,
    o.fragments,
    o.metrics,
    o.fit ?? true,
    wantsPdf(o),
    o.handouts,
    o.paper,
    o.standalone,
  ];
}

/** The theme CSS for a deck: the caller's, else the article's front matter, else `default`. */
function chooseTheme(result: BuildResult, file: string, given: string | undefined): string {
  if (given) return themePath(given) as string;
  const wanted = result.article.source.meta.theme;
  if (wanted) {
    const path = themePath(wanted) ?? themePath(resolve(dirname(file), wanted));
    if (path) return path;
    result.diagnostics.push({
      severity: "info",
      code: "theme-unknown",
      message: `theme \`${wanted}\` is not a Lectern theme; using default`,
      file,
      line: 1,
      column: 1,
    });
  }
  return themePath("default") as string;
}

/** Build one article file into `<outDir>/<name>/`, atomically. */
export async function buildFile(
  file: string,
  options: FileBuildOptions = {},
  name = deckName(file),
  session?: BrowserSession,
): Promise<DeckOutput> {
  if (session || !((options.fit ?? true) || wantsPdf(options))) return buildOne(file, options, name, session);
  const own = createBrowserSession({ executablePath: options.browserPath, timeout: options.timeout, signal: options.signal });
  try {
    return await buildOne(file, options, name, own);
  } finally {
    await own.close();
  }
}

async function buildOne(file: string, options: FileBuildOptions, name: string, session: BrowserSession | undefined): Promise<DeckOutput> {
  const outDir = options.outDir ?? "dist";
  const dir = join(outDir, name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const message = `cannot read the article: ${(err as Error).message}`;
    const diagnostics: Diagnostic[] = [{ severity: "error", code: "file-unreadable", message, file, line: 1, column: 1 }];
    const result = buildDeck("", { file });
    return { input: file, name, dir, written: false, slides: 0, result, diagnostics, handouts: [] };
  }
  const result = buildDeck(bytes, { ...options, file, baseDir: dirname(resolve(file)), root: projectRoot(file, options.root) });
  const slides = result.plan.stacks.reduce((n, s) => n + s.slides.length, 0);
  const output: DeckOutput = {
    input: file,
    name,
    dir,
    written: false,
    slides,
    result,
    diagnostics: result.diagnostics,
    handouts: [],
    cached: false,
  };
  if (!result.usable) return output;
  if (options.writeOnErrors === false && hasErrors(result.diagnostics)) return output;
  const themeCss = chooseTheme(result, file, options.theme);
  const key = cacheKey([VERSION, JSON.stringify(cacheOptions(options)), themeCssText(themeCss), bytes]);
  const cached = options.cache ? readCache(dir, key) : undefined;
  if (cached) {
    Object.assign(output, { written: true, cached: true, slides: cached.slides, diagnostics: cached.diagnostics, ...cached.extra });
    return output;
  }
  const watch = stopwatch(result.timings);
  const finalize =
    session && ((options.fit ?? true) || wantsPdf(options))
      ? async (tmp: string) => {
          watch.lap("write");
          await (await import("./export/browser-steps.js")).browserSteps(tmp, output, options, session);
          watch.reset();
        }
      : undefined;
  try {
    const record = (): CacheRecord => ({
      key,
      slides: output.slides,
      diagnostics: result.diagnostics,
      media: mediaStamps(result.media),
      outputs: [output.pdf, output.standalone, ...output.handouts].filter((f) => f !== undefined).map((f) => basename(f.path)),
      extra: { fit: output.fit, pdf: output.pdf, handouts: output.handouts, standalone: output.standalone },
    });
    await writeDeckFolder(dir, result.html, deckFiles({ themeCss, glyphs: result.glyphs, media: result.media }), async (tmp) => {
      if (finalize) await finalize(tmp);
      if (options.standalone) {
        const { standaloneHtml } = await import("./export/standalone.js");
        const html = await standaloneHtml(tmp, result.glyphs);
        await writeFile(join(tmp, `${name}.html`), html);
        output.standalone = { path: join(dir, `${name}.html`), bytes: Buffer.byteLength(html) };
        watch.lap("standalone");
      }
      await writeFile(join(tmp, CACHE_FILE), JSON.stringify(record()));
    });
    watch.lap("write");
    output.written = true;
  } catch (err) {
    if (err instanceof BrowserNotFoundError) {
      result.diagnostics.push({ severity: "error", code: "browser-missing", message: err.message, file, line: 1, column: 1 });
    } else {
      const what = output.pdf === undefined && options.pdf ? "build or print" : "write";
      result.diagnostics.push({
        severity: "error",
        code: "write-failed",
        message: `cannot ${what} ${dir}: ${(err as Error).message}; the previous deck is unchanged`,
        file,
        line: 1,
        column: 1,
      });
    }
    output.pdf = undefined;
  }
  return output;
}

/**
 * Build every article under `paths` (files or folders). A deck that fails does not stop the
 * others. `onDeck` hears each finished deck (for progress).
 */
export async function buildPaths(
  paths: readonly string[],
  options: FileBuildOptions = {},
  onDeck?: (deck: DeckOutput, index: number, total: number) => void,
): Promise<RunResult> {
  resolveOptions(options); // validate once, before any work
  const all = await expandPaths(paths);
  if (!all.length) throw new UsageError(`no articles (.md, .txt) found in ${paths.join(", ")}`);
  const named = deckNames(all);
  const shard = options.shard;
  const files = shard ? named.filter((_, i) => i % shard.count === shard.index - 1) : named;
  const decks: DeckOutput[] = [];
  const session =
    (options.fit ?? true) || wantsPdf(options)
      ? createBrowserSession({ executablePath: options.browserPath, timeout: options.timeout, signal: options.signal })
      : undefined;
  // Chromium launches while the first articles are parsed and rendered: unless every deck may
  // come from the cache (a browser would then be wasted), start it now
  const outDir = options.outDir ?? "dist";
  await sweepStaleTemps(outDir); // what a killed build left
  if (session && (!options.cache || files.some((f) => !existsSync(join(outDir, f.name, CACHE_FILE))))) session.warm();
  try {
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < files.length && !options.signal?.aborted) {
        const i = next++;
        const { file, name } = files[i] as { file: string; name: string };
        const deck = await buildFile(file, { ...options, fit: options.fit ?? true }, name, session);
        decks[i] = deck;
        onDeck?.(deck, done++, files.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 1, files.length)) }, worker));
  } finally {
    await session?.close();
  }
  const diagnostics = decks.flatMap((d) => d.diagnostics);
  if ((options.index ?? true) && !options.signal?.aborted) {
    const themeCss = themePath(options.theme ?? "default") as string;
    try {
      await writeCourseIndex(decks, { outDir, base: options.base, title: options.title, themeCss });
    } catch (err) {
      diagnostics.push({
        severity: "error",
        code: "write-failed",
        message: `cannot write the course index: ${(err as Error).message}`,
        file: join(outDir, "index.html"),
        line: 1,
        column: 1,
      });
    }
  }
  const ok = !hasErrors(diagnostics, options.strict) && decks.every((d) => d.written);
  const browserMissing = diagnostics.some((d) => d.code === "browser-missing");
  return { decks, diagnostics, ok, browserMissing };
}
