// The harness bench/pdf-complete.mjs and bench/quality.mjs share: find the articles (`.md`
// under the given folders), build each with its PDF in a temporary folder, and hand each built
// deck to a check in one Chromium page; the temporary folder and the browser are always removed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join, relative, resolve } from "node:path";

/** The articles under a path (`.md`, `.qmd`, `.ipynb`), in name order. */
export function markdownUnder(path, { readme = true } = {}) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((name) => markdownUnder(join(path, name), { readme }));
  }
  return [".md", ".qmd", ".ipynb"].includes(extname(path)) && (readme || basename(path) !== "README.md") ? [path] : [];
}

/** The paths given, else `../shared/corpus` and `slides/`. */
export const inputsOr = (root, args) => (args.length ? args : [resolve(root, "../shared/corpus"), join(root, "slides")]);

/**
 * Build every file with `lectern build --pdf --no-cache` (plus `extra` flags) and call
 * `check({ page, htmlPath, pdfPath, overflow })` for each built deck. Returns one row per file:
 * `{ name, error }` when no PDF came out, else `{ name, overflow, ...check's result }`.
 */
export async function checkBuiltDecks({ root, files, extra = [], prefix, createBrowserSession, check }) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const session = createBrowserSession();
  const rows = [];
  try {
    for (const [i, file] of files.entries()) {
      const out = join(work, String(i));
      const args = [join(root, "bin", "lectern.js"), "build", file, "--pdf", "--out", out, "--no-cache", ...extra];
      const build = spawnSync(process.execPath, args, { encoding: "utf8" });
      const name = relative(resolve(root, ".."), file);
      const stem = basename(file, extname(file));
      const htmlPath = join(out, stem, "index.html");
      const pdfPath = join(out, stem, `${stem}.pdf`);
      if (!existsSync(pdfPath)) {
        rows.push({ name, error: `no PDF (exit ${build.status}): ${build.stderr.trim().split("\n").at(-1)}` });
        continue;
      }
      const overflow = (build.stderr.match(/\[overflow\]/g) ?? []).length;
      const { page } = await session.newPage();
      try {
        rows.push({ name, overflow, ...(await check({ page, htmlPath, pdfPath })) });
      } finally {
        await page.close();
      }
    }
  } finally {
    await session.close();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
