/**
 * A theme named in an article's front matter is read only from the project root (or Lectern's
 * own themes), only as a regular file under the size cap: anything else is reported at the
 * `theme:` line and the deck is built with the default theme, with nothing from outside in dist/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPaths } from "../../src/index.js";
import { MAX_THEME_BYTES } from "../../src/output/folder/theme.js";
import { tempDir } from "../helpers.js";

const MARKER = "SECRET-MARKER-91c2";

/** Every file under `dir`, read as text, joined. */
function everything(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), "latin1"))
    .join("\n");
}

/** A project with one article whose front matter names `theme`, and a secret beside the project. */
function setup(theme: string, files: (root: string, secret: string) => void = () => undefined) {
  const dir = tempDir("lectern-theme-build-");
  const root = join(dir, "project");
  mkdirSync(root);
  const secret = join(dir, "secret.css");
  writeFileSync(secret, `.secret { content: "${MARKER}"; }\n`);
  files(root, secret);
  const article = join(root, "talk.md");
  writeFileSync(article, `---\ntitle: Talk\ntheme: ${theme.replace("SECRET", secret)}\n---\n\n# One\n\nText.\n`);
  return { root, article, out: join(dir, "dist") };
}

const CASES: { name: string; theme: string; code: string; files?: (root: string, secret: string) => void }[] = [
  { name: "an absolute path outside the root", theme: "SECRET", code: "path-outside" },
  {
    name: "a symlink to a file outside the root",
    theme: "style.css",
    code: "path-outside",
    files: (r, s) => symlinkSync(s, join(r, "style.css")),
  },
  { name: "a folder named x.css", theme: "x.css", code: "theme-invalid", files: (r) => mkdirSync(join(r, "x.css")) },
  { name: "a FIFO named x.css", theme: "x.css", code: "theme-invalid", files: (r) => execFileSync("mkfifo", [join(r, "x.css")]) },
  {
    name: "a 5 MB theme",
    theme: "big.css",
    code: "theme-invalid",
    files: (r) => writeFileSync(join(r, "big.css"), `.big { content: "${"x".repeat(5 * 1024 * 1024)}"; }`),
  },
];

const IMPORTS: { name: string; target: string; code: string; root?: "/" }[] = [
  { name: "/etc/passwd", target: "/etc/passwd", code: "path-outside" },
  { name: "a file beside the project", target: "../secret.css", code: "path-outside" },
  { name: "/dev/zero", target: "/dev/zero", code: "path-outside" },
  { name: "/dev/zero with --root /", target: "/dev/zero", code: "theme-invalid", root: "/" },
  { name: "/dev/stdin", target: "/dev/stdin", code: "path-outside" },
  { name: "/dev/stdin with --root /", target: "/dev/stdin", code: "theme-invalid", root: "/" },
];

describe("a front-matter theme the project may not use", () => {
  it.each(CASES)("$name: warning $code at the theme line, the default theme, nothing from outside", async (c) => {
    const { root, article, out } = setup(c.theme, c.files);
    const run = await buildPaths([article], { outDir: out, root, fit: false, standalone: true });
    expect(run.ok).toBe(true);
    expect(run.decks[0]?.written).toBe(true);
    expect(run.diagnostics).toMatchObject([{ severity: "warning", code: c.code, file: article, line: 3 }]);
    expect(readFileSync(join(out, "talk/assets/theme.css"), "utf8")).toContain("Lectern theme: default");
    expect(readFileSync(join(out, "talk/talk.html"), "utf8")).toContain("Lectern theme: default");
    const all = everything(out);
    expect(all.includes(MARKER)).toBe(false);
    expect(all.includes("x".repeat(1000))).toBe(false);
  });

  it("with --strict, the refusal fails the build (exit 1), and still writes nothing from outside", async () => {
    const { root, article, out } = setup("SECRET");
    const run = await buildPaths([article], { outDir: out, root, fit: false, strict: true });
    expect(run.ok).toBe(false);
    expect(everything(out).includes(MARKER)).toBe(false);
  });
});

describe("an @import the project may not use", () => {
  it.each(IMPORTS)("$name: a comment in the CSS and a warning $code; the theme's own rules stay", async (c) => {
    const { root, article, out } = setup("mine.css", (r) => {
      writeFileSync(join(r, "mine.css"), `@import "default.css";\n@import "${c.target}";\n.mine-rule { color: red; }\n`);
    });
    const run = await buildPaths([article], { outDir: out, root: c.root ?? root, fit: false, standalone: true });
    expect(run.ok).toBe(true);
    expect(run.diagnostics).toMatchObject([{ severity: "warning", code: c.code, file: article, line: 3 }]);
    expect(run.diagnostics[0]?.message).toContain(c.target);
    const css = readFileSync(join(out, "talk/assets/theme.css"), "utf8");
    expect(css).toContain(".mine-rule { color: red; }");
    expect(css).toContain("Lectern theme: default");
    expect(css).toContain(`/* import of ${c.target} dropped: `);
    expect(css.length).toBeLessThan(MAX_THEME_BYTES);
    const all = everything(out);
    expect(all.includes(MARKER)).toBe(false);
    expect(all.includes("root:x:0:0")).toBe(false);
  });

  it("a theme inside the project importing a file inside it is inlined without a word", async () => {
    const { root, article, out } = setup("themes/mine.css", (r) => {
      mkdirSync(join(r, "themes"));
      writeFileSync(join(r, "themes/base.css"), ".base-rule {}\n");
      writeFileSync(join(r, "themes/mine.css"), '@import "base.css";\n@import "dark.css";\n.mine-rule {}\n');
    });
    const run = await buildPaths([article], { outDir: out, root, fit: false });
    expect(run.diagnostics).toEqual([]);
    const css = readFileSync(join(out, "talk/assets/theme.css"), "utf8");
    expect(css).toContain(".base-rule {}");
    expect(css).toContain("Lectern theme: dark");
  });
});
