/**
 * The generators and properties of the fuzzing of `buildDeck`, shared by test/fuzz.test.ts
 * (a few hundred cases against src/) and bench/fuzz.mjs (100,000+ cases against lib/).
 * Plain JS so that both can import it; its types are in arbitraries.d.mts.
 * The checks take `buildDeck` as a parameter: each caller passes its own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

/** The repository root (the folder holding package.json). */
const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
/** `shared/` sits beside the clone, both here and in CI. */
const CORPUS = resolve(ROOT, "../shared/corpus");
const SEED_DECK = join(ROOT, "slides", "seed-medical-tech.md");

/** The file name every fuzzed build is given. */
export const FILE = "fuzz.md";
/** Per-build bound (ms). */
export const BOUND = 2000;

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

/** Front matter lines, valid or not (the last three: an alias bomb). */
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
      /** @param {string[]} cells */
      const row = (cells) => (pipes ? `| ${cells.join(" | ")} |` : cells.join(" | "));
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
export const markdown = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom("\n", "\n", "\r\n", "\r"))
  .map(([lines, eol]) => lines.join("\n").replace(/\n/g, eol));

/** (b) Real articles: the shared corpus and the seed deck (named relative to the folder holding the clone). */
export const CORPUS_FILES = [
  ...readdirSync(CORPUS, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(CORPUS, f)),
  SEED_DECK,
].map((path) => ({ name: relative(join(ROOT, ".."), path), bytes: new Uint8Array(readFileSync(path)) }));

const utf8 = new TextEncoder();
const snippet = fc.oneof(
  fc.uint8Array({ maxLength: 16 }),
  fc.constantFrom(...HTML, ...LINKS, ...TEXT, ...LINES, "\n\n---\n\n", "\n```\n", "\n$$\n").map((s) => utf8.encode(s)),
);

/** @typedef {{ kind: "insert" | "delete" | "duplicate" | "swap" | "flip"; at: number; size: number; to: number; bytes: Uint8Array }} Mutation */
const mutation = fc.record({
  kind: fc.constantFrom("insert", "delete", "duplicate", "swap", "flip"),
  at: fc.nat(),
  size: fc.nat({ max: 2048 }),
  to: fc.nat(),
  bytes: snippet,
});

/** @param {Uint8Array[]} parts */
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * @param {Uint8Array} bytes
 * @param {Mutation} m
 * @returns {Uint8Array}
 */
function mutate(bytes, m) {
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
    default: {
      // "flip": one byte changed
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[at % n] ^= (m.size % 255) + 1;
      return out;
    }
  }
}

/** (b) Mutated real articles, as bytes or as (decoded) text. */
export const mutated = fc
  .tuple(fc.constantFrom(...CORPUS_FILES), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([file, ms, bytes]) => {
    const out = ms.reduce(mutate, file.bytes);
    return bytes ? out : new TextDecoder().decode(out);
  });

