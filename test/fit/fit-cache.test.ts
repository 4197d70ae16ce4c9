/**
 * The fit's measurement cache, in Chromium: a rebuild lays out only the slides whose content
 * changed and reuses the measure of the others (`fit.inBrowser` / `fit.reused`, and the
 * `--timings` line); a changed theme or slide size measures every slide again, `--no-cache`
 * measures everything, and the deck built with the cache is the deck built without it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFile, type DeckOutput, type RunOptions } from "../../src/index.js";
import { CORPUS, REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const SAMPLE = join(REPO_ROOT, "slides", "lectern-sample.md");
const HARDWARE = join(CORPUS, "zh", "d2l-zh-hardware.md");

const FENCE = "```";

/** Twelve sections of paragraphs, a list, a formula and code; `edit` is added to section 6's second paragraph. */
function article(edit = ""): string {
  const sections = Array.from({ length: 12 }, (_, i) => {
    const n = i + 1;
    const para = (k: number) =>
      `Paragraph ${k} of section ${n} says what the section is about, in a sentence long enough to wrap on the slide once or twice.`;
    return [
      `## Section ${n}`,
      para(1),
      `${para(2)}${n === 6 ? edit : ""}`,
      `- first point of ${n}\n- second point of ${n}\n- third point of ${n}`,
      `$$\\sum_{k=1}^{${n}} k^2 = \\frac{${n}(${n}+1)(2\\cdot ${n}+1)}{6}$$`,
      `${FENCE}python\ndef f${n}(x):\n    return x * ${n}\n${FENCE}`,
      para(3),
    ].join("\n\n");
  });
  return `# Measurement cache\n\n${sections.join("\n\n")}\n`;
}

const EDIT = " This sentence was added after the first build, and only this slide should be laid out again.";
const html = (deck: DeckOutput) => readFileSync(join(deck.dir, "index.html"), "utf8");
const fitOf = (deck: DeckOutput) => {
  if (!deck.fit) throw new Error(`${deck.name} was not fitted`);
  return deck.fit;
};

/** An article of its own in a folder of its own, built once with the cache (cold). */
async function firstBuild(text = article(), options: RunOptions = {}, files: Record<string, string> = {}) {
  const dir = tempDir("lectern-fitcache-");
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const file = join(dir, "talk.md");
  writeFileSync(file, text);
  const out = join(dir, "out");
  const first = await buildFile(file, { outDir: out, cache: true, ...options });
  return { dir, file, out, first };
}

