/**
 * Property-based fuzzing of `buildDeck` (fast-check): whatever the input — random Markdown,
 * damaged real articles, random bytes, broken UTF-8 — a build never throws, stays fast, reports
 * well-formed diagnostics, gives a well-formed page when usable, and lets no article script,
 * event handler or `javascript:` URL into the deck.
 *
 * bench/fuzz.mjs runs the same generators and properties over 100,000+ cases against lib/;
 * keep the two in step.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../src/build.js";
import type { BuildResult } from "../src/types.js";
import { CORPUS, REPO_ROOT, SEED } from "./helpers.js";

const FILE = "fuzz.md";
/** Per-build bound (ms). */
const BOUND = 2000;

// ---------------------------------------------------------------- generators

/** Raw HTML an article may carry, hostile or not. */
const HTML = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
  "<script>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  '<div onclick="alert(1)">x</div>',
  '<a href="javascript:alert(1)">x</a>',
  "<a href=' JaVaScRiPt:alert(1)'>x</a>",
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  "<div>",
  "</div>",
  '<div class="columns">',
  "<section>",
  "</section>",
  "<details><summary>more</summary>",
  "</details>",
  "<!-- comment",
  "-->",
  "<!-- a note -->",
  "<br>",
  "<br/>",
  "<div />",
  "<style>.reveal{display:none}</style>",
  "<b>",
  "</b>",
  '<span class="x">',
  "</span>",
  "<p>",
  "</html>",
];

/** Markdown links and images, some hostile (markdown-it must refuse those itself). */
const LINKS = [
  "[x](javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "![a](javascript:alert(1))",
  "<javascript:alert(1)>",
  "[r]: javascript:alert(1)",
  "[r]",
  '![a onerror=alert(1)](pic.png "t onload=alert(1)")',
  "[x](https://example.com/a_(b))",
  "https://example.com/path?q=1",
  "![img](images/pic.png)",
  "![remote](https://example.com/a.png)",
  "[^1]",
  "[^1]: a footnote",
];

/** Inline pieces: prose in several scripts, math, emphasis, punctuation, damage. */
const TEXT = [
  "Deep learning",
  "uses layered models.",
  "深度学习是机器学习的一个分支。",
  "梯度下降，",
  "日本語のテキスト",
  "한국어 문장",
  "Ünïcödé",
  "🙂",
  "\uFFFD",
  "\uD800",
  "\u200B",
  "**bold**",
  "**",
  "*em*",
  "_",
  "`code`",
  "`",
  "\\",
  "|",
  "$",
  "$$",
  "\\(",
  "\\)",
  "\\[",
  "\\]",
  "$x^2$",
  "$x_i$,",
  "$$\\frac{a}{b}$$",
  "\\(a+b\\)",
  "\\[E=mc^2\\]",
  "$\\oops$",
  "$\\def\\x{\\x\\x}\\x$",
  "$\\R$",
  "${",
  "{",
  "}",
  "&amp;",
  "&",
  "<",
  ">",
  "Note:",
  "???",
  ":::",
  "\t",
  ".",
  "。",
  "!",
  "1.",
  "- ",
];

const PREFIX = [
  "",
  "",
  "",
  "# ",
  "## ",
  "### ",
  "###### ",
  "####### ",
  "- ",
  "* ",
  "+ ",
  "1. ",
  "  - ",
  "    - ",
  "> ",
  ">> ",
  "    ",
  "\t",
  "| ",
  "Note: ",
];

/** Front matter lines, valid or not (the last two: an alias bomb). */
const YAML = [
  "title: A talk",
  "title: [unclosed",
  "marp: true",
  "lang: zh",
  "prose: lead",
  "prose: 7",
  "fragments: true",
  "theme: dark",
  "theme: no-such-theme",
  "macros:",
  "  \\R: \\mathbb{R}",
  "  \\x: \\x\\x",
  "macros: 3",
  "a: &a [x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]",
];

