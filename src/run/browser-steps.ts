import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { PDFDocument } from "pdf-lib";
import { BrowserNotFoundError } from "../browser/find.js";
import { BROWSER_TIMEOUT, type BrowserSession } from "../browser/session.js";
import { renderPlan } from "../build.js";
import { type DeckOutput, type FileBuildOptions, wantsPdf } from "./deck.js";
import { createDiagnostics, type Diagnostics } from "../diagnostics/collect.js";
import { fitDeck } from "../fit/fit.js";
import { resolveOptions } from "../config/options.js";
import { stopwatch } from "../timings.js";
import { notesHandout, nUpHandout } from "../output/pdf/handout.js";
import { printDeckPdf } from "../output/pdf/print.js";

/**
 * Fit (measure and re-plan) and print, in the deck's temporary folder, with one page. The page
 * loads the files of that folder only (the deck and Lectern's assets copied into it).
 */
export async function browserSteps(tmp: string, output: DeckOutput, options: FileBuildOptions, session: BrowserSession): Promise<void> {
  const { result, input: file } = output;
  const notes = createDiagnostics(file);
  try {
    await steps(tmp, output, options, session, notes);
  } finally {
    result.diagnostics.push(...notes.list);
  }
}

async function steps(tmp: string, output: DeckOutput, options: FileBuildOptions, session: BrowserSession, notes: Diagnostics) {
  const { result, input: file } = output;
  const watch = stopwatch(result.timings);
  let opened: Awaited<ReturnType<BrowserSession["newPage"]>>;
  try {
    opened = await session.newPage([], [tmp]);
    watch.lap("browser");
  } catch (err) {
    if (err instanceof BrowserNotFoundError && !wantsPdf(options)) {
      const reason = err.message.split("\n")[0];
      notes.add("info", "fit-skipped", `slides were not measured in a browser (${reason}): the layout rests on the estimate`, 0);
      return;
    }
    throw err;
  }
  const { page, blocked } = opened;
  const timeout = options.timeout ?? BROWSER_TIMEOUT;
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
      // measured now: the estimate's guesses give way to what the browser saw
      result.diagnostics.splice(0, result.diagnostics.length, ...result.diagnostics.filter((d) => d.code !== "overflow-likely"));
      if (fitted.html) result.html = fitted.html;
      result.plan = plan;
      output.fit = fitted.report;
      output.slides = plan.stacks.reduce((n, s) => n + s.slides.length, 0);
      for (const o of fitted.report.overflowing) {
        const shrunk = o.scale ? `: shrunk to ${Math.round(o.scale * 100)}% so that none of it is cut` : "";
        notes.add("warning", "overflow", `slide "${o.title}" still overflows by ${o.px}px at half size${shrunk}`, o.line);
      }
      watch.lap("fit");
    }
    if (wantsPdf(options)) {
      const pdfPath = join(tmp, `${output.name}.pdf`);
      const { data, ...info } = await printDeckPdf(
        page,
        htmlPath,
        pdfPath,
        plan,
        result.article.source.meta,
        timeout,
        { width: opts.metrics.width, height: opts.metrics.height, laidOut: Boolean(output.fit) },
        watch,
      );
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
        watch.lap("handouts");
      }
    }
    for (const url of [...new Set(blocked)]) {
      const line = lineOf(result.article.source.text, url);
      if (url.startsWith("file:"))
        notes.add("warning", "file-blocked", `local file outside the deck blocked (a deck loads only its own files): ${url}`, line);
      else notes.add("warning", "remote-blocked", `remote resource blocked (decks load nothing from the network): ${url}`, line);
    }
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** 0-based line of the article where a blocked URL (or, for a file, its path) is written; 0 if nowhere. */
function lineOf(text: string, url: string): number {
  let path = url;
  try {
    if (url.startsWith("file:")) path = decodeURIComponent(new URL(url).pathname);
  } catch {
    // a malformed escape: look for the URL as written
  }
  const at = [url, path].map((s) => text.indexOf(s)).find((i) => i >= 0) ?? -1;
  return at < 0 ? 0 : text.slice(0, at).split("\n").length - 1;
}
