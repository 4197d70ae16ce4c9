import type { Diagnostics } from "../../diagnostics/collect.js";
import type { DeckMeta } from "../../types.js";
import { detectDialect } from "./detect.js";
import { frameworkTabs } from "./tabs.js";

/**
 * The Markdown dialects Lectern reads. GitHub Markdown (footnotes, alerts, task lists, emoji)
 * is the base of every dialect; `d2lbook` and `myst` add their roles and directives on top.
 */
export const DIALECTS = ["gfm", "d2lbook", "myst"] as const;
export type DialectName = (typeof DIALECTS)[number];

/** How one article is read: settled once per build, passed to markdown-it in its `env`. */
export interface DialectSettings {
  readonly name: DialectName;
  /** d2lbook: the framework tab shown (other tabs' code cells and `:begin_tab:` blocks are dropped). */
  readonly tab?: string;
}

export const isDialect = (name: string): name is DialectName => (DIALECTS as readonly string[]).includes(name);

/** The caller's choice, else front matter `dialect:`, else what the text looks like. */
export function resolveDialect(
  text: string,
  meta: DeckMeta,
  forced: { dialect?: string; tab?: string },
  diags: Diagnostics,
): DialectSettings {
  let name: DialectName | undefined;
  if (forced.dialect !== undefined && isDialect(forced.dialect)) name = forced.dialect;
  else if (meta.dialect !== undefined) {
    if (isDialect(meta.dialect)) name = meta.dialect;
    else
      diags.add(
        "warning",
        "dialect-unknown",
        `front matter \`dialect: ${meta.dialect}\` is not one of ${DIALECTS.join(", ")}; detected instead`,
        0,
        0,
      );
  }
  name ??= detectDialect(text);
  if (name !== "d2lbook") return { name };
  const tabs = frameworkTabs(text);
  const wanted = forced.tab ?? meta.tab;
  if (wanted !== undefined && tabs.length && !tabs.includes(wanted)) {
    diags.add(
      "warning",
      "dialect-tab-unknown",
      `tab \`${wanted}\` is not used here (tabs: ${tabs.join(", ")}); showing ${defaultTab(tabs)}`,
      0,
      0,
    );
  }
  const tab = wanted !== undefined && tabs.includes(wanted) ? wanted : defaultTab(tabs);
  return tab === undefined ? { name } : { name, tab };
}

/** `pytorch` when the chapter has it, else its first tab. */
function defaultTab(tabs: readonly string[]): string | undefined {
  return tabs.includes("pytorch") ? "pytorch" : tabs[0];
}

/** The settings of a parse or render `env` (GitHub Markdown when none were given). */
export function dialectOf(env: unknown): DialectSettings {
  return (env as { dialect?: DialectSettings } | undefined)?.dialect ?? { name: "gfm" };
}

/** The settings an article was read with (kept in its meta by readArticle). */
export function settingsOf(meta: DeckMeta): DialectSettings {
  const name = meta.dialect !== undefined && isDialect(meta.dialect) ? meta.dialect : "gfm";
  return meta.tab === undefined ? { name } : { name, tab: meta.tab };
}
