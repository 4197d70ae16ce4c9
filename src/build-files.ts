import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { PDFDocument } from "pdf-lib";
import { BrowserNotFoundError } from "./browser/find.js";
import { type BrowserSession, createBrowserSession } from "./browser/session.js";
import { buildDeck, renderPlan } from "./build.js";
import { createDiagnostics, hasErrors } from "./diagnostics/collect.js";
import { deckFiles } from "./export/assets.js";
import { type HandoutLayout, notesHandout, nUpHandout, type Paper } from "./export/handout.js";
import { printDeckPdf } from "./export/pdf.js";
import { writeDeckFolder } from "./export/write-deck.js";
import { type FitReport, fitDeck } from "./fit/fit.js";
import { type BuildOptions, resolveOptions, themePath, UsageError } from "./options.js";
import type { BuildResult, Diagnostic } from "./types.js";

export interface FileBuildOptions extends Omit<BuildOptions, "file" | "baseDir"> {
  /** Output folder; each deck goes to `<outDir>/<deck>/` (default `dist`). */
  outDir?: string;
  /** Treat warnings as failures. */
  strict?: boolean;
  /** Measure slides in a browser and re-plan what overflows (default true; skipped with a note when no browser). */
  fit?: boolean;
  /** Also print `<deck>/<deck>.pdf` (needs a browser). */
  pdf?: boolean;
  /** Handouts to print beside the PDF: `notes` (slide + notes per page) and/or 2, 3, 4, 6 slides per page. */
  handouts?: HandoutLayout[];
  /** Paper for handouts (default a4). */
  paper?: Paper;
  /** Chrome/Chromium to use (else env, system, Puppeteer's cache, npm-shipped). */
  browserPath?: string;
  /** Milliseconds for each browser wait (default 60 s). */
  timeout?: number;
}

export interface DeckOutput {
  /** The article's path as given. */
  input: string;
  /** Deck name: the folder under `outDir`. */
  name: string;
  /** The deck folder. */
  dir: string;
  /** `dir/index.html` was written (false: the article gave no deck, or writing failed). */
  written: boolean;
  /** Number of slides in the deck. */
  slides: number;
  result: BuildResult;
  diagnostics: Diagnostic[];
  /** What the browser fit did (undefined when it did not run). */
  fit?: FitReport;
  /** The PDF written, if any. */
  pdf?: { path: string; pages: number; bytes: number };
  /** Handout PDFs written. */
  handouts: { layout: HandoutLayout; path: string; pages: number; bytes: number }[];
}

export interface RunResult {
  decks: DeckOutput[];
  diagnostics: Diagnostic[];
  /** No errors (and, with `strict`, no warnings). */
  ok: boolean;
  /** A browser was needed (for a PDF) and none was found: the CLI exits with 3. */
  browserMissing: boolean;
}

const ARTICLE = /\.(md|markdown|txt)$/i;

/** Articles under the given paths: files as given, folders searched for `.md`/`.txt` (sorted). */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (info.isFile()) out.push(p);
    else if (info.isDirectory()) out.push(...(await articlesIn(p)));
  }
  return [...new Set(out)];
}

async function articlesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) found.push(...(await articlesIn(path)));
    else if (e.isFile() && ARTICLE.test(e.name) && !/^readme\.md$/i.test(e.name)) found.push(path);
  }
  return found;
}

const deckName = (file: string) =>
  basename(file)
    .replace(ARTICLE, "")
    .replace(/[^\p{L}\p{N}._-]+/gu, "-") || "deck";

/** The theme CSS for a deck: the caller's, else the article's front matter, else `default`. */
function chooseTheme(result: BuildResult, file: string, given: string | undefined): string {
  if (given) return themePath(given) as string;
  const wanted = result.article.source.meta.theme;
  if (wanted) {
    const path = themePath(wanted) ?? themePath(resolve(dirname(file), wanted));
    if (path) return path;
    result.diagnostics.push({
      severity: "info",
      code: "theme-unknown",
      message: `theme \`${wanted}\` is not a Lectern theme; using default`,
      file,
      line: 1,
      column: 1,
    });
  }
  return themePath("default") as string;
}

/** Build one article file into `<outDir>/<name>/`, atomically. */
export async function buildFile(
  file: string,
  options: FileBuildOptions = {},
  name = deckName(file),
  session?: BrowserSession,
): Promise<DeckOutput> {
  if (session || !((options.fit ?? true) || wantsPdf(options))) return buildOne(file, options, name, session);
  const own = createBrowserSession({ executablePath: options.browserPath, timeout: options.timeout });
  try {
    return await buildOne(file, options, name, own);
  } finally {
    await own.close();
  }
}

