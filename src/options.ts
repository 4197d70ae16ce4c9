import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { THEMES_DIR } from "./paths.js";
import { DEFAULT_METRICS, type SlideMetrics } from "./plan/metrics.js";

/** Options of one deck build, as a caller writes them. */
export interface BuildOptions {
  /** Name of the article in diagnostics (and the title of last resort). */
  file?: string;
  /** Folder relative image paths resolve against (default: the article's folder). */
  baseDir?: string;
  /** A built-in theme name (`default`, `dark`) or a path to a CSS file; overrides front matter. */
  theme?: string;
  /** Keep degenerate repetition as written instead of collapsing it. */
  keepRepetition?: boolean;
  /** Slide geometry, if a theme changes it. */
  metrics?: Partial<SlideMetrics>;
}

/** Options after validation: complete and frozen. */
export interface ResolvedOptions {
  readonly file: string;
  readonly baseDir: string | undefined;
  /** Theme name or CSS path given by the caller; front matter may still choose when absent. */
  readonly theme: string | undefined;
  readonly keepRepetition: boolean;
  readonly metrics: Readonly<SlideMetrics>;
}

/** A mistake in how Lectern was called (not in an article): the CLI exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const BUILTIN_THEMES = ["default", "dark"] as const;

/** Path of a theme's CSS, or undefined when the name is neither built in nor a file. */
export function themePath(theme: string): string | undefined {
  if ((BUILTIN_THEMES as readonly string[]).includes(theme)) return join(THEMES_DIR, `${theme}.css`);
  if (/\.css$/i.test(theme) && existsSync(theme)) return resolve(theme);
  return undefined;
}

export function resolveOptions(options: BuildOptions = {}): ResolvedOptions {
  if (options.theme !== undefined && !themePath(options.theme)) {
    throw new UsageError(`theme not found: ${options.theme} (use ${BUILTIN_THEMES.join(" or ")}, or a path to a .css file)`);
  }
  const metrics = { ...DEFAULT_METRICS, ...(options.metrics ?? {}) };
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
      throw new UsageError(`metrics.${key} must be a positive number`);
  }
  return Object.freeze({
    file: options.file ?? "article.md",
    baseDir: options.baseDir,
    theme: options.theme,
    keepRepetition: options.keepRepetition ?? false,
    metrics: Object.freeze(metrics),
  });
}
