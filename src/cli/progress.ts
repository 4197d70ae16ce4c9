/**
 * What a build shows while it runs, on standard error. On a terminal: a live line per deck
 * being built (its step and slide count, redrawn by log-update) above a count of decks done,
 * and a lasting line per finished deck. Elsewhere (CI, a pipe): only the lasting line per
 * finished deck, plain text. With `--json` or `--quiet`: nothing.
 */
import { createLogUpdate } from "log-update";
import type { DeckOutput, ProgressEvent } from "../types.js";
import type { Io } from "./io.js";

export type ProgressMode = "live" | "lines" | "none";

export interface Progress {
  readonly onProgress: (event: ProgressEvent) => void;
  /** Remove the live lines (the lasting ones stay). */
  finish(): void;
}

export function progressMode(io: Io, args: { json: boolean; quiet: boolean }): ProgressMode {
  if (args.json || args.quiet) return "none";
  return io.tty ? "live" : "lines";
}

/** `[2/5] slides/a.md → dist/a (41 slides, 41 measured, …)`: one finished deck. */
export function deckLine(deck: DeckOutput, done: number, total: number): string {
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
  return `[${done}/${total}] ${deck.input} → ${state}`;
}

interface Running {
  step: string;
  slides: number;
  since: number;
}

/** `slides/a.md ▸ fit · 341 slides · 12 s`: a deck being built. */
export function runningLine(input: string, r: Running, now: number): string {
  const slides = r.slides ? ` · ${r.slides} slides` : "";
  const secs = Math.floor((now - r.since) / 1000);
  return `  ${input} ▸ ${r.step}${slides}${secs >= 1 ? ` · ${secs} s` : ""}`;
}

export function createProgress(io: Io, mode: ProgressMode, now: () => number = Date.now): Progress {
  if (mode === "none") return { onProgress: () => undefined, finish: () => undefined };
  if (mode === "lines") {
    return {
      onProgress(e) {
        if (e.type === "deck-done") io.err(`${deckLine(e.deck, e.done, e.total)}\n`);
      },
      finish: () => undefined,
    };
  }
  const stream = {
    write: (s: string) => {
      io.err(s);
      return true;
    },
    isTTY: true,
    // a pseudo-terminal without a size says 0 × 0
    get columns() {
      return io.columns?.() || 80;
    },
    get rows() {
      return io.rows?.() || 24;
    },
  };
  const log = createLogUpdate(stream as unknown as NodeJS.WritableStream, { showCursor: true });
  const running = new Map<string, Running>();
  const started = now();
  let done = 0;
  let total = 0;
  const draw = () => {
    const t = now();
    const width = Math.max(20, (io.columns?.() || 80) - 1);
    const lines = [...running].map(([input, r]) => runningLine(input, r, t).slice(0, width));
    const secs = Math.floor((t - started) / 1000);
    lines.push(`  ${done} of ${total} deck${total === 1 ? "" : "s"} done${secs >= 1 ? ` · ${secs} s` : ""}`);
    log(lines.join("\n"));
  };
  // the seconds go on while a long step (a 300-slide PDF) runs
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    onProgress(e) {
      if (e.type === "deck-start") {
        total = e.total;
        running.set(e.input, { step: "start", slides: 0, since: now() });
      } else if (e.type === "step") {
        const r = running.get(e.input);
        running.set(e.input, { step: e.step, slides: e.slides, since: r?.since ?? now() });
      } else {
        running.delete(e.deck.input);
        done = e.done;
        // the lasting line as it is (not wrapped to the terminal's width, as log-update would)
        log.clear();
        io.err(`${deckLine(e.deck, e.done, e.total)}\n`);
      }
      draw();
    },
    finish() {
      clearInterval(timer);
      log.clear();
      log.done();
    },
  };
}
