#!/usr/bin/env node
// Long fuzz run of the compiled library (lib/build.js): the generators and properties of
// test/fuzz.test.ts, shared in test/fuzz/arbitraries.mjs, over 100,000 cases by default, split
// across worker threads. Prints progress every 10,000 cases, then the total, each failing
// property with its shrunk counterexample, and the throughput; exits 1 on any failure (a hang
// included).
//
// Usage: npm run fuzz -- [--runs N] [--workers K] [--seed S]
//   ("fuzz": "tsc -p . && node bench/fuzz.mjs" — the library must be compiled first)
import { writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import fc from "fast-check";
import { baselineScripts, brokenUtf8, links, markdown, mutated, problemsOf, randomBytes } from "../test/fuzz/arbitraries.mjs";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
/** A worker silent this long is stuck in one build. */
const HANG_MS = 60_000;
/** Shrinking stops after this many re-runs of the property. */
const MAX_SHRINK_CALLS = 3000;
const PROGRESS_EVERY = 10_000;
const BEAT_EVERY = 250;

// ---------------------------------------------------------------- generators (test/fuzz/arbitraries.mjs)

/** Every case: one of the families, tagged. */
const anyInput = fc.oneof(
  { weight: 8, arbitrary: markdown.map((input) => ({ family: "markdown", input })) },
  { weight: 3, arbitrary: mutated.map((input) => ({ family: "mutated", input })) },
  { weight: 2, arbitrary: randomBytes.map((input) => ({ family: "bytes", input })) },
  { weight: 2, arbitrary: brokenUtf8.map((input) => ({ family: "utf8", input })) },
  { weight: 1, arbitrary: links.map((input) => ({ family: "links", input })) },
);

// ---------------------------------------------------------------- worker: chunks of runs, then shrinking

/** Heartbeat slots shared with the main thread: the case being built. */
const BEAT = { chunk: 0, index: 1, tick: 2 };
/** Kinds not worth shrinking: the time a build takes does not shrink with its input. */
const NO_SHRINK = new Set(["slow"]);

async function work({ beat }) {
  const { buildDeck } = await import(join(ROOT, "lib", "build.js"));
  const baseline = baselineScripts(buildDeck);
  const heartbeat = new Int32Array(beat);
  const tick = (chunk, index) => {
    Atomics.store(heartbeat, BEAT.chunk, chunk);
    Atomics.store(heartbeat, BEAT.index, index);
    Atomics.add(heartbeat, BEAT.tick, 1);
  };
  parentPort.on("message", (msg) => {
    if (msg.type === "chunk") {
      const { chunk, seed, runs } = msg;
      const failures = new Map(); // kind → first failing case of this chunk
      const counts = {};
      const perFamily = {};
      let index = 0;
      let sinceBeat = 0;
      fc.check(
        fc.property(anyInput, ({ family, input }) => {
          tick(chunk, index);
          perFamily[family] = (perFamily[family] ?? 0) + 1;
          for (const p of problemsOf(buildDeck, baseline, input)) {
            counts[p.kind] = (counts[p.kind] ?? 0) + 1;
            if (!failures.has(p.kind)) failures.set(p.kind, { kind: p.kind, chunk, seed, path: String(index), family, message: p.message });
          }
          index++;
          if (++sinceBeat === BEAT_EVERY) {
            parentPort.postMessage({ type: "progress", done: BEAT_EVERY });
            sinceBeat = 0;
          }
        }),
        { numRuns: runs, seed },
      );
      parentPort.postMessage({ type: "progress", done: sinceBeat });
      parentPort.postMessage({ type: "chunk-done", failures: [...failures.values()], counts, perFamily });
    } else if (msg.type === "shrink") {
      const { kind, seed, path, chunk } = msg;
      let calls = 0;
      const details = fc.check(
        fc.property(anyInput, ({ input }) => {
          tick(chunk, -1);
          if (NO_SHRINK.has(kind) && calls > 0) return true;
          if (++calls > MAX_SHRINK_CALLS) return true;
          const own = problemsOf(buildDeck, baseline, input).filter((p) => p.kind === kind);
          if (own.length > 0) throw new Error(own[0].message);
        }),
        { seed, path, numRuns: 1 },
      );
      const example = details.failed ? details.counterexample[0] : undefined;
      parentPort.postMessage({
        type: "shrunk",
        kind,
        example: example ? { family: example.family, input: example.input } : undefined,
        message: details.failed
          ? String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance)
          : undefined,
        shrinks: details.numShrinks,
      });
    }
  });
  parentPort.postMessage({ type: "ready" });
}

