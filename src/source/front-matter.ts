import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { Diagnostics } from "../diagnostics/collect.js";
import type { DeckMeta } from "../types.js";
import { parseDuration } from "./duration.js";
import { KNOWN_IGNORED } from "./known-keys.js";

export interface FrontMatter {
  meta: DeckMeta;
  body: string;
  /** 0-based line where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Keys that mean something to Lectern, with Marp / reveal-md synonyms mapped on. */
const STRING_KEYS: Record<string, keyof DeckMeta> = {
  title: "title",
  subtitle: "subtitle",
  author: "author",
  authors: "author",
  date: "date",
  lang: "lang",
  language: "lang",
  theme: "theme",
  dialect: "dialect",
  tab: "tab",
};

const DURATION_HINT = "front matter `duration` should be the talk's length: minutes (`45`), `45min`, `1h30m` or `0:45:00`; ignored";

export function emptyMeta(): DeckMeta {
  return { macros: {}, marp: false };
}

/**
 * Split YAML front matter (`---` … `---` or `...`) off the text. Unknown keys get an info
 * diagnostic; a YAML error or an unclosed block gets an error and the text is kept as body.
 */
export function splitFrontMatter(text: string, diags: Diagnostics): FrontMatter {
  const meta = emptyMeta();
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) return { meta, body: text, bodyLine: 0 };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i] as string)) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    diags.add("error", "front-matter-unclosed", "front matter opened here is never closed with `---`; read as Markdown", 0, 0);
    return { meta, body: lines.slice(1).join("\n"), bodyLine: 1 };
  }
  const yaml = lines.slice(1, end).join("\n");
  const body = lines.slice(end + 1).join("\n");
  const read = yaml.trim() === "" ? { data: {}, keyLines: new Map<string, number>() } : readYaml(yaml, diags);
  if (!read || read.data === null || read.data === undefined) return { meta, body, bodyLine: end + 1 };
  if (typeof read.data !== "object" || Array.isArray(read.data)) {
    diags.add("warning", "front-matter-shape", "front matter should be a YAML mapping of keys to values; ignored", 1, 0);
    return { meta, body, bodyLine: end + 1 };
  }
  applyKeys(read.data as Record<string, unknown>, meta, diags, (key) => read.keyLines.get(key) ?? 0);
  return { meta, body, bodyLine: end + 1 };
}

/**
 * Uses of aliases YAML may expand, as the `yaml` package counts them (`maxAliasCount`: an alias
 * of a node that holds aliases counts as many): a billion laughs is refused at its fourth level.
 */
const MAX_ALIASES = 100;

interface YamlRead {
  data: unknown;
  /** Top-level key → 0-based file line (front matter starts on the file's second line). */
  keyLines: Map<string, number>;
}

/** Parse the YAML between the fences; an error (or too much aliasing) is reported at its line. */
function readYaml(yaml: string, diags: Diagnostics): YamlRead | undefined {
  const lineCounter = new LineCounter();
  // uniqueKeys: checked below, in linear time (the package's check compares every pair of keys)
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, merge: true, customTags: ["timestamp"], uniqueKeys: false });
  const report = (message: string, offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    diags.add("error", "front-matter-invalid", message, line, col - 1);
  };
  const [error] = doc.errors;
  if (error) {
    report(`front matter is not valid YAML: ${error.message.split("\n")[0]}`, error.pos[0]);
    return undefined;
  }
  const duplicate = duplicateKey(doc);
  if (duplicate !== undefined) {
    report("front matter is not valid YAML: map keys must be unique", duplicate);
    return undefined;
  }
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const { key } of doc.contents.items) {
      if (isScalar(key) && key.range) keyLines.set(String(key.value), lineCounter.linePos(key.range[0]).line);
    }
  }
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), keyLines };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const excessive = /excessive alias/i.test(reason);
    const message = excessive
      ? `front matter refused: its aliases expand too far (more than ${MAX_ALIASES} uses of an anchor, nested ones multiplied)`
      : `front matter is not valid YAML: ${reason}`;
    report(message, failingKey(doc) ?? 0);
    return undefined;
  }
}

/** Offset of the first key that repeats an earlier key of its mapping. */
function duplicateKey(doc: Document.Parsed): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) {
          found = key.range?.[0] ?? 0;
          return visit.BREAK;
        }
        seen.add(key.value);
      }
      return undefined;
    },
  });
  return found;
}

