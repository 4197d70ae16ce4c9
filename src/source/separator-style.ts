import type { Diagnostics } from "../diagnostics/collect.js";
import type { DeckMeta } from "../types.js";
import type { SeparatorStyle } from "./separators.js";

/** Marp cuts at every `---` (longer rules too: no vertical slides in Marp). */
const MARP: SeparatorStyle = Object.freeze({ horizontal: /^-{3,}[ \t]*$/, vertical: null, slideMatter: false });
/** reveal.js external Markdown (reveal-md's defaults and the reveal.js docs' `--`). */
const REVEAL_H = /^---[ \t]*$/;
const REVEAL_V = /^(?:--|----)[ \t]*$/;

type Separator = { line: RegExp } | { blank: number };

/** How the article's dialect cuts it into slides (`quarto-revealjs`: a Quarto deck, cut at `---` too). */
export function separatorStyle(dialect: string, meta: DeckMeta, diags: Diagnostics): SeparatorStyle {
  if (dialect === "marp" || dialect === "quarto-revealjs") return MARP;
  if (dialect !== "reveal") return {};
  const read = (key: "separator" | "verticalSeparator"): Separator | undefined => {
    const spec = meta[key];
    if (spec === undefined) return undefined;
    const sep = revealSeparator(spec);
    if (!sep)
      diags.add(
        "warning",
        "separator-unsupported",
        `\`${key}: ${spec}\` is not a separator Lectern can read (a line, or blank lines); the default is used`,
        0,
        0,
      );
    return sep;
  };
  const h = read("separator") ?? { line: REVEAL_H };
  const v = read("verticalSeparator") ?? { line: REVEAL_V };
  const blank: NonNullable<SeparatorStyle["blank"]> = {};
  if ("blank" in h) blank.horizontal = h.blank;
  if ("blank" in v) blank.vertical = v.blank;
  return {
    horizontal: "line" in h ? h.line : /(?!)/,
    vertical: "line" in v ? v.line : null,
    strict: true,
    slideMatter: false,
    ...(Object.keys(blank).length ? { blank } : {}),
  };
}

/**
 * A reveal.js / reveal-md separator (a regular expression over the whole text) as Lectern reads
 * it: a line alone (`^\r?\n---\r?\n$`, `<!--s-->`) or a run of blank lines (`^\n\n\n`: three).
 * Anything else (alternatives, classes, repeats) is not run as a pattern: undefined.
 */
export function revealSeparator(spec: string): Separator | undefined {
  const s = spec
    .replace(/\\n/g, "\n")
    .replace(/\((?:\\r|\r)\n\?\|\n\)|\(\n\|(?:\\r|\r)\n\?\)/g, "\n")
    .replace(/(?:\\r|\r)\??/g, "")
    .replace(/^\^/, "")
    .replace(/\$$/, "");
  const core = s.replace(/^\n+|\n+$/g, "");
  if (core === "") return s.length > 0 ? { blank: s.length } : undefined;
  if (core.includes("\n") || /(?<!\\)[[\](){}|*+?^$]/.test(core)) return undefined;
  const literal = core.replace(/\\(.)/g, "$1").trim();
  if (!literal) return undefined;
  return { line: new RegExp(`^[ \\t]*${literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[ \\t]*$`) };
}
