/**
 * A run's options, resolved once: `resolveRun` validates what the caller wrote, fills every
 * default from `DEFAULTS` and returns a frozen `RunConfig` that the run, every deck step and
 * `serve` receive. Nothing downstream re-reads or re-defaults a caller's options.
 */
import { HANDOUT_LAYOUTS, type HandoutLayout, type Paper, type ProgressEvent } from "../types.js";
import { normalizeBase } from "./base.js";
import { DEFAULTS } from "./defaults.js";
import { type BuildOptions, type ResolvedOptions, resolveOptions, UsageError } from "./options.js";

/** Options of a run over article files, as a caller writes them (the library API and the CLI). */
export interface RunOptions extends Omit<BuildOptions, "file" | "baseDir"> {
  /** Output folder; each deck goes to `<outDir>/<deck>/` (default `dist`). */
  outDir?: string;
  /** Treat warnings as failures. */
  strict?: boolean;
  /** Measure slides in a browser and re-plan what overflows (default true; skipped with a note when no browser). */
  fit?: boolean;
  /** Also print `<deck>/<deck>.pdf` (needs a browser). */
  pdf?: boolean;
  /** Handouts to print beside the PDF: `notes` (slide + notes per page) and/or 2, 3, 4, 6 slides per page. */
  handouts?: readonly HandoutLayout[];
  /** Paper for handouts (default a4). */
  paper?: Paper;
  /** Chrome/Chromium to use (else env, system, Puppeteer's cache, npm-shipped). */
  browserPath?: string;
  /** Milliseconds for launching the browser and for each wait in it (default 60 s). */
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
  /** Also write `<deck>/<deck>.pptx`: an editable PowerPoint file laid out as the fit measured (needs a browser). */
  pptx?: boolean;
  /** Write the course index `<outDir>/index.html` (default true). */
  index?: boolean;
  /** URL path the output is served from (`/courses/ml/`): the index's links start with it. */
  base?: string;
  /** Course title on the index page. */
  title?: string;
  /** Aborting it stops the run: the browser closes, no further deck starts, temporary folders go. */
  signal?: AbortSignal;
  /** Hears each deck start, each of its steps start and each deck end (a CLI's progress display). */
  onProgress?: (event: ProgressEvent) => void;
}

/** A run's options after `resolveRun`: complete, validated, frozen. */
export interface RunConfig {
  readonly outDir: string;
  readonly strict: boolean;
  readonly fit: boolean;
  readonly pdf: boolean;
  readonly handouts: readonly HandoutLayout[];
  readonly paper: Paper;
  readonly browserPath: string | undefined;
  readonly timeout: number;
  readonly cache: boolean;
  readonly writeOnErrors: boolean;
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  readonly jobs: number;
  readonly standalone: boolean;
  readonly pptx: boolean;
  readonly index: boolean;
  /** Normalised (`/courses/ml/`), or undefined for relative links. */
  readonly base: string | undefined;
  readonly title: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  /** The front half's options every deck shares (each deck adds its file, folder and root). */
  readonly build: ResolvedOptions;
  /** A PDF or handouts are asked for. */
  readonly wantsPdf: boolean;
  /** Some step needs the browser (the fit, printing, or the PPTX). */
  readonly usesBrowser: boolean;
}

const positiveInt = (name: string, n: number): number => {
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of at least 1, not ${String(n)}`);
  return n;
};

/** Validate `options` and fill every default: the one place a run's options are read. */
export function resolveRun(options: RunOptions = {}): RunConfig {
  const build = resolveOptions(options);
  const handouts = [...new Set(options.handouts ?? DEFAULTS.handouts)];
  for (const h of handouts) {
    if (!HANDOUT_LAYOUTS.includes(h)) throw new UsageError(`handout must be one of ${HANDOUT_LAYOUTS.join(", ")}, not ${String(h)}`);
  }
  const paper = options.paper ?? DEFAULTS.paper;
  if (paper !== "a4" && paper !== "letter") throw new UsageError(`paper must be a4 or letter, not ${String(paper)}`);
  const shard = options.shard;
  if (shard && positiveInt("shard index", shard.index) > positiveInt("shard count", shard.count)) {
    throw new UsageError(`shard ${shard.index}/${shard.count}: the index must be between 1 and the count`);
  }
  const timeout = options.timeout ?? DEFAULTS.timeout;
  if (!(timeout > 0)) throw new UsageError(`timeout must be a positive number of milliseconds, not ${String(timeout)}`);
  const pdf = options.pdf ?? DEFAULTS.pdf;
  const fit = options.fit ?? DEFAULTS.fit;
  const wantsPdf = pdf || handouts.length > 0;
  const pptx = options.pptx ?? DEFAULTS.pptx;
  return Object.freeze({
    outDir: options.outDir ?? DEFAULTS.outDir,
    strict: options.strict ?? DEFAULTS.strict,
    fit,
    pdf,
    handouts: Object.freeze(handouts),
    paper,
    browserPath: options.browserPath,
    timeout,
    cache: options.cache ?? DEFAULTS.cache,
    writeOnErrors: options.writeOnErrors ?? DEFAULTS.writeOnErrors,
    shard: shard && Object.freeze({ index: shard.index, count: shard.count }),
    jobs: positiveInt("jobs", options.jobs ?? DEFAULTS.jobs),
    standalone: options.standalone ?? DEFAULTS.standalone,
    pptx,
    index: options.index ?? DEFAULTS.index,
    base: normalizeBase(options.base),
    title: options.title?.trim() || undefined,
    signal: options.signal,
    onProgress: options.onProgress,
    build,
    wantsPdf,
    usesBrowser: fit || wantsPdf || pptx,
  });
}
