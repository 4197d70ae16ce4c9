/** Lectern's library API: the CLI and `serve` are thin shells over these. */
export { buildDeck, planDeck, readArticle } from "./build.js";
export { DEFAULTS } from "./config/defaults.js";
export type { BuildOptions, ResolvedOptions } from "./config/options.js";
export { BUILTIN_THEMES, resolveOptions, UsageError } from "./config/options.js";
export { type RunConfig, type RunOptions, type RunOptions as FileBuildOptions, resolveRun } from "./config/run-config.js";
export { hasErrors } from "./diagnostics/collect.js";
export { formatDiagnostic, summarize } from "./diagnostics/format.js";
export { type IndexOptions, writeCourseIndex } from "./output/course/index.js";
export { VERSION } from "./paths.js";
export type { SlideMetrics } from "./plan/metrics.js";
export { DEFAULT_METRICS } from "./plan/metrics.js";
export { buildFile } from "./run/deck.js";
export { deckNames, expandPaths } from "./run/project.js";
export { buildPaths } from "./run/run.js";
export { type ServeOptions, type Serving, serve } from "./serve/serve.js";
export type * from "./types.js";
