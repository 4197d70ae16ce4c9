/**
 * What the command line refuses before building (exit 2): a `--base` that is not a path or an
 * http(s) URL, a `--theme` that is not a regular file under the cap. Run as a user runs it:
 * `node bin/lectern.js` in a child process (compiled by `npm test`'s `tsc -p .`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/config/options.js";
import { buildPaths } from "../../src/index.js";
import { fixture, REPO_ROOT, tempDir } from "../helpers.js";

const dir = tempDir("lectern-guard-");

const lectern = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, "bin/lectern.js"), ...args], { encoding: "utf8", cwd: dir, timeout: 60_000 });

/** Every `href` of a page. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? "");

describe("--base", () => {
  it.each([
    "javascript://%0aalert(1)",
    "javascript:alert(1)",
    "JavaScript://example.org/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "https://example.org/ml?x=1",
    "/courses/ml/#top",
    "/courses/ml/\nnext",
    'https://example.org/"onmouseover="alert(1)',
  ])("%j is a usage error (exit 2), nothing written", (base) => {
    const out = join(dir, "bad-base");
    const r = lectern("build", fixture("good.md"), "--no-fit", "-o", out, "--base", base);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("base must be a URL path (/courses/ml/) or an http(s):// URL");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ["/courses/ml/", "/courses/ml/"],
    ["courses/ml", "/courses/ml/"],
    ["https://example.org/ml", "https://example.org/ml/"],
  ])("%s: every link of the index starts with %s", (base, prefix) => {
    const out = join(dir, `base-${prefix.replace(/\W+/g, "-")}`);
    const r = lectern("build", fixture("good.md"), "--no-fit", "-o", out, "--base", base);
    expect(r.status, r.stderr).toBe(0);
    const links = hrefs(readFileSync(join(out, "index.html"), "utf8"));
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(link.startsWith(prefix), link).toBe(true);
    expect(links).toContain(`${prefix}good/index.html`);
  });

  it("the library refuses it too, before building anything", async () => {
    const out = join(dir, "library-base");
    await expect(buildPaths([fixture("good.md")], { outDir: out, fit: false, base: "javascript://%0aalert(1)" })).rejects.toBeInstanceOf(
      UsageError,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe("--theme", () => {
  it("a folder named x.css is a usage error (exit 2), not a crash", () => {
    mkdirSync(join(dir, "x.css"));
    const r = lectern("build", fixture("good.md"), "--no-fit", "-o", join(dir, "folder-theme"), "--theme", "x.css");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("theme x.css: not a regular file");
  });

  it("a 5 MB theme is a usage error (exit 2)", () => {
    writeFileSync(join(dir, "big.css"), `.big { content: "${"x".repeat(5 * 1024 * 1024)}"; }`);
    const r = lectern("build", fixture("good.md"), "--no-fit", "-o", join(dir, "big-theme"), "--theme", "big.css");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("theme big.css: larger than a theme may be");
  });

  it("a regular file outside the root is the user's own choice: it is used", () => {
    const elsewhere = tempDir("lectern-guard-theme-");
    writeFileSync(join(elsewhere, "mine.css"), '@import "default.css";\n.users-own-theme {}\n');
    const out = join(dir, "own-theme");
    const r = lectern("build", fixture("good.md"), "--no-fit", "-o", out, "--theme", join(elsewhere, "mine.css"), "--root", dir);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, "good/assets/theme.css"), "utf8")).toContain(".users-own-theme {}");
  });
});