// ---------------------------------------------------------------- main: workers, progress, watchdog, report

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fuzz: --${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

const CHUNK = 1000;
const chunkSeed = (seed, chunk) => (seed + chunk * 7919) % 2 ** 31;

/** Keep a case in a file (text or bytes) so it can be replayed with buildDeck. */
function keep(name, example) {
  const file = join(tmpdir(), `lectern-fuzz-${name}.json`);
  const input = example?.input;
  writeFileSync(
    file,
    JSON.stringify({
      family: example?.family,
      text: typeof input === "string" ? input : undefined,
      bytes: input instanceof Uint8Array ? [...input] : undefined,
    }),
  );
  return file;
}

/** One worker thread, restarted by the watchdog when a build hangs. */
class Runner {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.beat = new Int32Array(new SharedArrayBuffer(12));
    this.start();
  }
  start() {
    Atomics.store(this.beat, BEAT.tick, 0);
    this.lastTick = -1;
    this.lastChange = Date.now();
    this.worker = new Worker(fileURLToPath(import.meta.url), { workerData: { beat: this.beat.buffer } });
    this.worker.on("message", (msg) => this.onMessage(this, msg));
    this.worker.on("error", (err) => this.onMessage(this, { type: "crash", error: err.stack ?? String(err) }));
  }
  send(msg) {
    this.busy = msg;
    this.lastChange = Date.now();
    this.worker.postMessage(msg);
  }
  /** True when the current case has not moved for HANG_MS. */
  stuck() {
    const t = Atomics.load(this.beat, BEAT.tick);
    if (t !== this.lastTick) {
      this.lastTick = t;
      this.lastChange = Date.now();
      return false;
    }
    return this.busy !== undefined && Date.now() - this.lastChange > HANG_MS;
  }
  restart() {
    this.worker.terminate();
    this.busy = undefined;
    this.ready = false;
    this.start();
  }
}

