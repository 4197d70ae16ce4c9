/**
 * A build stopped from outside (Ctrl-C, SIGTERM, SIGKILL), run as a user runs it: nothing is
 * left in the output folder nor in the temp folder, no Chromium outlives it, and the previous
 * deck stays whole.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, SHARED, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const BIN = join(REPO_ROOT, "bin", "lectern.js");
const GEN = join(SHARED, "bench", "gen-article.mjs");

/** Pids of the processes whose command line names a profile in `tmp` (Chromium and its helpers). */
function browsersIn(tmp: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(join("/proc", name, "cmdline"), "utf8");
    } catch {
      continue; // gone meanwhile
    }
    if (cmdline.includes(`--user-data-dir=${tmp}/`)) pids.push(Number(name));
  }
  return pids;
}

/** Wait for `ready` (checked every 50 ms); false if it has not happened within `ms`. */
async function until(ready: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return ready();
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

const leftovers = (out: string) => (existsSync(out) ? readdirSync(out) : []).filter((n) => n.includes(".tmp-") || n.includes(".old-"));
const profiles = (tmp: string) => readdirSync(tmp).filter((n) => n.startsWith("lectern-chrome-"));

describe.skipIf(!HAS_BROWSER || !existsSync(GEN))("a build stopped from outside", () => {
  const root = tempDir("lectern-interrupt-");
  const article = join(root, "talk.md");
  const started: ChildProcess[] = [];
  const tmps: string[] = [];

  /** Start `lectern build talk.md --pdf` into `out` with its own TMPDIR; resolves once Chromium works on the deck's temporary folder. */
  async function startBuild(out: string, tmp: string): Promise<ChildProcess> {
    tmps.push(tmp);
    const child = spawn(process.execPath, [BIN, "build", article, "--pdf", "--no-cache", "--out", out], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: "ignore",
    });
    started.push(child);
    const busy = await until(() => leftovers(out).length > 0 && browsersIn(tmp).length > 0, 60_000);
    expect(busy).toBe(true);
    return child;
  }

  beforeAll(() => {
    writeFileSync(article, execFileSync(process.execPath, [GEN, "--sections", "30", "--seed", "1"]));
  });

  afterAll(() => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    // a failing run may leave a browser behind: end it (and only it), so the machine stays clean
    for (const pid of tmps.flatMap(browsersIn)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
  });

  // Chromium keeps its own temp files in the profile when the path of its socket there fits
  // (a short TMPDIR), else in TMPDIR itself (here ~40 characters): both are tried
  const shortTmp = () => tempDir("lct-");
  const longTmp = (name: string) => {
    const dir = join(root, `tmp-${name}`);
    mkdirSync(dir);
    return dir;
  };

  describe.each([
    ["SIGINT", 130, "short"],
    ["SIGTERM", 143, "long"],
  ] as const)("%s while printing (a %s TMPDIR)", (signal, code, length) => {
    it(`exits ${code} after removing the temporary deck folder and the browser profile; the previous deck is intact`, async () => {
      const out = join(root, `out-${signal}`);
      const tmp = length === "short" ? shortTmp() : longTmp(signal);
      const first = spawn(process.execPath, [BIN, "build", article, "--pdf", "--out", out], { env: { ...process.env, TMPDIR: tmp } });
      expect((await exited(first)).code).toBe(0);
      const html = readFileSync(join(out, "talk", "index.html"));
      const pdf = readFileSync(join(out, "talk", "talk.pdf"));

      const child = await startBuild(out, tmp);
      const done = exited(child);
      child.kill(signal);
      expect(await done).toEqual({ code, signal: null });
      expect(leftovers(out)).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]); // no profile, nor any of Chromium's own temp files
      expect(browsersIn(tmp)).toEqual([]);
      expect(readFileSync(join(out, "talk", "index.html")).equals(html)).toBe(true);
      expect(readFileSync(join(out, "talk", "talk.pdf")).equals(pdf)).toBe(true);
    }, 120_000);
  });

  it("SIGKILL: Chromium dies with Lectern, and the next build (even without a browser) removes what the killed one left", async () => {
    const out = join(root, "out-kill");
    const tmp = longTmp("kill");
    const child = await startBuild(out, tmp);
    const done = exited(child);
    child.kill("SIGKILL");
    await done;
    // Chromium reads its commands from a pipe that closed with Lectern: it exits on its own
    expect(await until(() => browsersIn(tmp).length === 0, 10_000)).toBe(true);
    expect(leftovers(out)).not.toEqual([]);
    expect(profiles(tmp)).not.toEqual([]);

    // even a build that needs no browser sweeps the dead run's profile
    const next = spawn(process.execPath, [BIN, "build", article, "--out", out, "--no-fit"], { env: { ...process.env, TMPDIR: tmp } });
    expect((await exited(next)).code).toBe(0);
    expect(leftovers(out)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]); // the killed browser's profile and its socket folder too
  }, 120_000);
});
