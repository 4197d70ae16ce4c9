/**
 * An exception inside one deck's build (here injected: `buildDeck` throws for an article that
 * holds a marker, as a 600 KB front matter of aliases once did) is that deck's error diagnostic:
 * the run goes on, the other decks are built, the deck's previous folder stays as it was.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildPaths } from "../../src/index.js";
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

describe("an exception inside one deck", () => {
  it("becomes that deck's internal-error; the other decks are built and its previous folder is intact", async () => {
    const src = tempDir();
    for (const k of ["a", "b", "c"]) writeFileSync(join(src, `${k}.md`), `# Deck ${k}\n\nWords of deck ${k}.\n`);
    const out = tempDir();
    expect((await buildPaths([src], { outDir: out, fit: false })).ok).toBe(true);
    const before = readFileSync(join(out, "b", "index.html"), "utf8");
    for (const k of ["a", "c"]) writeFileSync(join(src, `${k}.md`), `# Deck ${k}\n\nNew words of deck ${k}.\n`);
    writeFileSync(join(src, "b.md"), "# Deck b\n\nTHROW-IN-BUILD\n");

    const run = await buildPaths([src], { outDir: out, fit: false });
    expect(run.decks.map((d) => [d.name, d.written])).toEqual([
      ["a", true],
      ["b", false],
      ["c", true],
    ]);
    expect(run.ok).toBe(false);
    expect(run.diagnostics).toEqual([
      {
        severity: "error",
        code: "internal-error",
        message: expect.stringContaining("Invalid string length"),
        file: join(src, "b.md"),
        line: 1,
        column: 1,
      },
    ]);
    expect(readFileSync(join(out, "a", "index.html"), "utf8")).toContain("New words of deck a.");
    expect(readFileSync(join(out, "c", "index.html"), "utf8")).toContain("New words of deck c.");
    expect(readFileSync(join(out, "b", "index.html"), "utf8")).toBe(before);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("3 decks");
  });
});