/** (c) Random bytes: anything, and bytes that avoid the C0 controls (to get past binary detection). */
export const randomBytes = fc.oneof(
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
export const brokenUtf8 = fc
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
    if (bom) bytes = concat(BAD_UTF8[BAD_UTF8.length - 1], bytes);
    return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

/** Markdown links and images without raw HTML. */
export const links = fc
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

// ---------------------------------------------------------------- properties

/** One build of `input` with the caller's `buildDeck`: its result or what it threw, and how long it took. */
export function build(buildDeck, input) {
  const start = performance.now();
  try {
    const result = buildDeck(input, { file: FILE });
    return { result, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

const SEVERITIES = new Set(["error", "warning", "info"]);

/**
 * No throw, in time, well-formed diagnostics, a well-formed page when usable (or an error saying
 * why not): every one broken, as `{ kind, message }` (kinds throw, slow, diagnostic, page).
 */
export function coreProblems({ result, error, ms }) {
  if (!result) return [{ kind: "throw", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }];
  const problems = [];
  const add = (kind, message) => problems.push({ kind, message });
  if (ms >= BOUND) add("slow", `${ms.toFixed(0)} ms`);
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
    if (!ok) add("diagnostic", JSON.stringify(d));
  }
  if (!result.usable) {
    if (result.html !== "") add("page", "unusable build with HTML");
    if (!result.diagnostics.some((d) => d.severity === "error")) add("page", "unusable build without an error saying why");
    return problems;
  }
  const html = result.html;
  if (!html.trimEnd().endsWith("</html>")) add("page", "page does not end with </html>");
  let depth = 0;
  let negative = false;
  for (const m of html.matchAll(/<section\b|<\/section\s*>/gi)) {
    depth += m[0][1] === "/" ? -1 : 1;
    if (depth < 0) negative = true;
  }
  if (depth !== 0 || negative) add("page", `unbalanced <section>: ${depth} left open${negative ? ", closed before opened" : ""}`);
  return problems;
}

const REVEAL_JS = '<script src="assets/reveal/reveal.js"';
/** @param {string} html */
export const countScripts = (html) => (html.match(/<script\b/gi) ?? []).length;

/** The number of `<script>` in the page of a plain article: Lectern's own scripts. */
export const baselineScripts = (buildDeck) => countScripts(buildDeck("# A\n\nb\n", { file: FILE }).html);

/** The slides part of the page: from `<div class="slides">` to Lectern's own scripts. */
function slidesPart(html) {
  const start = html.indexOf('<div class="slides">');
  const end = html.lastIndexOf(REVEAL_JS);
  return html.slice(Math.max(0, start), end < 0 ? html.length : end);
}

/** Tags of an HTML text with their attributes, read roughly as a browser does (quotes respected, `/` separates). */
function* tags(html) {
  const open = /<([a-zA-Z][^\s/>]*)/g;
  const space = (c) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const attrs = [];
    let i = m.index + m[0].length;
    while (i < html.length && html[i] !== ">") {
      if (space(html[i]) || html[i] === "/") {
        i++;
        continue;
      }
      let name = html[i]; // a name may start with `=`
      i++;
      while (i < html.length && !space(html[i]) && !"/>=".includes(html[i])) name += html[i++];
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
    yield { name: m[1].toLowerCase(), attrs };
  }
}

/** An attribute value as a browser reads a URL: entities decoded, tabs/newlines/controls dropped, lower case. */
function urlOf(value) {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(Math.min(0x10ffff, Number.parseInt(h, 16))))
    .replace(/&#([0-9]+);?/g, (_, d) => String.fromCodePoint(Math.min(0x10ffff, Number(d))))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;|&newline;/gi, "")
    .replace(/[\u0000-\u0020]/g, "")
    .toLowerCase();
}

const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"]);

/**
 * The safety properties of a usable page, given Lectern's own number of scripts: each returns
 * what it finds broken, as `{ kind, message }` with its own name as kind.
 */
export function safety(baseline) {
  return {
    script: (html) => {
      const n = countScripts(html);
      return n === baseline ? [] : [{ kind: "script", message: `${n - baseline} <script> beyond Lectern's own ${baseline}` }];
    },
    handler: (html) =>
      [...tags(slidesPart(html))].flatMap((t) =>
        t.attrs.filter((a) => a.name.startsWith("on")).map((a) => ({ kind: "handler", message: `<${t.name} ${a.name}=…> in the slides` })),
      ),
    url: (html) =>
      [...tags(html)].flatMap((t) =>
        t.attrs
          .filter((a) => URL_ATTRS.has(a.name) && /^(javascript|vbscript):/.test(urlOf(a.value)))
          .map((a) => ({ kind: "url", message: `<${t.name} ${a.name}="${a.value}">` })),
      ),
  };
}

/** Every property one case breaks, as `{ kind, message }`: the core ones, then, when usable, the safety ones. */
export function problemsOf(buildDeck, baseline, input) {
  const built = build(buildDeck, input);
  const problems = coreProblems(built);
  if (!built.result?.usable) return problems;
  const html = built.result.html;
  const checks = safety(baseline);
  return [...problems, ...checks.script(html), ...checks.handler(html), ...checks.url(html)];
}
