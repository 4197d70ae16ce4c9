#!/usr/bin/env node
/**
 * Build the example course site: two decks (with PDFs) under dist/decks/, and dist/index.html,
 * a course page that frames them, from page.html. Run from anywhere after `npx tsc -p .`
 * (or just `npm run example`).
 *
 *   dist/index.html
 *   dist/decks/lectern-sample/{index.html, assets/, lectern-sample.pdf}
 *   dist/decks/seed-medical-tech/{index.html, assets/, seed-medical-tech.pdf}
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const dist = join(here, "dist");

if (!existsSync(join(root, "lib", "index.js"))) {
  console.error("lib/ is not built: run `npx tsc -p .` first (or `npm run example`).");
  process.exit(1);
}
const { buildPaths, formatDiagnostic, summarize, VERSION } = await import("../../lib/index.js");

const COURSE = {
  title: "Signals, Systems and Medicine — a Lectern example course",
  intro:
    "Two lectures built from Markdown with Lectern. Each deck runs in its own frame: use the buttons, " +
    "or click into a deck and use the arrow keys. The PDFs are printed from the same decks.",
};
const ARTICLES = ["slides/lectern-sample.md", "slides/seed-medical-tech.md"];

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
/** A path under dist/ as a relative URL. */
const href = (path) => relative(dist, path).split(sep).map(encodeURIComponent).join("/");
const shown = (d) => formatDiagnostic({ ...d, file: relative(root, d.file) || d.file });

const files = ARTICLES.map((a) => join(root, a));
const outDir = join(dist, "decks");
let run = await buildPaths(files, { outDir, pdf: true });
if (run.browserMissing) {
  console.warn("No Chrome or Chromium found: building the decks without PDFs (and without the browser fit).");
  run = await buildPaths(files, { outDir, fit: false });
}
for (const d of run.diagnostics) if (d.severity !== "info") console.warn(shown(d));
const failed = run.decks.filter((d) => !d.written);
if (failed.length) {
  for (const d of run.diagnostics) if (d.severity === "info") console.warn(shown(d));
  console.error(`course-site: ${failed.map((d) => d.input).join(", ")} could not be built (${summarize(run.diagnostics)})`);
  process.exit(1);
}

// ---------------------------------------------------------------- the page

const template = await readFile(join(here, "page.html"), "utf8");
const BEGIN = "<!-- deck:begin -->";
const END = "<!-- deck:end -->";
const [head, rest] = template.split(BEGIN);
const [block, tail] = rest?.split(END) ?? [];
if (head === undefined || block === undefined || tail === undefined) throw new Error(`page.html needs one ${BEGIN} … ${END} block`);

/** `{{key}}` is replaced by the escaped value, `{{{key}}}` by the value as is (HTML). */
function fill(text, values) {
  return text.replace(/\{\{(\{?)\s*([\w.]+)\s*\}?\}\}/g, (_, raw, key) => {
    if (!(key in values)) throw new Error(`page.html: no value for {{${key}}}`);
    return raw ? String(values[key]) : esc(values[key]);
  });
}

const decks = run.decks.map((deck, i) => {
  const { meta } = deck.result.article.source;
  const pdf = deck.pdf && existsSync(deck.pdf.path) ? deck.pdf : undefined;
  const downloads = pdf
    ? `<a class="button" href="${esc(href(pdf.path))}">PDF (${pdf.pages} pages)</a>`
    : `<span class="unavailable">PDF not built (no browser)</span>`;
  return fill(block, {
    index: i + 1,
    name: deck.name,
    lang: meta.lang ?? deck.result.plan.lang,
    title: meta.title ?? deck.result.plan.title,
    byline: [meta.author, meta.date, `${deck.slides} slides`].filter(Boolean).join(" · "),
    src: href(join(deck.dir, "index.html")),
    downloads,
  });
});
const page = fill(head, { course: COURSE.title, intro: COURSE.intro, generator: `Lectern ${VERSION}` }) + decks.join("") + fill(tail, {});

// write atomically: a failed write leaves the previous page
await mkdir(dist, { recursive: true });
const target = join(dist, "index.html");
const tmp = join(dist, `.index.html.tmp-${process.pid}`);
try {
  await writeFile(tmp, page);
  await rename(tmp, target);
} finally {
  await rm(tmp, { force: true });
}
console.log(
  `course-site: ${run.decks.length} decks (${run.decks.map((d) => `${d.name}: ${d.slides} slides${d.pdf ? ", PDF" : ""}`).join("; ")})`,
);
const rel = relative(process.cwd(), target);
console.log(`course-site: open ${rel.startsWith("..") ? target : rel}`);
