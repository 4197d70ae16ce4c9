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

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = (p) => import(join(root, "lib", p));
const { readArticle, planDeck } = await lib("build.js");
const { resolveOptions } = await lib("options.js");
const { createDiagnostics } = await lib("diagnostics/collect.js");
const { createMarkdown } = await lib("parse/markdown.js");
const { installRenderRules } = await lib("render/markdown-rules.js");
const { renderSlides } = await lib("render/slides.js");
const { renderDocument } = await lib("render/document.js");
const { estimateBlock } = await lib("plan/estimate.js");
const { deckFiles } = await lib("export/assets.js");
const { writeDeckFolder } = await lib("export/write-deck.js");
const { themePath } = await lib("options.js");

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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
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
  const ctx = {
    md,
    diags,
    macros: { ...article.source.meta.macros },
    baseDir: dirname(file),
    media: new Map(),
    resolved: new Map(),
    lang: plan.lang,
    headingFloor: 3,
  };
  const slidesHtml = renderSlides(plan, article, ctx);
  const html = renderDocument({ plan, meta: article.source.meta, slidesHtml, metrics: opts.metrics, generator: "bench" });
  lap("render");
  const glyphs = [...new Set(article.source.text)].join("");
  await writeDeckFolder(join(work, "stage-out", "deck"), html, deckFiles({ themeCss: themePath("default"), glyphs, media: ctx.media }));
  lap("write");
  const slides = plan.stacks.reduce((n, s) => n + s.slides.length, 0);
  return { t, slides };
}

function wholeProcess(file) {
  const out = join(work, "cli-out");
  const r = spawnSync(
    process.execPath,
    ["--import", join(root, "bench", "maxrss.mjs"), join(root, "bin", "lectern.js"), "build", file, "--out", out],
    {
      env: { ...process.env, LECTERN_MAXRSS_FD: "2" },
      encoding: "utf8",
    },
  );
  const rss = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { status: r.status, rss };
}

console.log(
  `Lectern HTML build benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${RUNS} runs (median)\n`,
);
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
  // whole process: `lectern build file` from a cold node process
  wholeProcess(file);
  const walls = [];
  const rsses = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = wholeProcess(file);
    walls.push(performance.now() - t0);
    rsses.push(r.rss);
    if (r.status !== 0 && r.status !== 1) throw new Error(`lectern exited ${r.status} on ${file}`);
  }
  rows.push({
    name,
    sections,
    size,
    slides,
    ...stageMedian,
    wall: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    rss: Math.max(...rsses),
  });
}

const header = [
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
];
const table = rows.map((r) => [
  r.name,
  String(r.sections),
  (r.size / 1024).toFixed(0),
  String(r.slides),
  fmt(r.parse),
  fmt(r.plan),
  fmt(r.render),
  fmt(r.write),
  `${fmt(r.wall)} (${fmt(r.min)}–${fmt(r.max)})`,
  (r.wall / r.sections).toFixed(1),
  (r.rss / 1024).toFixed(0),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
const medium = rows.find((r) => r.name === "medium");
const large = rows.find((r) => r.name === "large");
console.log(
  `\nlarge/medium process time: ${(large.wall / medium.wall).toFixed(2)}× for ${(large.sections / medium.sections).toFixed(1)}× the sections`,
);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
rmSync(work, { recursive: true, force: true });
