import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fixture, REPO_ROOT, SEED, tempDir } from "../helpers.js";

const out = tempDir("lectern-cli-");
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/**
 * Builds run with --no-fit: measuring slides in a browser depends on the machine having
 * one, and is slow; these tests are about the CLI's contract, not the browser fit.
 */
const NO_FIT = "--no-fit";

/** Run the CLI in-process, capturing what it prints. */
async function run(argv: string[], tty = false) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), tty });
  return { code, stdout, stderr };
}

/** A line as compilers print it: `file:line:column: severity [code] message`. */
const DIAGNOSTIC_LINE = /^(.+):(\d+):(\d+): (error|warning|info) \[([a-z0-9-]+)\] (.+)$/;

describe("help and version", () => {
  it("--help prints the overview on stdout and exits 0; build --help the build options", async () => {
    for (const flag of ["--help", "-h"]) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: lectern <command> \[paths…\] \[options\]/);
      expect(r.stdout).toContain("Exit codes:");
      expect(r.stderr).toBe("");
      const build = await run(["build", flag]);
      expect(build.code).toBe(0);
      expect(build.stdout).toMatch(/^Usage: lectern build \[paths…\] \[options\]/);
      expect(build.stdout).toContain("--strict");
      expect(r.stderr).toBe("");
    }
  });

  it("with no arguments at all, prints the usage and exits 0", async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: lectern <command>");
  });

  it("--version prints the package version", async () => {
    for (const flag of ["--version", "-v"]) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
  });
});

