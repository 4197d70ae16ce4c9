/**
 * One deck, start to end: read the article, run the front half (source → render), pick the
 * theme, reuse the deck folder when nothing changed, else write the folder atomically with the
 * deck's STEPS run inside its temporary copy. Never throws: whatever goes wrong inside a deck
 * becomes its error diagnostic, and the previous deck folder stays as it was.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BrowserNotFoundError } from "../browser/find.js";
import { type BrowserSession, createBrowserSession } from "../browser/session.js";
import { buildResolved, emptyResult } from "../build.js";
import { type DeckContext, deckContext } from "../config/deck-context.js";
import { type RunConfig, type RunOptions, resolveRun } from "../config/run-config.js";
import { createDiagnostics, diagnostic, hasErrors } from "../diagnostics/collect.js";
import type { MeasureStore } from "../fit/cache.js";
import type { WarmPage } from "../fit/warm.js";
import { deckFiles } from "../output/folder/assets.js";
import { cacheKey, readCache } from "../output/folder/record.js";
import { writeDeckFolder } from "../output/folder/write.js";
import { VERSION } from "../paths.js";
import { type RenderMemo, renderMemo } from "../render/memo.js";
import { stopwatch } from "../timings.js";
import type { DeckOutput, DeckRecord } from "../types.js";
import { insideDir } from "../util/inside-dir.js";
import { deckDiagnostics } from "./deck-diagnostics.js";
import { deckName, deckNameProblem } from "./project.js";
import { fitEarly } from "./steps/fit.js";
import { STEPS } from "./steps/index.js";
import type { DeckWork } from "./steps/step.js";
import { chooseTheme } from "./theme.js";

/**
 * Build one article file into `<outDir>/<name>/` (the library's single-deck entry point).
 * Options that make no sense throw a UsageError, as they do for `buildPaths`; after that,
 * nothing about the article or the machine makes it throw.
 */
export async function buildFile(
  file: string,
  options: RunOptions = {},
  name = deckName(file),
  session?: BrowserSession,
): Promise<DeckOutput> {
  return runDeck(deckContext(resolveRun(options), file, name), session);
}

/**
/** What a long-lived caller (`serve`) gives a deck's build beyond its context. */
export interface DeckExtras {
  /** Slide measurements kept across rebuilds (fit/cache). */
  measures?: MeasureStore;
  /** Hears the deck's final page as soon as it is known. */
  onPage?: (output: DeckOutput) => void;
  /** What earlier builds of the deck rendered (render/memo); else the deck's renders share one of their own. */
  memo?: RenderMemo;
  /** A measuring page kept laid out across rebuilds (fit/warm). */
  warm?: WarmPage;
  /** `deckFiles`, remembered across rebuilds (the same text, theme and images: the same files). */
  files?: typeof deckFiles;
}

/**
 * Build one deck of a run; `session` is the run's browser (else one is launched when needed).
 * A long-lived caller (`serve`) may pass `measures`, the slide measurements it keeps across
 * rebuilds, and `onPage`, which hears the deck's final page (`output.result.html`: fitted, when
 * fitted) as soon as it is known, before its folder is written (serve patches open pages with it).
 */
export async function runDeck(ctx: DeckContext, session?: BrowserSession, extras: DeckExtras = {}): Promise<DeckOutput> {
  const problem = deckNameProblem(ctx.name);
  if (problem) return notBuilt(ctx, "deck-name-invalid", `the deck name \`${ctx.name}\` ${problem}: nothing is written`);
  try {
    // a browser of its own is launched only if a step asks for a page (lazily)
    if (session) return await buildDeckFolder(ctx, session, extras);
    const { browserPath, timeout, signal } = ctx.config;
    const own = createBrowserSession({ executablePath: browserPath, timeout, signal });
    try {
      return await buildDeckFolder(ctx, own, extras);
    } finally {
      await own.close();
    }
  } catch (err) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return notBuilt(ctx, "internal-error", `internal error while building this deck (${what}); the previous deck is unchanged`);
  }
}

/** A deck that was not built, with the one error that says why. */
function notBuilt(ctx: DeckContext, code: string, message: string): DeckOutput {
  const result = emptyResult(ctx.file);
  const diagnostics = [diagnostic(ctx.file, "error", code, message)];
  return { input: ctx.file, name: ctx.name, dir: ctx.dir, written: false, slides: 0, result, diagnostics, handouts: [] };
}

/** The options that change a deck's output (the cache key includes them). */
function cacheOptions(config: RunConfig, root: string): string {
  const { build, fit, wantsPdf, handouts, paper, standalone, pptx } = config;
  return JSON.stringify([build, root, fit, wantsPdf, handouts, paper, standalone, pptx]);
}

