import { parse } from "yaml";

/** The Quarto front matter Lectern reads (the rest is Quarto's own, ignored). */
export interface QuartoSettings {
  /** `incremental: true`: list items appear one at a time (`::: nonincremental` opts a list out). */
  readonly incremental?: boolean;
  /** `smaller: true`: every slide in the smaller type (as `{.smaller}` on each heading). */
  readonly smaller?: boolean;
  /** `footer:` Markdown shown at the foot of every slide that has no `::: footer` of its own. */
  readonly footer?: string;
  /** Front matter strings `{{< meta key >}}` shortcodes read. */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * A reveal.js deck (`format: revealjs`): headings of this level and above start a slide, as
   * Quarto cuts them (`slide-level:`, default 2). Unset for an article (`format: html`…).
   */
  readonly slideLevel?: number;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

type Map = Record<string, unknown>;
const isMap = (v: unknown): v is Map => typeof v === "object" && v !== null && !Array.isArray(v);

/** The YAML front matter as data (its errors are source/front-matter's to report). */
function frontMatter(text: string): Map {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) return {};
  const end = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  if (end < 0) return {};
  try {
    // uniqueKeys off: the package's check compares every pair of keys (source/front-matter checks them)
    const data: unknown = parse(lines.slice(1, end).join("\n"), { maxAliasCount: 100, merge: true, uniqueKeys: false });
    return isMap(data) ? data : {};
  } catch {
    return {};
  }
}

/**
 * What Lectern reads of a Quarto article's front matter: `format: revealjs:` options
 * `incremental`, `smaller`, `footer` (top-level ones too), and the string values `{{< meta >}}`
 * may show. Every other Quarto key is Quarto's and is left alone.
 */
export function quartoSettings(text: string): QuartoSettings {
  const data = frontMatter(text);
  const format = isMap(data.format) ? data.format : {};
  const reveal = isMap(format.revealjs) ? format.revealjs : {};
  const pick = (key: string): unknown => reveal[key] ?? data[key];
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === "string" || typeof value === "number") vars[key] = String(value);
  const out: { -readonly [K in keyof QuartoSettings]: QuartoSettings[K] } = { vars };
  if (typeof pick("incremental") === "boolean") out.incremental = pick("incremental") as boolean;
  if (typeof pick("smaller") === "boolean") out.smaller = pick("smaller") as boolean;
  if (typeof pick("footer") === "string") out.footer = pick("footer") as string;
  if (format.revealjs !== undefined || data.format === "revealjs") {
    const level = pick("slide-level");
    out.slideLevel = typeof level === "number" && Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
  }
  return out;
}

/** `format: revealjs`, or `format:` with a `revealjs:` entry, at the top level of YAML. */
const REVEAL_FORMAT = /^format:[ \t]*(?:["']?revealjs\b|\n(?:[ \t]+\S.*\n|[ \t]*\n)*?[ \t]+["']?revealjs["']?[ \t]*:)/m;

/** The front matter names Quarto's reveal.js format (read without parsing its YAML). */
export function isRevealFormat(text: string): boolean {
  const lines = text.split("\n", 1000);
  if (!FENCE.test(lines[0] ?? "")) return false;
  const end = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  return end > 0 && REVEAL_FORMAT.test(`${lines.slice(1, end).join("\n")}\n`);
}
