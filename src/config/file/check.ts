/**
 * Check a configuration file's value against CONFIG_KEYS: an unknown key is a warning (and
 * ignored), a value of the wrong type an error; both name the file, the key and its line.
 * Paths are made absolute from the file's folder.
 */
import { isAbsolute, resolve } from "node:path";
import { createDiagnostics } from "../../diagnostics/collect.js";
import type { Diagnostic } from "../../types.js";
import { normalizeBase } from "../base.js";
import { BUILTIN_THEMES, themePath } from "../options.js";
import { CONFIG_KEYS, type FileConfig, isConfigKey, type KeyKind } from "./keys.js";
import type { KeyPositions } from "./positions.js";

export interface CheckedConfig {
  readonly config: FileConfig;
  readonly diagnostics: Diagnostic[];
}

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? "a list" : String(v));

/** The key meant, when an unknown key is a near miss (`outDir` → `out`, `keep-repetition` → `keepRepetition`). */
function suggestion(key: string): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const k = plain(key);
  return Object.keys(CONFIG_KEYS).find((c) => {
    const p = plain(c);
    return p === k || (Math.min(p.length, k.length) >= 3 && (p.startsWith(k) || k.startsWith(p)));
  });
}

/** The value, converted, or a string saying what it should be. */
function convert(kind: KeyKind, value: unknown, dir: string): { ok: unknown } | { want: string } {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  switch (kind.type) {
    case "boolean":
      return typeof value === "boolean" ? { ok: value } : { want: "true or false" };
    case "string":
      return typeof value === "string" ? { ok: value } : { want: "a string" };
    case "path":
      return typeof value === "string" && value !== "" ? { ok: abs(value) } : { want: "a path (a string)" };
    case "paths": {
      const list = typeof value === "string" ? [value] : value;
      if (!Array.isArray(list) || !list.length || !list.every((p) => typeof p === "string" && p !== "")) {
        return { want: "a path or a list of paths" };
      }
      return { ok: (list as string[]).map(abs) };
    }
    case "theme": {
      if (typeof value !== "string") return { want: `${BUILTIN_THEMES.join(", ")} or a path to a .css file` };
      if ((BUILTIN_THEMES as readonly string[]).includes(value)) return { ok: value };
      const file = abs(value);
      return themePath(file) ? { ok: file } : { want: `${BUILTIN_THEMES.join(", ")} or a path to an existing .css file` };
    }
    case "enum":
      return typeof value === "string" && kind.values.includes(value) ? { ok: value } : { want: `one of ${kind.values.join(", ")}` };
    case "list": {
      const list = Array.isArray(value) ? value : [value];
      const want = `a list of ${kind.values.join(", ")}`;
      return list.every((v) => kind.values.includes(v as string | number)) ? { ok: [...new Set(list)] } : { want };
    }
    case "integer":
      return typeof value === "number" && Number.isInteger(value) && value >= kind.min && value <= kind.max
        ? { ok: value }
        : { want: `a whole number from ${kind.min} to ${kind.max}` };
  }
}

/**
 * `value` as read from `file` (its folder `dir`); `positions` are the lines of its keys (none
 * for a JavaScript file). `where` names the object in the file (`lectern` in package.json).
 */
export function checkConfig(value: unknown, file: string, dir: string, positions: KeyPositions, where = ""): CheckedConfig {
  const notes = createDiagnostics(file);
  const config: Record<string, unknown> = {};
  const at = (key: string) => positions.get(key) ?? { line0: 0, column0: 0 };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    notes.add(
      "error",
      "config-invalid",
      `the configuration${where ? ` \`${where}\`` : ""} must be an object of settings, not ${show(value)}`,
      0,
    );
    return { config, diagnostics: notes.list };
  }
  for (const [key, raw] of Object.entries(value)) {
    const { line0, column0 } = at(key);
    const name = where ? `${where}.${key}` : key;
    if (key === "$schema") continue;
    if (!isConfigKey(key)) {
      const near = suggestion(key);
      notes.add(
        "warning",
        "config-unknown-key",
        `unknown key \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ""}; ignored`,
        line0,
        column0,
      );
      continue;
    }
    if (raw === undefined || raw === null) continue;
    const converted = convert(CONFIG_KEYS[key].kind, raw, dir);
    if ("want" in converted) {
      notes.add("error", "config-type", `\`${name}\` must be ${converted.want}, not ${show(raw)}`, line0, column0);
      continue;
    }
    if (key === "base") {
      try {
        normalizeBase(converted.ok as string);
      } catch (err) {
        notes.add("error", "config-type", `\`${name}\`: ${(err as Error).message}`, line0, column0);
        continue;
      }
    }
    config[key] = converted.ok;
  }
  return { config: config as FileConfig, diagnostics: notes.list };
}
