/**
 * The decks `serve` keeps up to date: one rebuild per deck at a time (a change during a
 * rebuild queues one more), and after each, what its open pages are sent — the patch from
 * the deck they show (the last good one) to the new one, a reload when a patch cannot say
 * it (the page around the slides, the theme or an image changed), or the diagnostics of a
 * broken edit. Decks come and go with their articles.
 */
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserSession } from "../browser/session.js";
import { type DeckContext, deckContext } from "../config/deck-context.js";
import type { RunConfig } from "../config/run-config.js";
import { diagnostic } from "../diagnostics/collect.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import { runDeck } from "../run/deck.js";
import type { DeckOutput } from "../types.js";
import { insideDir } from "../util/inside-dir.js";
import type { Message } from "./server.js";
import { type Built, planUpdate } from "./update.js";

/** One deck: its article, its latest build, and what its open pages show. */
export interface ServedDeck {
  ctx: DeckContext;
  /** The latest build (a broken edit's too). */
  output?: DeckOutput;
  /** The last good build: what the open pages show. */
  good?: Built & { output: DeckOutput; theme: string; fonts: string };
  /** Bumped by every good build: a page's patches go from its version to the next. */
  version: number;
  /** The next rebuild must reload the pages (an image it shows changed). */
  reload: boolean;
}

export interface DeckSetOptions {
  /** For a deck's first build (it writes what it can) and for its rebuilds (a broken edit keeps the last good deck). */
  first: RunConfig;
  again: RunConfig;
  session: BrowserSession | undefined;
  send(message: Message): void;
  onBuild?: (deck: DeckOutput, ms: number, initial: boolean) => void;
  /** After every good build (the course index is written again; not waited for). */
  changed(): void;
}

const readText = (path: string) => readFile(path, "utf8").catch(() => "");

export function createDeckSet(options: DeckSetOptions) {
  const { first, again, session, send } = options;
  const decks = new Map<string, ServedDeck>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();

  const rebuild = async (deck: ServedDeck, initial: boolean): Promise<void> => {
    const t0 = performance.now();
    const ctx = deckContext(initial ? first : again, deck.ctx.file, deck.ctx.name);
    const output = await runDeck(ctx, session);
    const ms = performance.now() - t0;
    if (decks.get(ctx.name) !== deck) return; // its article went away meanwhile
    deck.output = output;
    const { name } = ctx;
    if (!output.written) {
      const shown = output.diagnostics.filter((d) => d.severity !== "info").map(formatDiagnostic);
      if (!initial) send({ type: "error", deck: name, diagnostics: shown });
      options.onBuild?.(output, ms, initial);
      return;
    }
    const [theme, fonts] = await Promise.all(["theme.css", "fonts/fonts.css"].map((f) => readText(join(ctx.dir, "assets", f))));
    const now = { html: output.result.html, text: output.result.article.source.text, output, theme: theme ?? "", fonts: fonts ?? "" };
    const before = deck.good;
    deck.good = now;
    deck.version++;
    if (before && !initial) {
      const update = deck.reload || before.theme !== now.theme ? undefined : planUpdate(before, now);
      if (update?.type === "patch")
        send({ ...update, deck: name, from: deck.version - 1, to: deck.version, fonts: before.fonts !== now.fonts });
      else send({ type: "reload", deck: name });
    }
    deck.reload = false;
    options.onBuild?.(output, ms, initial);
    options.changed();
  };

  const run = (deck: ServedDeck, initial: boolean): Promise<void> => {
    const { name, file } = deck.ctx;
    if (running.has(name)) {
      dirty.add(name);
      return running.get(name) as Promise<void>;
    }
    // runDeck turns a deck's failures into diagnostics; anything else still must not end the server
    const job = rebuild(deck, initial)
      .catch((err: unknown) =>
        send({ type: "error", deck: name, diagnostics: [formatDiagnostic(diagnostic(file, "error", "internal-error", String(err)))] }),
      )
      .finally(() => {
        running.delete(name);
        const current = decks.get(name);
        if (dirty.delete(name) && current) void run(current, current.good === undefined);
      });
    running.set(name, job);
    return job;
  };

  return {
    decks,
    /** Build a new deck (its first build writes what it can). */
    async add(file: string, name: string): Promise<void> {
      const deck: ServedDeck = { ctx: deckContext(first, file, name), version: 0, reload: false };
      decks.set(name, deck);
      await run(deck, true);
    },
    /** Rebuild a deck; `reload`: its pages reload rather than patch. */
    schedule(name: string, reload = false): void {
      const deck = decks.get(name);
      if (!deck) return;
      if (reload) deck.reload = true;
      void run(deck, deck.good === undefined);
    },
    /** A deck whose article went away: its folder goes (the index drops it), its pages say so. */
    async remove(name: string): Promise<void> {
      const deck = decks.get(name);
      if (!deck) return;
      decks.delete(name);
      await running.get(name);
      await rm(insideDir(first.outDir, deck.ctx.dir), { recursive: true, force: true });
      const gone = diagnostic(
        deck.ctx.file,
        "error",
        "article-removed",
        "the article was removed or renamed: this deck is no longer served",
      );
      send({ type: "error", deck: name, diagnostics: [formatDiagnostic(gone)] });
    },
    idle: () => Promise.allSettled(running.values()),
  };
}

export type DeckSet = ReturnType<typeof createDeckSet>;
