#!/usr/bin/env node
// Lectern HTML build benchmark: per stage (parse, plan, render, write) and whole process
// (wall time, peak memory), on articles from ../shared/bench/gen-article.mjs.
// Figures are printed, never asserted. Usage: npm run bench [-- --runs 5]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { median, table } from "./lib/measure.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = (p) => import(join(root, "lib", p));
const { readArticle, planDeck, renderPlan } = await lib("build.js");
const { resolveOptions } = await lib("config/options.js");
const { createDiagnostics } = await lib("diagnostics/collect.js");
const { createMarkdown } = await lib("parse/markdown.js");
const { installRenderRules } = await lib("render/markdown-rules.js");
const { estimateBlock } = await lib("plan/estimate.js");
const { deckFiles } = await lib("output/folder/assets.js");
const { writeDeckFolder } = await lib("output/folder/write.js");
const { themePath } = await lib("config/options.js");
const { themeCss } = await lib("output/folder/theme.js");
const defaultTheme = themeCss(themePath("default"), {}).css;

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const generator = resolve(root, "../shared/bench/gen-article.mjs");
if (!existsSync(generator)) {
  console.error(`bench: the article generator is missing: ${generator}`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "lectern-bench-"));
const sizes = [
  ["small", 6],
  ["medium", 30],
  ["large", 200],
];

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

async function stages(file) {
  const bytes = readFileSync(file);
  const opts = resolveOptions({ file });
  const t = {};
  let mark = performance.now();
  const lap = (name) => {
    const now = performance.now();
    t[name] = now - mark;
    mark = now;
  };
  const diags = createDiagnostics(file);
  const md = createMarkdown();
  installRenderRules(md);
  const parsed = readArticle(bytes, opts, md, diags);
  lap("parse");
  const article = { ...parsed, blocks: parsed.blocks.map((b) => estimateBlock(b, opts.metrics)) };
  const plan = planDeck(article, opts);
  lap("plan");
  const media = new Map();
  const html = renderPlan(article, plan, opts, diags, media);
  lap("render");
  const glyphs = [...new Set(article.source.text)].join("");
  await writeDeckFolder(join(work, "stage-out", "deck"), html, deckFiles({ themeCss: defaultTheme, glyphs, media }));
  lap("write");
  const slides = plan.stacks.reduce((n, s) => n + s.slides.length, 0);
  return { t, slides };
}

function wholeProcess(target, extra = []) {
  const out = join(work, "cli-out");
  const r = spawnSync(
    process.execPath,
    ["--import", join(root, "bench", "maxrss.mjs"), join(root, "bin", "lectern.js"), "build", target, "--out", out, "--no-cache", ...extra],
    {
      env: { ...process.env, LECTERN_MAXRSS_FD: "2" },
      encoding: "utf8",
    },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`lectern exited ${r.status} on ${target}: ${r.stderr.slice(-400)}`);
  return Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0);
}

/** Median, min and max wall time and peak memory of `runs` whole-process runs, after a warm-up. */
function timed(target, extra, runs) {
  wholeProcess(target, extra);
  const walls = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    rss = Math.max(rss, wholeProcess(target, extra));
    walls.push(performance.now() - t0);
  }
  return { wall: median(walls), min: Math.min(...walls), max: Math.max(...walls), rss };
}

const printTable = (head, body) => console.log(table(head, body));

console.log(`Lectern build benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${RUNS} runs (median)\n`);
const rows = [];
for (const [name, sections] of sizes) {
  const file = join(work, `${name}.md`);
  writeFileSync(file, execFileSync(process.execPath, [generator, "--sections", String(sections), "--seed", "1"]));
  const size = readFileSync(file).length;
  // per stage, in this process (after one warm-up)
  await stages(file);
  const stageRuns = [];
  let slides = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await stages(file);
    stageRuns.push(r.t);
    slides = r.slides;
  }
  const stageMedian = Object.fromEntries(["parse", "plan", "render", "write"].map((k) => [k, median(stageRuns.map((r) => r[k]))]));
  // whole process, cold node: HTML only; with the browser fit; with fit and PDF
  const html = timed(file, ["--no-fit"], RUNS);
  const fit = timed(file, [], Math.min(RUNS, 3));
  const pdf = timed(file, ["--pdf"], Math.min(RUNS, 3));
  const pdfFile = join(work, "cli-out", name, `${name}.pdf`);
  const pdfBytes = existsSync(pdfFile) ? readFileSync(pdfFile).length : 0;
  rows.push({ name, sections, size, slides, ...stageMedian, html, fit, pdf, pdfBytes });
}

console.log("HTML build (no browser): stages in-process, and the whole `lectern build --no-fit` process\n");
printTable(
  [
    "article",
    "sections",
    "KiB",
    "slides",
    "parse ms",
    "plan ms",
    "render ms",
    "write ms",
    "process ms (min–max)",
    "ms/section",
    "peak RSS MiB",
  ],
  rows.map((r) => [
    r.name,
    String(r.sections),
    (r.size / 1024).toFixed(0),
    String(r.slides),
    fmt(r.parse),
    fmt(r.plan),
    fmt(r.render),
    fmt(r.write),
    `${fmt(r.html.wall)} (${fmt(r.html.min)}–${fmt(r.html.max)})`,
    (r.html.wall / r.sections).toFixed(1),
    (r.html.rss / 1024).toFixed(0),
  ]),
);

