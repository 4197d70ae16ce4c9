/** The npm headless shell: unpacked once into the user's cache, never run from a file someone else could write. */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBrowserSession } from "../../src/browser/session.js";
import { npmShell, shellPath } from "../../src/browser/shell.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

const PACKAGE = join(REPO_ROOT, "node_modules", "@sparticuz", "chromium");
const HAS_SHELL = process.platform === "linux" && process.arch === "x64" && existsSync(join(PACKAGE, "bin", "chromium.br"));
const version = HAS_SHELL ? (JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as { version: string }).version : "";

describe.skipIf(!HAS_SHELL)("npmShell", () => {
  it("unpacks the shell once into XDG_CACHE_HOME, whole, even when two builds ask at once; then reuses it", async () => {
    const env = { XDG_CACHE_HOME: tempDir("lectern-shell-") };
    const [a, b] = await Promise.all([npmShell(env), npmShell(env)]);
    expect(a).toBe(shellPath(version, env));
    expect(b).toBe(a);
    const path = a as string;
    expect(statSync(path).mode & 0o077).toBe(0);
    // no part file is left beside it, and what is there runs
    expect(readdirSync(dirname(path)).filter((f) => f.endsWith(".part"))).toEqual([]);
    const run = spawnSync(path, ["--version"], { encoding: "utf8" });
    expect(run.stdout).toMatch(/Chrom(e|ium)/);
    const before = statSync(path).mtimeMs;
    expect(await npmShell(env)).toBe(path);
    expect(statSync(path).mtimeMs).toBe(before);
  }, 60_000);

  it("does not run, nor replace, a file at its path that others may write", async () => {
    const env = { XDG_CACHE_HOME: tempDir("lectern-shell-") };
    const path = shellPath(version, env);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "#!/bin/sh\necho planted\n");
    chmodSync(path, 0o777);
    expect(await npmShell(env)).toBeUndefined();
    expect(readFileSync(path, "utf8")).toContain("planted");
  });
});

describe("npmShell elsewhere", () => {
  it("offers nothing where the package ships no binary (macOS, Windows, Linux on arm)", async () => {
    const env = { XDG_CACHE_HOME: tempDir("lectern-shell-") };
    expect(await npmShell(env, "darwin", "arm64")).toBeUndefined();
    expect(await npmShell(env, "win32", "x64")).toBeUndefined();
    expect(await npmShell(env, "linux", "arm64")).toBeUndefined();
    expect(readdirSync(env.XDG_CACHE_HOME)).toEqual([]);
  });
});

describe.skipIf(!HAS_SHELL || !existsSync("/usr/bin/chromium"))("a headless shell that cannot start", () => {
  it("is given up for the system's Chromium, and the build goes on", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: tempDir("lectern-shell-") };
    delete env.PUPPETEER_EXECUTABLE_PATH;
    delete env.CHROME_PATH;
    // the user's own file, sealed, but no browser (as a shell AppArmor or a noexec home stops)
    const path = shellPath(version, env);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, "#!/bin/sh\necho 'No usable sandbox!' >&2\nexit 1\n", { mode: 0o700 });
    const session = createBrowserSession({ env, timeout: 20_000 });
    try {
      const { page } = await session.newPage();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      expect(session.found).toMatchObject({ source: "system" });
      await page.close();
    } finally {
      await session.close();
    }
  }, 60_000);
});

describe.skipIf(!HAS_SHELL)("npmShell's folders", () => {
  it("does not run a shell in a folder others may write (they could swap the file after it was checked)", async () => {
    const env = { XDG_CACHE_HOME: tempDir("lectern-shell-") };
    const first = await npmShell(env);
    expect(first).toBe(shellPath(version, env));
    chmodSync(dirname(first as string), 0o777);
    expect(await npmShell(env)).toBeUndefined();
    chmodSync(dirname(first as string), 0o700);
    expect(await npmShell(env)).toBe(first);
  }, 60_000);
});
