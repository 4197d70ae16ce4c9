import { parseArgs } from "node:util";
import { normalizeBase } from "../config/base.js";
import { CLI_DEFAULTS, DEFAULTS, SERVE_DEFAULTS } from "../config/defaults.js";
import type { DeckDefaults } from "../config/options.js";
import { UsageError } from "../config/options.js";
import type { RunOptions } from "../config/run-config.js";
import { DIALECTS, isDialect } from "../parse/dialects/dialect.js";
import { HANDOUT_LAYOUTS, type HandoutLayout, type Paper } from "../types.js";

function parseHandouts(values: string[]): HandoutLayout[] {
  const out: HandoutLayout[] = [];
  for (const v of values.flatMap((s) => s.split(","))) {
    const layout = (v.trim() === "notes" ? "notes" : Number(v)) as HandoutLayout;
    if (!HANDOUT_LAYOUTS.includes(layout)) throw new UsageError(`--handout ${v}: use notes, 2, 3, 4 or 6`);
    if (!out.includes(layout)) out.push(layout);
  }
  return out;
}

function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${value}: use i/n with 1 ≤ i ≤ n, e.g. --shard 2/4`);
  return { index, count };
}

function parseDialect(value: string | undefined): string | undefined {
  if (value === undefined || isDialect(value)) return value;
  throw new UsageError(`--dialect ${value}: use ${DIALECTS.join(", ")}`);
}

function parseProse(value: string | undefined): "lead" | "full" | undefined {
  if (value === undefined || value === "lead" || value === "full") return value;
  throw new UsageError(`--prose ${value}: use lead or full`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return SERVE_DEFAULTS.port;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port ${value}: use a port number from 0 to 65535`);
  return n;
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs ${value}: use a whole number from 1 to 64`);
  return n;
}

/** `--base`: a URL path or an http(s) URL (checked now, so a bad one stops before any build). */
function parseBase(value: string | undefined): string | undefined {
  normalizeBase(value);
  return value;
}

function parsePaper(value: string | undefined): Paper {
  const v = (value ?? DEFAULTS.paper).toLowerCase();
  if (v !== "a4" && v !== "letter") throw new UsageError(`--paper ${value}: use a4 or letter`);
  return v;
}

export interface CliArgs {
  command: "build" | "serve" | "init" | "help" | "version";
  /** The command whose help `--help` asks for (undefined: the overview). */
  helpFor: "build" | "serve" | "init" | undefined;
  host: string;
  port: number;
  open: boolean;
  paths: string[];
  out: string;
  theme: string | undefined;
  keepRepetition: boolean;
  allowHtml: boolean;
  root: string | undefined;
  prose: "lead" | "full" | undefined;
  fragments: boolean | undefined;
  dialect: string | undefined;
  tab: string | undefined;
  pdf: boolean;
  handouts: HandoutLayout[];
  paper: Paper;
  fit: boolean;
  cache: boolean;
  shard: { index: number; count: number } | undefined;
  base: string | undefined;
  standalone: boolean;
  pptx: boolean;
  title: string | undefined;
  jobs: number;
  browserPath: string | undefined;
  strict: boolean;
  json: boolean;
  timings: boolean;
  /** `--config <file>`: the configuration file to read (else the nearest lectern.config.* or package.json `lectern`). */
  config: string | undefined;
  /** `--quiet`: print errors only. */
  quiet: boolean;
  /** `init --force`: overwrite existing files. */
  force: boolean;
  /** The configuration file's deck settings, which front matter overrides (filled by cli/config-args.ts). */
  defaults: DeckDefaults;
}

export const OPTIONS = {
  out: { type: "string", short: "o" },
  theme: { type: "string", short: "t" },
  "keep-repetition": { type: "boolean" },
  "allow-html": { type: "boolean" },
  root: { type: "string" },
  prose: { type: "string" },
  fragments: { type: "boolean" },
  dialect: { type: "string" },
  tab: { type: "string" },
  pdf: { type: "boolean" },
  handout: { type: "string", multiple: true },
  paper: { type: "string" },
  "no-fit": { type: "boolean" },
  fit: { type: "boolean" },
  host: { type: "string" },
  port: { type: "string" },
  open: { type: "boolean" },
  "no-cache": { type: "boolean" },
  shard: { type: "string" },
  base: { type: "string" },
  standalone: { type: "boolean" },
  pptx: { type: "boolean" },
  title: { type: "string" },
  jobs: { type: "string" },
  "browser-path": { type: "string" },
  strict: { type: "boolean" },
  json: { type: "boolean" },
  timings: { type: "boolean" },
  config: { type: "string", short: "c" },
  quiet: { type: "boolean", short: "q" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The options every command shares, from the command line. */
export function buildOptions(args: CliArgs): RunOptions {
  return {
    outDir: args.out,
    theme: args.theme,
    keepRepetition: args.keepRepetition,
    allowHtml: args.allowHtml,
    root: args.root,
    prose: args.prose,
    fragments: args.fragments,
    dialect: args.dialect,
    tab: args.tab,
    fit: args.fit,
    base: args.base,
    title: args.title,
    browserPath: args.browserPath,
    defaults: args.defaults,
  };
}

const COMMANDS: Record<string, "build" | "serve" | "init"> = { build: "build", pdf: "build", serve: "serve", init: "init" };

/** The command argv names (`pdf` is `build`), when it names one: for the help a usage error points to. */
export function commandOf(argv: readonly string[]): "build" | "serve" | "init" | undefined {
  const [first] = parseArgs({ args: [...argv], allowPositionals: true, strict: false, options: OPTIONS }).positionals;
  return first === undefined ? undefined : COMMANDS[first];
}

/** Node's parse errors, shortened to what is wrong: `unknown option --frob`, `--out needs a value`. */
function parseError(err: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(err.message)?.[1] ?? "";
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && err.message.endsWith("argument missing")) {
    return `${option.replace(/ <value>$/, "")} needs a value`;
  }
  return err.message;
}

/** Parse argv (without node and script). Throws UsageError on anything unknown. */
export function parseCli(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (err) {
    throw new UsageError(parseError(err as Error));
  }
  const { values, positionals } = parsed;
  const base = {
    helpFor: undefined,
    paths: [] as string[],
    out: values.out ?? DEFAULTS.outDir,
    theme: values.theme,
    keepRepetition: values["keep-repetition"] ?? false,
    allowHtml: values["allow-html"] ?? false,
    root: values.root,
    prose: parseProse(values.prose),
    fragments: values.fragments,
    dialect: parseDialect(values.dialect),
    tab: values.tab,
    pdf: values.pdf ?? false,
    handouts: parseHandouts(values.handout ?? []),
    paper: parsePaper(values.paper),
    fit: !(values["no-fit"] ?? false),
    host: values.host ?? SERVE_DEFAULTS.host,
    port: parsePort(values.port),
    open: values.open ?? false,
    cache: values["no-cache"] ? false : CLI_DEFAULTS.cache,
    shard: parseShard(values.shard),
    base: parseBase(values.base),
    standalone: values.standalone ?? false,
    pptx: values.pptx ?? false,
    title: values.title,
    jobs: parseJobs(values.jobs),
    browserPath: values["browser-path"],
    strict: values.strict ?? false,
    json: values.json ?? false,
    timings: values.timings ?? false,
    config: values.config,
    quiet: values.quiet ?? false,
    force: values.force ?? false,
    defaults: {},
  };
  const [command, ...paths] = positionals;
  if (values.help) return { ...base, command: "help", helpFor: command === undefined ? undefined : COMMANDS[command] };
  if (values.version) return { command: "version", ...base };
  if (command === undefined) return { command: "help", ...base };
  if (command === "init") {
    if (paths.length > 1) throw new UsageError(`init takes one folder, not ${paths.length} (e.g. lectern init course/)`);
    return { ...base, command, paths: paths.length ? paths : ["."] };
  }
  if (command === "serve") {
    const fit = values["no-fit"] ? false : (values.fit ?? SERVE_DEFAULTS.fit);
    return { ...base, command, fit, paths: paths.length ? paths : ["slides"] };
  }
  if (command !== "build" && command !== "pdf")
    throw new UsageError(`unknown command: ${command} (use build, pdf, serve or init, e.g. lectern build slides/)`);
  if (values.out === "") throw new UsageError("--out needs a folder");
  return { command: "build", ...base, pdf: base.pdf || command === "pdf", paths: paths.length ? paths : ["slides"] };
}
