/**
 * The decks `serve` keeps up to date: one rebuild per deck at a time (a change during a
 * rebuild queues one more), and after each, what its open pages are sent — the patch from
 * the deck they show (the last good one) to the new one, a reload when a patch cannot say
 * it (the page around the slides, the theme or an image changed), or the diagnostics of a
 * broken edit. Decks come and go with their articles.
 *
 * A save's critical path: the front half, then the fit in the deck's warm page (only the changed
 * slides are swapped in and measured), then the patch — the deck folder is written after it
 * (run/deck `fitEarly`). Until it is, a request for the deck's files waits (`settled`), so a
 * reload gets the new deck, never a half-written one; a page that connects after a patch went
 * out says its version and is sent what it missed (`catchUp`). A save that changes nothing the
 * deck shows sends nothing.
 */
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserSession } from "../browser/session.js";
import { type DeckContext, deckContext } from "../config/deck-context.js";
import type { RunConfig } from "../config/run-config.js";
import { diagnostic, hasErrors } from "../diagnostics/collect.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import type { MeasureStore } from "../fit/cache.js";
import { createWarmPage, type WarmPage } from "../fit/warm.js";
import { type DeckFile, deckFiles } from "../output/folder/assets.js";
import { type RenderMemo, renderMemo } from "../render/memo.js";
import { runDeck } from "../run/deck.js";
import type { DeckOutput, Timings } from "../types.js";
import { insideDir } from "../util/inside-dir.js";
import type { Message } from "./server.js";
import { type Built, planUpdate } from "./update.js";

/** A deck as its open pages show it. */
type Shown = Built & { output: DeckOutput; theme: string; fonts: string };

/** One deck: its article, its latest build, and what its open pages show. */
export interface ServedDeck {
  ctx: DeckContext;
  /** The latest build (a broken edit's too). */
  output?: DeckOutput;
  /** The last good build: what the open pages show. */
  good?: Shown;
  /** Bumped by every update sent: a page's patches go from its version to the next. */
  version: number;
  /** The version of the deck folder on disk (a patch may reach the pages before the folder is written). */
  served: number;
  /** The next rebuild must reload the pages (an image it shows changed). */
  reload: boolean;
  /** Highlighted code and formulas of its earlier builds (a rebuild renders only what changed). */
  memo: RenderMemo;
  /** Its measuring page, laid out as the last build left it (fit/warm): a rebuild measures what changed in it. */
  warm?: WarmPage;
  /** The last patch sent (a page that connects late, at its `from`, is sent it again). */
  last?: Message;
  /** Its pages show a broken edit's diagnostics (the next good build is sent, even when it is the deck they show). */
  broken?: boolean;
  /** The files its last build's folder has beside the page, and what they were made from (output/folder `deckFiles`). */
  files?: { from: string; files: DeckFile[] };
}

/** Where one rebuild's time went: `performance.now()` when it started, and ms from then. */
export interface RebuildTimes {
  started: number;
  /** The open pages were sent the patch (absent: a reload, an error, or nothing to send). */
  sent?: number;
  /** The deck folder holds the new deck. */
  written?: number;
  /** The build's own stages (parse, plan, render, write, fit…). */
  stages: Timings;
}

export interface DeckSetOptions {
  /** For a deck's first build (it writes what it can) and for its rebuilds (a broken edit keeps the last good deck). */
  first: RunConfig;
  again: RunConfig;
  session: BrowserSession | undefined;
  /** Slide measurements kept across rebuilds: a rebuild measures only the slides that changed. */
  measures?: MeasureStore;
  send(message: Message): void;
  onBuild?: (deck: DeckOutput, ms: number, initial: boolean, times: RebuildTimes) => void;
  /** After every good build (the course index is written again; not waited for). */
  changed(): void;
}

/** Decks that keep a warm measuring page. */
const WARM_DECKS = 3;

const readText = (path: string) => readFile(path, "utf8").catch(() => "");