async function main() {
  const total = option("runs", 100_000);
  const seed = option("seed", Date.now() % 2 ** 31);
  const nWorkers = Math.max(1, option("workers", Math.min(2, availableParallelism())));
  console.log(`fuzz: ${total} cases on ${nWorkers} worker(s), seed ${seed} (lib/build.js: run tsc -p . first)`);
  const start = performance.now();
  const chunks = Array.from({ length: Math.ceil(total / CHUNK) }, (_, k) => ({
    chunk: k,
    seed: chunkSeed(seed, k),
    runs: Math.min(CHUNK, total - k * CHUNK),
  }));
  const failures = new Map(); // kind → first failing case
  const counts = {};
  const perFamily = {};
  const shrinkQueue = [];
  let done = 0;
  let skipped = 0;
  let nextReport = PROGRESS_EVERY;
  let finish;
  const finished = new Promise((r) => {
    finish = r;
  });
  const record = (f, n = 1) => {
    counts[f.kind] = (counts[f.kind] ?? 0) + n;
    if (!failures.has(f.kind)) failures.set(f.kind, f);
  };
  let phase = "chunks";
  /** Give idle workers work: chunks of cases first, then one failing case per property to shrink. */
  const dispatch = () => {
    for (const runner of runners) {
      if (runner.busy || !runner.ready) continue;
      const job = phase === "chunks" ? chunks.shift() : shrinkQueue.shift();
      if (job)
        runner.send(
          phase === "chunks"
            ? { type: "chunk", ...job }
            : { type: "shrink", kind: job.kind, seed: job.seed, path: job.path, chunk: job.chunk },
        );
    }
    if (runners.some((r) => r.busy || !r.ready)) return;
    if (phase === "chunks" && chunks.length === 0) {
      phase = "shrink";
      shrinkQueue.push(...[...failures.values()].filter((f) => f.kind !== "hang" && f.kind !== "crash"));
      dispatch();
    } else if (phase === "shrink" && shrinkQueue.length === 0) finish();
  };
  const onMessage = (runner, msg) => {
    if (msg.type === "ready") {
      runner.ready = true;
      dispatch();
    } else if (msg.type === "progress") {
      done += msg.done;
      while (done >= nextReport) {
        const s = (performance.now() - start) / 1000;
        console.log(`  ${nextReport} cases, ${s.toFixed(0)} s, ${(nextReport / s).toFixed(0)} cases/s`);
        nextReport += PROGRESS_EVERY;
      }
    } else if (msg.type === "chunk-done") {
      for (const f of msg.failures) record(f, msg.counts[f.kind]);
      for (const [k, v] of Object.entries(msg.perFamily)) perFamily[k] = (perFamily[k] ?? 0) + v;
      runner.busy = undefined;
      dispatch();
    } else if (msg.type === "shrunk") {
      const f = failures.get(msg.kind);
      if (f) Object.assign(f, { shrunk: msg.example, shrunkMessage: msg.message, shrinks: msg.shrinks });
      runner.busy = undefined;
      dispatch();
    } else if (msg.type === "crash") {
      const job = runner.busy;
      record({ kind: "crash", seed: job?.seed, chunk: job?.chunk, path: "?", family: "?", message: msg.error });
      if (job?.type === "chunk") skipped += job.runs;
      runner.restart();
    }
  };
  const runners = Array.from({ length: nWorkers }, () => new Runner(onMessage));
  // Watchdog: a worker whose case has not moved for HANG_MS is stuck in one build.
  const watchdog = setInterval(() => {
    for (const runner of runners) {
      if (!runner.stuck()) continue;
      const job = runner.busy;
      const chunk = Atomics.load(runner.beat, BEAT.chunk);
      const index = Atomics.load(runner.beat, BEAT.index);
      if (job.type === "chunk") {
        const [example] = fc.sample(anyInput, { seed: job.seed, numRuns: index + 1 }).slice(index);
        record({
          kind: "hang",
          chunk,
          seed: job.seed,
          path: String(index),
          family: example?.family,
          message: `no progress for ${HANG_MS / 1000} s`,
          example,
        });
        done += (index % BEAT_EVERY) + 1; // cases before it not yet reported, and the hung case
        skipped += job.runs - index - 1;
      } else {
        const f = failures.get(job.kind);
        if (f) f.shrinkAborted = true;
      }
      runner.restart();
    }
  }, 1000);
  await finished;
  clearInterval(watchdog);
  for (const r of runners) r.worker.terminate();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `fuzz: ${done} cases in ${seconds.toFixed(1)} s: ${(done / seconds).toFixed(0)} cases/s${skipped ? ` (${skipped} skipped after hangs)` : ""}`,
  );
  console.log(
    `  by family: ${Object.entries(perFamily)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  if (failures.size === 0) {
    console.log("fuzz: no failures");
    return 0;
  }
  console.log(`fuzz: ${failures.size} failing propert${failures.size === 1 ? "y" : "ies"}`);
  for (const f of failures.values()) {
    console.log(`\n✗ ${f.kind}: ${counts[f.kind]} case(s); first in family ${f.family} (chunk seed ${f.seed}, fast-check path ${f.path})`);
    console.log(`  ${String(f.message).slice(0, 1500)}`);
    const example =
      f.example ?? (f.kind === "hang" ? undefined : fc.sample(anyInput, { seed: f.seed, numRuns: Number(f.path) + 1 })[Number(f.path)]);
    if (example) console.log(`  case kept in ${keep(`${f.kind}-${f.seed}-${f.path}`, example)}`);
    if (f.shrinkAborted) console.log("  shrinking hung: no smaller case");
    if (f.shrunk) {
      console.log(`  shrunk in ${f.shrinks} step(s) (${f.shrunk.family}): ${f.shrunkMessage?.slice(0, 500) ?? ""}`);
      console.log(`  counterexample: ${fc.stringify(f.shrunk.input).slice(0, 3000)}`);
      console.log(`  kept in ${keep(`${f.kind}-${f.seed}-${f.path}-shrunk`, f.shrunk)}`);
    }
  }
  return 1;
}

if (isMainThread) {
  process.exitCode = await main();
} else {
  await work(workerData);
}