/** Offset of the first top-level key whose value alone cannot be read (too many aliases, say). */
function failingKey(doc: Document.Parsed): number | undefined {
  if (!isMap(doc.contents)) return undefined;
  for (const { key, value } of doc.contents.items) {
    try {
      if (isNode(value)) value.toJS(doc, { maxAliasCount: MAX_ALIASES });
    } catch {
      return isNode(key) ? key.range?.[0] : undefined;
    }
  }
  return undefined;
}

/** Marp global directives Lectern shows (the rest of Marp's keys are accepted and ignored). */
const MARP_DIRECTIVES = new Set(["header", "footer", "paginate", "class", "backgroundColor", "backgroundImage", "color"]);

/** `headingDivider: 2` (levels 1–2) or `[2, 3]` (exactly those): the levels, or undefined when malformed. */
export function headingLevels(value: unknown): number[] | undefined {
  const ok = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 6;
  if (ok(value)) return Array.from({ length: value }, (_, i) => i + 1);
  if (typeof value === "string" && /^\s*[1-6]\s*$/.test(value)) return headingLevels(Number(value));
  if (Array.isArray(value) && value.length > 0 && value.every(ok)) return [...new Set(value)].sort((a, b) => a - b);
  if (value === false) return [];
  return undefined;
}

function applyKeys(data: Record<string, unknown>, meta: DeckMeta, diags: Diagnostics, lineOf: (key: string) => number): void {
  for (const [key, value] of Object.entries(data)) {
    const target = STRING_KEYS[key];
    if (target) {
      const str = asText(value);
      if (str === undefined) {
        diags.add("warning", "front-matter-value", `front matter \`${key}\` should be text; ignored`, lineOf(key), 0);
      } else {
        (meta as unknown as Record<string, unknown>)[target] = str;
      }
    } else if (key === "headingDivider") {
      const levels = headingLevels(value);
      if (levels) meta.headingDivider = levels;
      else
        diags.add(
          "warning",
          "front-matter-value",
          "front matter `headingDivider` should be a heading level (1–6) or a list of levels; ignored",
          lineOf(key),
          0,
        );
    } else if (MARP_DIRECTIVES.has(key)) {
      const str = asText(value);
      if (str === undefined) diags.add("warning", "front-matter-value", `front matter \`${key}\` should be text; ignored`, lineOf(key), 0);
      else meta.directives = { ...meta.directives, [key]: str };
    } else if ((key === "separator" || key === "verticalSeparator") && typeof value === "string") {
      meta[key] = value;
    } else if (key === "marp") {
      meta.marp = value === true;
    } else if (key === "prose") {
      if (value === "lead" || value === "full") meta.prose = value;
      else diags.add("warning", "front-matter-value", "front matter `prose` should be `lead` or `full`; ignored", lineOf(key), 0);
    } else if (key === "view") {
      if (value === "scroll") meta.view = value;
      else if (value !== "slides")
        diags.add("warning", "front-matter-value", "front matter `view` should be `scroll` or `slides`; ignored", lineOf(key), 0);
    } else if (key === "fragments") {
      if (typeof value === "boolean") meta.fragments = value;
      else diags.add("warning", "front-matter-value", "front matter `fragments` should be true or false; ignored", lineOf(key), 0);
    } else if (key === "duration") {
      const seconds = parseDuration(value, "m");
      if (seconds !== undefined) meta.duration = { seconds, line: lineOf(key) };
      else diags.add("warning", "front-matter-value", DURATION_HINT, lineOf(key), 0);
    } else if (key === "katex" || key === "macros" || key === "math") {
      const macros = readMacros(key, value);
      if (macros === undefined && !(key === "math" && typeof value === "string")) {
        diags.add(
          "warning",
          "front-matter-value",
          `front matter \`${key}\` should map macro names to definitions; ignored`,
          lineOf(key),
          0,
        );
      }
      Object.assign(meta.macros, macros ?? {});
    } else if (!KNOWN_IGNORED.has(key)) {
      diags.add("info", "front-matter-unknown-key", `front matter key \`${key}\` is not used by Lectern`, lineOf(key), 0);
    }
  }
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(", ");
  if (value && typeof value === "object" && typeof (value as { name?: unknown }).name === "string") {
    return (value as { name: string }).name;
  }
  return undefined;
}

/** `macros: {…}`, `katex: { macros: {…} }` or `math: { macros: {…} }`. */
function readMacros(key: string, value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  const table = key === "macros" ? obj : obj.macros;
  if (!table || typeof table !== "object" || Array.isArray(table)) return key === "macros" ? undefined : {};
  const out: Record<string, string> = {};
  for (const [name, def] of Object.entries(table as Record<string, unknown>)) {
    if (typeof def === "string") out[name.startsWith("\\") ? name : `\\${name}`] = def;
  }
  return out;
}
