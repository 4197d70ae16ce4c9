import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type CourseEntry, type DeckRecord, HANDOUT_LAYOUTS, type HandoutLayout } from "../../types.js";

export const CACHE_FILE = ".lectern.json";

/** Content hash of everything a deck depends on: article, theme, options, Lectern's version. */
export function cacheKey(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part);
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** A local file's path relative to the project root, `/`-separated; undefined when outside it. */
function rootRelative(root: string, path: string): string | undefined {
  const rel = relative(resolve(root), resolve(path));
  if (!rel || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

export function mediaStamps(media: ReadonlyMap<string, string>, root: string): DeckRecord["media"] {
  const out: DeckRecord["media"] = {};
  for (const source of media.values()) {
    const rel = rootRelative(root, source);
    if (rel === undefined) continue; // never copied: media come from inside the root only
    try {
      const s = statSync(source);
      out[rel] = { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      // gone: the record will not match next time
    }
  }
  return out;
}

/** Every file the record says the build wrote beside index.html. */
export const recordedFiles = (r: DeckRecord): string[] =>
  [r.pdf?.file, r.standalone?.file, ...r.handouts.map((h) => h.file)].filter((f): f is string => f !== undefined);

/** The record of a deck folder, or undefined when it has none (not a Lectern deck) or it is malformed. */
export function readRecord(dir: string): DeckRecord | undefined {
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(join(dir, CACHE_FILE), "utf8"));
  } catch {
    return undefined;
  }
  return isRecord(record) ? record : undefined;
}

/** The deck's record when it is still valid for `key` (media resolved under `root`), else undefined. */
export function readCache(dir: string, key: string, root: string): DeckRecord | undefined {
  const record = readRecord(dir);
  if (!record || record.key !== key || !existsSync(join(dir, "index.html"))) return undefined;
  if (!recordedFiles(record).every((f) => existsSync(join(dir, f)))) return undefined;
  for (const [rel, stamp] of Object.entries(record.media)) {
    const s = statSync(join(root, ...rel.split("/")), { throwIfNoEntry: false });
    if (!s || s.size !== stamp.size || s.mtimeMs !== stamp.mtimeMs) return undefined;
  }
  return record;
}

// ---------------------------------------------------------------- shape checks

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const optionalString = (x: unknown) => x === undefined || typeof x === "string";
/** A file name beside index.html: one plain, visible name. */
const isPlainFile = (x: unknown): x is string => typeof x === "string" && x !== "" && !x.startsWith(".") && !/[/\\\0]/.test(x);

function isEntry(x: unknown): x is CourseEntry {
  if (!isObject(x)) return false;
  const { title, subtitle, author, date, lang, slides, sections, downloads } = x;
  return (
    typeof title === "string" &&
    optionalString(subtitle) &&
    optionalString(author) &&
    optionalString(date) &&
    typeof lang === "string" &&
    Number.isInteger(slides) &&
    Array.isArray(sections) &&
    sections.every(
      (s) =>
        isObject(s) && typeof s.title === "string" && (s.hash === undefined || (typeof s.hash === "string" && s.hash.startsWith("#/"))),
    ) &&
    Array.isArray(downloads) &&
    downloads.every(
      (d) => isObject(d) && isPlainFile(d.file) && (d.handout === undefined || HANDOUT_LAYOUTS.includes(d.handout as HandoutLayout)),
    )
  );
}

function isRecord(x: unknown): x is DeckRecord {
  if (!isObject(x)) return false;
  const { key, diagnostics, media, pdf, handouts, standalone, entry } = x;
  return (
    typeof key === "string" &&
    Array.isArray(diagnostics) &&
    isObject(media) &&
    (pdf === undefined || (isObject(pdf) && isPlainFile(pdf.file))) &&
    Array.isArray(handouts) &&
    handouts.every((h) => isObject(h) && isPlainFile(h.file)) &&
    (standalone === undefined || (isObject(standalone) && isPlainFile(standalone.file))) &&
    isEntry(entry)
  );
}