async function buildOne(file: string, options: FileBuildOptions, name: string, session: BrowserSession | undefined): Promise<DeckOutput> {
  const outDir = options.outDir ?? "dist";
  const dir = join(outDir, name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const message = `cannot read the article: ${(err as Error).message}`;
    const diagnostics: Diagnostic[] = [{ severity: "error", code: "file-unreadable", message, file, line: 1, column: 1 }];
    const result = buildDeck("", { file });
    return { input: file, name, dir, written: false, slides: 0, result, diagnostics, handouts: [] };
  }
  const result = buildDeck(bytes, { ...options, file, baseDir: dirname(resolve(file)) });
  const slides = result.plan.stacks.reduce((n, s) => n + s.slides.length, 0);
  const output: DeckOutput = { input: file, name, dir, written: false, slides, result, diagnostics: result.diagnostics, handouts: [] };
  if (!result.usable) return output;
  const themeCss = chooseTheme(result, file, options.theme);
  const finalize =
    session && ((options.fit ?? true) || wantsPdf(options)) ? (tmp: string) => browserSteps(tmp, output, options, session) : undefined;
  try {
    await writeDeckFolder(dir, result.html, deckFiles({ themeCss, glyphs: result.glyphs, media: result.media }), finalize);
    output.written = true;
  } catch (err) {
    if (err instanceof BrowserNotFoundError) {
      result.diagnostics.push({ severity: "error", code: "browser-missing", message: err.message, file, line: 1, column: 1 });
    } else {
      const what = output.pdf === undefined && options.pdf ? "build or print" : "write";
      result.diagnostics.push({
        severity: "error",
        code: "write-failed",
        message: `cannot ${what} ${dir}: ${(err as Error).message}; the previous deck is unchanged`,
        file,
        line: 1,
        column: 1,
      });
    }
    output.pdf = undefined;
  }
  return output;
}

const wantsPdf = (o: FileBuildOptions) => Boolean(o.pdf || o.handouts?.length);

/** Fit (measure and re-plan) and print, in the deck's temporary folder, with one page. */
async function browserSteps(tmp: string, output: DeckOutput, options: FileBuildOptions, session: BrowserSession): Promise<void> {
  const { result, input: file } = output;
  const note = (severity: Diagnostic["severity"], code: string, message: string, line = 1) =>
    result.diagnostics.push({ severity, code, message, file, line, column: 1 });
  let opened: Awaited<ReturnType<BrowserSession["newPage"]>>;
  try {
    opened = await session.newPage();
  } catch (err) {
    if (err instanceof BrowserNotFoundError && !wantsPdf(options)) {
      const reason = err.message.split("\n")[0];
      note("info", "fit-skipped", `slides were not measured in a browser (${reason}): the layout rests on the estimate`);
      return;
    }
    throw err;
  }
  const { page, blocked } = opened;
  const timeout = options.timeout ?? 60_000;
  const htmlPath = join(tmp, "index.html");
  const opts = resolveOptions({ ...options, file, baseDir: dirname(resolve(file)) });
  let plan = result.plan;
  try {
    if (options.fit ?? true) {
      const quiet = createDiagnostics(file);
      const fitted = await fitDeck({
        page,
        htmlPath,
        article: result.article,
        plan,
        metrics: opts.metrics,
        timeout,
        write: async (p) => {
          const html = renderPlan(result.article, p, opts, quiet);
          await writeFile(htmlPath, html);
          return html;
        },
      });
      plan = fitted.plan;
      if (fitted.html) result.html = fitted.html;
      result.plan = plan;
      output.fit = fitted.report;
      output.slides = plan.stacks.reduce((n, s) => n + s.slides.length, 0);
      for (const o of fitted.report.overflowing) {
        note("warning", "overflow", `slide "${o.title}" still overflows by ${o.px}px after re-planning and scaling`, o.line + 1);
      }
    }
    if (wantsPdf(options)) {
      const pdfPath = join(tmp, `${output.name}.pdf`);
      const { data, ...info } = await printDeckPdf(page, htmlPath, pdfPath, plan, result.article.source.meta, timeout);
      output.pdf = { path: join(output.dir, `${output.name}.pdf`), ...info };
      for (const layout of options.handouts ?? []) {
        const bytes =
          layout === "notes"
            ? await notesHandout(page, htmlPath, data, options.paper ?? "a4", plan.title, timeout)
            : await nUpHandout(data, layout, options.paper ?? "a4", plan.title);
        const fileName = `${output.name}-handout-${layout}.pdf`;
        await writeFile(join(tmp, fileName), bytes);
        const pages = (await PDFDocument.load(bytes)).getPageCount();
        output.handouts.push({ layout, path: join(output.dir, fileName), pages, bytes: bytes.length });
      }
    }
    for (const url of [...new Set(blocked)])
      note("warning", "remote-blocked", `remote resource blocked (decks load nothing from the network): ${url}`);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * Build every article under `paths` (files or folders). A deck that fails does not stop the
 * others. `onDeck` hears each finished deck (for progress).
 */
export async function buildPaths(
  paths: readonly string[],
  options: FileBuildOptions = {},
  onDeck?: (deck: DeckOutput, index: number, total: number) => void,
): Promise<RunResult> {
  resolveOptions(options); // validate once, before any work
  const files = await expandPaths(paths);
  if (!files.length) throw new UsageError(`no articles (.md, .txt) found in ${paths.join(", ")}`);
  const used = new Set<string>();
  const decks: DeckOutput[] = [];
  const session =
    (options.fit ?? true) || wantsPdf(options)
      ? createBrowserSession({ executablePath: options.browserPath, timeout: options.timeout })
      : undefined;
  try {
    for (const [i, file] of files.entries()) {
      let name = deckName(file);
      for (let k = 2; used.has(name); k++) name = `${deckName(file)}-${k}`;
      used.add(name);
      const deck = await buildFile(file, { ...options, fit: options.fit ?? true }, name, session);
      decks.push(deck);
      onDeck?.(deck, i, files.length);
    }
  } finally {
    await session?.close();
  }
  const diagnostics = decks.flatMap((d) => d.diagnostics);
  const ok = !hasErrors(diagnostics, options.strict) && decks.every((d) => d.written);
  const browserMissing = diagnostics.some((d) => d.code === "browser-missing");
  return { decks, diagnostics, ok, browserMissing };
}
