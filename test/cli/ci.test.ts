/** `.ci/run`: a fresh machine gets every tool the tests call, and the suite runs on each Node line `engines` claims. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";

const ci = readFileSync(join(REPO_ROOT, ".ci", "run"), "utf8");
const pkg = (file: string) => JSON.parse(readFileSync(join(REPO_ROOT, file), "utf8")) as Record<string, unknown>;

describe(".ci/run", () => {
  it("installs and checks for every system tool the tests call (strace for the offline test)", () => {
    const installed = /apt-get install[^\n]*?-qq ([^>\n]+)/.exec(ci)?.[1]?.trim().split(/\s+/) ?? [];
    const checked = [...ci.matchAll(/command -v (\S+)/g)].map((m) => m[1]);
    for (const tool of ["chromium", "pdftotext", "strace"]) {
      expect(checked, tool).toContain(tool);
    }
    expect(installed).toEqual(expect.arrayContaining(["chromium", "poppler-utils", "strace"]));
  });

  it("runs the suite again on Node 22 and 24 through vitest's own bin, and engines says >=20.19 (chokidar 5's floor)", () => {
    const runs = [...ci.matchAll(/npx -y -p "?node@(\$node|\d+)"? node (\S+) run/g)];
    expect(runs.length).toBeGreaterThan(0);
    const versions = /for node in ([\d ]+); do/.exec(ci)?.[1]?.trim().split(" ");
    expect(versions).toEqual(["22", "24"]);
    const bin = (pkg("node_modules/vitest/package.json").bin as Record<string, string>).vitest ?? "";
    for (const [, , entry] of runs) {
      expect(entry).toBe(join("node_modules/vitest", bin));
      expect(existsSync(join(REPO_ROOT, entry as string))).toBe(true);
    }
    expect(ci.indexOf("npm test")).toBeLessThan(ci.indexOf("npx -y -p"));
    expect(pkg("package.json").engines).toEqual({ node: ">=20.19" });
  });
});