console.log("\nWith the browser: `lectern build` (measured fit) and `lectern build --pdf` (fit + PDF), whole process\n");
printTable(
  ["article", "fit ms (min–max)", "fit + PDF ms (min–max)", "PDF KiB", "node peak RSS MiB"],
  rows.map((r) => [
    r.name,
    `${fmt(r.fit.wall)} (${fmt(r.fit.min)}–${fmt(r.fit.max)})`,
    `${fmt(r.pdf.wall)} (${fmt(r.pdf.min)}–${fmt(r.pdf.max)})`,
    (r.pdfBytes / 1024).toFixed(0),
    (r.pdf.rss / 1024).toFixed(0),
  ]),
);

// 20 decks in one run: one process, one browser
const batch = join(work, "batch");
mkdirSync(batch, { recursive: true });
for (let i = 1; i <= 20; i++) {
  writeFileSync(
    join(batch, `deck-${String(i).padStart(2, "0")}.md`),
    execFileSync(process.execPath, [generator, "--sections", "8", "--seed", String(i)]),
  );
}
const batchHtml = timed(batch, ["--no-fit"], 1);
const batchPdf = timed(batch, ["--pdf"], 1);
console.log(
  `\n20 decks (8 sections each) in one run: HTML ${fmt(batchHtml.wall)} ms (${fmt(batchHtml.wall / 20)} ms/deck); fit + PDF ${fmt(batchPdf.wall)} ms (${fmt(batchPdf.wall / 20)} ms/deck), one browser`,
);
// linear growth on pathological inputs: 1×, 10×, 100× (in-process buildDeck, no browser)
{
  const { buildDeck } = await lib("build.js");
  const shapes = [
    ["list items", (n) => `# L\n\n${Array.from({ length: n }, (_, i) => `- item ${i} 项目`).join("\n")}\n`, 1000],
    ["table rows", (n) => `# T\n\n| a | b |\n|---|--:|\n${Array.from({ length: n }, (_, i) => `| 行 ${i} | ${i} |`).join("\n")}\n`, 50],
    ["formulas", (n) => `# F\n\n${Array.from({ length: n }, (_, i) => `式 $x_{${i}}^2$。`).join("")}\n`, 100],
    ["code lines", (n) => `# C\n\n\`\`\`python\n${Array.from({ length: n }, (_, i) => `x${i} = ${i}  # 注释`).join("\n")}\n\`\`\`\n`, 200],
  ];
  const scaling = [];
  for (const [what, make, base] of shapes) {
    const cells = [what];
    for (const k of [1, 10, 100]) {
      const text = make(base * k);
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const r = buildDeck(text, { file: "scale.md" });
      const ms = performance.now() - t0;
      const heap = Math.max(0, process.memoryUsage().heapUsed - heap0);
      cells.push(
        `${base * k}: ${fmt(ms)} ms, ${r.plan.stacks.reduce((n, st) => n + st.slides.length, 0)} slides, +${(heap / 1048576).toFixed(0)} MiB`,
      );
    }
    scaling.push(cells);
  }
  console.log("\nGrowth on pathological inputs (buildDeck in-process; 1×, 10×, 100×):\n");
  printTable(["input", "1×", "10×", "100×"], scaling);
}

// watch: save → rebuilt → the open page patched, on the medium article, with a real browser
// (bench/serve-repaint.mjs measures the repaint of the edited slide itself, with and without the fit)
{
  const { serve } = await lib("serve/serve.js");
  const { createBrowserSession } = await lib("browser/session.js");
  const file = join(work, "watch", "medium.md");
  mkdirSync(dirname(file), { recursive: true });
  const text = readFileSync(join(work, "medium.md"), "utf8");
  writeFileSync(file, text);
  const rebuilds = [];
  const serving = await serve([file], {
    outDir: join(work, "watch-out"),
    port: 0,
    onBuild: (_d, ms, initial) => initial || rebuilds.push(ms),
  });
  const session = createBrowserSession();
  const { page } = await session.newPage([serving.url]);
  await page.goto(`${serving.url}medium/#/3/1`, { waitUntil: "load" });
  await page.waitForFunction(() => window.Reveal?.isReady());
  await page.evaluate(() => {
    window.__updates = 0;
    window.addEventListener("lectern:updated", () => window.__updates++);
  });
  await new Promise((r) => setTimeout(r, 500));
  const latencies = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    writeFileSync(file, `${text}\n\n编辑 ${i}。\n`);
    await page.waitForFunction((n) => window.__updates > n, { timeout: 20_000, polling: 5 }, i);
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 300));
  }
  await session.close();
  await serving.close();
  console.log(
    `\nserve (medium article, 30 sections): save → rebuilt deck ${fmt(median(rebuilds))} ms → patched in the open page ${fmt(median(latencies))} ms (median of ${RUNS}; min ${fmt(Math.min(...latencies))}, max ${fmt(Math.max(...latencies))})`,
  );
}

const medium = rows.find((r) => r.name === "medium");
const large = rows.find((r) => r.name === "large");
console.log(
  `large/medium: HTML ${(large.html.wall / medium.html.wall).toFixed(2)}×, fit + PDF ${(large.pdf.wall / medium.pdf.wall).toFixed(2)}×, for ${(large.sections / medium.sections).toFixed(1)}× the sections`,
);
rmSync(work, { recursive: true, force: true });
