/**
 * Measurements of earlier builds, by slide: a slide whose key is unchanged lays out exactly as
 * it did, so the fit reuses its measure instead of laying it out in the browser again. The key
 * holds everything its layout depends on: the slide's own HTML (and the images it shows), the
 * page around the slides (head, inline CSS, `lang`), every CSS file and font file of the deck
 * (theme, KaTeX, reveal.js, the font slices), the slide size and metrics, the measuring code,
 * Lectern's and Chromium's versions — and, when the theme styles a slide by its place among
 * the others (`:nth-child`, `+`, counters), its place.
 */
import { createHash } from "node:crypto";
import { type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { VERSION } from "../paths.js";
import type { SlideMetrics } from "../plan/metrics.js";
import type { SlideMeasure } from "./measure.js";
import { type DeckSections, type SlideSection, slideText } from "./sections.js";

/** What the fit needs of one slide's layout: content, limit, body, overflowX (fit/measure). */
export type Measured = readonly [content: number, limit: number, body: number, overflowX: number];

/** Measurements by slide key. */
export type MeasureEntries = ReadonlyMap<string, Measured>;

/** Where a deck folder keeps the measurements of the build that wrote it. */
export const MEASURES_FILE = ".lectern-measures.json";
const FORMAT = 1;

/** Measurements kept across the rebuilds of a long-lived process (`serve`), one set per deck folder. */
export interface MeasureStore {
  get(dir: string): MeasureEntries | undefined;
  /** The measurements the deck's latest fit used (they replace the previous ones: nothing piles up). */
  set(dir: string, entries: MeasureEntries): void;
}

export function measureStore(): MeasureStore {
  const decks = new Map<string, MeasureEntries>();
  return { get: (dir) => decks.get(dir), set: (dir, entries) => void decks.set(dir, entries) };
}

export const toMeasured = (m: SlideMeasure): Measured => [m.content, m.limit, m.body, m.overflowX];
export const fromMeasured = (slide: number, [content, limit, body, overflowX]: Measured): SlideMeasure => ({
  slide,
  content,
  limit,
  body,
  overflowX,
});

const digest = (parts: readonly (string | Uint8Array)[]): string => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("base64url");
};

/** CSS without its comments. */
const uncommented = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, "");

/** A compound selector that can match a slide or a stack (the deck's own sections). */
const SLIDE_COMPOUND = /^section(?![\w-])|\.lectern-(?:slide|agenda|stack|section-slide|title-slide)(?![\w-])/;
/** Lectern's own counters, each reset inside a slide (the agenda's list, a code block's lines). */
const OWN_COUNTERS = new Set(["lectern-agenda", "lectern-line", "lectern-page", "list-item", "none"]);

/**
 * A selector picks a slide by its place among the other slides (`:nth-child`, `+`, `~` at a
 * slide or stack), or by what is around it (`:has()` at a slide or above it).
 */
function placedSelector(selector: string): boolean {
  const tokens = selector
    .replace(/\[[^\]]*\]/g, "[]")
    .replace(/\([^()]*\)/g, "()")
    .replace(/\s*([>+~])\s*/g, " $1 ")
    .trim()
    .split(/\s+/);
  let last = -1;
  tokens.forEach((t, i) => {
    if (SLIDE_COMPOUND.test(t)) last = i;
    // what `.slides` holds are sections, whatever the selector calls them
    if (/\.slides(?![\w-])/.test(t)) last = Math.max(last, tokens[i + 1] === ">" ? i + 2 : i + 1);
  });
  return tokens.slice(0, last + 2).some((t, i) => ((t === "+" || t === "~") && i > 0) || (i <= last && /:nth-|:has\(/.test(t)));
}

/**
 * The theme styles slides by their place among the others: `:nth-child`, a sibling
 * combinator or `:has()` at a slide, a counter of its own (which can count across slides), or
 * the slide attributes Lectern numbers. Then a slide's place is part of its key, and it is
 * measured in the whole page. (Being first or last in its stack, `:first-child`, is always in
 * the key.)
 */
