import { UsageError } from "../config/options.js";
import { sortDiagnostics } from "../diagnostics/collect.js";
import { formatDiagnostic, summarize } from "../diagnostics/format.js";
import { VERSION } from "../paths.js";
import { buildPaths } from "../run/run.js";
import { type DeckOutput, type FitReport, STAGES, type Timings } from "../types.js";
import { buildOptions, type CliArgs, commandOf, parseCli } from "./args.js";
import { helpText, usageLine } from "./help.js";
import { listenForInterrupt } from "./interrupt.js";
import { defaultIo, type Io } from "./io.js";

export type { Io } from "./io.js";

/** Run the CLI; resolves to the exit code (0 ok, 1 build errors, 2 usage). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCli(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(usageLine(err.message, commandOf(argv)));
    return 2;
  }
  if (args.command === "help") {
    io.out(helpText(args.helpFor));
    return 0;
  }
  if (args.command === "version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (args.command === "serve") {
    try {
      const { serveCommand } = await import("./serve-command.js");
      return await serveCommand(args, io);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      io.err(usageLine(err.message, "serve"));
      return 2;
    }
  }
  const progress = (deck: DeckOutput, i: number, total: number) => {
    if (!io.tty || args.json) return;
    const fit = deck.fit ? `, ${deck.fit.measured} measured, ${deck.fit.replanned} re-planned, ${deck.fit.scaled} scaled` : "";
    const pdf = deck.pdf
      ? `, PDF ${deck.pdf.pages} pages${deck.handouts.map((h) => `, handout ${h.layout}: ${h.pages} pages`).join("")}`
      : "";
    const single = deck.standalone ? `, single file ${(deck.standalone.bytes / 1024).toFixed(0)} KiB` : "";
    const state = deck.cached
      ? `${deck.dir}/ unchanged (${deck.slides} slides)`
      : deck.written
        ? `${deck.dir}/ (${deck.slides} slides${fit}${pdf}${single})`
        : "not built";
    io.err(`[${i + 1}/${total}] ${deck.input} → ${state}\n`);
  };
  // Ctrl-C / SIGTERM: the browser closes (its profile removed), the deck being written keeps
  // its previous version (its temporary folder removed), then the exit code says which signal
  const interrupt = listenForInterrupt((signal) => io.err(`lectern: ${signal}: stopping and cleaning up…\n`));
  try {
    const run = await buildPaths(
      args.paths,
      {
        ...buildOptions(args),
        strict: args.strict,
        pdf: args.pdf,
        handouts: args.handouts,
        paper: args.paper,
        cache: args.cache,
        shard: args.shard,
        standalone: args.standalone,
        jobs: args.jobs,
        signal: interrupt.signal,
      },
      progress,
    );
    if (interrupt.received) {
      const built = run.decks.filter((d) => d?.written).length;
      io.err(`lectern: interrupted (${interrupt.received}); ${built} deck${built === 1 ? "" : "s"} built, temporary files removed\n`);
      return interrupt.exitCode;
    }
    const diagnostics = sortDiagnostics(run.diagnostics);
    if (args.json) {
      const decks = run.decks.map((d) => ({
        input: d.input,
        name: d.name,
        dir: d.dir,
        written: d.written,
        cached: d.cached ?? false,
        slides: d.slides,
        fit: d.fit,
        pdf: d.pdf,
        handouts: d.handouts,
        standalone: d.standalone,
        timings: roundTimings(d.result.timings),
      }));
      io.out(`${JSON.stringify({ ok: run.ok, decks, diagnostics }, null, 2)}\n`);
    } else {
      for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      if (args.timings)
        for (const d of run.decks)
          io.err(`${formatTimings(d.name, d.result.timings)}\n${d.fit && !d.cached ? `${formatFit(d.name, d.fit)}\n` : ""}`);
      const built = run.decks.filter((d) => d.written).length;
      io.err(
        `lectern: built ${built} of ${run.decks.length} deck${run.decks.length === 1 ? "" : "s"} into ${args.out}/ (${summarize(diagnostics)})\n`,
      );
    }
    if (run.browserMissing) return 3;
    return run.ok ? 0 : 1;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(usageLine(err.message, "build"));
    return 2;
  } finally {
    interrupt.dispose();
  }
}

const roundTimings = (t: Timings): Timings => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * 10) / 10]));

/** `fit medium: 3 slides laid out in the browser, 125 reused`: what the fit measured (over all its passes) and what it took from earlier builds. */
export const formatFit = (name: string, f: FitReport): string =>
  `fit ${name}: ${f.inBrowser} slide${f.inBrowser === 1 ? "" : "s"} laid out in the browser, ${f.reused} reused (${f.passes} re-plan pass${f.passes === 1 ? "" : "es"})`;

/** `timings medium: parse 16 ms, plan 5 ms, … (total 120 ms)`, stages in pipeline order. */
export function formatTimings(name: string, t: Timings): string {
  const parts = STAGES.filter((s) => t[s] !== undefined).map((s) => `${s} ${(t[s] as number).toFixed(0)} ms`);
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  return `timings ${name}: ${parts.join(", ")} (total ${total.toFixed(0)} ms)`;
}
