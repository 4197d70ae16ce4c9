#!/usr/bin/env node
// What Chromium does while the fit lays a built deck out (fit/measure `openLaidOut`): a trace of
// the load, and the time of each thread's busiest events. Usage:
//   node bench/trace-fit.mjs dist/deck/index.html [chromium path]   (default: the browser Lectern finds)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = (p) => import(pathToFileURL(join(root, "lib", p)).href);
const { createBrowserSession } = await lib("browser/session.js");
const { openLaidOut, readMeasures } = await lib("fit/measure.js");
const [html, browserPath] = process.argv.slice(2);
if (!html) {
  console.error("usage: node bench/trace-fit.mjs <deck>/index.html [chromium]");
  process.exit(2);
}
const htmlPath = resolve(html);
const dir = mkdtempSync(join(tmpdir(), "lectern-trace-"));
const session = createBrowserSession({ executablePath: browserPath });
try {
  const { page } = await session.newPage([], [dirname(htmlPath)]);
  console.log(`browser: ${session.found?.path} (${await page.browser().version()})`);
  const path = join(dir, "trace.json");
  await page.tracing.start({
    path,
    categories: ["devtools.timeline", "blink", "loading", "toplevel", "disabled-by-default-devtools.timeline"],
  });
  const started = performance.now();
  await openLaidOut(page, htmlPath, 1280, 720, 60_000);
  const measures = await readMeasures(page);
  const wall = performance.now() - started;
  await page.tracing.stop();
  console.log(`laid out and measured ${measures.length} slides in ${wall.toFixed(0)} ms`);
  const trace = JSON.parse(readFileSync(path, "utf8"));
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const names = new Map(events.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const total = new Map();
  for (const e of events) {
    if (e.ph !== "X" || !e.dur) continue;
    const k = `${names.get(`${e.pid}:${e.tid}`) ?? "?"} | ${e.name}`;
    total.set(k, (total.get(k) ?? 0) + e.dur);
  }
  const shown = [
    "RunTask",
    "ThreadPool_RunTask",
    "Layout",
    "UpdateLayoutTree",
    "InlineNode::ShapeTextIncludingFirstLine",
    "DecodeFont",
    "Paint",
    "ResponseBodyLoader::OnStateChange",
    "MajorGC",
  ];
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]))
    if (shown.includes(k.split(" | ")[1] ?? "") && v > 5000) console.log(`${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
} finally {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
}
