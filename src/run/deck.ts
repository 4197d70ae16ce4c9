import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { BrowserNotFoundError } from "../browser/find.js";
import { type BrowserSession, createBrowserSession } from "../browser/session.js";
import { buildDeck } from "../build.js";
import { hasErrors } from "../diagnostics/collect.js";
import { deckFiles } from "../output/folder/assets.js";
import { CACHE_FILE, type CacheRecord, cacheKey, mediaStamps, readCache } from "../output/folder/record.js";
import { courseEntry, normalizeBase, writeCourseIndex } from "../output/course/index.js";
import { insideDir } from "../util/inside-dir.js";
import { ThemeError, themeCss as themeCssText } from "../output/folder/theme.js";
import { sweepStaleTemps, writeDeckFolder } from "../output/folder/write.js";
import type { FitReport } from "../fit/fit.js";
import { BUILTIN_THEMES, type BuildOptions, resolveOptions, themePath, UsageError } from "../config/options.js";
import { VERSION } from "../paths.js";
import { deckName, deckNameProblem, deckNames, expandPaths, projectRoot } from "./project.js";
import { stopwatch } from "../timings.js";
import type { BuildResult, Diagnostic, HandoutLayout, Paper } from "../types.js";

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

/**
 * The theme CSS for a deck: the caller's, else the article's front matter, else `default`.
 * The caller's theme is trusted (checked by resolveOptions); an article's theme and its imports
 * must come from the project root (or be built in): what is refused is reported at the front
 * matter's `theme:` line, and a refused theme falls back to the default.
 */
function chooseTheme(result: BuildResult, file: string, options: FileBuildOptions): string {
  const source = result.article.source;
  const keyLine = options.theme === undefined ? source.text.split("\n", source.bodyLine).findIndex((l) => /^theme\s*:/.test(l)) : -1;
  const report = (severity: Diagnostic["severity"], code: string, message: string) =>
    result.diagnostics.push({ severity, code, message, file, line: Math.max(0, keyLine) + 1, column: 1 });
  const fallback = () => themeCssText(themePath("default") as string, {}).css;
  const wanted = options.theme ?? source.meta.theme;
  if (!wanted) return fallback();
  const local = resolve(dirname(file), wanted);
  const path =
    options.theme !== undefined || (BUILTIN_THEMES as readonly string[]).includes(wanted)
      ? themePath(wanted)
      : /\.css$/i.test(wanted) && existsSync(local)
        ? local
        : undefined;
  if (!path) {
    report("info", "theme-unknown", `theme \`${wanted}\` is not a Lectern theme; using default`);
    return fallback();
  }
  try {
    const theme = themeCssText(path, { root: projectRoot(file, options.root), trusted: options.theme !== undefined });
    for (const p of theme.problems) report("warning", p.code, `theme \`${wanted}\`: ${p.message}`);
    return theme.css;
  } catch (err) {
    if (!(err instanceof ThemeError)) throw err;
    report("warning", err.code, `theme \`${wanted}\` not used (${err.message}); using default`);
    return fallback();
  }
}

/**
 * Build one article file into `<outDir>/<name>/`, atomically. Never throws: whatever goes wrong
 * inside this deck becomes its error diagnostic, and the previous deck folder stays as it was.
 */
export async function buildFile(
  file: string,
  options: FileBuildOptions = {},
  name = deckName(file),
  session?: BrowserSession,
): Promise<DeckOutput> {
  const dir = join(options.outDir ?? "dist", name);
  const problem = deckNameProblem(name);
  if (problem) return notBuilt(file, name, dir, "deck-name-invalid", `the deck name \`${name}\` ${problem}: nothing is written`);
  try {
    if (session || !((options.fit ?? true) || wantsPdf(options))) return await buildOne(file, options, name, session);
    const own = createBrowserSession({ executablePath: options.browserPath, timeout: options.timeout, signal: options.signal });
    try {
      return await buildOne(file, options, name, own);
    } finally {
      await own.close();
    }
  } catch (err) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const message = `internal error while building this deck (${what}); the previous deck is unchanged`;
    return notBuilt(file, name, dir, "internal-error", message);
  }
}

