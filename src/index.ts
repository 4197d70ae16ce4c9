/** Lectern's library API: the CLI is a thin shell over these. */
export { buildDeck, planDeck, readArticle } from "./build.js";
export type { DeckOutput, FileBuildOptions, RunResult } from "./run/deck.js";
export { buildFile, buildPaths, expandPaths } from "./run/deck.js";
export { hasErrors } from "./diagnostics/collect.js";
export { formatDiagnostic, summarize } from "./diagnostics/format.js";
export { type IndexOptions, writeCourseIndex } from "./output/course/index.js";
export type { BuildOptions, ResolvedOptions } from "./config/options.js";
export { BUILTIN_THEMES, resolveOptions, UsageError } from "./config/options.js";
export { VERSION } from "./paths.js";
export type { SlideMetrics } from "./plan/metrics.js";
export { DEFAULT_METRICS } from "./plan/metrics.js";
export { type ServeOptions, type Serving, serve } from "./serve/serve.js";
export type * from "./types.js";