/** Whole lines: structure, front matter, separators, fences, math fences, notes. */
const LINES = [
  "",
  "",
  "",
  "---",
  "----",
  "***",
  "___",
  "```",
  "```js",
  "```python",
  "```math",
  "```unknown-lang",
  "~~~",
  "````",
  "$$",
  "\\[",
  "\\]",
  "| a | b |",
  "|---|---|",
  "| --- | :-: |",
  "|",
  "||",
  ...YAML,
  "<!-- notes -->",
  "::: notes",
  ":::",
  "Note:",
  "???",
  "===",
  "-",
  "1.",
  ...HTML,
];

/** Very long tokens: one character repeated, or a long random string. */
const longToken = fc.oneof(
  fc
    .tuple(fc.constantFrom("x", "字", "$", "*", "[", "<", "|", "`", "{", " ", "-", "a "), fc.integer({ min: 300, max: 6000 }))
    .map(([c, n]) => c.repeat(n)),
  fc.string({ minLength: 200, maxLength: 2000 }),
);

const fragment = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...TEXT) },
  { weight: 3, arbitrary: fc.constantFrom(...HTML, ...LINKS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: longToken },
);

const cell = fc.oneof(
  fc.constantFrom("a", "1", "深度", "$x$", "`|`", "\\|", "<b>b</b>", "<img src=x onerror=alert(1)>", ""),
  fc.string({ maxLength: 6 }),
);

/** Multi-line constructs: tables, code and math fences (closed or not), front matter, nested lists. */
const block = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), fc.boolean())
    .map(([cols, rows, pipes]) => {
      const row = (cells: string[]) => (pipes ? `| ${cells.join(" | ")} |` : cells.join(" | "));
      const head = Array.from({ length: cols }, (_, i) => `h${i}`);
      return [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
    }),
  fc
    .tuple(
      fc.constantFrom("```", "~~~", "````"),
      fc.constantFrom("", "js", "python", "math", "text", "nope"),
      fc.array(fragment, { maxLength: 8 }),
      fc.boolean(),
    )
    .map(([fence, lang, body, closed]) => `${fence}${lang}\n${body.join("\n")}${closed ? `\n${fence}` : ""}`),
  fc
    .tuple(fc.constantFrom(["$$", "$$"], ["\\[", "\\]"]), fc.array(fc.constantFrom(...TEXT), { maxLength: 5 }), fc.boolean())
    .map(([[open, close], body, closed]) => `${open}\n${body.join(" ")}${closed ? `\n${close}` : ""}`),
  fc
    .tuple(fc.array(fc.constantFrom(...YAML), { maxLength: 6 }), fc.boolean())
    .map(([yaml, closed]) => `---\n${yaml.join("\n")}${closed ? "\n---" : ""}`),
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom("- ", "1. ", "> ", "* [ ] "), fc.constantFrom(...TEXT)), {
      maxLength: 15,
    })
    .map((items) => items.map(([depth, marker, text]) => `${"  ".repeat(depth)}${marker}${text}`).join("\n")),
);

const line = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LINES) },
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...PREFIX), fc.array(fragment, { minLength: 1, maxLength: 6 }), fc.constantFrom(" ", ""))
      .map(([prefix, parts, sep]) => prefix + parts.join(sep)),
  },
  { weight: 2, arbitrary: block },
);

/** (a) Random Markdown-ish articles, with any line ending. */
const markdown = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom("\n", "\n", "\r\n", "\r"))
  .map(([lines, eol]) => lines.join("\n").replace(/\n/g, eol));

/** (b) Real articles: the shared corpus and the seed deck. */
const CORPUS_FILES = [
  ...readdirSync(CORPUS, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(CORPUS, f)),
  SEED,
].map((path) => ({ name: relative(join(REPO_ROOT, ".."), path), bytes: new Uint8Array(readFileSync(path)) }));

const utf8 = new TextEncoder();
const snippet = fc.oneof(
  fc.uint8Array({ maxLength: 16 }),
  fc.constantFrom(...HTML, ...LINKS, ...TEXT, ...LINES, "\n\n---\n\n", "\n```\n", "\n$$\n").map((s) => utf8.encode(s)),
);