export function positional(themeCss: string): boolean {
  const css = uncommented(themeCss);
  if (/data-lectern-(?:slide|line)/.test(css)) return true;
  for (const m of css.matchAll(/counter-(?:increment|set)\s*:\s*([^;}]*)/g)) {
    const names = (m[1] ?? "").split(/\s+/).filter((n) => /^[a-z_-][\w-]*$/i.test(n));
    if (names.some((n) => !OWN_COUNTERS.has(n))) return true;
  }
  for (const rule of css.matchAll(/([^{}]*)\{[^{}]*\}/g)) {
    if ((rule[1] ?? "").split(",").some(placedSelector)) return true;
  }
  return false;
}

/** Every file under `dir/assets`: CSS by content, fonts and scripts by name and size. */
export function assetsPrint(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(at, e.name);
      if (e.isDirectory()) walk(path);
      else {
        const rel = relative(dir, path).split(sep).join("/");
        out.push(rel, /\.css$/i.test(e.name) ? digest([readFileSync(path)]) : String(statSync(path).size));
      }
    }
  };
  walk(join(dir, "assets"));
  return out;
}

/**
 * What `assetsPrint` will read of a deck folder once these files are written into it: a
 * folder whose print equals it holds the same assets (serve fits a deck before writing it).
 */
export function filesPrint(files: readonly ({ path: string; from: string } | { path: string; text: string })[]): string[] {
  const under = files.filter((f) => f.path.startsWith("assets/"));
  const parts = (p: string) => p.split("/");
  const before = (a: string[], b: string[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
    return a.length - b.length;
  };
  const out: string[] = [];
  for (const f of [...under].sort((a, b) => before(parts(a.path), parts(b.path)))) {
    const css = /\.css$/i.test(f.path);
    const data = "text" in f ? Buffer.from(f.text) : undefined;
    if (css) out.push(f.path, digest([data ?? readFileSync((f as { from: string }).from)]));
    else out.push(f.path, String(data ? data.length : statSync((f as { from: string }).from).size));
  }
  return out;
}

/** The key of every slide of one deck page: `dir` holds the page's assets; `media` maps deck paths to their sources. */
export interface KeyContext {
  dir: string;
  metrics: SlideMetrics;
  browserVersion: string;
  /** The measuring code and stylesheet (a change in Lectern's own measuring invalidates). */
  measuring: string;
  themeCss: string;
  media: ReadonlyMap<string, string>;
  /** `assetsPrint(dir)`, when the caller has it already. */
  assets?: readonly string[];
}

/** A function from (page, slide) to the slide's key, for the pages of one fit. */
export function slideKeys(k: KeyContext): (html: string, sections: DeckSections, slide: SlideSection) => string {
  const place = positional(k.themeCss);
  const base = digest([VERSION, k.browserVersion, JSON.stringify(k.metrics), k.measuring, ...(k.assets ?? assetsPrint(k.dir))]);
  const stamps = [...k.media]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, from]) => {
      const s = statSync(from, { throwIfNoEntry: false });
      return `${path}:${s ? `${s.size}:${s.mtimeMs}` : "gone"}`;
    })
    .join("\n");
  let shell: { text: string; key: string } | undefined;
  return (html, sections, slide) => {
    if (shell?.text !== sections.shell) shell = { text: sections.shell, key: digest([base, sections.shell]) };
    const text = slideText(html, slide);
    const where = `${slide.edge}${place ? `/${slide.index}/${sections.slides.length}/${slide.at}/${slide.of}` : ""}`;
    return digest([shell.key, where, text.includes("media/") ? stamps : "", text]);
  };
}

// ---------------------------------------------------------------- on disk

const isMeasured = (x: unknown): x is Measured => Array.isArray(x) && x.length === 4 && x.every((n) => Number.isFinite(n));

/** The measurements a deck folder kept, or an empty set (none, unreadable, another format). */
export function readMeasures(dir: string): MeasureEntries {
  try {
    const data = JSON.parse(readFileSync(join(dir, MEASURES_FILE), "utf8")) as { format?: unknown; entries?: unknown };
    if (data.format !== FORMAT || typeof data.entries !== "object" || data.entries === null) return new Map();
    return new Map(Object.entries(data.entries).filter((e): e is [string, Measured] => isMeasured(e[1])));
  } catch {
    return new Map();
  }
}

export async function writeMeasures(dir: string, entries: MeasureEntries): Promise<void> {
  await writeFile(join(dir, MEASURES_FILE), JSON.stringify({ format: FORMAT, entries: Object.fromEntries(entries) }));
}