describe.skipIf(!HAS_BROWSER)("the measurement cache", () => {
  it("after a one-paragraph edit, lays out only the changed slide and reuses the rest; the deck is the one built without the cache", async () => {
    const { dir, file, out, first } = await firstBuild();
    expect(fitOf(first).reused).toBe(0);
    expect(fitOf(first).inBrowser).toBeGreaterThanOrEqual(fitOf(first).measured);
    writeFileSync(file, article(EDIT));
    const again = await buildFile(file, { outDir: out, cache: true });
    const fit = fitOf(again);
    expect(fit.inBrowser).toBeGreaterThanOrEqual(1);
    expect(fit.inBrowser).toBeLessThanOrEqual(2);
    expect(fit.reused).toBeGreaterThanOrEqual(fit.measured - fit.inBrowser);
    expect(html(again)).toContain("only this slide should be laid out again");
    // the same article, measured cold
    const cold = await buildFile(file, { outDir: join(dir, "cold"), cache: false });
    expect(fitOf(cold).reused).toBe(0);
    expect(fitOf(cold).inBrowser).toBeGreaterThanOrEqual(fitOf(cold).measured);
    expect(again.slides).toBe(cold.slides);
    expect(html(again)).toBe(html(cold));
  }, 120_000);

  it("--no-cache lays out every slide (and says so with --timings); with the cache, the CLI reuses", async () => {
    const { file, out, first } = await firstBuild();
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(REPO_ROOT, "bin", "lectern.js"), "build", file, "--out", out, "--timings", ...args], {
        encoding: "utf8",
        timeout: 120_000,
      });
    writeFileSync(file, article(EDIT));
    const cold = cli("--no-cache");
    expect(cold.status).toBe(0);
    const all = fitOf(first).measured;
    const coldLine = /fit talk: (\d+) slides? laid out in the browser, (\d+) reused/.exec(cold.stderr);
    expect(coldLine?.[2]).toBe("0");
    expect(Number(coldLine?.[1])).toBeGreaterThanOrEqual(all);
    writeFileSync(file, article(`${EDIT} Twice.`));
    const warm = cli();
    expect(warm.status).toBe(0);
    const warmLine = /fit talk: (\d+) slides? laid out in the browser, (\d+) reused/.exec(warm.stderr);
    expect(Number(warmLine?.[1])).toBeLessThanOrEqual(2);
    expect(Number(warmLine?.[2])).toBeGreaterThanOrEqual(all - 2);
  }, 120_000);

  it("a changed theme measures every slide again", async () => {
    const theme = (text: string) => `---\ntheme: ./look.css\n---\n${text}`;
    const { dir, file, out, first } = await firstBuild(theme(article()), {}, { "look.css": '@import "default.css";\n' });
    expect(first.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    // the same edit as above (which reuses every other slide), with another look
    writeFileSync(file, theme(article(EDIT)));
    writeFileSync(join(dir, "look.css"), '@import "default.css";\n.reveal .lectern-body p { letter-spacing: 0.02em; }\n');
    const after = await buildFile(file, { outDir: out, cache: true });
    expect(fitOf(after).reused).toBe(0);
    expect(fitOf(after).inBrowser).toBeGreaterThanOrEqual(fitOf(after).measured);
  }, 120_000);

  it("a changed slide size measures every slide again", async () => {
    const { file, out } = await firstBuild();
    const after = await buildFile(file, { outDir: out, cache: true, metrics: { width: 1024, height: 768 } });
    expect(fitOf(after).reused).toBe(0);
    expect(fitOf(after).inBrowser).toBeGreaterThanOrEqual(fitOf(after).measured);
  }, 120_000);

  it("when every slide is known the browser lays none out, and the PDF still prints every slide", async () => {
    const { file, out, first } = await firstBuild();
    writeFileSync(file, `${article()}\n\n`); // another file, the same slides
    const again = await buildFile(file, { outDir: out, cache: true, pdf: true });
    expect(fitOf(again).inBrowser).toBe(0);
    expect(fitOf(again).reused).toBe(fitOf(first).measured);
    expect(again.pdf?.pages).toBe(again.slides);
    const text = spawnSync("pdftotext", ["-layout", again.pdf?.path as string, "-"], { encoding: "utf8" }).stdout;
    expect(text).toContain("Section 12");
    expect(text).toContain("Paragraph 3 of section 12");
  }, 120_000);
});

/** `file` with a sentence added to a plain paragraph line near its middle. */
function edited(file: string): string {
  const lines = readFileSync(file, "utf8").split("\n");
  const plain = (l: string) => /^[A-Za-z\u4e00-\u9fff]/.test(l) && l.length > 40 && !/[$`|<\\]/.test(l);
  const at = lines.findIndex((l, i) => i > lines.length / 2 && plain(l));
  if (at < 0) throw new Error(`no plain paragraph in ${file}`);
  lines[at] = `${lines[at]} ${/[\u4e00-\u9fff]/.test(lines[at] as string) ? "这是后来加上的一句话。" : "A sentence added later."}`;
  return lines.join("\n");
}

describe.skipIf(!HAS_BROWSER)("the same deck with the cache as without", () => {
  for (const [name, source, options] of [
    ["the sample", SAMPLE, { prose: "lead" }],
    ["a corpus chapter", HARDWARE, {}],
  ] as const) {
    it.skipIf(!existsSync(source))(
      `${name}: edited after a cached build, it fits to the same slides and HTML as a cold build`,
      async () => {
        const { dir, file, out, first } = await firstBuild(readFileSync(source, "utf8"), options);
        expect(first.written).toBe(true);
        writeFileSync(file, edited(source));
        const warm = await buildFile(file, { outDir: out, cache: true, ...options });
        const cold = await buildFile(file, { outDir: join(dir, "cold"), cache: false, ...options });
        expect(fitOf(warm).reused).toBeGreaterThan(0);
        expect(fitOf(warm).inBrowser).toBeLessThan(fitOf(cold).inBrowser);
        expect(warm.slides).toBe(cold.slides);
        expect(html(warm)).toBe(html(cold));
      },
      180_000,
    );
  }
});
