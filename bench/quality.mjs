#!/usr/bin/env node
// Layout quality over real articles: builds each deck with its PDF (the `.md` files under
// ../shared/corpus, recursively, and slides/, or the files/folders given) and prints per deck:
// slides whose smallest text (scale included) is below 16 px on the 1280×720 slide; slides
// that end with a lead-in (a `:` paragraph, a bold label, a bare connective, a subheading)
// whose continuation is on the next slide; continuation slides less than a quarter full (and
// how many of them are their section's last); paragraphs split inside a sentence; PDF pages
// lacking a character their slide shows (bench/lib/pdf-text.mjs); the fit's overflow warnings.
// The worst slides are named. Figures only (exit 0).
// With --write, the figures also replace the "Layout quality" section of BENCHMARKS.md
// (bench/lib/quality-section.mjs; compare.mjs keeps that section when it rewrites the file).
// Usage: node bench/quality.mjs [--worst 3] [--prose lead] [--write] [paths...]
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBuiltDecks, inputsOr, markdownUnder } from "./lib/built-decks.mjs";
import { checkDeckPdf } from "./lib/pdf-text.mjs";
import { MIN_TEXT_PX, scoreDeck, slideRecords } from "./lib/quality.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = (p) => import(join(root, "lib", p));
const { createBrowserSession } = await lib("browser/session.js");
const { openLaidOut } = await lib("fit/measure.js");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const WORST = Number(option("worst", "3"));
const writeAt = args.indexOf("--write");
const write = writeAt >= 0 && args.splice(writeAt, 1).length > 0;
const prose = option("prose", undefined);
const decks = inputsOr(root, args)
  .filter(existsSync)
  .flatMap((p) => markdownUnder(p, { readme: false }));
const rows = await checkBuiltDecks({
  root,
  files: decks,
  extra: prose ? ["--prose", prose] : [],
  prefix: "lectern-quality-",
  createBrowserSession,
  async check({ page, htmlPath, pdfPath }) {
    await openLaidOut(page, htmlPath, 1280, 720, 60_000, { painted: true }); // shown: the measuring layout is otherwise unseen, and unseen text has no size to judge
    const score = scoreDeck(await slideRecords(page));
    const pdf = await checkDeckPdf({ page, htmlPath, pdfPath, open: openLaidOut });
    return { ...score, incomplete: pdf.incomplete.length + (pdf.pages !== pdf.slides ? 1 : 0) };
  },
});

const printed = [];
const say = (line) => {
  printed.push(line);
  console.log(line);
};
const show = (s, n = 50) => (s.length > n ? `${s.slice(0, n)}…` : s);
const where = (r) => `slide ${r.index + 1} (line ${r.line}, ${JSON.stringify(show(r.title, 30))})`;
const totals = { slides: 0, small: 0, leadIns: 0, thin: 0, thinInner: 0, midSentence: 0, incomplete: 0, overflow: 0 };
for (const row of rows) {
  if (row.error) {
    say(`${row.name}: ${row.error}`);
    continue;
  }
  const thinInner = row.thin.filter((t) => !t.groupLast).length;
  say(
    `${row.name}: ${row.slides} content slides; text < ${MIN_TEXT_PX}px ${row.small.length}; lead-in at end ${row.leadIns.length}; ` +
      `thin continuations ${row.thin.length} (${thinInner} not a section's last); mid-sentence splits ${row.midSentence.length}; ` +
      `incomplete PDF pages ${row.incomplete}; overflow ${row.overflow}`,
  );
  const smallest = [...row.small].sort((a, b) => a.smallest - b.smallest).slice(0, WORST);
  for (const r of smallest) say(`  small: ${where(r)} ${r.smallest.toFixed(1)}px ${JSON.stringify(r.smallestText)}`);
  for (const r of row.leadIns.slice(0, WORST)) say(`  lead-in: ${where(r)} ends ${JSON.stringify(show(r.last.text))}`);
  for (const r of [...row.thin].sort((a, b) => a.fill - b.fill).slice(0, WORST))
    say(`  thin: ${where(r)} ${(r.fill * 100).toFixed(0)}% full${r.groupLast ? " (section's last)" : ""}`);
  for (const r of row.midSentence.slice(0, WORST))
    say(`  mid-sentence: ${where(r)} ends ${JSON.stringify(show(r.last.text.slice(-40)))} | ${JSON.stringify(show(r.next, 30))}`);
  totals.slides += row.slides;
  totals.small += row.small.length;
  totals.leadIns += row.leadIns.length;
  totals.thin += row.thin.length;
  totals.thinInner += thinInner;
  totals.midSentence += row.midSentence.length;
  totals.incomplete += row.incomplete;
  totals.overflow += row.overflow;
}
say(
  `total: ${rows.length} decks, ${totals.slides} content slides; text < ${MIN_TEXT_PX}px ${totals.small}; lead-in at end ${totals.leadIns}; ` +
    `thin continuations ${totals.thin} (${totals.thinInner} not a section's last); mid-sentence splits ${totals.midSentence}; ` +
    `incomplete PDF pages ${totals.incomplete}; overflow ${totals.overflow}`,
);
if (write) {
  const { writeQualitySection } = await import("./lib/quality-section.mjs");
  const target = writeQualitySection(join(root, "BENCHMARKS.md"), printed, { prose });
  console.log(`quality: wrote the layout quality section of ${target}`);
}
