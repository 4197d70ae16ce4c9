/**
 * A configuration file under the command line: each setting the file makes applies unless its
 * flag was given. The deck settings (theme, prose, fragments, dialect, tab) go to `defaults`,
 * which an article's front matter overrides in turn; a flag overrides front matter, as before.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULTS } from "../config/defaults.js";
import type { FileConfig } from "../config/file/keys.js";
import { type CliArgs, OPTIONS } from "./args.js";

/** The long names of the options argv gives, and whether it names paths after the command. */
function given(argv: readonly string[]): { flags: Set<string>; paths: boolean } {
  const { tokens, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: OPTIONS });
  return { flags: new Set(tokens.flatMap((t) => (t.kind === "option" ? [t.name] : []))), paths: positionals.length > 1 };
}

/** A path of the file (absolute) as the CLI prints it: relative to the working folder when inside it. */
const near = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
};

/**
 * `args` with the settings of `file`, read from the folder `dir`: that folder is the project's,
 * so the default articles (`slides`) and output (`dist`) are there as well.
 */
export function withConfig(args: CliArgs, argv: readonly string[], file: FileConfig, dir?: string, cwd = process.cwd()): CliArgs {
  const { flags, paths } = given(argv);
  if (dir) file = { paths: [resolve(dir, "slides")], out: resolve(dir, DEFAULTS.outDir), ...file };
  const unless = <T>(flag: string | string[], from: T | undefined, current: T): T =>
    from === undefined || [flag].flat().some((f) => flags.has(f)) ? current : from;
  return {
    ...args,
    paths: paths || !file.paths ? args.paths : file.paths.map((p) => near(cwd, p)),
    out: unless("out", file.out && near(cwd, file.out), args.out),
    pdf: args.pdf || (file.pdf ?? false),
    handouts: unless("handout", file.handouts, args.handouts),
    paper: unless("paper", file.paper, args.paper),
    standalone: args.standalone || (file.standalone ?? false),
    pptx: args.pptx || (file.pptx ?? false),
    base: unless("base", file.base, args.base),
    title: unless("title", file.title, args.title),
    fit: unless(["fit", "no-fit"], file.fit, args.fit),
    cache: unless("no-cache", file.cache, args.cache),
    jobs: unless("jobs", file.jobs, args.jobs),
    browserPath: unless("browser-path", file.browserPath, args.browserPath),
    root: unless("root", file.root, args.root),
    allowHtml: args.allowHtml || (file.allowHtml ?? false),
    keepRepetition: args.keepRepetition || (file.keepRepetition ?? false),
    strict: args.strict || (file.strict ?? false),
    host: unless("host", file.host, args.host),
    port: unless("port", file.port, args.port),
    defaults: { theme: file.theme, prose: file.prose, fragments: file.fragments, dialect: file.dialect, tab: file.tab },
  };
}