export function createDeckSet(options: DeckSetOptions) {
  const { first, again, session, send } = options;
  const decks = new Map<string, ServedDeck>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();

  /** The open pages' update from the deck they show to `output`, or undefined when only a reload can say it. */
  const updateTo = (deck: ServedDeck, now: Shown, early: boolean): Message | "none" | undefined => {
    const before = deck.good;
    if (!before || deck.reload || before.theme !== now.theme) return undefined;
    // the same page (a save that changed nothing the deck shows): the pages stay as they are, at their version
    if (before.html === now.html && (early || before.fonts === now.fonts) && !deck.broken) return "none";
    const update = planUpdate(before, now);
    if (update.type !== "patch") return undefined;
    return { ...update, deck: deck.ctx.name, from: deck.version, to: deck.version + 1, fonts: !early && before.fonts !== now.fonts };
  };

  /** What the pages can be sent before the folder is written: not when they would need a file it does not have yet. */
  const early = (deck: ServedDeck, output: DeckOutput): Shown | undefined => {
    const before = deck.good;
    if (!before) return undefined;
    const { result } = output;
    const glyphs = new Set(before.output.result.glyphs);
    if (![...result.glyphs].every((c) => glyphs.has(c))) return undefined; // a font slice the page lacks
    const media = before.output.result.media;
    if ([...result.media].some(([at, from]) => media.get(at) !== from)) return undefined; // an image not copied yet
    if (result.article.source.meta.theme !== before.output.result.article.source.meta.theme) return undefined;
    return { html: result.html, text: result.article.source.text, output, theme: before.theme, fonts: before.fonts };
  };

  /** Decks with a warm measuring page, the last edited first (a page each: only the few being edited keep one). */
  const warmed: ServedDeck[] = [];
  /** After a good rebuild of a fitted deck: lay it out in its warm page, for its next rebuild. */
  const warmUp = (deck: ServedDeck, ctx: DeckContext, html: string): void => {
    if (!session || !ctx.config.fit) return;
    const { width, height } = ctx.options.metrics;
    const open = async () => (await session.newPage([], [ctx.dir])).page;
    deck.warm ??= createWarmPage({ open, dir: ctx.dir, width, height, timeout: ctx.config.timeout });
    void deck.warm.load(html);
    const at = warmed.indexOf(deck);
    if (at >= 0) warmed.splice(at, 1);
    warmed.unshift(deck);
    for (const old of warmed.splice(WARM_DECKS)) {
      void old.warm?.close();
      old.warm = undefined;
    }
  };

  /** `deckFiles` of the deck's last build again when it is made from the same theme, glyphs and images. */
  const filesOf =
    (deck: ServedDeck): typeof deckFiles =>
    (opts) => {
      const from = JSON.stringify([opts.themeCss, opts.glyphs, [...opts.media]]);
      if (deck.files?.from !== from) deck.files = { from, files: deckFiles(opts) };
      return deck.files.files;
    };

  const rebuild = async (deck: ServedDeck, initial: boolean): Promise<void> => {
    const t0 = performance.now();
    const times: RebuildTimes = { started: t0, stages: {} };
    /** Send the pages `message`, the update from their version to the next. */
    const update = (message: Message) => {
      send(message);
      deck.version++;
      deck.broken = false;
      if (message.type === "patch") {
        deck.last = message;
        times.sent = performance.now() - t0;
      } else deck.last = undefined;
    };
    const ctx = deckContext(initial ? first : again, deck.ctx.file, deck.ctx.name);
    const { name } = ctx;
    let sent: Shown | undefined;
    const onPage = (output: DeckOutput) => {
      if (initial || decks.get(name) !== deck || hasErrors(output.result.diagnostics)) return;
      const now = early(deck, output);
      const message = now && updateTo(deck, now, true);
      if (!now || !message) return;
      if (message !== "none") update(message);
      deck.good = now;
      sent = now;
    };
    const output = await runDeck(ctx, session, {
      measures: options.measures,
      onPage,
      memo: deck.memo,
      files: filesOf(deck),
      ...(deck.warm && { warm: deck.warm }),
    });
    const ms = performance.now() - t0;
    if (decks.get(name) !== deck) return; // its article went away meanwhile
    deck.output = output;
    times.stages = output.result.timings;
    if (!output.written) {
      const shown = output.diagnostics.filter((d) => d.severity !== "info").map(formatDiagnostic);
      if (!initial) send({ type: "error", deck: name, diagnostics: shown });
      deck.broken = !initial;
      options.onBuild?.(output, ms, initial, times);
      return;
    }
    const [theme, fonts] = await Promise.all(["theme.css", "fonts/fonts.css"].map((f) => readText(join(ctx.dir, "assets", f))));
    const now: Shown = {
      html: output.result.html,
      text: output.result.article.source.text,
      output,
      theme: theme ?? "",
      fonts: fonts ?? "",
    };
    times.written = ms;
    if (sent) {
      // the pages have it already; a theme file that changed all the same needs a reload
      if (sent.theme !== now.theme) update({ type: "reload", deck: name });
    } else if (deck.good && !initial) {
      const message = updateTo(deck, now, false) ?? { type: "reload", deck: name };
      if (message !== "none") update(message);
    } else deck.version++;
    deck.good = now;
    deck.served = deck.version;
    deck.reload = false;
    if (!initial) warmUp(deck, ctx, output.result.html);
    options.onBuild?.(output, ms, initial, times);
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
      const deck: ServedDeck = { ctx: deckContext(first, file, name), version: 0, served: 0, reload: false, memo: renderMemo() };
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
      await deck.warm?.close();
      if (warmed.includes(deck)) warmed.splice(warmed.indexOf(deck), 1);
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
    /**
     * Settles when the deck's folder holds the deck its pages are patched to: a page asked for
     * while a rebuild runs (its patch may be sent before its folder is written) waits for it.
     */
    settled: (name: string): Promise<void> | undefined => running.get(name)?.catch(() => undefined),
    /**
     * What a page that connected at `version` has missed: nothing, the last patch (it was sent
     * while the page loaded), or a reload.
     */
    catchUp(name: string, version: number): Message | undefined {
      const deck = decks.get(name);
      if (!deck || version === deck.version) return undefined;
      const last = deck.last;
      return last?.type === "patch" && last.from === version ? last : { type: "reload", deck: name };
    },
  };
}

export type DeckSet = ReturnType<typeof createDeckSet>;
