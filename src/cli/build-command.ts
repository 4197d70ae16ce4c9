/**
 * `lectern build`: build the decks with progress on standard error, then print the
 * diagnostics and a summary (or, with `--json`, the report on standard output).
 */
import { UsageError } from "../config/options.js";
import { hasErrors, sortDiagnostics } from "../diagnostics/collect.js";
import { formatDiagnostic, summarize } from "../diagnostics/format.js";
import { buildPaths } from "../run/run.js";
import { type Diagnostic, type FitReport, STAGES, type Timings } from "../types.js";
import { buildOptions, type CliArgs } from "./args.js";
import { usageLine } from "./help.js";
import { listenForInterrupt } from "./interrupt.js";
import type { Io } from "./io.js";
import { createProgress, progressMode } from "./progress.js";

/** Build `args.paths`; `configNotes` are the configuration file's warnings (they count with `--strict`). */
export async function buildCommand(args: CliArgs, io: Io, configNotes: readonly Diagnostic[] = []): Promise<number> {
  const progress = createProgress(io, progressMode(io, args));
  // Ctrl-C / SIGTERM: the browser closes (its profile removed), the deck being written keeps
  // its previous version (its temporary folder removed), then the exit code says which signal
  const interrupt = listenForInterrupt((signal) => {
    progress.finish();
    io.err(`lectern: ${signal}: stopping and cleaning up…\n`);
  });
  try {
    const run = await buildPaths(args.paths, {
      ...buildOptions(args),
      strict: args.strict,
      pdf: args.pdf,
      handouts: args.handouts,
      paper: args.paper,
      cache: args.cache,
      shard: args.shard,
      standalone: args.standalone,
      pptx: args.pptx,
      jobs: args.jobs,
      signal: interrupt.signal,
      onProgress: progress.onProgress,
    });
    progress.finish();
    if (interrupt.received) {
      const built = run.decks.filter((d) => d?.written).length;
      io.err(`lectern: interrupted (${interrupt.received}); ${built} deck${built === 1 ? "" : "s"} built, temporary files removed\n`);
      return interrupt.exitCode;
    }
    const diagnostics = sortDiagnostics([...configNotes, ...run.diagnostics]);
    const ok = run.ok && !hasErrors(configNotes, args.strict);
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
        pptx: d.pptx,
        timings: roundTimings(d.result.timings),
      }));
      io.out(`${JSON.stringify({ ok, decks, diagnostics }, null, 2)}\n`);
    } else {
      for (const d of diagnostics) if (!args.quiet || d.severity === "error") io.err(`${formatDiagnostic(d)}\n`);
      if (args.timings)
        for (const d of run.decks)
          io.err(`${formatTimings(d.name, d.result.timings)}\n${d.fit && !d.cached ? `${formatFit(d.name, d.fit)}\n` : ""}`);
      const built = run.decks.filter((d) => d.written).length;
      if (!args.quiet) {
        const decks = `${run.decks.length} deck${run.decks.length === 1 ? "" : "s"}`;
        io.err(`lectern: built ${built} of ${decks} into ${args.out}/ (${summarize(diagnostics)})\n`);
      }
    }
    if (run.browserMissing) return 3;
    return ok ? 0 : 1;
  } catch (err) {
    progress.finish();
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
  `fit ${name}: ${f.inBrowser} slide${f.inBrowser === 1 ? "" : "s"} laid out in the browser${f.pages === 2 ? " (in two halves at once)" : ""}, ${f.reused} reused (${f.passes} re-plan pass${f.passes === 1 ? "" : "es"})`;

/** `timings medium: parse 16 ms, plan 5 ms, … (total 120 ms)`, stages in pipeline order. */
export function formatTimings(name: string, t: Timings): string {
  const parts = STAGES.filter((s) => t[s] !== undefined).map((s) => `${s} ${(t[s] as number).toFixed(0)} ms`);
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  return `timings ${name}: ${parts.join(", ")} (total ${total.toFixed(0)} ms)`;
}
