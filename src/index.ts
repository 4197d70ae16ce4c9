/** Lectern's library API: the CLI is a thin shell over these. */
export { buildDeck, planDeck, readArticle } from "./build.js";
export type { DeckOutput, FileBuildOptions, RunResult } from "./build-files.js";
export { buildFile, buildPaths, expandPaths } from "./build-files.js";
export { hasErrors } from "./diagnostics/collect.js";
export { formatDiagnostic, summarize } from "./diagnostics/format.js";
export { type IndexOptions, writeCourseIndex } from "./export/course-index.js";
export type { BuildOptions, ResolvedOptions } from "./options.js";
export { BUILTIN_THEMES, resolveOptions, UsageError } from "./options.js";
export { VERSION } from "./paths.js";
export type { SlideMetrics } from "./plan/metrics.js";
export { DEFAULT_METRICS } from "./plan/metrics.js";
export { type ServeOptions, type Serving, serve } from "./serve/serve.js";
export type * from "./types.js";
