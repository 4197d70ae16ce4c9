/** Each command's own help, one-line usage errors that point to it, and serve's one URL line. */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCli } from "../../src/cli/args.js";
import { serveCommand } from "../../src/cli/serve-command.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

const dir = tempDir("lectern-help-");
const bin = join(REPO_ROOT, "bin", "lectern.js");
const lectern = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", timeout: 30_000 });

describe("help per command", () => {
  it("build --help lists build's options, serve --help serve's, --help the commands", () => {
    const build = lectern("build", "--help");
    const pdf = lectern("pdf", "-h");
    const serve = lectern("serve", "--help");
    const general = lectern("--help");
    for (const r of [build, pdf, serve, general]) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe("");
    }
    expect(build.stdout).toMatch(/^Usage: lectern build /);
    expect(pdf.stdout).toBe(build.stdout);
    expect(build.stdout).toMatch(/--handout .*\n.*--strict .*\n/s);
    expect(build.stdout).not.toMatch(/--port|--host|--open/);

    expect(serve.stdout).toMatch(/^Usage: lectern serve /);
    expect(serve.stdout).toMatch(/--port <p>.*--open/s);
    expect(serve.stdout).not.toMatch(/--pdf|--handout|--strict|--json|--shard/);

    expect(general.stdout).toMatch(/^Usage: lectern <command> /);
    expect(general.stdout).toMatch(/build \[paths…\].*pdf \[paths…\].*serve \[paths…\]/s);
    expect(general.stdout.split("\n").length).toBeLessThan(25);
  });
});

describe("usage errors", () => {
  it("print one line with the fix and the command's help to see, exit 2, nothing on stdout", () => {
    const cases: [string[], string][] = [
      [["build", "--frob"], "lectern: unknown option --frob; see `lectern build --help`\n"],
      [["serve", "--port", "http"], "lectern: --port http: use a port number from 0 to 65535; see `lectern serve --help`\n"],
      [["pdf", "--paper", "a3"], "lectern: --paper a3: use a4 or letter; see `lectern build --help`\n"],
      [["build", "-o"], "lectern: -o, --out needs a value; see `lectern build --help`\n"],
      [["frob"], "lectern: unknown command: frob (use build, pdf, serve or init, e.g. lectern build slides/); see `lectern --help`\n"],
      [["build", "no-such-folder"], "lectern: no such file or folder: no-such-folder; see `lectern build --help`\n"],
    ];
    for (const [args, line] of cases) {
      const r = lectern(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toBe(line);
      expect(r.stdout).toBe("");
    }
  }, 60_000); // six processes: on a loaded machine more than vitest's 5 s
});

describe("serve", () => {
  it("prints where it serves once, on one line", async () => {
    writeFileSync(join(dir, "talk.md"), "# Talk\n\n## One\n\nText.\n");
    let stdout = "";
    let stderr = "";
    const io = { out: (s: string) => (stdout += s), err: (s: string) => (stderr += s), tty: false };
    const args = parseCli(["serve", join(dir, "talk.md"), "--port", "0", "-o", join(dir, "served")]);
    // a stop that has already come: serve starts, prints, and closes again
    expect(await serveCommand(args, io, Promise.resolve())).toBe(0);
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1] ?? "no URL printed";
    expect(`${stdout}${stderr}`.split("\n").filter((line) => line.includes(url))).toHaveLength(1);
    expect(stderr).toContain(`lectern: serving ${join(dir, "served")}/ at ${url} — first deck: ${url}talk/ (Ctrl-C to stop)\n`);
    expect(stdout).toBe("");
  });
});
