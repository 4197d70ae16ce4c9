/**
 * Property-based fuzzing of `buildDeck` (fast-check): whatever the input — random Markdown,
 * damaged real articles, random bytes, broken UTF-8 — a build never throws, stays fast, reports
 * well-formed diagnostics, gives a well-formed page when usable, and lets no article script,
 * event handler or `javascript:` URL into the deck.
 *
 * The generators and properties are in ./fuzz/arbitraries.mjs, which bench/fuzz.mjs runs over
 * 100,000+ cases against lib/.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDeck } from "../src/build.js";
import {
  BOUND,
  type Built,
  baselineScripts,
  brokenUtf8,
  build as buildWith,
  CORPUS_FILES,
  coreProblems,
  type Input,
  links,
  markdown,
  mutated,
  type Problem,
  randomBytes,
  type SafetyKind,
  safety,
} from "./fuzz/arbitraries.mjs";

const build = (input: Input): Built => buildWith(buildDeck, input);

const BASELINE_SCRIPTS = baselineScripts(buildDeck);
const SAFETY = safety(BASELINE_SCRIPTS);

/** Fail with every problem, one a line. */
function fail(problems: Problem[]): void {
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.kind}: ${p.message}`).join("\n"));
}

function assertCore(input: Input): void {
  fail(coreProblems(build(input)));
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

  // 60 whole builds of real chapters: seconds on a busy 2-core machine (each case's own speed is checked inside)
  it("(b) mutated corpus articles and the seed deck", () => {
    fc.assert(fc.property(mutated, assertCore), { numRuns: RUNS.mutated });
  }, 30_000);

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
          fail(SAFETY[kind](result.html).slice(0, 5));
        }),
        { numRuns: RUNS.safety },
      );
    });
  }

  it("markdown links and images alone never make a javascript: URL or a handler", () => {
    fc.assert(
      fc.property(links, (input) => {
        const { result } = build(input);
        if (!result?.usable) return;
        fail([...SAFETY.script(result.html), ...SAFETY.handler(result.html), ...SAFETY.url(result.html)]);
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
