import { parseArgs } from "node:util";
import { normalizeBase } from "../config/base.js";
import { CLI_DEFAULTS, DEFAULTS, SERVE_DEFAULTS } from "../config/defaults.js";
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

export const HELP = `Usage: lectern build [paths…] [options]
       lectern pdf [paths…] [options]      (the same as build --pdf)
       lectern serve [paths…] [--host h] [--port p] [--open] [--fit]

Turn Markdown articles into reveal.js slide decks (HTML, KaTeX math, offline assets).
Folders expand to the .md and .txt articles inside them. Default path: slides/

Options:
  -o, --out <dir>        output folder (default: dist); each deck goes to <dir>/<name>/
  -t, --theme <theme>    default | dark | path/to/theme.css (overrides front matter)
      --pdf              also print <dir>/<name>/<name>.pdf (one page per slide)
      --handout <layouts> handouts beside the PDF: notes, 2, 3, 4, 6 (comma-separated;
                         notes = slide + speaker notes per page, N = slides per page)
      --paper <size>     handout paper: a4 (default) or letter
      --no-fit           skip measuring slides in a browser (layout on the estimate only)
      --browser-path <p> Chrome/Chromium to use (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH,
                         the system's Chromium, Puppeteer's cache, the npm-shipped Chromium)
      --no-cache         rebuild every deck (by default a deck whose article, theme,
                         images and options are unchanged is left as it is)
      --standalone       also write <dir>/<name>/<name>.html: one self-contained file
      --base <path>      URL path the output is served from (links in dist/index.html start with it)
      --title <text>     course title on the index page dist/index.html
      --shard <i/n>      build only the i-th of n deterministic parts of the decks
      --jobs <n>         decks built at once (one browser, several pages; default 1)
      --prose <mode>     lead: long paragraphs show their lead sentence, the whole text goes to
                         the speaker notes; full (default): the text stays on the slides
      --fragments        list items appear one at a time
      --dialect <d>      read articles as gfm, d2lbook or myst (default: detected per article)
      --tab <name>       d2lbook: the framework tab of code cells to show (default pytorch, or the first)
      --root <dir>       folder local images may come from (default: each article's folder)
      --allow-html       trust raw HTML in articles (default: filter it through an allowlist)
      --keep-repetition  keep degenerate repeated enumerations as written
      --strict           treat warnings as errors (exit 1)
      --json             print diagnostics and results as JSON on stdout
      --timings          print the time each deck spent in each stage (parse, plan, render,
                         write, browser, fit, print, pdf-finish, …)
  -h, --help             show this help
  -v, --version          show the version

Serve: builds the decks, serves them (127.0.0.1:8080 or the next free port) and rebuilds
the deck whose article, images or theme change; open pages reload on the same slide.
      --host <h>         address to listen on (default 127.0.0.1: this machine only)
      --port <p>         port (default 8080; the next free one when taken)
      --open             open the first deck in the default browser
      --fit              measure slides in a browser on every rebuild (slower)

Exit codes: 0 built, 1 build errors (or warnings with --strict), 2 usage error,
3 a browser was needed (--pdf) and none was found.
`;

export interface CliArgs {
  command: "build" | "serve" | "help" | "version";
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
  title: string | undefined;
  jobs: number;
  browserPath: string | undefined;
  strict: boolean;
  json: boolean;
  timings: boolean;
}

const OPTIONS = {
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
  title: { type: "string" },
  jobs: { type: "string" },
  "browser-path": { type: "string" },
  strict: { type: "boolean" },
  json: { type: "boolean" },
  timings: { type: "boolean" },
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
  };
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
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const base = {
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
    title: values.title,
    jobs: parseJobs(values.jobs),
    browserPath: values["browser-path"],
    strict: values.strict ?? false,
    json: values.json ?? false,
    timings: values.timings ?? false,
  };
  if (values.help) return { command: "help", ...base };
  if (values.version) return { command: "version", ...base };
  const [command, ...paths] = positionals;
  if (command === undefined) return { command: "help", ...base };
  if (command === "serve") return { ...base, command, fit: values.fit ?? SERVE_DEFAULTS.fit, paths: paths.length ? paths : ["slides"] };
  if (command !== "build" && command !== "pdf") throw new UsageError(`unknown command: ${command} (try: lectern build slides/)`);
  if (values.out === "") throw new UsageError("--out needs a folder");
  return { command: "build", ...base, pdf: base.pdf || command === "pdf", paths: paths.length ? paths : ["slides"] };
}
