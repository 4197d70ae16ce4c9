#!/usr/bin/env node
// Where a whole `lectern` process spends its time: runs it under `node --cpu-prof` and prints,
// per 50 ms of the run, the three things its main thread did most (idle included: then it waits
// for the browser). Usage: node bench/profile.mjs build article.md --out /tmp/o --no-cache
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "lectern-profile-"));
try {
  const run = spawnSync(
    process.execPath,
    ["--cpu-prof", `--cpu-prof-dir=${dir}`, join(root, "bin", "lectern.js"), ...process.argv.slice(2)],
    {
      encoding: "utf8",
    },
  );
  const timings = run.stderr.split("\n").filter((l) => l.startsWith("timings"));
  process.stderr.write(`${timings.join("\n")}\n`);
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no profile written");
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The outermost Lectern function on the sample's stack (below the CLI's), else the frame itself. */
  const label = (id) => {
    const frame = byId.get(id).callFrame;
    if (frame.functionName === "(idle)") return "(idle: waiting)";
    const own = [];
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      if (f.url.includes("/lib/") && !f.url.includes("node_modules"))
        own.push(`${f.url.replace(/.*\/lib\//, "")}:${f.functionName || "(anonymous)"}`);
    }
    return (
      own.at(-2) ??
      own.at(-1) ??
      `${frame.url.replace(/.*node_modules\//, "").replace(/^node:/, "node:")}:${frame.functionName || "(anonymous)"}`
    );
  };
  const buckets = new Map();
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const at = Math.floor(t / 50_000);
    const m = buckets.get(at) ?? new Map();
    const k = label(id);
    m.set(k, (m.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    buckets.set(at, m);
  });
  for (const [at, m] of [...buckets].sort((a, b) => a[0] - b[0])) {
    const top = [...m].sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`${String(at * 50).padStart(6)} ms  ${top.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(" | ")}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