/** A deck that was not built, with the one error that says why. */
function notBuilt(file: string, name: string, dir: string, code: string, message: string): DeckOutput {
  const diagnostics: Diagnostic[] = [{ severity: "error", code, message, file, line: 1, column: 1 }];
  const result = buildDeck("", { file });
  return { input: file, name, dir, written: false, slides: 0, result, diagnostics, handouts: [] };
}

/** A cached deck's outputs, as the build that wrote them reported them (paths under today's `dir`). */
function fromRecord(output: DeckOutput, record: CacheRecord): void {
  const { dir, input: file } = output;
  Object.assign(output, {
    written: true,
    cached: true,
    slides: record.entry.slides,
    diagnostics: record.diagnostics.map((d) => ({ ...d, file })),
    fit: record.fit,
    pdf: record.pdf && { path: join(dir, record.pdf.file), pages: record.pdf.pages, bytes: record.pdf.bytes },
    handouts: record.handouts.map((h) => ({ layout: h.layout, path: join(dir, h.file), pages: h.pages, bytes: h.bytes })),
    standalone: record.standalone && { path: join(dir, record.standalone.file), bytes: record.standalone.bytes },
  });
}

/** What the deck folder will remember: its outputs by file name, its course index entry, no path. */
function recordOf(output: DeckOutput, key: string, root: string): CacheRecord {
  const { result, pdf, handouts, standalone } = output;
  const downloads = [
    ...(pdf ? [{ file: basename(pdf.path) }] : []),
    ...handouts.map((h) => ({ file: basename(h.path), handout: h.layout })),
  ];
  return {
    key,
    diagnostics: result.diagnostics.map(({ file: _, ...d }) => d),
    media: mediaStamps(result.media, root),
    fit: output.fit,
    pdf: pdf && { file: basename(pdf.path), pages: pdf.pages, bytes: pdf.bytes },
    handouts: handouts.map((h) => ({ layout: h.layout, file: basename(h.path), pages: h.pages, bytes: h.bytes })),
    standalone: standalone && { file: basename(standalone.path), bytes: standalone.bytes },
    entry: courseEntry(result, output.slides, downloads),
  };
}

async function buildOne(file: string, options: FileBuildOptions, name: string, session: BrowserSession | undefined): Promise<DeckOutput> {
  const outDir = options.outDir ?? "dist";
  const dir = join(outDir, name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return notBuilt(file, name, dir, "file-unreadable", `cannot read the article: ${(err as Error).message}`);
  }
  const root = projectRoot(file, options.root);
  const result = buildDeck(bytes, { ...options, file, baseDir: dirname(resolve(file)), root });
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
  const themeCss = chooseTheme(result, file, options);
  // the root is part of the key: the record names media relative to it
  const key = cacheKey([VERSION, JSON.stringify(cacheOptions(options)), root, themeCss, bytes]);
  const cached = options.cache ? readCache(dir, key, root) : undefined;
  if (cached) {
    fromRecord(output, cached);
    return output;
  }
  const watch = stopwatch(result.timings);
  const finalize =
    session && ((options.fit ?? true) || wantsPdf(options))
      ? async (tmp: string) => {
          watch.lap("write");
          await (await import("./browser-steps.js")).browserSteps(tmp, output, options, session);
          watch.reset();
        }
      : undefined;
  try {
    insideDir(outDir, dir);
    await writeDeckFolder(dir, result.html, deckFiles({ themeCss, glyphs: result.glyphs, media: result.media }), async (tmp) => {
      if (finalize) await finalize(tmp);
      if (options.standalone) {
        const { standaloneHtml } = await import("../output/single-file/standalone.js");
        const html = await standaloneHtml(tmp, result.glyphs);
        await writeFile(join(tmp, `${name}.html`), html);
        output.standalone = { path: join(dir, `${name}.html`), bytes: Buffer.byteLength(html) };
        watch.lap("standalone");
      }
      await writeFile(join(tmp, CACHE_FILE), JSON.stringify(recordOf(output, key, root)));
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
  normalizeBase(options.base);
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
      await writeCourseIndex({ outDir, base: options.base, title: options.title, themeCss });
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
