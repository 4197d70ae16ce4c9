#!/usr/bin/env node
// Lectern side by side with Marp CLI, reveal-md and decktape: the same articles, the same
// Chromium, whole processes, run in alternation (A B C A B C …) after one warm-up each, so a
// noisy machine slows every tool alike. Prints the tables and writes ../BENCHMARKS.md.
// Usage: npm run bench [-- --runs 5 --sizes small,medium,large --no-decktape --no-alone --no-memory-deck]
// (--no-alone skips bench/run.mjs; --no-memory-deck skips the 2,000-slide memory check)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { forMarp, SEED, SIZES, writeArticles } from "./lib/articles.mjs";
import { median, peakMemory, summary, table, timeRun } from "./lib/measure.mjs";
import { qualitySection, withQualitySection } from "./lib/quality-section.mjs";
import { tools } from "./lib/tools.mjs";

const bench = dirname(fileURLToPath(import.meta.url));
const root = resolve(bench, "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg("runs", "5"));
const sizes = arg("sizes", "small,medium,large").split(",");
const withDecktape = !process.argv.includes("--no-decktape");
const withAlone = !process.argv.includes("--no-alone");
const withMemoryDeck = !process.argv.includes("--no-memory-deck");
/** Sections of the article whose deck has about 2,000 slides (the memory bound). */
const MEMORY_SECTIONS = Number(arg("memory-sections", "390"));
const target = resolve(arg("out", join(root, "BENCHMARKS.md")));
const chrome = process.env.PUPPETEER_EXECUTABLE_PATH || process.env.CHROME_PATH || "/usr/bin/chromium";
const generator = resolve(root, "../shared/bench/gen-article.mjs");
if (!existsSync(generator)) {
  console.error(`bench: the article generator is missing: ${generator}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "lectern-compare-"));
const articles = writeArticles(generator, work, sizes);
const jobs = tools({ root, bench, chrome, work });
const log = (s) => process.stderr.write(`${s}\n`);
const fmtS = (ms) => (ms / 1000).toFixed(2);
const version = (pkg) => JSON.parse(readFileSync(join(bench, "node_modules", pkg, "package.json"), "utf8")).version;
const pdfPages = (file) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1] ?? 0);

/** One job (html or pdf) on one article: every tool warmed up, then RUNS alternating rounds. */
async function compareJob(kind, size) {
  const article = articles[size];
  const list = jobs[kind].filter((t) => (t.sizes ? t.sizes.includes(size) : true) && (withDecktape || t.tool !== "decktape"));
  for (const t of list) {
    const c = t.cmd(article, size);
    for (const a of c.args) if (a.startsWith(work) && /\.(pdf|html)$/.test(a)) mkdirSync(dirname(a), { recursive: true });
  }
  const walls = new Map(list.map((t) => [t, []]));
  log(`${kind} ${size}: warm-up`);
  for (const t of list) timeRun(t.cmd(article, size));
  for (let round = 0; round < RUNS; round++) {
    for (const t of list) walls.get(t).push(timeRun(t.cmd(article, size)));
    log(`${kind} ${size}: round ${round + 1}/${RUNS}: ${list.map((t) => `${t.tool} ${fmtS(walls.get(t).at(-1))} s`).join(", ")}`);
  }
  const rows = [];
  for (const t of list) {
    const memory = await peakMemory(t.cmd(article, size));
    const output = t.output?.(article, size);
    const pdf = output && existsSync(output) ? { pages: pdfPages(output), bytes: readFileSync(output).length } : undefined;
    rows.push({ kind, size, tool: t.tool, label: t.label, ref: t.ref, time: summary(walls.get(t)), memory, pdf });
  }
  return rows;
}

const lecternBin = join(root, "bin", "lectern.js");

/** Lectern's own per-stage times for a PDF build (its `--timings`, from `--json`): the median of each stage over `runs` builds. */
function lecternStages(size, runs = Math.min(RUNS, 3)) {
  const decks = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(
      process.execPath,
      [lecternBin, "pdf", articles[size].lectern, "--out", join(work, size, "out-stages"), "--no-cache", "--json"],
      {
        encoding: "utf8",
        env: { ...process.env, CHROME_PATH: chrome },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    decks.push(JSON.parse(r.stdout).decks[0]);
  }
  const keys = [...new Set(decks.flatMap((d) => Object.keys(d.timings)))];
  const timings = Object.fromEntries(keys.map((k) => [k, median(decks.map((d) => d.timings[k] ?? 0))]));
  return { slides: decks[0].slides, timings, fit: decks[0].fit };
}

/** Peak memory of a Lectern PDF build and of Marp CLI's on an article of `sections` sections (about 2,000 slides). */
async function memoryDeck(sections) {
  const text = execFileSync(process.execPath, [generator, "--sections", String(sections), "--seed", SEED], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const dir = join(work, "memory");
  mkdirSync(join(dir, "out-marp"), { recursive: true });
  writeFileSync(join(dir, "memory.md"), text);
  writeFileSync(join(dir, "memory-marp.md"), forMarp(text));
  log(`memory deck (${sections} sections): Lectern`);
  const lectern = await peakMemory({
    cmd: process.execPath,
    args: [lecternBin, "pdf", join(dir, "memory.md"), "--out", join(dir, "out"), "--no-cache"],
    env: { CHROME_PATH: chrome },
  });
  const pdf = join(dir, "out", "memory", "memory.pdf");
  log("memory deck: Marp CLI");
  // its 30 s browser timeout is too short for 2,000 slides on a loaded machine: off for this run
  const marp = await peakMemory({
    cmd: join(bench, "node_modules", ".bin", "marp"),
    args: [join(dir, "memory-marp.md"), "--pdf", "--browser-timeout", "0", "-o", join(dir, "out-marp", "deck.pdf")],
    env: { CHROME_PATH: chrome, PUPPETEER_EXECUTABLE_PATH: chrome },
  }).catch((err) => {
    log(`memory deck: Marp CLI failed: ${err.message.slice(0, 300)}`);
    return Number.NaN;
  });
  return { sections, slides: pdfPages(pdf), lectern, marp };
}

/**
 * Build a PDF deck, then build it again unchanged (the cache on) with a browser path that
 * notes being started: true when the second build started no browser.
 */
function rebuildStartsNoBrowser(size) {
  const out = join(work, size, "out-rebuild");
  const marker = join(work, "browser-started");
  const wrapper = join(work, "noting-chromium.sh");
  writeFileSync(wrapper, `#!/bin/sh\ntouch '${marker}'\nexec '${chrome}' "$@"\n`, { mode: 0o755 });
  const build = (extra) =>
    spawnSync(process.execPath, [lecternBin, "pdf", articles[size].lectern, "--out", out, ...extra], { encoding: "utf8" });
  const first = build(["--browser-path", chrome]);
  rmSync(marker, { force: true });
  const again = build(["--browser-path", wrapper]);
  return first.status === 0 && again.status === 0 && !existsSync(marker);
}

const results = [];
for (const size of sizes) {
  results.push(...(await compareJob("html", size)));
  results.push(...(await compareJob("pdf", size)));
}
log("Lectern's stages …");
const stages = Object.fromEntries(sizes.map((s) => [s, lecternStages(s)]));
const memory = withMemoryDeck ? await memoryDeck(MEMORY_SECTIONS) : undefined;
const noBrowserRebuild = sizes.includes("medium") ? rebuildStartsNoBrowser("medium") : undefined;
let alone = { stdout: "(not run: --no-alone)", status: 0 };
if (withAlone) {
  log("Lectern alone (bench/run.mjs) …");
  alone = spawnSync(process.execPath, ["--expose-gc", join(bench, "run.mjs"), "--runs", String(RUNS)], {
    encoding: "utf8",
    env: { ...process.env, CHROME_PATH: chrome },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (alone.status !== 0) log(`bench/run.mjs failed: ${alone.stderr.slice(-800)}`);
}

// ------------------------------------------------------------------------------ report
const lecternRow = (kind, size) => results.find((r) => r.kind === kind && r.size === size && r.tool === "Lectern");
const ratio = (r) => {
  const base = lecternRow(r.kind, r.size);
  return r.tool === "Lectern" || r.ref === false || !base ? "" : `${(r.time.median / base.time.median).toFixed(1)}×`;
};
const comparison = table(
  ["job", "article", "tool", "median s", "min–max s", "peak memory MiB", "PDF pages", "PDF KiB", "peer / Lectern"],
  results.map((r) => [
    r.kind.toUpperCase(),
    `${r.size} (${articles[r.size].sections} sections)`,
    r.tool,
    fmtS(r.time.median),
    `${fmtS(r.time.min)}–${fmtS(r.time.max)}`,
    r.memory.toFixed(0),
    r.pdf ? String(r.pdf.pages) : "",
    r.pdf ? (r.pdf.bytes / 1024).toFixed(0) : "",
    ratio(r),
  ]),
);
const get = (kind, size, tool) => results.find((r) => r.kind === kind && r.size === size && r.tool === tool);
const targets = [];
const check = (what, value, goal, ok) => targets.push([what, value, goal, ok === undefined ? "n/a" : ok ? "met" : "**missed**"]);
/** Lectern's wall time over a peer's, same job and article, measured in the same run: at most `goal`. */
const share = (what, ours, peer, goal) => {
  if (!ours || !peer) return check(what, "not run", `≤ ${goal}×`);
  const x = ours.time.median / peer.time.median;
  check(what, `${x.toFixed(2)}× (${fmtS(ours.time.median)} vs ${fmtS(peer.time.median)} s)`, `≤ ${goal}×`, x <= goal);
};
share("PDF medium: Lectern / Marp CLI", get("pdf", "medium", "Lectern"), get("pdf", "medium", "Marp CLI"), 0.33);
share("PDF large: Lectern / Marp CLI", get("pdf", "large", "Lectern"), get("pdf", "large", "Marp CLI"), 0.5);
share(
  "HTML medium, default build (fit): Lectern / Marp CLI",
  get("html", "medium", "Lectern (fit)"),
  get("html", "medium", "Marp CLI"),
  1.0,
);
share("HTML medium, --no-fit: Lectern / Marp CLI", get("html", "medium", "Lectern"), get("html", "medium", "Marp CLI"), 0.2);
// the same, Lectern with the browser it finds itself (its npm headless shell), the peers still on the shared Chromium
const own = " (Lectern on its own browser, the npm headless shell)";
share(`PDF medium: Lectern / Marp CLI${own}`, get("pdf", "medium", "Lectern (own browser)"), get("pdf", "medium", "Marp CLI"), 0.33);
share(`PDF large: Lectern / Marp CLI${own}`, get("pdf", "large", "Lectern (own browser)"), get("pdf", "large", "Marp CLI"), 0.5);
share(
  `HTML medium, default build (fit): Lectern / Marp CLI${own}`,
  get("html", "medium", "Lectern (fit, own browser)"),
  get("html", "medium", "Marp CLI"),
  1.0,
);
// cost per slide flat: a stage on the larger deck / on the smaller ≤ the ratio of their slides
const order = ["small", "medium", "large"].filter((s) => sizes.includes(s));
for (const [from, to] of order.slice(1).map((s, i) => [order[i], s])) {
  const slides = stages[to].slides / stages[from].slides;
  for (const stage of ["fit", "print", "pdf-finish"]) {
    const a = stages[from].timings[stage];
    const b = stages[to].timings[stage];
    if (!a || !b) {
      check(`${stage} per slide: ${to} / ${from}`, "not run", `≤ ${slides.toFixed(2)}×`);
      continue;
    }
    const perSlide = (ms, n) => `${(ms / n).toFixed(2)}`;
    check(
      `${stage} per slide: ${to} / ${from}`,
      `${(b / a).toFixed(2)}× (${perSlide(a, stages[from].slides)} → ${perSlide(b, stages[to].slides)} ms/slide)`,
      `≤ ${slides.toFixed(2)}× (slides)`,
      b / a <= slides,
    );
  }
}
for (const r of results.filter((r) => r.tool === "Lectern" || r.tool === "Lectern (fit)")) {
  const marp = get(r.kind, r.size, "Marp CLI");
  if (marp)
    check(
      `peak memory, ${r.kind.toUpperCase()} ${r.size}: ${r.tool} vs Marp CLI`,
      `${r.memory.toFixed(0)} vs ${marp.memory.toFixed(0)} MiB`,
      "≤ Marp",
      r.memory <= marp.memory,
    );
}
if (memory)
  check(
    `peak memory, PDF of ${memory.slides} slides (${memory.sections} sections): Lectern vs Marp CLI`,
    Number.isNaN(memory.marp)
      ? `${memory.lectern.toFixed(0)} MiB; Marp CLI failed`
      : `${memory.lectern.toFixed(0)} vs ${memory.marp.toFixed(0)} MiB`,
    "≤ Marp",
    Number.isNaN(memory.marp) ? undefined : memory.lectern <= memory.marp,
  );
else check("peak memory, PDF of about 2,000 slides: Lectern vs Marp CLI", "not run", "≤ Marp");
check(
  "an unchanged deck rebuilt with --pdf starts no browser",
  noBrowserRebuild === undefined ? "not run" : noBrowserRebuild ? "none started" : "**a browser started**",
  "none",
  noBrowserRebuild,
);
const STAGES = ["parse", "plan", "render", "write", "browser", "fit", "print", "pdf-finish"];
const PER_SLIDE = ["fit", "print", "pdf-finish"];
const stageTable = table(
  ["article", "slides", ...STAGES.map((s) => `${s} ms`), ...PER_SLIDE.map((s) => `${s} ms/slide`)],
  sizes.map((s) => [
    s,
    String(stages[s].slides),
    ...STAGES.map((k) => (stages[s].timings[k] ?? 0).toFixed(0)),
    ...PER_SLIDE.map((k) => ((stages[s].timings[k] ?? 0) / stages[s].slides).toFixed(2)),
  ]),
);
const chromeVersion = spawnSync(chrome, ["--version"], { encoding: "utf8" }).stdout.trim();
const cmdLine = (kind, size, tool) => {
  const t = jobs[kind].find((x) => x.tool === tool);
  const c = t.cmd(articles[size], size);
  return `${c.cmd === process.execPath ? "node" : c.cmd.replace(`${bench}/`, "bench/")} ${c.args.map((a) => a.replace(work, "$WORK").replace(`${root}/`, "")).join(" ")}`;
};
const shown = sizes.includes("medium") ? "medium" : sizes[0];
const report = `# Benchmarks

Generated by \`npm run bench\` in \`bench/\` (\`bench/compare.mjs\`) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand.

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}
- Node ${process.version}; ${chromeVersion} (the same browser for every tool: \`${chrome}\`)
- Lectern ${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version}; Marp CLI ${version("@marp-team/marp-cli")}; reveal-md ${version("reveal-md")}; decktape ${version("decktape")}
- Articles: \`../shared/bench/gen-article.mjs --sections N --seed ${SEED}\` with ${sizes.map((s) => `${s} N=${SIZES[s]} (${(articles[s].bytes / 1024).toFixed(0)} KiB)`).join(", ")}. Marp gets the article under front matter \`marp: true, math: katex, headingDivider: 2\`; reveal-md (and decktape, which prints reveal-md's static deck) gets a \`---\` line before each \`#\`/\`##\` heading.
- Method: whole processes; one warm-up run of every tool, then ${RUNS} rounds in which the tools run one after another (A B C A B C …); median, min and max of the ${RUNS} timed runs. Peak memory: one more run, the proportional set size (PSS) of the whole process tree (Node and Chromium) sampled every 25 ms. Lectern runs with \`--no-cache\` (nothing reused between runs).

## Side by side

${comparison}

"Lectern (fit)" is Lectern's default \`build\`: the HTML after measuring every slide in Chromium and re-planning what overflows; the peers do no such check. The ratio column compares each peer with the Lectern row of the same job (\`build --no-fit\` for HTML).

## Targets (issue 15)

Ratios of medians measured side by side in this run (other load on the machine slows every tool alike); per-slide costs from Lectern's own stage times (median of ${Math.min(RUNS, 3)} builds); peak memory of the whole process tree.

${table(["target", "measured", "goal", ""], targets)}

## Lectern's PDF build by stage

From \`lectern pdf --json\` (\`timings\`), the median of ${Math.min(RUNS, 3)} runs each, in ms. \`browser\` is Chromium's launch and first page (it starts while the article is parsed and rendered), \`fit\` loads the deck in its measuring layout and re-plans what overflows, \`print\` lays out the pages and runs Chromium's printing from that same page, \`pdf-finish\` adds bookmarks and metadata and packs the small objects into object streams (Chromium's streams kept byte for byte).

${stageTable}

## Commands (${shown} article)

${["html", "pdf"]
  .flatMap((kind) =>
    jobs[kind]
      .filter((t) => !t.sizes || t.sizes.includes(shown))
      .map((t) => `- ${kind.toUpperCase()}, ${t.tool}: \`${cmdLine(kind, shown, t.tool)}\``),
  )
  .join("\n")}

## Lectern alone (\`bench/run.mjs\`)

\`\`\`
${(alone.stdout || "(failed)").trim()}
\`\`\`
`;
console.log(report);
// the layout quality section (quality.mjs --write) is not this script's: keep it as it is
const kept = existsSync(target) ? qualitySection(readFileSync(target, "utf8")) : "";
writeFileSync(`${target}.tmp`, withQualitySection(report, kept));
renameSync(`${target}.tmp`, target);
log(`bench: wrote ${target}`);
rmSync(work, { recursive: true, force: true });
