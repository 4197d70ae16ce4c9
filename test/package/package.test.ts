/**
 * The published package, as a user gets it: `npm pack` (of the `lib/` that `npm test` just
 * compiled), its file list, every module it imports at run time declared as a dependency,
 * `npx lectern build` from it, and README's library example compiled (strict) against its
 * types and run. The tarball is unpacked into a consumer project; its dependencies are this
 * repository's node_modules (linked), so nothing is fetched.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../helpers.js";

const NPM = spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;

/** The environment without the `npm_*` variables an outer npm / npx sets (an inner npx would act on them). */
const npmFree = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
// skipped only where npm itself is missing, never in CI
const describePackage = NPM || process.env.CI ? describe : describe.skip;

interface Packed {
  filename: string;
  files: { path: string }[];
}

const ARTICLE = "# A Small Talk\n\n## Euler\n\n$$e^{i\\pi} + 1 = 0$$\n\n- one\n- two\n\n```js\nconsole.log(1);\n```\n";

/** The README's first ```ts block under `## Library API`. */
function readmeExample(): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Library API\n"));
  const block = /```ts\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf("\n## ", 5)))?.[1];
  if (!block) throw new Error("README.md: no ```ts block under ## Library API");
  return block;
}

/** The bare module names `lib/` imports (`katex`, `@fontsource/noto-sans-sc/…`), as package names. */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(".js")) continue;
    const text = readFileSync(join(e.parentPath, e.name), "utf8");
    const specs = [
      ...text.matchAll(/^\s*(?:import|export)\b[^;"]*?\bfrom\s*"([^"]+)";$|^\s*import\s*"([^"]+)";$/gm), // static imports
      // loaded or located at run time: import("x"), require("x"), createRequire(…)("x"), packageDir("x"), { package: "x" }
      ...text.matchAll(/(?:\b(?:import|require|require\.resolve|packageDir)|\))\(\s*"([^"]+)"\s*\)|\bpackage:\s*"([^"]+)"/g),
    ].map((m) => (m[1] ?? m[2]) as string);
    for (const spec of specs) {
      if (spec.startsWith(".")) continue;
      if (spec.startsWith("node:") || builtinModules.includes(spec)) continue;
      found.add(
        spec
          .split("/")
          .slice(0, spec.startsWith("@") ? 2 : 1)
          .join("/"),
      );
    }
  }
  return found;
}

describePackage("the npm package", () => {
  const work = tempDir("lectern-package-");
  const project = join(work, "consumer");
  const installed = join(project, "node_modules", "lectern");
  let packed: Packed;
  let manifest: {
    version: string;
    bin: Record<string, string>;
    dependencies: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };

  beforeAll(() => {
    const pack = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(pack.status, pack.stderr).toBe(0);
    packed = (JSON.parse(pack.stdout) as Packed[])[0] as Packed;
    // a consumer project with the tarball unpacked where npm would put it, its bin linked as npm links it
    mkdirSync(join(project, "node_modules", ".bin"), { recursive: true });
    const untar = spawnSync("tar", ["-xzf", join(work, packed.filename), "-C", join(project, "node_modules")]);
    expect(untar.status, String(untar.stderr)).toBe(0);
    spawnSync("mv", [join(project, "node_modules", "package"), installed]);
    symlinkSync(join(REPO_ROOT, "node_modules"), join(installed, "node_modules"));
    manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    for (const [name, target] of Object.entries(manifest.bin)) {
      chmodSync(join(installed, target), 0o755);
      symlinkSync(join("..", "lectern", target), join(project, "node_modules", ".bin", name));
    }
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    mkdirSync(join(project, "slides"));
    writeFileSync(join(project, "slides", "talk.md"), ARTICLE);
  }, 60_000);

  it("holds the CLI, the compiled library with its types and the themes, and none of the sources or tests", () => {
    const files = packed.files.map((f) => f.path);
    for (const file of [
      "package.json",
      "README.md",
      "bin/lectern.js",
      "lib/index.js",
      "lib/index.d.ts",
      "lib/cli/main.js",
      "themes/default.css",
      "themes/dark.css",
    ]) {
      expect(files, file).toContain(file);
    }
    expect(
      files.filter(
        (f) => /^(src|test|bench|examples|slides|docs|\.ci|node_modules|dist)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")),
      ),
    ).toEqual([]);
    expect(readFileSync(join(installed, "bin", "lectern.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("declares every package its library imports as a dependency (a devDependency is not installed for users)", () => {
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.optionalDependencies ?? {})]);
    const imported = importedPackages(join(installed, "lib"));
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
  });

  it("runs as `npx lectern`: prints its version and builds a deck with its assets", () => {
    const run = (...args: string[]) =>
      spawnSync("npx", ["--offline", "--no-install", "lectern", ...args], {
        cwd: project,
        encoding: "utf8",
        // not the settings of an npx this suite may run under (CI runs it with `npx -p node@22`)
        env: { ...npmFree(process.env), CI: "1" },
      });
    const version = run("--version");
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toContain(manifest.version);
    const build = run("build", "slides/talk.md", "--out", "out", "--no-fit");
    expect(build.status, build.stderr).toBe(0);
    const html = readFileSync(join(project, "out", "talk", "index.html"), "utf8");
    expect(html).toContain("A Small Talk");
    expect(html).toContain('class="katex');
    const assets = readdirSync(join(project, "out", "talk", "assets"), { recursive: true }).map(String);
    expect(assets.some((f) => f.endsWith(".woff2"))).toBe(true); // KaTeX's fonts
    expect(assets.some((f) => /reveal\.js$/.test(f))).toBe(true);
    expect(existsSync(join(project, "out", "index.html"))).toBe(true);
  }, 60_000);

  it("compiles README's library example against the package's types (strict) and runs it", () => {
    const example = readmeExample();
    expect(example).toContain('from "lectern"');
    writeFileSync(join(project, "example.ts"), example);
    const tsconfig = {
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
        outDir: "build",
      },
      files: ["example.ts"],
    };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "tsc"), ["-p", project], { cwd: project, encoding: "utf8" });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const run = spawnSync(process.execPath, [join(project, "build", "example.js")], { cwd: project, encoding: "utf8", timeout: 150_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\d+ slide stacks, \d+ bytes$/m);
    expect(run.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ \[ 'talk' \]$/m);
    expect(existsSync(join(project, "dist", "talk", "index.html"))).toBe(true);
  }, 180_000);
});
