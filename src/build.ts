import type { MarkdownIt } from "markdown-it";
import { type BuildOptions, type ResolvedOptions, resolveOptions } from "./config/options.js";
import type { Diagnostics } from "./diagnostics/collect.js";
import { createDiagnostics } from "./diagnostics/collect.js";
import { checkTruncation, isTextless } from "./outline/checks.js";
import { buildOutline } from "./outline/outline.js";
import { toBlocks } from "./parse/blocks.js";
import { settingsOf } from "./parse/dialects/dialect.js";
import { pictographsIn } from "./parse/dialects/emoji.js";
import { type RawLook, slideLooks, takenLook } from "./parse/dialects/marp-looks.js";
import { resolveDialect } from "./parse/dialects/resolve.js";
import { envIssues } from "./parse/env.js";
import { createMarkdown } from "./parse/markdown.js";
import { recoverDeepNesting } from "./parse/nesting.js";
import { leadProse } from "./parse/prose.js";
import { collapseRepetition } from "./parse/repetition.js";
import { VERSION } from "./paths.js";
import { estimateBlock } from "./plan/estimate.js";
import { bodyCapacity } from "./plan/metrics.js";
import { planArticle } from "./plan/plan.js";
import type { RenderContext } from "./render/context.js";
import { renderDocument } from "./render/document.js";
import { installRenderRules } from "./render/markdown-rules.js";
import { createMathBudget } from "./render/math.js";
import { MATHJAX_MACROS } from "./render/mathjax-compat.js";
import type { RenderMemo } from "./render/memo.js";
import { pacingOf } from "./render/pacing.js";
import { renderSlides } from "./render/slides.js";
import { wordsFor } from "./render/words.js";
import { decodeSource } from "./source/decode.js";
import { splitFrontMatter } from "./source/front-matter.js";
import { divideAtHeadings, headingDividerOf } from "./source/heading-divider.js";
import { detectLang } from "./source/lang.js";
import { isNotebookFile, placeDiagnostics, readNotebook } from "./source/notebook/index.js";
import { separatorStyle } from "./source/separator-style.js";
import { splitChunks } from "./source/separators.js";
import { stopwatch } from "./timings.js";
import type { Article, Block, BuildResult, Plan, Timings } from "./types.js";

