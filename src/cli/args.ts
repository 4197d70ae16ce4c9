import { parseArgs } from "node:util";
import { HANDOUT_LAYOUTS, type HandoutLayout, type Paper } from "../export/handout.js";
import { UsageError } from "../options.js";

function parseHandouts(values: string[]): HandoutLayout[] {
  const out: HandoutLayout[] = [];
  for (const v of values.flatMap((s) => s.split(","))) {
    const layout = (v.trim() === "notes" ? "notes" : Number(v)) as HandoutLayout;
    if (!HANDOUT_LAYOUTS.includes(layout)) throw new UsageError(`--handout ${v}: use notes, 2, 3, 4 or 6`);
    if (!out.includes(layout)) out.push(layout);
  }
  return out;
}

function parsePaper(value: string | undefined): Paper {
  const v = (value ?? "a4").toLowerCase();
  if (v !== "a4" && v !== "letter") throw new UsageError(`--paper ${value}: use a4 or letter`);
  return v;
}

export const HELP = `Usage: lectern build [paths…] [options]
       lectern pdf [paths…] [options]      (the same as build --pdf)

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
      --keep-repetition  keep degenerate repeated enumerations as written
      --strict           treat warnings as errors (exit 1)
      --json             print diagnostics and results as JSON on stdout
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 built, 1 build errors (or warnings with --strict), 2 usage error,
3 a browser was needed (--pdf) and none was found.
`;

export interface CliArgs {
  command: "build" | "help" | "version";
  paths: string[];
  out: string;
  theme: string | undefined;
  keepRepetition: boolean;
  pdf: boolean;
  handouts: HandoutLayout[];
  paper: Paper;
  fit: boolean;
  browserPath: string | undefined;
  strict: boolean;
  json: boolean;
}

const OPTIONS = {
  out: { type: "string", short: "o" },
  theme: { type: "string", short: "t" },
  "keep-repetition": { type: "boolean" },
  pdf: { type: "boolean" },
  handout: { type: "string", multiple: true },
  paper: { type: "string" },
  "no-fit": { type: "boolean" },
  "browser-path": { type: "string" },
  strict: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

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
    out: values.out ?? "dist",
    theme: values.theme,
    keepRepetition: values["keep-repetition"] ?? false,
    pdf: values.pdf ?? false,
    handouts: parseHandouts(values.handout ?? []),
    paper: parsePaper(values.paper),
    fit: !(values["no-fit"] ?? false),
    browserPath: values["browser-path"],
    strict: values.strict ?? false,
    json: values.json ?? false,
  };
  if (values.help) return { command: "help", ...base };
  if (values.version) return { command: "version", ...base };
  const [command, ...paths] = positionals;
  if (command === undefined) return { command: "help", ...base };
  if (command !== "build" && command !== "pdf") throw new UsageError(`unknown command: ${command} (try: lectern build slides/)`);
  if (values.out === "") throw new UsageError("--out needs a folder");
  return { command: "build", ...base, pdf: base.pdf || command === "pdf", paths: paths.length ? paths : ["slides"] };
}
