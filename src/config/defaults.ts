/**
 * Every default of a run, stated once. `resolveRun` (config/run-config.ts) fills a caller's
 * options from here; no other module writes `?? <default>` for a run option.
 */
import type { HandoutLayout, Paper } from "../types.js";

export const DEFAULTS = Object.freeze({
  /** The theme of a deck whose caller and front matter name none (also the course index's). */
  theme: "default",
  /** Output folder; each deck goes to `<outDir>/<deck>/`. */
  outDir: "dist",
  strict: false,
  /** Measure slides in a browser and re-plan what overflows. */
  fit: true,
  pdf: false,
  handouts: Object.freeze([]) as readonly HandoutLayout[],
  paper: "a4" as Paper,
  /** Milliseconds for launching the browser and for each wait in it. */
  timeout: 60_000,
  cache: false,
  /** Write a deck even when it has errors (`serve` keeps the last good deck instead). */
  writeOnErrors: true,
  jobs: 1,
  standalone: false,
  /** Also write `<deck>/<deck>.pptx`. */
  pptx: false,
  /** Write the course index `<outDir>/index.html`. */
  index: true,
});

/**
 * `serve`'s own defaults, where a live preview differs from a build. It fits as `build` does
 * (one deck everywhere: the same slides, numbers and layout as the build and its PDF; `--no-fit`
 * shows the estimate), cheaply: its browser stays open and a rebuild measures only the slides
 * that changed (fit/cache).
 */
export const SERVE_DEFAULTS = Object.freeze({
  fit: true,
  host: "127.0.0.1",
  port: 8080,
});

/** The CLI's own defaults, where a command line differs from the library: it reuses unchanged decks. */
export const CLI_DEFAULTS = Object.freeze({
  cache: true,
});

/** The largest theme (imports included) Lectern reads. */
export const MAX_THEME_BYTES = 1024 * 1024;
