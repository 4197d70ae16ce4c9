/**
 * The fit re-renders the deck with the deck's own context: an image that lives in the project
 * but outside the article's folder must survive a re-plan (it became the missing-image
 * placeholder, silently, when the re-render forgot the project root).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFile } from "../../../src/index.js";
import { fixture, REPO_ROOT, tempDir } from "../../helpers.js";

/**
 * A project with `img/dot.svg`, a theme with larger text than the planner's metrics (so the fit
 * must re-plan) and `ch/a.md`: the image, then many short paragraphs.
 */
function project(): { root: string; article: string } {
  const root = tempDir("lectern-root-");
  mkdirSync(join(root, "img"));
  mkdirSync(join(root, "ch"));
  copyFileSync(fixture("images/dot.svg"), join(root, "img", "dot.svg"));
  writeFileSync(join(root, "big.css"), '@import "default.css";\n:root { --lectern-font-size: 40; }\n');
  const paragraphs = Array.from({ length: 180 }, (_, i) => `Paragraph ${i + 1} of the chapter, short.`).join("\n\n");
  const article = join(root, "ch", "a.md");
  writeFileSync(article, `---\ntheme: ../big.css\n---\n# Chapter\n\n## Picture\n\n![a dot](../img/dot.svg)\n\n## Text\n\n${paragraphs}\n`);
  return { root, article };
}

const deckPage = (out: string) => readFileSync(join(out, "a", "index.html"), "utf8");

describe("an image from elsewhere in the project, after the fit re-plans", () => {
  it("stays the image with --root (library)", async () => {
    const { root, article } = project();
    const out = tempDir("lectern-out-");
    const deck = await buildFile(article, { outDir: out, root });
    expect(deck.fit?.replanned ?? 0).toBeGreaterThan(0);
    const html = deckPage(out);
    expect(html).not.toContain("lectern-missing-image");
    expect(html).toMatch(/<img[^>]+alt="a dot"/);
    expect(deck.diagnostics.filter((d) => d.code === "image-missing" || d.code === "path-outside")).toEqual([]);
    const src = /<img[^>]+src="([^"]+)"[^>]*alt="a dot"|<img[^>]+alt="a dot"[^>]*src="([^"]+)"/.exec(html);
    const path = (src?.[1] ?? src?.[2]) as string;
    expect(existsSync(join(out, "a", decodeURI(path)))).toBe(true);
  }, 120_000);

  it("stays the image with the default root: the project the CLI runs in", () => {
    const { root } = project();
    const out = tempDir("lectern-out-");
    const run = spawnSync(process.execPath, [join(REPO_ROOT, "bin", "lectern.js"), "build", "ch/a.md", "--out", out, "--json"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { decks: { fit?: { replanned: number } }[] };
    expect(report.decks[0]?.fit?.replanned ?? 0).toBeGreaterThan(0);
    const html = deckPage(out);
    expect(html).not.toContain("lectern-missing-image");
    expect(html).toMatch(/<img[^>]+alt="a dot"/);
  }, 120_000);
});
