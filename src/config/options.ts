import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DIALECTS, isDialect } from "../parse/dialects/dialect.js";
import { THEMES_DIR } from "../paths.js";
import { DEFAULT_METRICS, type SlideMetrics } from "../plan/metrics.js";
import { MAX_THEME_BYTES } from "./defaults.js";

/** Options of one deck build, as a caller writes them. */
export interface BuildOptions {
  /** Name of the article in diagnostics (and the title of last resort). */
  file?: string;
  /** Folder relative image paths resolve against (default: the article's folder). */
  baseDir?: string;
  /** Local files (images) may come only from inside this folder (default: the article's folder). */
  root?: string;
  /** A built-in theme name (`default`, `dark`) or a path to a CSS file; overrides front matter. */
  theme?: string;
  /** Keep degenerate repetition as written instead of collapsing it. */
  keepRepetition?: boolean;
  /**
   * `lead`: a long paragraph shows its lead sentence on the slide and goes whole into the
   * speaker notes (an article becomes a talk); `full` (default): the text stays on slides.
   * Front matter `prose:` decides when this is not given.
   */
  prose?: "lead" | "full";
  /** List items appear one at a time (reveal.js fragments); front matter `fragments:` otherwise. */
  fragments?: boolean;
  /** Trust raw HTML in the article as written (default: filter it through an allowlist). */
  allowHtml?: boolean;
  /** Slide geometry, if a theme changes it. */
  metrics?: Partial<SlideMetrics>;
  /** Markdown dialect (`gfm`, `d2lbook`, `myst`); front matter `dialect:` or detection otherwise. */
  dialect?: string;
  /** d2lbook framework tab to show (`pytorch`…); front matter `tab:` otherwise. */
  tab?: string;
  /** The project's defaults (a configuration file's): an article's front matter overrides them, the options above override both. */
  defaults?: DeckDefaults;
}

/** What a project sets for all its decks and an article's front matter may set for its own. */
export interface DeckDefaults {
  theme?: string;
  prose?: "lead" | "full";
  fragments?: boolean;
  dialect?: string;
  tab?: string;
}

/** Options after validation: complete and frozen. */
export interface ResolvedOptions {
  readonly file: string;
  readonly baseDir: string | undefined;
  readonly root: string | undefined;
  /** Theme name or CSS path given by the caller; front matter may still choose when absent. */
  readonly theme: string | undefined;
  readonly keepRepetition: boolean;
  readonly prose: "lead" | "full" | undefined;
  readonly fragments: boolean | undefined;
  readonly allowHtml: boolean;
  readonly metrics: Readonly<SlideMetrics>;
  readonly dialect: string | undefined;
  readonly tab: string | undefined;
  /** Only the keys set (so that `{ ...defaults, ...frontMatter }` layers them). */
  readonly defaults: Readonly<DeckDefaults>;
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

/**
 * A theme the caller names is trusted wherever it lies (it is the user's own choice, unlike an
 * article's front matter), but only if it is a regular file under the size cap.
 */
function checkTheme(theme: string): void {
  const path = themePath(theme);
  if (!path) throw new UsageError(`theme not found: ${theme} (use ${BUILTIN_THEMES.join(" or ")}, or a path to a .css file)`);
  const info = statSync(path);
  if (!info.isFile()) throw new UsageError(`theme ${theme}: not a regular file`);
  if (info.size > MAX_THEME_BYTES) throw new UsageError(`theme ${theme}: larger than a theme may be (${MAX_THEME_BYTES / 1024} KiB)`);
}

export function resolveOptions(options: BuildOptions = {}): ResolvedOptions {
  if (options.theme !== undefined) checkTheme(options.theme);
  if (options.prose !== undefined && options.prose !== "lead" && options.prose !== "full") {
    throw new UsageError(`prose must be lead or full, not ${String(options.prose)}`);
  }
  if (options.dialect !== undefined && !isDialect(options.dialect)) {
    throw new UsageError(`dialect must be one of ${DIALECTS.join(", ")}, not ${String(options.dialect)}`);
  }
  const defaults = Object.fromEntries(Object.entries(options.defaults ?? {}).filter(([, v]) => v !== undefined)) as DeckDefaults;
  if (defaults.theme !== undefined) checkTheme(defaults.theme);
  if (defaults.prose !== undefined && defaults.prose !== "lead" && defaults.prose !== "full") {
    throw new UsageError(`defaults.prose must be lead or full, not ${String(defaults.prose)}`);
  }
  if (defaults.dialect !== undefined && !isDialect(defaults.dialect)) {
    throw new UsageError(`defaults.dialect must be one of ${DIALECTS.join(", ")}, not ${String(defaults.dialect)}`);
  }
  const metrics = { ...DEFAULT_METRICS, ...(options.metrics ?? {}) };
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
      throw new UsageError(`metrics.${key} must be a positive number`);
  }
  return Object.freeze({
    file: options.file ?? "article.md",
    baseDir: options.baseDir,
    root: options.root,
    theme: options.theme,
    keepRepetition: options.keepRepetition ?? false,
    prose: options.prose,
    fragments: options.fragments,
    allowHtml: options.allowHtml ?? false,
    metrics: Object.freeze(metrics),
    dialect: options.dialect,
    tab: options.tab,
    defaults: Object.freeze(defaults),
  });
}
