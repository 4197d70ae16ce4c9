/** Shared helpers for the test suite: paths, temp folders and small HTML probes. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import type { BuildResult, Diagnostic, Slide } from "../src/types.js";

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
/** `shared/` sits beside the clone, both here and in CI. */
export const SHARED = resolve(REPO_ROOT, "../shared");
export const CORPUS = join(SHARED, "corpus");
export const FIXTURES = join(REPO_ROOT, "test", "fixtures");
export const SEED = join(REPO_ROOT, "slides", "seed-medical-tech.md");

export const fixture = (name: string) => join(FIXTURES, name);
export const readFixture = (name: string) => readFileSync(fixture(name));

/** A fresh temp folder, removed when the test file ends. */
export function tempDir(prefix = "lectern-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The `<div class="slides">` content of a deck page. */
export function slidesHtml(html: string): string {
  const start = html.indexOf('<div class="slides">');
  const end = html.lastIndexOf("<script");
  if (start < 0 || end < 0) throw new Error("not a deck page");
  return html.slice(start, end);
}

/** The top-level `<section>` elements of a deck (one per horizontal position), nesting respected. */
export function topSections(html: string): string[] {
  const body = slidesHtml(html);
  const out: string[] = [];
  const re = /<section\b|<\/section>/g;
  let depth = 0;
  let start = -1;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[0] === "</section>") {
      depth--;
      if (depth === 0) out.push(body.slice(start, m.index + m[0].length));
    } else {
      if (depth === 0) start = m.index;
      depth++;
    }
  }
  return out;
}

/** Each content slide's HTML, in order (from `<section class="lectern-slide"` to its `</section>`). */
export function contentSections(html: string): string[] {
  return slidesHtml(html)
    .split(/<section class="lectern-slide(?=[" ])/)
    .slice(1)
    .map((s) => s.slice(0, s.indexOf("</section>")));
}

/** The visible body of a content slide's HTML: what is inside `lectern-body`, notes left out. */
export function bodyOf(section: string): string {
  const open = section.indexOf('<div class="lectern-body');
  if (open < 0) return "";
  const from = section.indexOf(">", open) + 1;
  const notes = section.indexOf('<aside class="notes">');
  const stop = notes < 0 ? section.length : notes;
  const close = section.lastIndexOf("</div>", stop);
  return section.slice(from, close);
}

/** All speaker notes HTML of a deck. */
export function notesOf(html: string): string[] {
  return [...slidesHtml(html).matchAll(/<aside class="notes">([\s\S]*?)<\/aside>/g)].map((m) => m[1] ?? "");
}

/** Text with tags removed and whitespace squeezed. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

export const count = (haystack: string, needle: string | RegExp) =>
  typeof needle === "string"
    ? haystack.split(needle).length - 1
    : (haystack.match(new RegExp(needle.source, `${needle.flags.replace("g", "")}g`)) ?? []).length;

export const codes = (list: readonly Diagnostic[]) => list.map((d) => d.code);
export const withCode = (list: readonly Diagnostic[], code: string) => list.filter((d) => d.code === code);

/** Every slide of a plan, flattened, with its stack index. */
export function allSlides(result: BuildResult): (Slide & { stack: number })[] {
  return result.plan.stacks.flatMap((s, stack) => s.slides.map((slide) => ({ ...slide, stack })));
}

/** `pdffonts` rows of a PDF: each font's name and its `emb` column (the last five columns are emb sub uni object gen). */
export function pdfFonts(file: string): { name: string; emb: string }[] {
  const lines = execFileSync("pdffonts", [file], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }).split("\n");
  const sep = lines.findIndex((l) => l.startsWith("----"));
  if (sep < 0) throw new Error(`pdffonts printed no table for ${file}`);
  return lines
    .slice(sep + 1)
    .filter((l) => l.trim())
    .map((l) => {
      const cells = l.trim().split(/\s+/);
      return { name: cells[0] as string, emb: cells[cells.length - 5] as string };
    });
}
