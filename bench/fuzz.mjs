#!/usr/bin/env node
// Long fuzz run of the compiled library (lib/build.js): the generators and properties of
// test/fuzz.test.ts (keep the two in step) over 100,000 cases by default, split across worker
// threads. Prints progress every 10,000 cases, then the total, each failing property with its
// shrunk counterexample, and the throughput; exits 1 on any failure (a hang included).
//
// Usage: npm run fuzz -- [--runs N] [--workers K] [--seed S]
//   ("fuzz": "tsc -p . && node bench/fuzz.mjs" — the library must be compiled first)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import fc from "fast-check";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const CORPUS = resolve(ROOT, "../shared/corpus");
const SEED_DECK = join(ROOT, "slides", "seed-medical-tech.md");
const FILE = "fuzz.md";
/** Per-build bound (ms). */
const BOUND = 2000;
/** A worker silent this long is stuck in one build. */
const HANG_MS = 60_000;
/** Shrinking stops after this many re-runs of the property. */
const MAX_SHRINK_CALLS = 3000;
const PROGRESS_EVERY = 10_000;
const BEAT_EVERY = 250;

// ---------------------------------------------------------------- generators (as in test/fuzz.test.ts)

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

const block = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), fc.boolean())
    .map(([cols, rows, pipes]) => {
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
const markdown = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom("\n", "\n", "\r\n", "\r"))
  .map(([lines, eol]) => lines.join("\n").replace(/\n/g, eol));

const CORPUS_FILES = [
  ...readdirSync(CORPUS, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(CORPUS, f)),
  SEED_DECK,
].map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) }));

const utf8 = new TextEncoder();
const snippet = fc.oneof(
  fc.uint8Array({ maxLength: 16 }),
  fc.constantFrom(...HTML, ...LINKS, ...TEXT, ...LINES, "\n\n---\n\n", "\n```\n", "\n$$\n").map((s) => utf8.encode(s)),
);

const mutation = fc.record({
  kind: fc.constantFrom("insert", "delete", "duplicate", "swap", "flip"),
  at: fc.nat(),
  size: fc.nat({ max: 2048 }),
  to: fc.nat(),
  bytes: snippet,
});

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

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
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[at % n] ^= (m.size % 255) + 1;
      return out;
    }
  }
}

/** (b) Mutated real articles, as bytes or as (decoded) text. */
const mutated = fc
  .tuple(fc.constantFrom(...CORPUS_FILES), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([file, ms, bytes]) => {
    const out = ms.reduce(mutate, file.bytes);
    return bytes ? out : new TextDecoder().decode(out);
  });

/** (c) Random bytes: anything, and bytes that avoid the C0 controls. */
const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0xff }), fc.constant(0x0a)), { maxLength: 4096 }).map((a) => Uint8Array.from(a)),
);

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
    if (bom) bytes = concat(BAD_UTF8[BAD_UTF8.length - 1], bytes);
    return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

/** Markdown links and images without raw HTML. */
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

/** Every case: one of the families, tagged. */
const anyInput = fc.oneof(
  { weight: 8, arbitrary: markdown.map((input) => ({ family: "markdown", input })) },
  { weight: 3, arbitrary: mutated.map((input) => ({ family: "mutated", input })) },
  { weight: 2, arbitrary: randomBytes.map((input) => ({ family: "bytes", input })) },
  { weight: 2, arbitrary: brokenUtf8.map((input) => ({ family: "utf8", input })) },
  { weight: 1, arbitrary: links.map((input) => ({ family: "links", input })) },
);

// ---------------------------------------------------------------- properties (as in test/fuzz.test.ts)

const SEVERITIES = new Set(["error", "warning", "info"]);
const REVEAL_JS = '<script src="assets/reveal/reveal.js"';
const countScripts = (html) => (html.match(/<script\b/gi) ?? []).length;

function slidesPart(html) {
  const start = html.indexOf('<div class="slides">');
  const end = html.lastIndexOf(REVEAL_JS);
  return html.slice(Math.max(0, start), end < 0 ? html.length : end);
}

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
      let name = html[i];
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

