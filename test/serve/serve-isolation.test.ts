/**
 * `serve` survives a save whose build throws (injected: `buildDeck` throws for an article that
 * holds a marker): the deck shows the error, the server still answers with the last good
 * deck, and fixing the article rebuilds it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DeckOutput } from "../../src/index.js";
import { type Serving, serve } from "../../src/serve/serve.js";
import { tempDir } from "../helpers.js";

vi.mock("../../src/build.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/build.js")>();
  return {
    ...real,
    buildResolved: (input: string | Uint8Array, options: Parameters<typeof real.buildResolved>[1]) => {
      if (Buffer.from(input).includes("THROW-IN-BUILD")) throw new RangeError("Invalid string length");
      return real.buildResolved(input, options);
    },
  };
});

describe("serve, when a deck's build throws", () => {
  let dir: string;
  let serving: Serving;
  const builds: DeckOutput[] = [];
  let waiting: { test: (d: DeckOutput) => boolean; resolve: () => void } | undefined;
  /** Resolves at the next build `serve` reports that passes `test`. */
  const built = (test: (d: DeckOutput) => boolean) => new Promise<void>((resolve) => (waiting = { test, resolve }));

  beforeAll(async () => {
    dir = tempDir();
    writeFileSync(join(dir, "talk.md"), "# Talk\n\nFirst words.\n");
    serving = await serve([join(dir, "talk.md")], {
      outDir: join(dir, "out"),
      port: 0,
      onBuild: (deck) => {
        builds.push(deck);
        if (waiting?.test(deck)) waiting.resolve();
      },
    });
  }, 60_000);

  afterAll(async () => {
    await serving?.close();
  });

  it("reports the error, keeps answering with the last good deck, and rebuilds once fixed", async () => {
    const page = () => fetch(`${serving.url}talk/index.html`).then(async (r) => ({ status: r.status, text: await r.text() }));
    expect((await page()).text).toContain("First words.");

    let done = built((d) => !d.written);
    writeFileSync(join(dir, "talk.md"), "# Talk\n\nTHROW-IN-BUILD\n");
    await done;
    expect(builds.at(-1)?.written).toBe(false);
    expect(builds.at(-1)?.diagnostics).toMatchObject([{ severity: "error", code: "internal-error", line: 1 }]);
    const after = await page();
    expect(after.status).toBe(200);
    expect(after.text).toContain("First words.");
    expect(readFileSync(join(dir, "out", "talk", "index.html"), "utf8")).toContain("First words.");

    done = built((d) => d.written);
    writeFileSync(join(dir, "talk.md"), "# Talk\n\nFixed words.\n");
    await done;
    expect(builds.at(-1)?.written).toBe(true);
    expect((await page()).text).toContain("Fixed words.");
  }, 30_000);
});
