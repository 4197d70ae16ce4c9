import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../types.js";

/** What a built deck folder remembers about how it was made (`<deck>/.lectern.json`). */
export interface CacheRecord {
  key: string;
  slides: number;
  diagnostics: Diagnostic[];
  /** Local files the deck copied, with what they were then (a changed image rebuilds). */
  media: Record<string, { size: number; mtimeMs: number }>;
  /** Files the build wrote beside index.html (PDF, handouts), which must still be there. */
  outputs: string[];
  extra: Record<string, unknown>;
}

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

export function mediaStamps(media: ReadonlyMap<string, string>): CacheRecord["media"] {
  const out: CacheRecord["media"] = {};
  for (const source of media.values()) {
    try {
      const s = statSync(source);
      out[source] = { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      // gone: the record will not match next time
    }
  }
  return out;
}

/** The deck's record when it is still valid for `key`, else undefined. */
export function readCache(dir: string, key: string): CacheRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(join(dir, CACHE_FILE), "utf8")) as CacheRecord;
    if (record.key !== key || !existsSync(join(dir, "index.html"))) return undefined;
    if (!record.outputs.every((f) => existsSync(join(dir, f)))) return undefined;
    for (const [source, stamp] of Object.entries(record.media)) {
      const s = statSync(source, { throwIfNoEntry: false });
      if (!s || s.size !== stamp.size || s.mtimeMs !== stamp.mtimeMs) return undefined;
    }
    return record;
  } catch {
    return undefined;
  }
}
