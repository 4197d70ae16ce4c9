import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { buildFile } from "../../src/index.js";
import { MAX_FORMULA_TOKENS } from "../../src/render/math.js";
import { sanitizeHtml } from "../../src/render/sanitize.js";
import { count, tempDir } from "../helpers.js";

/** The slides alone, without Lectern's own scripts after them. */
const slidesOnly = (html: string) =>
  html.slice(html.indexOf('<div class="slides">'), html.indexOf('<script src="assets/reveal/reveal.js"'));

const codes = (r: { diagnostics: { code: string }[] }, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("raw HTML is filtered by default", () => {
  const attacks = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    "<scr<script>ipt>alert(1)</script>",
    "<svg onload=alert(1)></svg>",
    '<iframe src="https://example.com"></iframe>',
    '<div style="position:fixed;inset:0;background:url(https://x/y.png)">cover</div>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<p onclick="alert(1)">p</p>',
    "<object data=x></object><embed src=x>",
  ];

  it.each(attacks)("removes what can run or escape: %s", (attack) => {
    const r = buildDeck(`# T\n\n${attack}\n\nText.\n\n<span>inline ${attack} here</span>\n`, { file: "t.md" });
    const slides = slidesOnly(r.html);
    expect(slides.length).toBeGreaterThan(100);
    expect(slides).not.toMatch(/<script/i);
    expect(slides).not.toMatch(/<[^>]+\son\w+\s*=/i);
    expect(slides).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|data:text)/i);
    expect(slides).not.toMatch(/<(iframe|object|embed|svg)\b/i);
    expect(slides).not.toContain("position:fixed");
    expect(codes(r, "html-removed").length).toBeGreaterThan(0);
    expect(codes(r, "html-removed")[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("keeps layout HTML, classes, images and safe styles", () => {
    const { html, removed } = sanitizeHtml(
      '<div class="columns" style="color: red"><img src="a.png" alt="A" width="40"><br><sup>2</sup></div>',
    );
    expect(html).toBe('<div class="columns" style="color: red"><img src="a.png" alt="A" width="40"><br><sup>2</sup></div>');
    expect(removed).toEqual([]);
  });

  it("trusts raw HTML with allowHtml", () => {
    const r = buildDeck('# T\n\n<div onclick="go()">x</div>\n', { file: "t.md", allowHtml: true });
    expect(r.html).toContain('onclick="go()"');
    expect(codes(r, "html-removed")).toEqual([]);
  });
});

describe("KaTeX limits", () => {
  it("stops a macro bomb fast, with a diagnostic", () => {
    const t0 = performance.now();
    const r = buildDeck(
      "# T\n\n$\\def\\x{\\x\\x}\\x$ and $\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{\\e\\e}\\def\\e{\\f\\f}\\def\\f{\\g\\g}\\def\\g{\\h\\h}\\def\\h{\\i\\i}\\def\\i{\\j\\j}\\def\\j{\\k\\k}\\def\\k{x}\\a$\n",
      { file: "t.md" },
    );
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(codes(r, "math-invalid").length).toBe(2);
  });

  // Each took minutes on KaTeX's own limits (`maxExpand` counts 501 expansions for the first).
  const x5000 = "x".repeat(5000);
  const b500 = "\\b".repeat(500);
  const defs = `\\def\\b{${x5000}}\\def\\a{${b500}}\\a`;
  const commands = `\\newcommand{\\b}{${x5000}}\\newcommand{\\a}{${b500}}\\a`;
  const pasted = `\\def\\c#1{#1#1#1#1#1#1#1#1#1#1}\\c{\\c{\\c{\\c{${"y".repeat(500)}}}}}`;
  const frontMatter = `---\nkatex:\n  macros:\n    "\\\\b": "${x5000}"\n    "\\\\a": "${b500.replaceAll("\\", "\\\\")}"\n---\n\n# Other`;
  /** name, the article's math, the line of the refused formula, its TeX (shown instead). */
  const blowUps: [string, string, number, string][] = [
    ["\\def in the formula (the reported 6.5 KB article)", `$${defs}$`, 5, defs],
    ["\\newcommand in display math", `$$\n${commands}\n$$`, 5, commands],
    ["\\gdef in one formula, used in the next", `$\\gdef\\b{${x5000}}\\gdef\\a{${b500}}$ then $\\a$`, 5, "\\a"],
    ["macro arguments pasted ten times, four deep", `$${pasted}$`, 5, pasted],
    ["macros from front matter (katex: {macros})", `${frontMatter}\n\n$\\a$`, 10, "\\a"],
  ];

  it.each(blowUps)(
    "refuses a formula that expands past its budget: %s",
    (_, math, line, tex) => {
      const text = math.startsWith("---") ? `${math}\n\nAfter $y^2$.\n` : `# T\n\nBefore.\n\n${math}\n\nAfter $y^2$.\n`;
      const r = buildDeck(text, { file: "t.md" });
      expect(codes(r, "math-too-large")).toMatchObject([{ severity: "error", line }]);
      expect(codes(r, "math-too-large")[0]?.message).toContain(`${MAX_FORMULA_TOKENS} TeX tokens`);
      const slides = slidesOnly(r.html);
      expect(count(slides, 'class="lectern-math-error" title="formula too large')).toBe(1);
      expect(slides).toContain(`>${tex}</`); // shown as its TeX
      expect(slides).toContain('<annotation encoding="application/x-tex">y^2</annotation>'); // the next formula renders
    },
    30_000,
  );

  it("still renders a large honest formula (a 30 × 30 matrix)", () => {
    const rows = Array.from({ length: 30 }, () => Array(30).fill("a_{ij}").join(" & ")).join(" \\\\ ");
    const r = buildDeck(`# T\n\n$$\n\\begin{pmatrix} ${rows} \\end{pmatrix}\n$$\n`, { file: "t.md" });
    expect(r.diagnostics.filter((d) => d.code.startsWith("math"))).toEqual([]);
    expect(slidesOnly(r.html)).toContain("katex-display");
  });

  it("does not trust \\href or \\url", () => {
    const r = buildDeck("# T\n\n$\\href{javascript:alert(1)}{x}$\n", { file: "t.md" });
    expect(slidesOnly(r.html)).not.toMatch(/href\s*=\s*"?javascript/i); // shown as red text, never a link
  });
});

describe("local files stay inside the project", () => {
  it("refuses images outside the root, even through a symlink, and never copies them", async () => {
    const project = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, "secret.png"), "not for the deck");
    mkdirSync(join(project, "img"));
    writeFileSync(join(project, "img", "ok.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    symlinkSync(join(outside, "secret.png"), join(project, "img", "link.png"));
    writeFileSync(
      join(project, "talk.md"),
      `# T\n\n![a](../../../../../../etc/passwd)\n\n![b](${join(outside, "secret.png")})\n\n![c](img/link.png)\n\n![d](img/ok.svg)\n`,
    );
    const out = tempDir();
    const deck = await buildFile(join(project, "talk.md"), { outDir: out, fit: false, root: project });
    expect(codes(deck, "path-outside").length).toBe(3);
    expect([...deck.result.media.keys()]).toEqual(["media/ok.svg"]);
    expect(deck.result.html).not.toContain('passwd"');
  });
});

describe("TeX that prints", () => {
  it("writes nothing to the process's output", () => {
    const writes: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const log = console.log;
    process.stdout.write = ((s: string) => writes.push(String(s)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => writes.push(String(s)) > 0) as typeof process.stderr.write;
    console.log = (...a: unknown[]) => void writes.push(a.join(" "));
    try {
      buildDeck("# T\n\n$x\\message{LEAK1}y$ and $\\errmessage{LEAK2}$ and $\\show x$.\n", { file: "t.md" });
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      console.log = log;
    }
    expect(writes.join("")).not.toMatch(/LEAK|\\show/);
  });
});

describe("a block taller than any slide", () => {
  it("is reported when no browser measures it", () => {
    const r = buildDeck(`# T\n\n${"word".repeat(12500)}.\n`, { file: "t.md" });
    expect(codes(r, "overflow-likely")).toHaveLength(1);
    expect(codes(buildDeck("# T\n\nShort.\n", { file: "t.md" }), "overflow-likely")).toEqual([]);
  });
});