const omitFile = <T extends { file: string }>({ file: _, ...rest }: T): Omit<T, "file"> => rest;

/** A cached deck's outputs, as the build that wrote them reported them (paths under today's `dir`). */
function fromRecord(output: DeckOutput, record: DeckRecord): void {
  const { dir, input: file } = output;
  Object.assign(output, {
    written: true,
    cached: true,
    slides: record.entry.slides,
    diagnostics: record.diagnostics.map((d) => ({ ...d, file })),
    fit: record.fit,
    pdf: record.pdf && { path: join(dir, record.pdf.file), pages: record.pdf.pages, bytes: record.pdf.bytes },
    handouts: record.handouts.map((h) => ({ layout: h.layout, path: join(dir, h.file), pages: h.pages, bytes: h.bytes })),
    standalone: record.standalone && { path: join(dir, record.standalone.file), bytes: record.standalone.bytes },
    pptx: record.pptx && { ...omitFile(record.pptx), path: join(dir, record.pptx.file) },
  });
}

async function buildDeckFolder(ctx: DeckContext, session: BrowserSession | undefined, extras: DeckExtras): Promise<DeckOutput> {
  const { measures, onPage } = extras;
  const memo = extras.memo ?? renderMemo();
  const { file, name, dir, config } = ctx;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return notBuilt(ctx, "file-unreadable", `cannot read the article: ${(err as Error).message}`);
  }
  const progress = (step: string, slides: number) => config.onProgress?.({ type: "step", input: file, name, step, slides });
  progress("render", 0);
  const result = buildResolved(bytes, ctx.options, memo);
  const slides = result.plan.stacks.reduce((n, s) => n + s.slides.length, 0);
  const output: DeckOutput = {
    input: file,
    name,
    dir,
    written: false,
    slides,
    result,
    diagnostics: result.diagnostics,
    handouts: [],
    cached: false,
  };
  if (!result.usable) return output;
  if (!config.writeOnErrors && hasErrors(result.diagnostics)) return output;
  const notes = createDiagnostics(file);
  const themeCss = chooseTheme(ctx, result.article.source, notes);
  // the root is part of the key: the record names media relative to it
  const key = cacheKey([VERSION, cacheOptions(config, ctx.root), themeCss, bytes]);
  // a deck built on the estimate (no browser then) is not what a fitted build wants
  const record = config.cache ? readCache(dir, key, ctx.root) : undefined;
  const cached = record && (record.fit !== undefined || !config.fit) ? record : undefined;
  if (cached) {
    fromRecord(output, cached);
    return output;
  }
  const watch = stopwatch(result.timings);
  // without a fit the page is final now; else once the fit step has run
  const final = !config.fit || !session;
  let sent = false;
  const sendPage = () => {
    if (!sent) onPage?.(output);
    sent = true;
  };
  if (final) sendPage();
  try {
    insideDir(config.outDir, dir);
    const files = (extras.files ?? deckFiles)({ themeCss, glyphs: result.glyphs, media: result.media });
    // serve: the warm page fits the deck before its folder is written, and the page is sent first
    const fitted = final ? undefined : await fitEarly({ ctx, output, notes, themeCss, measures, memo, warm: extras.warm }, files);
    if (fitted) {
      watch.lap("fit");
      sendPage();
    }
    await writeDeckFolder(dir, result.html, files, async (tmp) => {
      watch.lap("write");
      const work: DeckWork = {
        ctx,
        tmp,
        output,
        notes,
        watch,
        session,
        blocked: [],
        others: [],
        themeCss,
        key,
        measures,
        memo,
        warm: extras.warm,
        fitted,
      };
      try {
        for (const step of STEPS) {
          if (!step.wanted(work)) continue;
          progress(step.name, output.slides);
          await step.run(work);
          if (!final && step.name === "fit") sendPage();
        }
        sendPage(); // a fit that did not run (no browser found) leaves the page as it is
      } finally {
        await work.page?.close().catch(() => undefined);
        for (const other of work.others) await other.page.close().catch(() => undefined);
      }
      watch.reset();
    });
    watch.lap("write");
    output.written = true;
  } catch (err) {
    if (err instanceof BrowserNotFoundError) notes.add("error", "browser-missing", err.message, 0);
    else {
      const what = output.pdf === undefined && config.pdf ? "build or print" : "write";
      notes.add("error", "write-failed", `cannot ${what} ${dir}: ${(err as Error).message}; the previous deck is unchanged`, 0);
    }
    // nothing made in the temporary folder was installed
    Object.assign(output, { pdf: undefined, standalone: undefined, pptx: undefined, handouts: [] });
    output.diagnostics = deckDiagnostics(result.diagnostics, notes.list, output.fit !== undefined, result.article.source.origin);
    result.diagnostics = output.diagnostics;
  }
  return output;
}
