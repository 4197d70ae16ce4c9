/** The CLI's browser options, run as a user runs it: `node bin/lectern.js` (the compiled lib/). */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));

const BIN = join(REPO_ROOT, "bin", "lectern.js");
const out = tempDir("lectern-cli-browser-");

/** Run the CLI; resolves with the exit code and what it printed (never rejects on a non-zero exit). */
function lectern(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 90_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const MISSING = { PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chrome" };

describe("lectern build with a browser that is not there", () => {
  it("needs the compiled CLI (npm test runs tsc first)", () => {
    expect(existsSync(join(REPO_ROOT, "lib", "cli", "main.js"))).toBe(true);
  });

  it("--pdf exits 3, naming the missing browser, and writes nothing", async () => {
    const dir = join(out, "missing");
    const r = await lectern(["build", fixture("good.md"), "--pdf", "--out", dir], MISSING);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("[browser-missing]");
    expect(r.stderr).toContain("PUPPETEER_EXECUTABLE_PATH=/nonexistent/chrome");
    expect(existsSync(join(dir, "good"))).toBe(false);
  }, 30_000);

  it("--pdf with a missing browser names the fixes (apt-get install, --browser-path)", async () => {
    const r = await lectern(["build", fixture("good.md"), "--pdf", "--out", join(out, "fixes")], MISSING);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("apt-get install");
    expect(r.stderr).toContain("--browser-path");
  }, 30_000);

  it("--browser-path to a missing file exits 3 and names it", async () => {
    const r = await lectern(["build", fixture("good.md"), "--pdf", "--out", join(out, "option"), "--browser-path", "/nonexistent/chrome"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--browser-path /nonexistent/chrome");
  }, 30_000);

  it("without --pdf, nothing needs the browser: --no-fit builds and exits 0", async () => {
    const dir = join(out, "no-fit");
    const r = await lectern(["build", fixture("good.md"), "--no-fit", "--out", dir], MISSING);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "good", "index.html"))).toBe(true);
    expect(existsSync(join(dir, "good", "good.pdf"))).toBe(false);
  }, 30_000);
});

describe("--handout", () => {
  it("--handout 5 is a usage error: exit 2", async () => {
    const r = await lectern(["build", fixture("good.md"), "--handout", "5", "--out", join(out, "bad-handout")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--handout 5");
    expect(existsSync(join(out, "bad-handout"))).toBe(false);
  }, 30_000);

  it.skipIf(!HAS_BROWSER)(
    "--pdf --handout notes writes <name>.pdf and <name>-handout-notes.pdf",
    async () => {
      const dir = join(out, "handout");
      const r = await lectern(["build", fixture("good.md"), "--pdf", "--handout", "notes", "--out", dir, "--json"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, "good", "good.pdf"))).toBe(true);
      expect(existsSync(join(dir, "good", "good-handout-notes.pdf"))).toBe(true);
      const report = JSON.parse(r.stdout) as {
        ok: boolean;
        decks: { slides: number; pdf: { pages: number }; handouts: { layout: string; path: string; pages: number }[] }[];
      };
      expect(report.ok).toBe(true);
      const [deck] = report.decks;
      expect(deck?.pdf.pages).toBe(deck?.slides);
      expect(deck?.handouts).toEqual([
        { layout: "notes", path: join(dir, "good", "good-handout-notes.pdf"), pages: deck?.slides, bytes: expect.any(Number) },
      ]);
    },
    60_000,
  );

  it.skipIf(!HAS_BROWSER)(
    "--timings reports every stage a PDF build went through, in pipeline order, and --json carries the same figures",
    async () => {
      const dir = join(out, "timings");
      const r = await lectern(["pdf", fixture("good.md"), "--out", dir, "--timings"]);
      expect(r.code).toBe(0);
      const line = r.stderr.split("\n").find((l) => l.startsWith("timings good:")) ?? "";
      const stages = [...(line.split(" (total")[0] ?? "").matchAll(/([a-z-]+) (\d+) ms/g)].map((m) => m[1]);
      expect(stages).toEqual(["parse", "plan", "render", "write", "browser", "fit", "print", "pdf-finish"]);
      expect(line).toMatch(/\(total \d+ ms\)$/);
      const json = JSON.parse((await lectern(["build", fixture("good.md"), "--out", dir, "--no-fit", "--no-cache", "--json"])).stdout) as {
        decks: { timings: Record<string, number> }[];
      };
      // no browser asked for: only the HTML stages ran
      expect(Object.keys(json.decks[0]?.timings ?? {})).toEqual(["parse", "plan", "render", "write"]);
      for (const ms of Object.values(json.decks[0]?.timings ?? {})) expect(ms).toBeGreaterThanOrEqual(0);
    },
    60_000,
  );
});
