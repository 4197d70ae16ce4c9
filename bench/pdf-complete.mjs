#!/usr/bin/env node
// Does every PDF page hold every character its slide shows? Builds each deck with a PDF
// (the `.md` files under ../shared/corpus, recursively, and slides/, or the files/folders
// given) and compares each slide's visible text with `pdftotext` of its page (bench/lib/pdf-text.mjs).
// Prints per deck: pages, pages incomplete, the worst pages with the characters they lack.
// Figures only; exit 1 when a page is incomplete. Usage: node bench/pdf-complete.mjs [--worst 3] [paths...]
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBuiltDecks, inputsOr, markdownUnder } from "./lib/built-decks.mjs";
import { checkDeckPdf } from "./lib/pdf-text.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = (p) => import(join(root, "lib", p));
const { createBrowserSession } = await lib("browser/session.js");
const { openLaidOut } = await lib("fit/measure.js");

const args = process.argv.slice(2);
const worstAt = args.indexOf("--worst");
const WORST = worstAt >= 0 ? Number(args.splice(worstAt, 2)[1]) : 3;
const decks = inputsOr(root, args)
  .filter(existsSync)
  .flatMap((p) => markdownUnder(p));
const rows = await checkBuiltDecks({
  root,
  files: decks,
  prefix: "lectern-pdf-complete-",
  createBrowserSession,
  check: ({ page, htmlPath, pdfPath }) => checkDeckPdf({ page, htmlPath, pdfPath, open: openLaidOut }),
});
const incompleteTotal = rows.reduce((n, r) => n + (r.error ? 0 : r.incomplete.length + (r.pages !== r.slides ? 1 : 0)), 0);

const show = (s, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);
for (const row of rows) {
  if (row.error) {
    console.log(`${row.name}: ${row.error}`);
    continue;
  }
  const pages = row.pages === row.slides ? `${row.pages} pages` : `${row.pages} pages for ${row.slides} slides`;
  const warn = row.overflow ? `, ${row.overflow} overflow warning${row.overflow > 1 ? "s" : ""}` : "";
  console.log(`${row.name}: ${pages}, ${row.incomplete.length} incomplete${warn}`);
  const lost = (p) => [...new Set([...p.missing, ...p.clipped])].length + p.missing.length + p.clipped.length;
  const worst = [...row.incomplete].sort((a, b) => lost(b) - lost(a)).slice(0, WORST);
  for (const p of worst) {
    const parts = [
      p.missing && `not in the PDF text ${[...p.missing].length}: ${JSON.stringify(show(p.missing))}`,
      p.clipped && `cut off ${[...p.clipped].length}: ${JSON.stringify(show(p.clipped))}`,
    ];
    console.log(`  page ${p.page} (${[...p.text].length} chars): ${parts.filter(Boolean).join("; ")}`);
  }
  const noFont = [...new Set(row.unrenderable.map((u) => u.chars).join(""))].join("");
  if (noFont)
    console.log(`  no font on this machine (a box on screen and on paper), ${row.unrenderable.length} pages: ${JSON.stringify(noFont)}`);
}
const pages = rows.reduce((n, r) => n + (r.pages ?? 0), 0);
const bad = rows.reduce((n, r) => n + (r.incomplete?.length ?? 0), 0);
console.log(`total: ${rows.length} decks, ${pages} pages, ${bad} incomplete`);
process.exitCode = incompleteTotal || rows.some((r) => r.error) ? 1 : 0;