type Mutation = { kind: "insert" | "delete" | "duplicate" | "swap" | "flip"; at: number; size: number; to: number; bytes: Uint8Array };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("insert", "delete", "duplicate", "swap", "flip"),
  at: fc.nat(),
  size: fc.nat({ max: 2048 }),
  to: fc.nat(),
  bytes: snippet,
});

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  const at = m.at % (n + 1);
  const end = Math.min(n, at + m.size);
  switch (m.kind) {
    case "insert":
      return concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    case "delete":
      return concat(bytes.subarray(0, at), bytes.subarray(end));
    case "duplicate": {
      const to = m.to % (n + 1);
      return concat(bytes.subarray(0, to), bytes.slice(at, end), bytes.subarray(to));
    }
    case "swap": {
      // two slices of the same size, [at, end) and [to, to + size), when they do not overlap
      const size = end - at;
      const to = m.to % (n + 1);
      const [a, b] = at < to ? [at, to] : [to, at];
      if (a + size > b || b + size > n) return bytes;
      return concat(
        bytes.subarray(0, a),
        bytes.subarray(b, b + size),
        bytes.subarray(a + size, b),
        bytes.subarray(a, a + size),
        bytes.subarray(b + size),
      );
    }
    case "flip": {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[at % n] = (out[at % n] as number) ^ ((m.size % 255) + 1);
      return out;
    }
  }
}

const asText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** (b) Mutated real articles, as bytes or as (decoded) text. */
const mutated = fc
  .tuple(fc.constantFrom(...CORPUS_FILES), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([file, ms, bytes]) => {
    const out = ms.reduce(mutate, file.bytes);
    return bytes ? out : asText(out);
  });

/** (c) Random bytes: anything, and bytes that avoid the C0 controls (to get past binary detection). */
const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0xff }), fc.constant(0x0a)), { maxLength: 4096 }).map((a) => Uint8Array.from(a)),
);

/** Invalid or awkward UTF-8 sequences: lone continuations, overlongs, surrogates, > U+10FFFF, truncated, BOMs. */
const BAD_UTF8 = [
  [0x80],
  [0xbf],
  [0xc0, 0x80],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5],
  [0xff],
  [0xfe],
  [0xe4, 0xb8],
  [0xf0, 0x9f, 0x98],
  [0xc3],
  [0xef, 0xbb, 0xbf],
].map((b) => Uint8Array.from(b));

