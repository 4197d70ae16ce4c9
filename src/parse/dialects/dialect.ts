import type { DeckMeta } from "../../types.js";
import { type QuartoSettings, quartoSettings } from "./quarto/settings.js";

/**
 * The Markdown dialects Lectern reads. GitHub Markdown (footnotes, alerts, task lists, emoji)
 * is the base of every dialect; `d2lbook` and `myst` add their roles and directives on top,
 * `quarto` its fenced divs, attributes and cells (pandoc Markdown as Quarto writes it);
 * `marp` (Marp/Marpit decks) and `reveal` (reveal.js external Markdown) add their directives,
 * separators and slide attributes.
 */
export const DIALECTS = ["gfm", "d2lbook", "myst", "quarto", "marp", "reveal"] as const;
export type DialectName = (typeof DIALECTS)[number];

/** How one article is read: settled once per build, passed to markdown-it in its `env`. */
export interface DialectSettings {
  readonly name: DialectName;
  /** d2lbook: the framework tab shown (other tabs' code cells and `:begin_tab:` blocks are dropped). */
  readonly tab?: string;
  /** quarto: what its front matter says that Lectern reads (`format: revealjs:` options…). */
  readonly quarto?: QuartoSettings;
}

export const isDialect = (name: string): name is DialectName => (DIALECTS as readonly string[]).includes(name);

/** The settings of a parse or render `env` (GitHub Markdown when none were given). */
export function dialectOf(env: unknown): DialectSettings {
  return (env as { dialect?: DialectSettings } | undefined)?.dialect ?? { name: "gfm" };
}

/** The settings an article was read with (kept in its meta by readArticle; Quarto's read again from its text). */
export function settingsOf(meta: DeckMeta, text = ""): DialectSettings {
  const name = meta.dialect !== undefined && isDialect(meta.dialect) ? meta.dialect : "gfm";
  if (name === "quarto") return { name, quarto: quartoSettings(text) };
  return meta.tab === undefined ? { name } : { name, tab: meta.tab };
}
