import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderPlan } from "../../build.js";
import { createDiagnostics } from "../../diagnostics/collect.js";
import { diagramBlocks, withDiagrams } from "../../diagrams/apply.js";
import { renderMermaid } from "../../diagrams/mermaid.js";
import { planArticle } from "../../plan/plan.js";
import type { DeckStep } from "./step.js";

/**
 * Render the deck's diagram fences to inline SVG in the browser page, before the fit measures
 * anything: the article's diagram blocks take their SVG and its size, the deck is planned again
 * and its HTML in the temporary folder rewritten. Re-renders report into a sink of their own.
 */
export const diagrams: DeckStep = {
  name: "diagrams",
  wanted: ({ page, output }) => page !== undefined && diagramBlocks(output.result.article).length > 0,
  async run(work) {
    const { ctx, output, notes, watch } = work;
    const { result } = output;
    const { metrics } = ctx.options;
    const htmlPath = join(work.tmp, "index.html");
    const blocks = diagramBlocks(result.article);
    const page = work.page as NonNullable<typeof work.page>;
    const outcomes = await renderMermaid(page, htmlPath, blocks, metrics, ctx.config.timeout);
    const { article, drawn } = withDiagrams(result.article, blocks, outcomes, metrics, notes);
    watch.lap("browser");
    if (!drawn) return;
    result.article = article;
    result.plan = planArticle(article, metrics, result.plan.lang);
    result.html = renderPlan(article, result.plan, ctx.options, createDiagnostics(ctx.file), undefined, work.memo);
    output.slides = result.plan.stacks.reduce((n, s) => n + s.slides.length, 0);
    await writeFile(htmlPath, result.html);
    watch.lap("browser");
  },
};
