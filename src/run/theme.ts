/**
 * The theme of one deck: the caller's (trusted: checked by config), else the article's front
 * matter, else the default. An article's theme and its imports must come from the project root
 * (or be built in); what is refused is reported at the front matter's `theme:` line and the
 * deck falls back to the default theme.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DeckContext } from "../config/deck-context.js";
import { DEFAULTS } from "../config/defaults.js";
import { BUILTIN_THEMES, themePath } from "../config/options.js";
import type { Diagnostics } from "../diagnostics/collect.js";
import { ThemeError, themeCss } from "../output/folder/theme.js";
import type { SourceDoc } from "../types.js";

/** The CSS text of the deck's theme, its imports inlined. */
export function chooseTheme(ctx: DeckContext, source: SourceDoc, notes: Diagnostics): string {
  // the caller's theme, else the article's, else the project's (a configuration file's: trusted too)
  const given = ctx.options.theme ?? (source.meta.theme === undefined ? ctx.options.defaults.theme : undefined);
  const keyLine = given === undefined ? source.text.split("\n", source.bodyLine).findIndex((l) => /^theme\s*:/.test(l)) : -1;
  const report = (severity: "info" | "warning", code: string, message: string) => notes.add(severity, code, message, Math.max(0, keyLine));
  const fallback = () => themeCss(themePath(DEFAULTS.theme) as string, {}).css;
  const wanted = given ?? source.meta.theme;
  if (!wanted) return fallback();
  const local = resolve(dirname(ctx.file), wanted);
  const path =
    given !== undefined || (BUILTIN_THEMES as readonly string[]).includes(wanted)
      ? themePath(wanted)
      : /\.css$/i.test(wanted) && existsSync(local)
        ? local
        : undefined;
  if (!path) {
    report("info", "theme-unknown", `theme \`${wanted}\` is not a Lectern theme; using default`);
    return fallback();
  }
  try {
    const theme = themeCss(path, { root: ctx.root, trusted: given !== undefined });
    for (const p of theme.problems) report("warning", p.code, `theme \`${wanted}\`: ${p.message}`);
    return theme.css;
  } catch (err) {
    if (!(err instanceof ThemeError)) throw err;
    report("warning", err.code, `theme \`${wanted}\` not used (${err.message}); using default`);
    return fallback();
  }
}
