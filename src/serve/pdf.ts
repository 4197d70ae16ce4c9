/**
 * `serve` makes no PDF up front: a deck's PDF (`/<deck>/<deck>.pdf`, the course index links
 * it) is printed with the warm browser when it is first asked for, and kept until the deck
 * is rebuilt. Prints of one deck version are shared by the requests that wait for it.
 */
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserSession } from "../browser/session.js";
import type { DeckContext } from "../config/deck-context.js";
import { printDeckPdf } from "../output/pdf/print.js";
import type { DeckOutput } from "../types.js";
import { insideDir } from "../util/inside-dir.js";
import type { Dynamic } from "./dynamic.js";

/** What the PDF of a deck is printed from: its context, its latest good build, and that build's version. */
export interface PrintableDeck {
  ctx: DeckContext;
  output: DeckOutput;
  version: number;
}

/** Where the printed PDFs wait, under the output folder (a dot-folder: never served as such). */
export const PDF_CACHE_DIR = ".lectern-serve-pdf";

/** `/<deck>/<deck>.pdf` → the deck name, else undefined. */
function deckOfPdfPath(path: string): string | undefined {
  let parts: string[];
  try {
    parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  return parts.length === 2 && parts[1] === `${parts[0]}.pdf` ? parts[0] : undefined;
}

export function pdfOnDemand(
  outDir: string,
  session: BrowserSession,
  deck: (name: string) => PrintableDeck | undefined,
): Dynamic & { close(): Promise<void> } {
  const cacheDir = join(outDir, PDF_CACHE_DIR);
  const printed = new Map<string, { version: number; file: Promise<string> }>();

  const print = async (d: PrintableDeck): Promise<string> => {
    const { ctx, output, version } = d;
    await mkdir(cacheDir, { recursive: true });
    const file = insideDir(outDir, join(cacheDir, `${ctx.name}-${version}.pdf`));
    const { page } = await session.newPage([], [ctx.dir]);
    try {
      const { width, height } = ctx.options.metrics;
      const { plan, article } = output.result;
      await printDeckPdf(page, join(ctx.dir, "index.html"), file, plan, article.source.meta, ctx.config.timeout, {
        width,
        height,
        laidOut: false,
      });
    } finally {
      await page.close().catch(() => undefined);
    }
    return file;
  };

  const dynamic = async (path: string) => {
    const name = deckOfPdfPath(path);
    const d = name === undefined ? undefined : deck(name);
    // a deck whose build printed its PDF serves it from its folder
    if (!d?.output.written || existsSync(join(d.ctx.dir, `${d.ctx.name}.pdf`))) return undefined;
    let entry = printed.get(d.ctx.name);
    if (entry?.version !== d.version) {
      const stale = entry;
      entry = { version: d.version, file: print(d) };
      printed.set(d.ctx.name, entry);
      entry.file.catch(() => printed.get(d.ctx.name) === entry && printed.delete(d.ctx.name));
      if (stale) void stale.file.then((f) => rm(f, { force: true })).catch(() => undefined);
    }
    return { file: await entry.file, type: "application/pdf" };
  };
  return Object.assign(dynamic, {
    async close() {
      await Promise.allSettled([...printed.values()].map((p) => p.file));
      await rm(cacheDir, { recursive: true, force: true });
    },
  });
}
