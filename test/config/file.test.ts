import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/file/keys.js";
import { loadConfigFile } from "../../src/config/file/load.js";
import { formatDiagnostic } from "../../src/diagnostics/format.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

const root = tempDir("lectern-config-");
let n = 0;

/** A fresh project folder holding `files`. */
function project(files: Record<string, string>): string {
  const dir = join(root, `p${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const SETTINGS = { out: "public", pdf: true, jobs: 2, handouts: ["notes", 3], prose: "lead" };

describe("every file form is found in the working folder and read alike", () => {
  const forms: [string, Record<string, string>][] = [
    ["lectern.config.json", { "lectern.config.json": JSON.stringify(SETTINGS) }],
    ["lectern.config.yaml", { "lectern.config.yaml": "out: public\npdf: true\njobs: 2\nhandouts: [notes, 3]\nprose: lead\n" }],
    ["lectern.config.yml", { "lectern.config.yml": "out: public\npdf: true\njobs: 2\nhandouts: [notes, 3]\nprose: lead\n" }],
    ["lectern.config.mjs", { "lectern.config.mjs": `export default ${JSON.stringify(SETTINGS)};\n` }],
    ["lectern.config.cjs", { "lectern.config.cjs": `module.exports = ${JSON.stringify(SETTINGS)};\n` }],
    ["lectern.config.js", { "package.json": '{ "type": "module" }', "lectern.config.js": `export default ${JSON.stringify(SETTINGS)};\n` }],
    ["package.json", { "package.json": JSON.stringify({ name: "course", lectern: SETTINGS }, null, 2) }],
  ];
  for (const [name, files] of forms) {
    it(name, async () => {
      const dir = project(files);
      const loaded = await loadConfigFile(dir);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.file).toBe(name);
      expect(loaded.config).toEqual({ out: join(dir, "public"), pdf: true, jobs: 2, handouts: ["notes", 3], prose: "lead" });
    });
  }

  it("from a folder below, the nearest file above is used; its paths are relative to its own folder", async () => {
    const dir = project({ "lectern.config.yaml": "out: site/decks\npaths: [slides, extra/talk.md]\n", "slides/deep/x.md": "# x\n" });
    const loaded = await loadConfigFile(join(dir, "slides", "deep"));
    expect(loaded.file).toBe(join(dir, "lectern.config.yaml"));
    expect(loaded.config).toEqual({ out: join(dir, "site/decks"), paths: [join(dir, "slides"), join(dir, "extra/talk.md")] });
  });

  it("none: an empty configuration", async () => {
    const dir = project({ "slides/a.md": "# a\n" });
    expect(await loadConfigFile(dir)).toEqual({ file: undefined, config: {}, diagnostics: [] });
  });

  it("--config names a file anywhere; a missing one is a usage error", async () => {
    const dir = project({ "conf/talks.yml": "title: Talks\n" });
    const loaded = await loadConfigFile(root, join(dir, "conf/talks.yml"));
    expect(loaded.config).toEqual({ title: "Talks" });
    await expect(loadConfigFile(dir, "nope.yaml")).rejects.toThrow("--config nope.yaml: no such file");
  });
});

describe("what a file gets wrong is a diagnostic naming the file, the key and its line", () => {
  it("YAML: an unknown key warns (with the key meant), a wrong type is an error, at their lines", async () => {
    const dir = project({ "lectern.config.yaml": "# settings\nout: dist\noutDir: public\njobs: four\npaper: a5\n" });
    const loaded = await loadConfigFile(dir);
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      "lectern.config.yaml:3:1: warning [config-unknown-key] unknown key `outDir` (did you mean `out`?); ignored",
      'lectern.config.yaml:4:1: error [config-type] `jobs` must be a whole number from 1 to 64, not "four"',
      'lectern.config.yaml:5:1: error [config-type] `paper` must be one of a4, letter, not "a5"',
    ]);
    expect(loaded.config).toEqual({ out: join(dir, "dist") });
  });

  it("JSON and package.json: the line of the key", async () => {
    const json = project({ "lectern.config.json": '{\n  "pdf": "yes",\n  "fit": false\n}\n' });
    expect((await loadConfigFile(json)).diagnostics.map(formatDiagnostic)).toEqual([
      'lectern.config.json:2:3: error [config-type] `pdf` must be true or false, not "yes"',
    ]);
    const pkg = project({ "package.json": '{\n  "name": "x",\n  "lectern": {\n    "keep-repetition": true\n  }\n}\n' });
    expect((await loadConfigFile(pkg)).diagnostics.map(formatDiagnostic)).toEqual([
      "package.json:4:5: warning [config-unknown-key] unknown key `lectern.keep-repetition` (did you mean `keepRepetition`?); ignored",
    ]);
  });

  it("a file that does not parse: an error at the line of the fault", async () => {
    const yaml = project({ "lectern.config.yaml": "out: dist\npdf: [true\n" });
    const [y] = (await loadConfigFile(yaml)).diagnostics;
    expect(y).toMatchObject({ file: "lectern.config.yaml", severity: "error", code: "config-invalid" });
    const json = project({ "lectern.config.json": '{\n  "pdf": true,\n}\n' });
    const [j] = (await loadConfigFile(json)).diagnostics;
    expect(j).toMatchObject({ file: "lectern.config.json", severity: "error", code: "config-invalid", line: 3 });
    const js = project({ "lectern.config.mjs": "const x = 1;\nexport default {\n  out: dist,\n};\n" });
    const [s] = (await loadConfigFile(js)).diagnostics;
    expect(s).toMatchObject({ file: "lectern.config.mjs", severity: "error", code: "config-invalid", line: 3 });
    expect(s?.message).toContain("dist is not defined");
  });

  it("a theme that is neither built in nor a .css file beside the configuration", async () => {
    const dir = project({ "lectern.config.yml": "theme: themes/mine.css\n" });
    expect((await loadConfigFile(dir)).diagnostics.map(formatDiagnostic)).toEqual([
      'lectern.config.yml:1:1: error [config-type] `theme` must be default, dark or a path to an existing .css file, not "themes/mine.css"',
    ]);
    writeFileSync(join(dir, "mine.css"), "");
    mkdirSync(join(dir, "themes"));
    writeFileSync(join(dir, "themes/mine.css"), ".reveal { color: red }\n");
    expect((await loadConfigFile(dir)).config).toEqual({ theme: join(dir, "themes/mine.css") });
  });
});

describe("the JSON schema for editors", () => {
  it("schema/lectern.schema.json is the schema of the keys Lectern reads (regenerate it from configSchema())", () => {
    const published = JSON.parse(readFileSync(join(REPO_ROOT, "schema/lectern.schema.json"), "utf8"));
    expect(published).toEqual(configSchema());
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("schema");
  });
});