/** (c) Markdown with invalid UTF-8 spliced in, maybe a BOM first, maybe cut mid-character. */
const brokenUtf8 = fc
  .tuple(
    markdown,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD_UTF8)), { minLength: 1, maxLength: 8 }),
    fc.boolean(),
    fc.option(fc.nat()),
  )
  .map(([text, bad, bom, cut]) => {
    let bytes = utf8.encode(text);
    for (const [at, seq] of bad) {
      const i = at % (bytes.length + 1);
      bytes = concat(bytes.subarray(0, i), seq, bytes.subarray(i));
    }
    if (bom) bytes = concat(BAD_UTF8[BAD_UTF8.length - 1] as Uint8Array, bytes);
    return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

// ---------------------------------------------------------------- properties

type Input = string | Uint8Array;
interface Built {
  result?: BuildResult;
  error?: unknown;
  ms: number;
}

function build(input: Input): Built {
  const start = performance.now();
  try {
    const result = buildDeck(input, { file: FILE });
    return { result, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

const SEVERITIES = new Set(["error", "warning", "info"]);

/** No throw, in time, well-formed diagnostics, a well-formed page when usable (or an error saying why not). */
function coreProblems({ result, error, ms }: Built): string[] {
  if (!result) return [`throws: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  const problems: string[] = [];
  if (ms >= BOUND) problems.push(`slow: ${ms.toFixed(0)} ms`);
  for (const d of result.diagnostics) {
    const ok =
      SEVERITIES.has(d.severity) &&
      typeof d.code === "string" &&
      d.code !== "" &&
      typeof d.message === "string" &&
      d.message !== "" &&
      d.file === FILE &&
      Number.isInteger(d.line) &&
      d.line >= 1 &&
      Number.isInteger(d.column) &&
      d.column >= 1;
    if (!ok) problems.push(`bad diagnostic: ${JSON.stringify(d)}`);
  }
  if (result.usable) {
    const html = result.html;
    if (!html.trimEnd().endsWith("</html>")) problems.push("page does not end with </html>");
    let depth = 0;
    let negative = false;
    for (const m of html.matchAll(/<section\b|<\/section\s*>/gi)) {
      depth += m[0][1] === "/" ? -1 : 1;
      if (depth < 0) negative = true;
    }
    if (depth !== 0 || negative) problems.push(`unbalanced <section>: ${depth} left open${negative ? ", closed before opened" : ""}`);
  } else {
    if (result.html !== "") problems.push("unusable build with HTML");
    if (!result.diagnostics.some((d) => d.severity === "error")) problems.push("unusable build without an error saying why");
  }
  return problems;
}

const REVEAL_JS = '<script src="assets/reveal/reveal.js"';
const countScripts = (html: string) => (html.match(/<script\b/gi) ?? []).length;

/** The slides part of the page: from `<div class="slides">` to Lectern's own scripts. */
function slidesPart(html: string): string {
  const start = html.indexOf('<div class="slides">');
  const end = html.lastIndexOf(REVEAL_JS);
  return html.slice(Math.max(0, start), end < 0 ? html.length : end);
}

/** Tags of an HTML text with their attributes, read roughly as a browser does (quotes respected, `/` separates). */
function* tags(html: string): Generator<{ name: string; attrs: { name: string; value: string }[] }> {
  const open = /<([a-zA-Z][^\s/>]*)/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const attrs: { name: string; value: string }[] = [];
    let i = m.index + m[0].length;
    const space = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
    while (i < html.length && html[i] !== ">") {
      if (space(html[i]) || html[i] === "/") {
        i++;
        continue;
      }
      let name = html[i] as string; // a name may start with `=`
      i++;
      while (i < html.length && !space(html[i]) && !"/>=".includes(html[i] as string)) name += html[i++];
      while (space(html[i])) i++;
      let value = "";
      if (html[i] === "=") {
        i++;
        while (space(html[i])) i++;
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, i + 1);
          const stop = close < 0 ? html.length : close;
          value = html.slice(i + 1, stop);
          i = stop + 1;
        } else {
          while (i < html.length && !space(html[i]) && html[i] !== ">") value += html[i++];
        }
      }
      attrs.push({ name: name.toLowerCase(), value });
    }
    open.lastIndex = Math.max(open.lastIndex, i);
    yield { name: (m[1] as string).toLowerCase(), attrs };
  }
}

/** An attribute value as a browser reads a URL: entities decoded, tabs/newlines/controls dropped, lower case. */
function urlOf(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(0x10ffff, Number.parseInt(h, 16))))
    .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Math.min(0x10ffff, Number(d))))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;|&newline;/gi, "")
    .replace(/[\u0000-\u0020]/g, "")
    .toLowerCase();
}

const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"]);

const BASELINE_SCRIPTS = countScripts(buildDeck("# A\n\nb\n", { file: FILE }).html);

const SAFETY = {
  script: (html: string) => {
    const n = countScripts(html);
    return n === BASELINE_SCRIPTS ? [] : [`${n - BASELINE_SCRIPTS} <script> beyond Lectern's own ${BASELINE_SCRIPTS}`];
  },
  handler: (html: string) =>
    [...tags(slidesPart(html))].flatMap((t) =>
      t.attrs.filter((a) => a.name.startsWith("on")).map((a) => `<${t.name} ${a.name}=…> in the slides`),
    ),
  url: (html: string) =>
    [...tags(html)].flatMap((t) =>
      t.attrs
        .filter((a) => URL_ATTRS.has(a.name) && /^(javascript|vbscript):/.test(urlOf(a.value)))
        .map((a) => `<${t.name} ${a.name}="${a.value}">`),
    ),
};
type SafetyKind = keyof typeof SAFETY;

function assertCore(input: Input): void {
  const problems = coreProblems(build(input));
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

const RUNS = { markdown: 120, mutated: 60, bytes: 40, utf8: 40, safety: 60 };

describe("fuzz: buildDeck never throws, stays fast, and gives well-formed output", () => {
  it("knows its baseline: Lectern's own three scripts", () => {
    expect(BASELINE_SCRIPTS).toBe(3);
    expect(CORPUS_FILES.length).toBeGreaterThanOrEqual(10);
  });

  it("(a) random Markdown", () => {
    fc.assert(fc.property(markdown, assertCore), { numRuns: RUNS.markdown });
  });

  it("(b) mutated corpus articles and the seed deck", () => {
    fc.assert(fc.property(mutated, assertCore), { numRuns: RUNS.mutated });
  });

  it("(c) random bytes", () => {
    fc.assert(fc.property(randomBytes, assertCore), { numRuns: RUNS.bytes });
  });

  it("(c) broken UTF-8", () => {
    fc.assert(fc.property(brokenUtf8, assertCore), { numRuns: RUNS.utf8 });
  });
});

describe("fuzz: no article script, event handler or javascript: URL reaches the deck", () => {
  const anyArticle = fc.oneof({ weight: 3, arbitrary: markdown }, { weight: 1, arbitrary: mutated });
  for (const kind of Object.keys(SAFETY) as SafetyKind[]) {
    const name = {
      script: "no <script> beyond Lectern's own",
      handler: "no on* attribute in the slides",
      url: "no javascript: URL in href/src",
    }[kind];
    it(name, () => {
      fc.assert(
        fc.property(anyArticle, (input) => {
          const { result } = build(input);
          if (!result?.usable) return;
          const problems = SAFETY[kind](result.html);
          if (problems.length > 0) throw new Error(problems.slice(0, 5).join("\n"));
        }),
        { numRuns: RUNS.safety },
      );
    });
  }

  it("markdown links and images alone never make a javascript: URL or a handler", () => {
    const links = fc
      .array(
        fc.tuple(
          fc.constantFrom(...PREFIX),
          fc.array(fc.oneof(fc.constantFrom(...LINKS, ...TEXT), fc.string({ maxLength: 8 })), { maxLength: 6 }),
        ),
        {
          maxLength: 20,
        },
      )
      .map((lines) => lines.map(([p, parts]) => p + parts.join(" ")).join("\n"))
      .filter((s) => !/<\/?[a-z][a-z0-9-]*(?=[\s/>])|<!/i.test(s));
    fc.assert(
      fc.property(links, (input) => {
        const { result } = build(input);
        if (!result?.usable) return;
        const problems = [...SAFETY.script(result.html), ...SAFETY.handler(result.html), ...SAFETY.url(result.html)];
        if (problems.length > 0) throw new Error(problems.join("\n"));
      }),
      { numRuns: RUNS.safety },
    );
  });
});

describe("found by fuzzing", () => {
  // Was exponential: checkTruncation stripped /(?:\$\$\$\$|\$\$\s*\$\$|\uFFFD|\s)+$/u from the last
  // line, and `$$$$` matched two alternatives, so a run of `$` followed by anything else
  // backtracked: the time doubled with every 4 more `$` (100 → 2–15 s, 120 → minutes).
  it("a run of `$` at the end of the article does not hang the build", () => {
    const { result, ms } = build(`${"$".repeat(120)}x\n`);
    expect(result?.usable).toBe(true);
    expect(ms).toBeLessThan(BOUND);
  });

  // Was an injection: the <figcaption> of an image alone in a paragraph came from
  // `renderer.renderInlineAsText(alt)`, which returns the alt text unescaped and raw HTML
  // unsanitized: any script reached the deck, even written as entities or backslash escapes,
  // and a `<section>` in the alt broke the deck's structure.
  it.each([
    "![<script>alert(1)</script>](x.png)",
    "![&lt;script&gt;alert(1)&lt;/script&gt;](x.png)",
    "![\\<img src=x onerror=alert(1)\\>](x.png)",
    '![<iframe src="javascript:alert(1)"></iframe>](x.png)',
    "![<section>caption](x.png)",
  ])("an image caption carries no markup from its alt text: %s", (input) => {
    const built = build(`# A\n\n${input}\n`);
    const html = built.result?.html ?? "";
    expect([...coreProblems(built), ...SAFETY.script(html), ...SAFETY.handler(html), ...SAFETY.url(html)]).toEqual([]);
    expect(html).not.toMatch(/<figcaption>[^<]*<(script|img|iframe|section)/);
  });
});
