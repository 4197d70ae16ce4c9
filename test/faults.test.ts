// Faults outside the article: a full disk, a read-only output folder, a browser that crashes,
// a deck that fails among twenty. Each gives a clear message, and earlier output survives.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BrowserSession, createBrowserSession } from "../src/browser/session.js";
import { buildFile, buildPaths } from "../src/index.js";
import { REPO_ROOT, tempDir } from "./helpers.js";

const ARTICLE = "# Talk\n\nPlain Latin text, so the deck is small.\n\n# Part two\n\nMore text.\n";

const mounted: string[] = [];

/** A tmpfs of the given size (root only; CI runs as root). Undefined when it cannot be had. */
function tmpfs(options: string): string | undefined {
  // not a tempDir(): those are removed after the file, and a mount point must be unmounted first
  const dir = mkdtempSync(join(tmpdir(), "lectern-mount-"));
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]);
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  mounted.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of mounted) {
    spawnSync("umount", [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("a full disk", () => {
  const disk = tmpfs("size=900k");
  it.skipIf(!disk)("fails the deck with a clear message and keeps the previous deck whole", async () => {
    const src = tempDir();
    const file = join(src, "talk.md");
    writeFileSync(file, ARTICLE);
    const out = join(disk as string, "dist");
    const first = await buildFile(file, { outDir: out, fit: false });
    expect(first.written).toBe(true);
    const before = readFileSync(join(out, "talk", "index.html"), "utf8");
    writeFileSync(file, `${ARTICLE}\nChanged.\n`);
    const second = await buildFile(file, { outDir: out, fit: false });
    expect(second.written).toBe(false);
    const error = second.diagnostics.find((d) => d.code === "write-failed");
    expect(error?.message).toMatch(/ENOSPC|no space/i);
    expect(error?.message).toContain("previous deck is unchanged");
    expect(readFileSync(join(out, "talk", "index.html"), "utf8")).toBe(before);
    expect(readdirSync(out).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });
});

describe("a read-only output folder", () => {
  const ro = tmpfs("ro,size=100k");
  it.skipIf(!ro)("exits 1 with the reason, from the CLI", () => {
    const src = tempDir();
    writeFileSync(join(src, "talk.md"), ARTICLE);
    const r = spawnSync(process.execPath, [join(REPO_ROOT, "bin", "lectern.js"), "build", src, "--out", ro as string, "--no-fit"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[write-failed\].*(EROFS|read-only)/i);
  });
});

describe("a deck that fails among twenty", () => {
  it("does not stop the other nineteen", async () => {
    const src = tempDir();
    for (let i = 1; i <= 20; i++)
      writeFileSync(
        join(src, `deck-${String(i).padStart(2, "0")}.md`),
        i === 7 ? Buffer.from([0, 1, 2, 0, 0xff]) : `# Deck ${i}\n\nText ${i}.\n`,
      );
    const out = tempDir();
    const run = await buildPaths([src], { outDir: out, fit: false });
    expect(run.ok).toBe(false);
    expect(run.decks.filter((d) => d.written)).toHaveLength(19);
    expect(run.diagnostics.find((d) => d.code === "binary-file")?.file).toContain("deck-07.md");
    expect(existsSync(join(out, "deck-20", "index.html"))).toBe(true);
  });
});

describe("a browser that crashes mid-print", () => {
  let session: BrowserSession | undefined;
  afterAll(async () => {
    await session?.close();
  });

  it("fails that deck with the reason, keeps its previous PDF, and the next deck gets a new browser", async () => {
    const src = tempDir();
    writeFileSync(join(src, "a.md"), ARTICLE);
    writeFileSync(join(src, "b.md"), ARTICLE.replace("Talk", "Other"));
    const out = tempDir();
    const real = createBrowserSession();
    session = real;
    const first = await buildFile(join(src, "a.md"), { outDir: out, pdf: true }, "a", real);
    expect(first.pdf?.pages).toBeGreaterThan(0);
    const previous = readFileSync(join(out, "a", "a.pdf"));
    // a session whose page kills the browser when asked to print
    let crashedProfile: string | undefined;
    const crashing: BrowserSession = {
      get found() {
        return real.found;
      },
      close: () => real.close(),
      async newPage(...access) {
        const opened = await real.newPage(...access);
        const pdf = opened.page.pdf.bind(opened.page);
        opened.page.pdf = (async (...args: Parameters<typeof pdf>) => {
          const browser = opened.page.browser().process();
          crashedProfile = browser?.spawnargs.find((a) => a.startsWith("--user-data-dir="))?.slice("--user-data-dir=".length);
          browser?.kill("SIGKILL");
          return pdf(...args);
        }) as typeof opened.page.pdf;
        return opened;
      },
    };
    writeFileSync(join(src, "a.md"), `${ARTICLE}\nChanged.\n`);
    const crashed = await buildFile(join(src, "a.md"), { outDir: out, pdf: true }, "a", crashing);
    expect(crashed.written).toBe(false);
    expect(crashed.diagnostics.find((d) => d.code === "write-failed")?.message).toContain("previous deck is unchanged");
    expect(readFileSync(join(out, "a", "a.pdf")).equals(previous)).toBe(true);
    const next = await buildFile(join(src, "b.md"), { outDir: out, pdf: true }, "b", real);
    expect(next.written).toBe(true);
    expect(next.pdf?.pages).toBeGreaterThan(0);
    // the crashed browser's profile went with it when the new one was launched
    expect(crashedProfile).toBeTruthy();
    expect(existsSync(crashedProfile as string)).toBe(false);
  }, 90_000);
});

describe("a browser that hangs", () => {
  it("gives up after the timeout with a clear error instead of hanging", async () => {
    const src = tempDir();
    mkdirSync(join(src, "x"));
    writeFileSync(join(src, "x", "a.md"), ARTICLE);
    const t0 = Date.now();
    const deck = await buildFile(join(src, "x", "a.md"), { outDir: tempDir(), pdf: true, timeout: 1 });
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(deck.written).toBe(false);
    expect(deck.diagnostics.find((d) => d.code === "write-failed")?.message).toMatch(/timeout|timed out|exceeded/i);
  }, 60_000);
});