/** source → parse → outline: everything needed to plan (and re-plan) without re-parsing. */
export function readArticle(input: string | Uint8Array, opts: ResolvedOptions, md: MarkdownIt, diags: Diagnostics): Article | undefined {
  const decoded = decodeSource(input, diags);
  const notebook = decoded !== undefined && isNotebookFile(opts.file) ? readNotebook(decoded, diags) : undefined;
  const text = notebook ? notebook.text : isNotebookFile(opts.file) ? undefined : decoded;
  if (text === undefined) return undefined;
  const split = splitFrontMatter(text, diags);
  // the project's defaults under the article's own front matter (its theme: run/theme.ts)
  const { theme: _, ...defaults } = opts.defaults;
  const fm = { ...split, meta: { ...defaults, ...split.meta } };
  const dialect = resolveDialect(text, fm.meta, opts, diags);
  const slideLevel = dialect.quarto?.slideLevel;
  const cut = splitChunks(fm.body, fm.bodyLine, diags, separatorStyle(slideLevel ? "quarto-revealjs" : dialect.name, fm.meta, diags));
  const levels =
    dialect.name === "marp" || fm.meta.headingDivider
      ? headingDividerOf(fm.meta.headingDivider, fm.body)
      : slideLevel
        ? Array.from({ length: slideLevel }, (_, i) => i + 1)
        : [];
  const chunks = divideAtHeadings(cut, levels, dialect.name === "quarto");
  const explicit = chunks.length > 1;
  const blocks: Block[] = [];
  const raws: (RawLook | undefined)[] = [];
  chunks.forEach((chunk, index) => {
    const env = { dialect };
    const tokens = md.parse(chunk.text, env);
    const deep = recoverDeepNesting(md, tokens, chunk.text, env);
    if (deep.lines.length) {
      const message = `nesting deeper than ${md.options.maxNesting} levels (lists or quotes): ${deep.lines.length} line(s) shown as plain text`;
      diags.add("warning", "nesting-too-deep", message, (deep.lines[0] as number) + chunk.line, 0);
      // back where they were: before the first top-level block that starts after them
      const at = deep.lines[0] as number;
      const before = tokens.findIndex((t) => t.level === 0 && t.nesting !== -1 && (t.map?.[0] ?? -1) > at);
      tokens.splice(before < 0 ? tokens.length : before, 0, ...deep.tokens);
    }
    for (const t of tokens) shiftMap(t, chunk.line);
    const seen = new Set<string>();
    for (const issue of envIssues(env)) {
      const key = `${issue.code}:${issue.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      diags.add(issue.severity, issue.code, issue.message, issue.line + chunk.line, issue.column);
    }
    const before = blocks.length;
    for (const block of toBlocks(tokens, { chunk: index, explicit, marp: fm.meta.marp })) {
      blocks.push(...(collapseRepetition(block, opts.keepRepetition, diags) ?? [block]));
    }
    raws.push(takenLook(env));
    // a slide of only a background is still a slide
    if (explicit && !blocks.slice(before).some((b) => b.kind !== "notes") && takenLook(env)?.backgrounds.length)
      blocks.push(emptyBlock(md, index, chunk.line));
  });
  slideLooks(
    raws,
    fm.meta.directives,
    dialect.name,
    chunks.map((c) => c.line),
  ).forEach((look, k) => {
    if (look && chunks[k]) chunks[k].look = look;
  });
  checkFences(blocks, text.split("\n"), diags);
  checkTruncation(blocks, text.split("\n"), diags);
  const source = {
    file: opts.file,
    text,
    body: fm.body,
    bodyLine: fm.bodyLine,
    meta: { ...fm.meta, dialect: dialect.name, tab: dialect.tab },
    origin: notebook?.origin,
  };
  const shown = (opts.prose ?? fm.meta.prose) === "lead" ? leadProse(blocks) : blocks;
  const outline = buildOutline(shown, fm.meta, opts.file, explicit);
  return { source, chunks, blocks: shown, outline };
}

type Shiftable = { map: [number, number] | null; children: Shiftable[] | null; meta: unknown };

/** Make a chunk's token lines (maps, and inline `meta.line`) file lines. */
function shiftMap(token: Shiftable, by: number): void {
  if (token.map) token.map = [token.map[0] + by, token.map[1] + by];
  const meta = token.meta as { line?: number } | null;
  if (meta && typeof meta.line === "number") token.meta = { ...meta, line: meta.line + by };
  for (const child of token.children ?? []) shiftMap(child, by);
}

/** A code fence that runs to the end of the file was never closed. */
function checkFences(blocks: readonly Block[], lines: readonly string[], diags: Diagnostics): void {
  for (const b of blocks) {
    const t = b.tokens[0];
    if (b.kind !== "code" || t?.type !== "fence") continue;
    const closeLine = (lines[b.lines[1] - 1] ?? "").trim();
    const closed = b.lines[1] - b.lines[0] >= 2 && closeLine.startsWith(t.markup[0] as string) && /^(`{3,}|~{3,}|:{3,})$/.test(closeLine);
    if (!closed) diags.add("warning", "fence-unclosed", "code fence is never closed: it runs to the end of the slide", b.lines[0], 0);
  }
}

/** Slide plan of a parsed article at the given metrics. */
export function planDeck(article: Article, opts: ResolvedOptions): Plan {
  const blocks = article.blocks.map((b) => estimateBlock(b, opts.metrics));
  const lang = detectLang(article.source.text, article.source.meta.lang);
  return planArticle({ ...article, blocks }, opts.metrics, lang);
}

/**
 * Build one deck from an article's text or bytes: `{ html, plan, diagnostics }`.
 * Pure apart from checking that local images exist; nothing is written.
 */
export function buildDeck(input: string | Uint8Array, options: BuildOptions = {}): BuildResult {
  return buildResolved(input, resolveOptions(options));
}

/** `buildDeck` with options already resolved (a run's deck context holds them); `memo`: what earlier renders of the deck can lend (render/memo). */
export function buildResolved(input: string | Uint8Array, opts: ResolvedOptions, memo?: RenderMemo): BuildResult {
  const timings: Timings = {};
  const watch = stopwatch(timings);
  const diags = createDiagnostics(opts.file);
  const media = new Map<string, string>();
  const parsed = readArticle(input, opts, memo ? memo.markdown("parse", createMarkdown) : createMarkdown(), diags);
  watch.lap("parse");
  if (!parsed || isTextless(parsed.blocks)) {
    if (parsed) diags.add("error", "empty-article", "the article has no text to make slides from", 0, 0);
    return { ...emptyResult(opts.file, parsed), diagnostics: placeDiagnostics(diags.list, parsed?.source.origin), timings };
  }
  const article = { ...parsed, blocks: parsed.blocks.map((b) => estimateBlock(b, opts.metrics)) };
  const plan = planDeck(article, opts);
  warnLikelyOverflow(plan, opts, diags);
  watch.lap("plan");
  const html = renderPlan(article, plan, opts, diags, media, memo);
  const words = wordsFor(plan.lang);
  const glyphs = [...new Set(article.source.text + words.continued + words.agenda + plan.title + pictographsIn(html))].join("");
  watch.lap("render");
  const diagnostics = placeDiagnostics(diags.list, article.source.origin);
  return { usable: true, html, plan, article, diagnostics, media, glyphs, timings };
}

/** The result of an article that gave no deck (empty, binary, unreadable). */
export function emptyResult(file: string, article: Article = emptyArticle(file)): BuildResult {
  const plan: Plan = { file, title: "", lang: "en", stacks: [] };
  return { usable: false, html: "", plan, article, diagnostics: [], media: new Map(), glyphs: "", timings: {} };
}

/**
 * A slide whose one block is estimated taller than the slide even at the smallest scale.
 * The browser fit measures it for real (and drops this warning when it runs).
 */
function warnLikelyOverflow(plan: Plan, opts: ResolvedOptions, diags: Diagnostics): void {
  const capacity = bodyCapacity(opts.metrics);
  for (const slide of plan.stacks.flatMap((s) => s.slides)) {
    if (slide.height * (slide.scale ?? 1) > capacity * 1.05) {
      const what = slide.title ? `slide "${slide.title}"` : "a slide";
      diags.add(
        "warning",
        "overflow-likely",
        `${what} is estimated to overflow even at the smallest scale: split the content by hand`,
        slide.line,
        0,
      );
    }
  }
}

/** TeX that would print to the process's stdout/stderr (KaTeX's `\message`…) swallows its argument. */
const QUIET_TEX: Readonly<Record<string, string>> = {
  "\\message": "\\@firstoftwo{}{#1}",
  "\\errmessage": "\\@firstoftwo{}{#1}",
  "\\show": "",
};

/**
 * The deck's HTML for a plan. The fit step calls it again with re-planned slides (and a
 * diagnostics sink of its own, so problems already reported are not repeated).
 */
export function renderPlan(
  article: Article,
  plan: Plan,
  opts: ResolvedOptions,
  diags: Diagnostics,
  media = new Map<string, string>(),
  memo?: RenderMemo,
): string {
  const md = memo ? memo.markdown("render", renderMarkdown) : renderMarkdown();
  const ctx: RenderContext = {
    md,
    diags,
    macros: { ...MATHJAX_MACROS, ...QUIET_TEX, ...article.source.meta.macros },
    math: createMathBudget(),
    baseDir: opts.baseDir,
    root: opts.root,
    media,
    resolved: new Map(),
    lang: plan.lang,
    headingFloor: article.outline.explicit ? 1 : 3,
    fragments: opts.fragments ?? article.source.meta.fragments ?? false,
    allowHtml: opts.allowHtml,
    highlighted: new WeakMap(),
    blockTexts: new WeakMap(),
    dialect: settingsOf(article.source.meta, article.source.text),
    ...(memo && { memo }),
  };
  const pacing = pacingOf(
    plan.stacks.flatMap((s) => s.slides),
    article,
    diags,
  );
  const slidesHtml = renderSlides(plan, article, ctx, pacing?.timings);
  return renderDocument({ plan, meta: article.source.meta, slidesHtml, metrics: opts.metrics, pacing, generator: `Lectern ${VERSION}` });
}

function renderMarkdown(): MarkdownIt {
  const md = createMarkdown();
  installRenderRules(md);
  return md;
}

/** A block that shows nothing: it holds the place of a slide whose only content is its background. */
function emptyBlock(md: MarkdownIt, chunk: number, line: number): Block {
  const token = new new md.core.State("", md, {}).Token("html_block", "", 0);
  token.map = [line, line + 1];
  return { kind: "html", lines: [line, line + 1], chunk, text: "", tokens: [token], units: [] };
}

function emptyArticle(file: string): Article {
  const meta = { macros: {}, marp: false };
  const intro = { heading: -1, title: "", level: 0, blocks: [], children: [] };
  return {
    source: { file, text: "", body: "", bodyLine: 0, meta },
    chunks: [],
    blocks: [],
    outline: { title: "", titleFrom: "file-name", sectionLevel: 0, intro, sections: [], explicit: false },
  };
}
