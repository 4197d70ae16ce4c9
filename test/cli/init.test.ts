/** `lectern init`: a project that builds, and no file overwritten unless asked. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT, tempDir } from "../helpers.js";

const root = tempDir("lectern-init-");
const bin = join(REPO_ROOT, "bin", "lectern.js");
const lectern = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 90_000 });
const FILES = ["slides/welcome.md", "lectern.config.yaml", ".github/workflows/slides.yml"];

describe("lectern init", () => {
  it("writes a sample article, a configuration and a CI workflow; `lectern build` then builds the deck (exit 0)", () => {
    const init = lectern(root, "init", "course");
    expect(init.status, init.stderr).toBe(0);
    const dir = join(root, "course");
    for (const f of FILES) expect(existsSync(join(dir, f)), f).toBe(true);
    const build = lectern(dir, "build");
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/\(0 errors, 0 warnings\)\n$/);
    const html = readFileSync(join(dir, "dist/welcome/index.html"), "utf8");
    expect(html).toContain('class="katex"'); // math
    expect(html).toContain("hljs-keyword"); // highlighted code
    expect(html).toMatch(/<li>/); // a list
    expect(html).toContain('<aside class="notes">'); // speaker notes
  }, 120_000);

  it("the configuration names its schema; the workflow builds decks and PDFs on a GitHub runner", () => {
    const dir = join(root, "course");
    const config = readFileSync(join(dir, "lectern.config.yaml"), "utf8");
    expect(config.split("\n")[0]).toBe("# yaml-language-server: $schema=./node_modules/lectern/schema/lectern.schema.json");
    const workflow = parse(readFileSync(join(dir, ".github/workflows/slides.yml"), "utf8")) as {
      jobs: { build: { "runs-on": string; steps: { run?: string; uses?: string }[] } };
    };
    const steps = workflow.jobs.build.steps;
    expect(workflow.jobs.build["runs-on"]).toBe("ubuntu-latest");
    expect(steps.map((s) => s.run)).toContain("npx lectern build slides --out dist --pdf");
    expect(steps.some((s) => s.uses?.startsWith("actions/upload-artifact"))).toBe(true);
  });

  it("refuses to overwrite: lists what is there, writes nothing, exit 1; --force overwrites", () => {
    const dir = join(root, "course");
    writeFileSync(join(dir, "slides/welcome.md"), "# Mine\n");
    rmSync(join(dir, ".github"), { recursive: true });
    const again = lectern(dir, "init");
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      "lectern: init would overwrite slides/welcome.md, lectern.config.yaml: nothing was written (--force overwrites them)\n",
    );
    expect(readFileSync(join(dir, "slides/welcome.md"), "utf8")).toBe("# Mine\n");
    expect(existsSync(join(dir, ".github"))).toBe(false);
    const forced = lectern(dir, "init", "--force");
    expect(forced.status).toBe(0);
    expect(readFileSync(join(dir, "slides/welcome.md"), "utf8")).toContain("title: Gradient descent");
    expect(existsSync(join(dir, ".github/workflows/slides.yml"))).toBe(true);
  }, 60_000);

  it("init with two folders is a usage error", () => {
    const r = lectern(root, "init", "a", "b");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("init takes one folder");
  }, 30_000);
});
