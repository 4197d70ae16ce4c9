/**
 * The shape of `src/` (issue 11): one pipeline whose arrows point down, no import cycle, no
 * module too long to read top to bottom, and the output stages never reaching back up into
 * the run that drives them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";

const SRC = join(REPO_ROOT, "src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Static and dynamic imports of a module, as `src/`-relative paths (`.js` → `.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g)) {
    const spec = (m[1] ?? m[2]) as string;
    found.add(relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, ".ts"))));
  }
  return [...found];
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [relative(SRC, f), importsOf(f)]));

describe("src/", () => {
  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") {
        cycles.push([...path.slice(path.indexOf(node)), node].join(" → "));
        return;
      }
      state.set(node, "open");
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it("has no module over 300 lines", () => {
    const long = files
      .map((f) => ({ file: relative(SRC, f), lines: readFileSync(f, "utf8").split("\n").length }))
      .filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });

  it("keeps every arrow pointing down: output/ never imports run/, cli/ or serve/; no stage imports cli/", () => {
    const wrong: string[] = [];
    for (const [from, tos] of graph) {
      for (const to of tos) {
        const up = (dir: string) => to.startsWith(`${dir}/`);
        if (from.startsWith("output/") && (up("run") || up("cli") || up("serve"))) wrong.push(`${from} → ${to}`);
        if (!from.startsWith("cli/") && up("cli")) wrong.push(`${from} → ${to}`);
        if (
          /^(source|parse|outline|plan|render|diagrams|fit|browser|util|config|diagnostics)\//.test(from) &&
          (up("run") || up("output") || up("serve"))
        )
          wrong.push(`${from} → ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
