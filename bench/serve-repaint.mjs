#!/usr/bin/env node
// `serve`: save → the edited slide repainted in a real browser, on the 30-section article of
// ../shared/bench/gen-article.mjs (seed 1), with the fit and without it. Figures are printed,
// never asserted. Usage: node bench/serve-repaint.mjs [--runs 10] [--fit on|off|both]
//
// What is measured, per edit: from just before the article is written to the moment the page
// runs the second requestAnimationFrame after the patch put the new text on the slide it shows —
// so the frame holding the new text has been produced. Both ends are read on the machine's clock
// (`performance.timeOrigin + performance.now()`, in Node and in the page), so the figure does not
// include the page's call back to Node (page.exposeFunction), which waits for Node's event loop
// while serve writes the deck folder; that later time is printed too ("heard"). The page stays
// on one mid-deck slide, whose paragraph each edit changes (ASCII only: no new font slice to
// load). Two warm-up edits are not counted. Also printed: where one save's time went (medians).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { median } from "./lib/measure.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = (p) => import(join(root, "lib", p));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(arg("--runs", "10"));
const WARMUP = 2;
const fits = { on: [true], off: [false], both: [true, false] }[arg("--fit", "both")] ?? [true, false];
const generator = resolve(root, "../shared/bench/gen-article.mjs");
if (!existsSync(join(root, "lib", "serve", "serve.js"))) {
  console.error("serve-repaint: build Lectern first (npx tsc -p .)");
  process.exit(2);
}
if (!existsSync(generator)) {
  console.error(`serve-repaint: the article generator is missing: ${generator}`);
  process.exit(2);
}
const { serve } = await lib("serve/serve.js");
const { createBrowserSession } = await lib("browser/session.js");
const text = execFileSync(process.execPath, [generator, "--sections", "30", "--seed", "1"], { encoding: "utf8" });
const lines = text.split("\n");
// the paragraph under the `##` heading nearest the middle of the article
const headings = lines.map((l, i) => (/^## /.test(l) ? i : -1)).filter((i) => i >= 0);
const heading = headings.reduce((best, i) => (Math.abs(i - lines.length / 2) < Math.abs(best - lines.length / 2) ? i : best));
const para = lines.findIndex((l, i) => i > heading && l.trim() !== "" && /^[^#|$`>\-\d]/.test(l));
const edited = (k) => lines.map((l, i) => (i === para ? `${l} [edit-${k}]` : l)).join("\n");
const title = lines[heading].replace(/^##\s+/, "");

const fmt = (ms) => ms.toFixed(0);

async function measure(fit) {
  const work = mkdtempSync(join(tmpdir(), "lectern-repaint-"));
  const file = join(work, "src", "medium.md");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  let built;
  const rebuilds = [];
  /** Per edit: when its rebuild started, and where the rebuild's time went. */
  const stages = [];
  const serving = await serve([file], {
    outDir: join(work, "out"),
    port: 0,
    fit,
    onBuild: (deck, ms, initial, times) => {
      if (!initial) rebuilds.push(ms);
      if (!initial) stages.push(times);
      built?.(deck);
    },
  });
  const session = createBrowserSession();
  try {
    const { page } = await session.newPage([serving.url]);
    await page.setViewport({ width: 1280, height: 720 });
    let painted;
    const clock = () => performance.timeOrigin + performance.now();
    await page.exposeFunction("__lecternBenchPainted", (kind, ms, at) => painted?.({ at, heard: clock(), kind, ms }));
    await page.goto(`${serving.url}medium/`, { waitUntil: "load" });
    await page.waitForFunction(() => window.Reveal?.isReady());
    await page.evaluate((heading) => {
      const el = [...document.querySelectorAll("section[data-lectern-slide]")].find((s) => s.querySelector("h2")?.textContent === heading);
      const { h, v } = window.Reveal.getIndices(el);
      window.Reveal.slide(h, v ?? 0);
      window.addEventListener("lectern:updated", (e) => {
        const slide = window.Reveal.getCurrentSlide();
        const shows = slide?.textContent?.includes(window.__lecternBenchWant ?? "\u0000");
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            window.__lecternBenchPainted(
              shows ? e.detail.kind : `${e.detail.kind}, not shown`,
              e.detail.ms,
              performance.timeOrigin + performance.now(),
            ),
          ),
        );
      });
    }, title);
    const reloads = [];
    await new Promise((r) => setTimeout(r, 500)); // the WebSocket connects
    const times = [];
    const inPage = [];
    const profile = [];
    for (let k = 0; k < WARMUP + RUNS; k++) {
      await page.evaluate((want) => (window.__lecternBenchWant = want), `[edit-${k}]`);
      const seen = new Promise((r) => (painted = r));
      const done = new Promise((r) => (built = r));
      const t0 = performance.now();
      const start = clock();
      const first = stages.length;
      writeFileSync(file, edited(k));
      const result = await Promise.race([
        seen,
        new Promise((r) => setTimeout(() => r({ at: Number.NaN, heard: Number.NaN, kind: "timeout" }), 20_000)),
      ]);
      await done;
      const save = stages[first];
      if (k >= WARMUP && save) {
        const { parse = 0, plan = 0, render = 0, fit = 0, write = 0 } = save.stages;
        profile.push({
          event: save.started - t0,
          front: parse + plan + render,
          fit,
          sent: save.sent === undefined ? Number.NaN : save.started - t0 + save.sent,
          painted: result.at - start,
          heard: result.heard - start,
          write,
          written: save.started - t0 + (save.written ?? Number.NaN),
        });
      }
      if (result.kind !== "patch") reloads.push(result.kind);
      if (k >= WARMUP) times.push(result.at - start);
      if (k >= WARMUP && result.ms !== undefined) inPage.push(result.ms);
      await new Promise((r) => setTimeout(r, 300));
    }
    return { fit, times, inPage, rebuilds: rebuilds.slice(WARMUP), reloads, profile };
  } finally {
    await session.close();
    await serving.close();
    rmSync(work, { recursive: true, force: true });
  }
}

console.log(
  `\nserve: save → edited slide repainted in Chromium (30-section article, slide "${title}", ${RUNS} edits after ${WARMUP} warm-up):\n`,
);
for (const fit of fits) {
  const r = await measure(fit);
  const ok = r.times.filter((t) => Number.isFinite(t));
  const spread = ok.length ? `${fmt(Math.min(...ok))}–${fmt(Math.max(...ok))}` : "n/a";
  const missed = r.reloads.length ? `; not patched: ${r.reloads.join(", ")}` : "";
  console.log(
    `  fit ${fit ? "on " : "off"}: median ${ok.length ? fmt(median(ok)) : "n/a"} ms (min–max ${spread} ms); rebuild ${fmt(median(r.rebuilds))} ms, patch in the page ${fmt(median(r.inPage))} ms (medians)${missed}`,
  );
  // one save, stage by stage (medians over the edits): from the save, when each step was done
  const at = (key) => {
    const xs = r.profile.map((p) => p[key]).filter((x) => Number.isFinite(x));
    return xs.length ? fmt(median(xs)) : "n/a";
  };
  console.log(
    `           one save (ms from the write, medians): watch event → rebuild ${at("event")}, front half (parse+plan+render) ${at("front")} long, fit ${at("fit")} long, patch sent ${at("sent")}, repainted ${at("painted")} (heard by Node ${at("heard")}); folder write ${at("write")} long, written ${at("written")}`,
  );
}
