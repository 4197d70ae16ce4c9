/**
 * Find and read a configuration file: `lectern.config.{json,yaml,yml,js,mjs,cjs}` or the
 * `lectern` key of package.json, in the working folder or the nearest folder above it that has
 * one (or the file `--config` names). lilconfig finds and loads it (JavaScript through
 * `import()`), the `yaml` package reads YAML; check.ts checks what it holds.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type LilconfigResult, lilconfig } from "lilconfig";
import { parseDocument } from "yaml";
import { diagnostic } from "../../diagnostics/collect.js";
import type { Diagnostic } from "../../types.js";
import { UsageError } from "../options.js";
import { checkConfig } from "./check.js";
import type { FileConfig } from "./keys.js";
import { keyPositions } from "./positions.js";

export interface LoadedConfig {
  /** The file read, as diagnostics name it (relative to the working folder when inside it); undefined: none found. */
  readonly file: string | undefined;
  /** The folder of the file read (absolute): the project's, where the default paths are too. */
  readonly dir?: string | undefined;
  readonly config: FileConfig;
  /** Unknown keys (warnings), wrong types and unreadable files (errors). */
  readonly diagnostics: Diagnostic[];
}

export const CONFIG_FILES = [
  "package.json",
  "lectern.config.json",
  "lectern.config.yaml",
  "lectern.config.yml",
  "lectern.config.js",
  "lectern.config.mjs",
  "lectern.config.cjs",
] as const;

/** A file that does not load (a syntax error, a script that throws), with where. */
class LoadProblem extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line0 = 0,
    readonly column0 = 0,
  ) {
    super(message);
  }
}

function loadYaml(file: string, content: string): unknown {
  const doc = parseDocument(content);
  const [first] = doc.errors;
  if (first) {
    const pos = first.linePos?.[0];
    const message = (first.message.split("\n")[0] as string).replace(/ at line \d+, column \d+:?$/, "");
    throw new LoadProblem(file, message, (pos?.line ?? 1) - 1, (pos?.col ?? 1) - 1);
  }
  return doc.toJS();
}

function loadJson(file: string, content: string): unknown {
  const text = content.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, at).split("\n");
    throw new LoadProblem(file, message.replace(/ in JSON at position \d+.*$/, ""), before.length - 1, (before.at(-1) ?? "").length);
  }
}

/** A JavaScript configuration: its default export (`module.exports` for CommonJS). */
async function loadScript(file: string): Promise<unknown> {
  try {
    return ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (err) {
    // a syntax error names the file's line in its stack, an error the script threw in its frames
    const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const at = new RegExp(`(?:${quote(pathToFileURL(file).href)}|${quote(file)}):(\\d+)`).exec(String((err as Error).stack));
    const line = Number(at?.[1] ?? 1);
    throw new LoadProblem(file, (err as Error).message.split("\n")[0] as string, line - 1);
  }
}

const searcher = () =>
  lilconfig("lectern", {
    searchPlaces: [...CONFIG_FILES],
    loaders: { ".json": loadJson, ".yaml": loadYaml, ".yml": loadYaml, ".js": loadScript, ".mjs": loadScript, ".cjs": loadScript },
    cache: false,
  });

/** How diagnostics name `path`: relative to `cwd` when inside it. */
const shown = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
};

/**
 * The configuration for a command run in `cwd`: from `explicit` (`--config`, relative to `cwd`)
 * or the nearest file found from `cwd` upward. A `--config` file that does not exist is a
 * UsageError; a file that does not parse or holds a wrong type gives an error diagnostic.
 */
export async function loadConfigFile(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const wanted = explicit === undefined ? undefined : resolve(cwd, explicit);
  let result: LilconfigResult;
  try {
    result = wanted ? await searcher().load(wanted) : await searcher().search(cwd);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (wanted && (code === "ENOENT" || code === "EISDIR")) throw new UsageError(`--config ${explicit}: no such file`);
    if (!(err instanceof LoadProblem)) {
      if (wanted && /loader/i.test((err as Error).message)) {
        throw new UsageError(`--config ${explicit}: use a .json, .yaml, .yml, .js, .mjs or .cjs file, or package.json`);
      }
      throw err;
    }
    const file = shown(cwd, err.file);
    const message = `cannot read the configuration: ${err.message}`;
    return { file, config: {}, diagnostics: [diagnostic(file, "error", "config-invalid", message, err.line0, err.column0)] };
  }
  if (!result || result.isEmpty) return { file: result?.filepath && shown(cwd, result.filepath), config: {}, diagnostics: [] };
  const path = result.filepath;
  const file = shown(cwd, path);
  const isPackage = basename(path) === "package.json";
  const ext = extname(path);
  const text = ext === ".json" || ext === ".yaml" || ext === ".yml" ? await readFile(path, "utf8") : "";
  const positions = keyPositions(text, isPackage ? ["lectern"] : []);
  const value = result.config;
  if (isPackage && value === undefined) throw new UsageError(`--config ${explicit}: package.json has no \`lectern\` key`);
  return { file, dir: dirname(path), ...checkConfig(value, file, dirname(path), positions, isPackage ? "lectern" : "") };
}
