import type { Diagnostics } from "../../diagnostics/collect.js";
import type { DeckMeta } from "../../types.js";
import { detectDialect } from "./detect.js";
import { DIALECTS, type DialectName, type DialectSettings, isDialect } from "./dialect.js";
import { quartoSettings } from "./quarto/settings.js";
import { frameworkTabs } from "./tabs.js";

/** The caller's choice, else front matter `dialect:`, else what the text (and a `.qmd` name) looks like. */
export function resolveDialect(
  text: string,
  meta: DeckMeta,
  forced: { dialect?: string; tab?: string; file?: string },
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
  name ??= detectDialect(text, forced.file);
  if (name === "quarto") return { name, quarto: quartoSettings(text) };
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
