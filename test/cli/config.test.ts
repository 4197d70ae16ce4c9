/** A configuration file, as the CLI uses it: under the flags, over the defaults, under front matter per deck. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../helpers.js";

const root = tempDir("lectern-cli-config-");
const bin = join(REPO_ROOT, "bin", "lectern.js");
let n = 0;

function project(files: Record<string, string>): string {
  const dir = join(root, `p${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const lectern = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args, "--no-fit"], { cwd, encoding: "utf8", timeout: 60_000 });

const LIST = "# Talk\n\n## Points\n\n- one\n- two\n- three\n";
/** Whether a built deck shows its list items one at a time. */
const fragments = (deck: string) => readFileSync(join(deck, "index.html"), "utf8").includes('class="fragment"');

describe("precedence: flags, then front matter (per deck), then the configuration file, then the defaults", () => {
  const files = {
    "lectern.config.yaml": "paths: talks\nout: public\nfragments: true\n",
    "talks/plain.md": LIST,
    "talks/own.md": `---\nfragments: false\n---\n${LIST}`,
  };

  it("the file's settings apply to a bare `lectern build`; front matter overrides them for its deck", () => {
    const dir = project(files);
    const r = lectern(dir, "build");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("into public/");
    expect(fragments(join(dir, "public/plain"))).toBe(true);
    expect(fragments(join(dir, "public/own"))).toBe(false);
    expect(existsSync(join(dir, "dist"))).toBe(false);
  }, 60_000);

  it("a flag overrides the file and front matter", () => {
    const dir = project(files);
    const r = lectern(dir, "build", "talks/own.md", "--out", "elsewhere", "--fragments");
    expect(r.status, r.stderr).toBe(0);
    expect(fragments(join(dir, "elsewhere/own"))).toBe(true);
    expect(existsSync(join(dir, "public"))).toBe(false);
    expect(existsSync(join(dir, "elsewhere/plain"))).toBe(false);
  }, 60_000);

  it("the file's theme is every deck's, except where front matter names one; --theme overrides both", () => {
    const dir = project({
      "lectern.config.json": JSON.stringify({ theme: "dark", paths: "talks" }),
      "talks/plain.md": LIST,
      "talks/own.md": `---\ntheme: default\n---\n${LIST}`,
    });
    const theme = (out: string, deck: string) =>
      readFileSync(join(dir, out, deck, "assets/theme.css"), "utf8").includes("Lectern theme: dark");
    expect(lectern(dir, "build").status).toBe(0);
    expect(theme("dist", "plain")).toBe(true);
    expect(theme("dist", "own")).toBe(false);
    expect(lectern(dir, "build", "--theme", "dark", "--out", "flag").status).toBe(0);
    expect(theme("flag", "own")).toBe(true);
  }, 60_000);

  it("from a folder below, the file above is found and its paths stay relative to it", () => {
    const dir = project({ ...files, "talks/sub/.keep": "" });
    const r = lectern(join(dir, "talks", "sub"), "build");
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, "public/plain/index.html"))).toBe(true);
  }, 60_000);

  it("the file's folder is the project's: from a folder below, the default slides/ and dist/ are beside the file", () => {
    const dir = project({
      "package.json": JSON.stringify({ name: "course", lectern: { fragments: true } }),
      "slides/a.md": LIST,
      "notes/.keep": "",
    });
    const r = lectern(join(dir, "notes"), "build");
    expect(r.status, r.stderr).toBe(0);
    expect(fragments(join(dir, "dist/a"))).toBe(true);
    expect(existsSync(join(dir, "notes/dist"))).toBe(false);
  }, 60_000);

  it("--config names the file to read", () => {
    const dir = project({ ...files, "ci.json": JSON.stringify({ out: "ci-out", paths: ["talks/plain.md"] }) });
    const r = lectern(dir, "build", "--config", "ci.json");
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, "ci-out/plain/index.html"))).toBe(true);
    expect(existsSync(join(dir, "ci-out/own"))).toBe(false);
  }, 60_000);
});

describe("a bad configuration", () => {
  it("a value of the wrong type: the file, line and key, exit 2, nothing built", () => {
    const dir = project({ "lectern.config.yaml": "out: public\njobs: many\n", "slides/a.md": LIST });
    const r = lectern(dir, "build");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'lectern.config.yaml:2:1: error [config-type] `jobs` must be a whole number from 1 to 64, not "many"\n' +
        "lectern: lectern.config.yaml has errors: nothing was built\n",
    );
    expect(existsSync(join(dir, "public"))).toBe(false);
  }, 60_000);

  it("an unknown key: a warning that builds (exit 0), and fails with --strict; --json carries it", () => {
    const dir = project({ "package.json": '{\n  "name": "course",\n  "lectern": { "outdir": "x" }\n}\n', "slides/a.md": LIST });
    const r = lectern(dir, "build");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "package.json:3:16: warning [config-unknown-key] unknown key `lectern.outdir` (did you mean `out`?); ignored",
    );
    expect(lectern(dir, "build", "--strict").status).toBe(1);
    const json = JSON.parse(lectern(dir, "build", "--json").stdout) as { diagnostics: { file: string; code: string }[] };
    expect(json.diagnostics).toContainEqual(expect.objectContaining({ file: "package.json", code: "config-unknown-key" }));
  }, 60_000);

  it("--config with a file that is not there: a usage error", () => {
    const dir = project({ "slides/a.md": LIST });
    const r = lectern(dir, "build", "--config", "nope.yaml");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("lectern: --config nope.yaml: no such file; see `lectern build --help`\n");
  }, 30_000);
});