describe("usage errors exit 2", () => {
  it("an unknown option", async () => {
    const r = await run(["build", "--frobnicate", fixture("good.md"), NO_FIT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("lectern: unknown option --frobnicate; see `lectern build --help`\n");
    expect(r.stdout).toBe("");
  });

  it("an unknown command", async () => {
    const r = await run(["frob", fixture("good.md")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command: frob");
  });

  it("a path that does not exist", async () => {
    const missing = join(out, "no-such-article.md");
    const r = await run(["build", missing, "-o", join(out, "x"), NO_FIT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no such file or folder: ${missing}`);
  });

  it("an unknown theme, before anything is written", async () => {
    const dist = join(out, "nosuch");
    const r = await run(["build", fixture("good.md"), "--theme", "nosuch", "-o", dist, NO_FIT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("theme not found: nosuch");
    expect(existsSync(dist)).toBe(false);
  });

  it("an empty --out", async () => {
    const r = await run(["build", fixture("good.md"), "--out", "", NO_FIT]);
    expect(r.code).toBe(2);
  });

  it("an option missing its value", async () => {
    const r = await run(["build", fixture("good.md"), NO_FIT, "--theme"]);
    expect(r.code).toBe(2);
  });
});

describe("builds", () => {
  it("exits 0 on a clean build and says what it built: a plain line per deck, then the summary", async () => {
    const dist = join(out, "good");
    const r = await run(["build", fixture("good.md"), "-o", dist, NO_FIT]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `[1/1] ${fixture("good.md")} → ${join(dist, "good")}/ (5 slides)\nlectern: built 1 of 1 deck into ${dist}/ (0 errors, 0 warnings)\n`,
    );
    expect(existsSync(join(dist, "good/index.html"))).toBe(true);
  });

  it("exits 1 on a build error and prints each diagnostic like a compiler", async () => {
    const file = fixture("bad-math.md");
    const r = await run(["build", file, "-o", join(out, "bad"), NO_FIT]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    const diags = lines.filter((l) => DIAGNOSTIC_LINE.test(l));
    expect(diags).toHaveLength(2);
    expect(diags[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5:8: error \\[math-invalid\\] bad formula: `));
    expect(diags[1]).toContain(":7:9: error [math-invalid]");
    expect(lines[lines.length - 1]).toMatch(/built 1 of 1 deck .*\(2 errors, 0 warnings\)/);
  });

  it("exits 0 with warnings only, and 1 with --strict", async () => {
    const file = fixture("missing-image.md");
    const loose = await run(["build", file, "-o", join(out, "warn"), NO_FIT]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain(`${file}:5:21: warning [image-missing] image not found: images/does-not-exist.png`);
    const strict = await run(["build", file, "-o", join(out, "warn"), "--strict", NO_FIT]);
    expect(strict.code).toBe(1);
  });

  it("exits 1 when one article of several fails, after building the others", async () => {
    const dist = join(out, "mixed");
    const r = await run(["build", fixture("good.md"), fixture("empty.md"), "-o", dist, NO_FIT]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${fixture("empty.md")}:1:1: error [empty-article]`);
    expect(r.stderr).toContain("built 1 of 2 decks");
    expect(existsSync(join(dist, "good/index.html"))).toBe(true);
  });

  it("shows progress on a terminal", async () => {
    const dist = join(out, "tty");
    const r = await run(["build", fixture("good.md"), "-o", dist, NO_FIT], true);
    // live lines (redrawn with escapes) while it builds, then the deck's lasting line
    const lines = r.stderr.split(/\n|\u001b\[[0-9;?]*[A-Za-z]/);
    expect(lines).toContain(`[1/1] ${fixture("good.md")} → ${join(dist, "good")}/ (5 slides)`);
    expect(lines).toContain(`  ${fixture("good.md")} ▸ render`);
  });
});

describe("--json", () => {
  it("prints {ok, decks, diagnostics} on stdout, diagnostics with file, line and column", async () => {
    const dist = join(out, "json");
    const file = fixture("bad-math.md");
    const r = await run(["build", file, fixture("missing-image.md"), "-o", dist, "--json", NO_FIT]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const parsed = JSON.parse(r.stdout) as {
      ok: boolean;
      decks: { input: string; name: string; dir: string; written: boolean; slides: number }[];
      diagnostics: { severity: string; code: string; message: string; file: string; line: number; column: number }[];
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.decks).toEqual([
      expect.objectContaining({ input: file, name: "bad-math", dir: join(dist, "bad-math"), written: true, slides: 2 }),
      expect.objectContaining({ input: fixture("missing-image.md"), name: "missing-image", written: true }),
    ]);
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ file, line: 5, column: 8, severity: "error", code: "math-invalid" }),
      expect.objectContaining({ file, line: 7, column: 9, severity: "error", code: "math-invalid" }),
      expect.objectContaining({ file: fixture("missing-image.md"), line: 5, column: 21, severity: "warning", code: "image-missing" }),
    ]);
  });

  it("passes --keep-repetition through", async () => {
    const collapsed = JSON.parse((await run(["build", SEED, "-o", join(out, "seed1"), "--json", NO_FIT])).stdout) as {
      diagnostics: { code: string; message: string }[];
    };
    const kept = JSON.parse((await run(["build", SEED, "-o", join(out, "seed2"), "--json", "--keep-repetition", NO_FIT])).stdout) as {
      diagnostics: { code: string; message: string }[];
    };
    expect(collapsed.diagnostics.find((d) => d.code === "repetition")?.message).toMatch(/collapsed/);
    expect(kept.diagnostics.find((d) => d.code === "repetition")?.message).toMatch(/kept as written/);
  });
});

describe("the lectern binary", () => {
  const bin = join(REPO_ROOT, "bin", "lectern.js");
  const exec = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: out, encoding: "utf8", timeout: 30_000 });

  it("needs the compiled CLI (npm test runs tsc first)", () => {
    expect(existsSync(join(REPO_ROOT, "lib", "cli", "main.js"))).toBe(true);
  });

  it("exits 0 for --help, 2 for an unknown option, 1 for a failed build", () => {
    const help = exec(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: lectern <command>");

    const bad = exec(["--no-such-option"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--no-such-option");

    const failed = exec(["build", fixture("bad-math.md"), "-o", join(out, "bin-dist"), NO_FIT]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(":5:8: error [math-invalid]");
    expect(existsSync(join(out, "bin-dist/bad-math/index.html"))).toBe(true);
  });

  it("exits 0 for a clean build with --json on stdout", () => {
    const ok = exec(["build", fixture("good.md"), "-o", join(out, "bin-ok"), "--json", NO_FIT]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, diagnostics: [] });
  });
});