/** Every property broken by one case, as `{ kind, message }`. */
function problemsOf(buildDeck, baseline, input) {
  const start = performance.now();
  let result;
  try {
    result = buildDeck(input, { file: FILE });
  } catch (error) {
    return [{ kind: "throw", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }];
  }
  const ms = performance.now() - start;
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
  const scripts = countScripts(html);
  if (scripts !== baseline) add("script", `${scripts - baseline} <script> beyond Lectern's own ${baseline}`);
  for (const t of tags(slidesPart(html))) {
    for (const a of t.attrs) if (a.name.startsWith("on")) add("handler", `<${t.name} ${a.name}=…> in the slides`);
  }
  for (const t of tags(html)) {
    for (const a of t.attrs) {
      if (URL_ATTRS.has(a.name) && /^(javascript|vbscript):/.test(urlOf(a.value))) add("url", `<${t.name} ${a.name}="${a.value}">`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- worker: chunks of runs, then shrinking

/** Heartbeat slots shared with the main thread: the case being built. */
const BEAT = { chunk: 0, index: 1, tick: 2 };
/** Kinds not worth shrinking: the time a build takes does not shrink with its input. */
const NO_SHRINK = new Set(["slow"]);

async function work({ beat }) {
  const { buildDeck } = await import(join(ROOT, "lib", "build.js"));
  const baseline = countScripts(buildDeck("# A\n\nb\n", { file: FILE }).html);
  const heartbeat = new Int32Array(beat);
  const tick = (chunk, index) => {
    Atomics.store(heartbeat, BEAT.chunk, chunk);
    Atomics.store(heartbeat, BEAT.index, index);
    Atomics.add(heartbeat, BEAT.tick, 1);
  };
  parentPort.on("message", (msg) => {
    if (msg.type === "chunk") {
      const { chunk, seed, runs } = msg;
      const failures = new Map(); // kind → first failing case of this chunk
      const counts = {};
      const perFamily = {};
      let index = 0;
      let sinceBeat = 0;
      fc.check(
        fc.property(anyInput, ({ family, input }) => {
          tick(chunk, index);
          perFamily[family] = (perFamily[family] ?? 0) + 1;
          for (const p of problemsOf(buildDeck, baseline, input)) {
            counts[p.kind] = (counts[p.kind] ?? 0) + 1;
            if (!failures.has(p.kind)) failures.set(p.kind, { kind: p.kind, chunk, seed, path: String(index), family, message: p.message });
          }
          index++;
          if (++sinceBeat === BEAT_EVERY) {
            parentPort.postMessage({ type: "progress", done: BEAT_EVERY });
            sinceBeat = 0;
          }
        }),
        { numRuns: runs, seed },
      );
      parentPort.postMessage({ type: "progress", done: sinceBeat });
      parentPort.postMessage({ type: "chunk-done", failures: [...failures.values()], counts, perFamily });
    } else if (msg.type === "shrink") {
      const { kind, seed, path, chunk } = msg;
      let calls = 0;
      const details = fc.check(
        fc.property(anyInput, ({ input }) => {
          tick(chunk, -1);
          if (NO_SHRINK.has(kind) && calls > 0) return true;
          if (++calls > MAX_SHRINK_CALLS) return true;
          const own = problemsOf(buildDeck, baseline, input).filter((p) => p.kind === kind);
          if (own.length > 0) throw new Error(own[0].message);
        }),
        { seed, path, numRuns: 1 },
      );
      const example = details.failed ? details.counterexample[0] : undefined;
      parentPort.postMessage({
        type: "shrunk",
        kind,
        example: example ? { family: example.family, input: example.input } : undefined,
        message: details.failed
          ? String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance)
          : undefined,
        shrinks: details.numShrinks,
      });
    }
  });
  parentPort.postMessage({ type: "ready" });
}

// ---------------------------------------------------------------- main: workers, progress, watchdog, report

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fuzz: --${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

const CHUNK = 1000;
const chunkSeed = (seed, chunk) => (seed + chunk * 7919) % 2 ** 31;

/** Keep a case in a file (text or bytes) so it can be replayed with buildDeck. */
function keep(name, example) {
  const file = join(tmpdir(), `lectern-fuzz-${name}.json`);
  const input = example?.input;
  writeFileSync(
    file,
    JSON.stringify({
      family: example?.family,
      text: typeof input === "string" ? input : undefined,
      bytes: input instanceof Uint8Array ? [...input] : undefined,
    }),
  );
  return file;
}

/** One worker thread, restarted by the watchdog when a build hangs. */
class Runner {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.beat = new Int32Array(new SharedArrayBuffer(12));
    this.start();
  }
  start() {
    Atomics.store(this.beat, BEAT.tick, 0);
    this.lastTick = -1;
    this.lastChange = Date.now();
    this.worker = new Worker(fileURLToPath(import.meta.url), { workerData: { beat: this.beat.buffer } });
    this.worker.on("message", (msg) => this.onMessage(this, msg));
    this.worker.on("error", (err) => this.onMessage(this, { type: "crash", error: err.stack ?? String(err) }));
  }
  send(msg) {
    this.busy = msg;
    this.lastChange = Date.now();
    this.worker.postMessage(msg);
  }
  /** True when the current case has not moved for HANG_MS. */
  stuck() {
    const t = Atomics.load(this.beat, BEAT.tick);
    if (t !== this.lastTick) {
      this.lastTick = t;
      this.lastChange = Date.now();
      return false;
    }
    return this.busy !== undefined && Date.now() - this.lastChange > HANG_MS;
  }
  restart() {
    this.worker.terminate();
    this.busy = undefined;
    this.ready = false;
    this.start();
  }
}

async function main() {
  const total = option("runs", 100_000);
  const seed = option("seed", Date.now() % 2 ** 31);
  const nWorkers = Math.max(1, option("workers", Math.min(2, availableParallelism())));
  console.log(`fuzz: ${total} cases on ${nWorkers} worker(s), seed ${seed} (lib/build.js: run tsc -p . first)`);
  const start = performance.now();
  const chunks = Array.from({ length: Math.ceil(total / CHUNK) }, (_, k) => ({
    chunk: k,
    seed: chunkSeed(seed, k),
    runs: Math.min(CHUNK, total - k * CHUNK),
  }));
  const failures = new Map(); // kind → first failing case
  const counts = {};
  const perFamily = {};
  const shrinkQueue = [];
  let done = 0;
  let skipped = 0;
  let nextReport = PROGRESS_EVERY;
  let finish;
  const finished = new Promise((r) => {
    finish = r;
  });
  const record = (f, n = 1) => {
    counts[f.kind] = (counts[f.kind] ?? 0) + n;
    if (!failures.has(f.kind)) failures.set(f.kind, f);
  };
  let phase = "chunks";
  /** Give idle workers work: chunks of cases first, then one failing case per property to shrink. */
  const dispatch = () => {
    for (const runner of runners) {
      if (runner.busy || !runner.ready) continue;
      const job = phase === "chunks" ? chunks.shift() : shrinkQueue.shift();
      if (job)
        runner.send(
          phase === "chunks"
            ? { type: "chunk", ...job }
            : { type: "shrink", kind: job.kind, seed: job.seed, path: job.path, chunk: job.chunk },
        );
    }
    if (runners.some((r) => r.busy || !r.ready)) return;
    if (phase === "chunks" && chunks.length === 0) {
      phase = "shrink";
      shrinkQueue.push(...[...failures.values()].filter((f) => f.kind !== "hang" && f.kind !== "crash"));
      dispatch();
    } else if (phase === "shrink" && shrinkQueue.length === 0) finish();
  };
  const onMessage = (runner, msg) => {
    if (msg.type === "ready") {
      runner.ready = true;
      dispatch();
    } else if (msg.type === "progress") {
      done += msg.done;
      while (done >= nextReport) {
        const s = (performance.now() - start) / 1000;
        console.log(`  ${nextReport} cases, ${s.toFixed(0)} s, ${(nextReport / s).toFixed(0)} cases/s`);
        nextReport += PROGRESS_EVERY;
      }
    } else if (msg.type === "chunk-done") {
      for (const f of msg.failures) record(f, msg.counts[f.kind]);
      for (const [k, v] of Object.entries(msg.perFamily)) perFamily[k] = (perFamily[k] ?? 0) + v;
      runner.busy = undefined;
      dispatch();
    } else if (msg.type === "shrunk") {
      const f = failures.get(msg.kind);
      if (f) Object.assign(f, { shrunk: msg.example, shrunkMessage: msg.message, shrinks: msg.shrinks });
      runner.busy = undefined;
      dispatch();
    } else if (msg.type === "crash") {
      const job = runner.busy;
      record({ kind: "crash", seed: job?.seed, chunk: job?.chunk, path: "?", family: "?", message: msg.error });
      if (job?.type === "chunk") skipped += job.runs;
      runner.restart();
    }
  };
  const runners = Array.from({ length: nWorkers }, () => new Runner(onMessage));
  // Watchdog: a worker whose case has not moved for HANG_MS is stuck in one build.
  const watchdog = setInterval(() => {
    for (const runner of runners) {
      if (!runner.stuck()) continue;
      const job = runner.busy;
      const chunk = Atomics.load(runner.beat, BEAT.chunk);
      const index = Atomics.load(runner.beat, BEAT.index);
      if (job.type === "chunk") {
        const [example] = fc.sample(anyInput, { seed: job.seed, numRuns: index + 1 }).slice(index);
        record({
          kind: "hang",
          chunk,
          seed: job.seed,
          path: String(index),
          family: example?.family,
          message: `no progress for ${HANG_MS / 1000} s`,
          example,
        });
        done += (index % BEAT_EVERY) + 1; // cases before it not yet reported, and the hung case
        skipped += job.runs - index - 1;
      } else {
        const f = failures.get(job.kind);
        if (f) f.shrinkAborted = true;
      }
      runner.restart();
    }
  }, 1000);
  await finished;
  clearInterval(watchdog);
  for (const r of runners) r.worker.terminate();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `fuzz: ${done} cases in ${seconds.toFixed(1)} s: ${(done / seconds).toFixed(0)} cases/s${skipped ? ` (${skipped} skipped after hangs)` : ""}`,
  );
  console.log(
    `  by family: ${Object.entries(perFamily)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  if (failures.size === 0) {
    console.log("fuzz: no failures");
    return 0;
  }
  console.log(`fuzz: ${failures.size} failing propert${failures.size === 1 ? "y" : "ies"}`);
  for (const f of failures.values()) {
    console.log(`\n✗ ${f.kind}: ${counts[f.kind]} case(s); first in family ${f.family} (chunk seed ${f.seed}, fast-check path ${f.path})`);
    console.log(`  ${String(f.message).slice(0, 1500)}`);
    const example =
      f.example ?? (f.kind === "hang" ? undefined : fc.sample(anyInput, { seed: f.seed, numRuns: Number(f.path) + 1 })[Number(f.path)]);
    if (example) console.log(`  case kept in ${keep(`${f.kind}-${f.seed}-${f.path}`, example)}`);
    if (f.shrinkAborted) console.log("  shrinking hung: no smaller case");
    if (f.shrunk) {
      console.log(`  shrunk in ${f.shrinks} step(s) (${f.shrunk.family}): ${f.shrunkMessage?.slice(0, 500) ?? ""}`);
      console.log(`  counterexample: ${fc.stringify(f.shrunk.input).slice(0, 3000)}`);
      console.log(`  kept in ${keep(`${f.kind}-${f.seed}-${f.path}-shrunk`, f.shrunk)}`);
    }
  }
  return 1;
}

if (isMainThread) {
  process.exitCode = await main();
} else {
  await work(workerData);
}
