/** Progress on standard error: live lines on a terminal, one plain line per deck elsewhere, nothing with --json or --quiet. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildResolved } from "../../src/build.js";
import { createProgress } from "../../src/cli/progress.js";
import { resolveOptions } from "../../src/config/options.js";
import type { DeckOutput } from "../../src/types.js";
import { fixture, REPO_ROOT, tempDir } from "../helpers.js";

const out = tempDir("lectern-cli-progress-");
const bin = join(REPO_ROOT, "bin", "lectern.js");
const HAS_BROWSER = existsSync("/usr/bin/chromium");
const ESC = "\u001b";

/** What a terminal would show after `written`: escapes applied (cursor up, erase line), one screen of lines. */
function screen(written: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  const re = new RegExp(`${ESC}\\[(\\??[0-9;]*)([A-Za-z])|\\n|[^${ESC}\\n]+`, "g");
  for (const m of written.matchAll(re)) {
    if (m[0] === "\n") {
      row++;
      lines[row] ??= "";
    } else if (m[2] === "A") row = Math.max(0, row - Number(m[1] || 1));
    else if (m[2] === "B") row += Number(m[1] || 1);
    else if (m[2] === "K" && m[1] === "2")
      lines[row] = ""; // the whole line (`ESC[K` clears right of the cursor: nothing here)
    else if (m[2] === undefined) lines[row] = (lines[row] ?? "") + m[0];
  }
  return lines.slice(0, row + 1).filter((l, i, all) => l !== "" || i < all.length - 1);
}

const deck = (input: string, slides: number): DeckOutput => ({
  input,
  name: "chapter",
  dir: "dist/chapter",
  written: true,
  slides,
  result: buildResolved("# x\n", resolveOptions()),
  diagnostics: [],
  handouts: [],
  pdf: { path: "dist/chapter/chapter.pdf", pages: slides, bytes: 1 },
});

describe("on a terminal", () => {
  it("each deck being built has a live line with its step and slides; a finished deck a lasting line; the live lines go at the end", () => {
    let written = "";
    const io = { out: () => undefined, err: (s: string) => void (written += s), tty: true, columns: () => 100 };
    const p = createProgress(io, "live", () => 0);
    p.onProgress({ type: "deck-start", input: "slides/chapter.md", name: "chapter", index: 0, total: 2 });
    p.onProgress({ type: "deck-start", input: "slides/intro.md", name: "intro", index: 1, total: 2 });
    p.onProgress({ type: "step", input: "slides/chapter.md", name: "chapter", step: "fit", slides: 341 });
    p.onProgress({ type: "step", input: "slides/intro.md", name: "intro", step: "render", slides: 0 });
    expect(screen(written)).toEqual(["  slides/chapter.md ▸ fit · 341 slides", "  slides/intro.md ▸ render", "  0 of 2 decks done"]);
    p.onProgress({ type: "step", input: "slides/chapter.md", name: "chapter", step: "pdf", slides: 352 });
    expect(screen(written)).toEqual(["  slides/chapter.md ▸ pdf · 352 slides", "  slides/intro.md ▸ render", "  0 of 2 decks done"]);
    p.onProgress({ type: "deck-done", deck: deck("slides/chapter.md", 352), done: 1, total: 2 });
    expect(screen(written)).toEqual([
      "[1/2] slides/chapter.md → dist/chapter/ (352 slides, PDF 352 pages)",
      "  slides/intro.md ▸ render",
      "  1 of 2 decks done",
    ]);
    p.finish();
    expect(screen(written)).toEqual(["[1/2] slides/chapter.md → dist/chapter/ (352 slides, PDF 352 pages)"]);
  });

  it.skipIf(!HAS_BROWSER)(
    "a real PDF build in a pseudo-terminal shows its steps as they run",
    () => {
      const dir = join(out, "pty");
      const command = [process.execPath, bin, "pdf", fixture("good.md"), "--out", dir].map((a) => `'${a}'`).join(" ");
      const r = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", timeout: 90_000 });
      expect(r.status, r.stdout).toBe(0);
      for (const step of ["render", "fit", "pdf"]) expect(r.stdout).toContain(`${fixture("good.md")} ▸ ${step}`);
      expect(r.stdout).toContain(ESC);
      expect(screen(r.stdout.replace(/\r/g, "")).join("\n")).toMatch(
        /^\[1\/1\] .*good\.md → .*\/good\/ \(5 slides, .*PDF 5 pages\)\nlectern: built 1 of 1 deck into .* \(0 errors, 0 warnings\)$/,
      );
    },
    90_000,
  );
});

describe("through a pipe (CI)", () => {
  const lectern = (...args: string[]) =>
    spawnSync(process.execPath, [bin, "build", ...args, "--no-fit"], { encoding: "utf8", timeout: 60_000, stdio: "pipe" });

  it("one plain line per finished deck, then the summary; no escapes", () => {
    const dist = join(out, "pipe");
    const r = lectern(fixture("good.md"), fixture("zh-article.md"), "--out", dist, "--no-cache");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain(ESC);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^\\[1/2\\] .*(good|zh-article)\\.md → ${dist}/(good|zh-article)/ \\(\\d+ slides\\)$`));
    expect(lines[1]).toMatch(/^\[2\/2\] /);
    expect(lines[2]).toBe(`lectern: built 2 of 2 decks into ${dist}/ (0 errors, 0 warnings)`);
  }, 60_000);

  it("--json: nothing but the JSON on stdout, nothing on stderr", () => {
    const r = lectern(fixture("good.md"), "--out", join(out, "json"), "--json");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as { ok: boolean }).ok).toBe(true);
  }, 60_000);

  it("--quiet: nothing when all is well; only the errors when not", () => {
    const ok = lectern(fixture("missing-image.md"), "--out", join(out, "quiet"), "--quiet");
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe("");
    const bad = lectern(fixture("bad-math.md"), fixture("missing-image.md"), "--out", join(out, "quiet"), "-q");
    expect(bad.status).toBe(1);
    const lines = bad.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/bad-math\.md:\d+:\d+: error \[math-invalid\]/);
  }, 60_000);
});
