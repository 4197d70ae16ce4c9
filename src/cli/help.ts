/** The help texts: one overview, and one per command with only the options it reads. */

type Command = "build" | "serve" | "init";

/** An option's help line(s), and the commands that read it. */
const OPTION_HELP: readonly [readonly Command[], string][] = [
  [["build", "serve"], "  -o, --out <dir>        output folder (default: dist); each deck goes to <dir>/<name>/"],
  [["build", "serve"], "  -t, --theme <theme>    default | dark | path/to/theme.css (overrides front matter)"],
  [["build"], "      --pdf              also print <dir>/<name>/<name>.pdf (one page per slide)"],
  [
    ["build"],
    `      --handout <layouts> handouts beside the PDF: notes, 2, 3, 4, 6 (comma-separated;
                         notes = slide + speaker notes per page, N = slides per page)`,
  ],
  [["build"], "      --paper <size>     handout paper: a4 (default) or letter"],
  [["build", "serve"], "      --no-fit           skip measuring slides in a browser (layout on the estimate only)"],
  [
    ["build", "serve"],
    `      --browser-path <p> Chrome/Chromium to use (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH,
                         the system's Chromium, Puppeteer's cache, the npm-shipped Chromium)`,
  ],
  [
    ["build"],
    `      --no-cache         rebuild every deck (by default a deck whose article, theme,
                         images and options are unchanged is left as it is)`,
  ],
  [["build"], "      --standalone       also write <dir>/<name>/<name>.html: one self-contained file"],
  [["build"], "      --pptx             also write <dir>/<name>/<name>.pptx: editable PowerPoint (text, tables, equations)"],
  [["build", "serve"], "      --base <path>      URL path the output is served from (links in dist/index.html start with it)"],
  [["build", "serve"], "      --title <text>     course title on the index page dist/index.html"],
  [["build"], "      --shard <i/n>      build only the i-th of n deterministic parts of the decks"],
  [["build"], "      --jobs <n>         decks built at once (one browser, several pages; default 1)"],
  [
    ["build", "serve"],
    `      --prose <mode>     lead: long paragraphs show their lead sentence, the whole text goes to
                         the speaker notes; full (default): the text stays on the slides`,
  ],
  [["build", "serve"], "      --fragments        list items appear one at a time"],
  [["build", "serve"], "      --dialect <d>      read articles as gfm, d2lbook, myst or quarto (default: detected per article)"],
  [["build", "serve"], "      --tab <name>       d2lbook: the framework tab of code cells to show (default pytorch, or the first)"],
  [["build", "serve"], "      --root <dir>       folder local images may come from (default: each article's folder)"],
  [["build", "serve"], "      --allow-html       trust raw HTML in articles (default: filter it through an allowlist)"],
  [["build", "serve"], "      --keep-repetition  keep degenerate repeated enumerations as written"],
  [["build"], "      --strict           treat warnings as errors (exit 1)"],
  [["build"], "      --json             print diagnostics and results as JSON on stdout"],
  [
    ["build"],
    `      --timings          print the time each deck spent in each stage (parse, plan, render,
                         write, browser, fit, print, pdf-finish, …)`,
  ],
  [["serve"], "      --host <h>         address to listen on (default 127.0.0.1: this machine only)"],
  [["serve"], "      --port <p>         port (default 8080; the next free one when taken)"],
  [["serve"], "      --open             open the first deck in the default browser"],
  [
    ["build", "serve"],
    `  -c, --config <file>    the configuration file to read (default: the nearest lectern.config.{json,yaml,
                         yml,js,mjs,cjs} or package.json "lectern" key, from this folder upward)`,
  ],
  [["build"], "  -q, --quiet            print errors only (no progress, warnings or summary)"],
  [["init"], "      --force            overwrite files that are already there"],
  [["build", "serve", "init"], "  -h, --help             show this help"],
];

const PATHS = `Folders expand to the .md and .markdown articles inside them (a .txt article counts when
named as a file). Default path: slides/`;

const EXIT_CODES = `Exit codes: 0 built, 1 build errors (or warnings with --strict), 2 usage error,
3 a browser was needed (--pdf) and none was found.`;

const optionsOf = (command: Command) =>
  OPTION_HELP.filter(([commands]) => commands.includes(command))
    .map(([, text]) => text)
    .join("\n");

const HELP: Record<Command | "general", string> = {
  general: `Usage: lectern <command> [paths…] [options]

Turn Markdown articles into reveal.js slide decks (HTML, KaTeX math, offline assets).

Commands:
  build [paths…]         write each article's deck into dist/<name>/ (and dist/index.html)
  pdf [paths…]           the same as build --pdf
  serve [paths…]         build, serve with live reload, rebuild what changes
  init [dir]             start a project: slides/ with a sample article, lectern.config.yaml, a CI workflow

${PATHS}

  -h, --help             show this help; lectern <command> --help: that command's options
  -v, --version          show the version

${EXIT_CODES}
`,
  build: `Usage: lectern build [paths…] [options]
       lectern pdf [paths…] [options]      (the same as build --pdf)

Write each article's reveal.js deck into <out>/<name>/ and the course page <out>/index.html.
${PATHS}

Options:
${optionsOf("build")}

${EXIT_CODES}

Settings come from the flags, then the configuration file (lectern.config.yaml…: paths in it
are relative to its folder), then the defaults; an article's front matter (theme, prose,
fragments, dialect, tab) overrides the configuration file for that deck, not the flags.
`,
  init: `Usage: lectern init [dir] [options]

Start a Lectern project in dir (default: this folder): slides/welcome.md (a short sample
article: math, code, a list, speaker notes), lectern.config.yaml (the settings, with a schema
for editors) and .github/workflows/slides.yml (CI that builds the decks and their PDFs).
Existing files are never overwritten: they are listed and nothing is written (exit 1),
unless --force.

Options:
${optionsOf("init")}

Exit codes: 0 written, 1 files already there, 2 usage error.
`,
  serve: `Usage: lectern serve [paths…] [options]

Build the decks, serve them (127.0.0.1:8080 or the next free port) and rebuild the deck whose
article, images or theme change; open pages reload on the same slide. Ctrl-C stops.
${PATHS}

Options:
${optionsOf("serve")}

Exit codes: 0 stopped (Ctrl-C), 2 usage error.
`,
};

/** The help for a command, or the overview of all of them. */
export function helpText(command?: Command): string {
  return HELP[command ?? "general"];
}

/** The one line a usage error prints: what is wrong, how to fix it, where the options are. */
export function usageLine(message: string, command?: Command): string {
  return `lectern: ${message}; see \`lectern${command ? ` ${command}` : ""} --help\`\n`;
}
