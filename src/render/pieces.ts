import type { Token } from "markdown-it";
import { closeOpenTags } from "../parse/html-balance.js";
import { rowsTex } from "../plan/math-rows.js";
import type { Block, Piece } from "../types.js";
import { escapeHtml as escapeText } from "../util/html.js";
import { cloneToken } from "../util/tokens.js";
import { asEnv, type RenderContext } from "./context.js";
import { diagramHtml } from "./diagrams.js";
import { listPieceItems } from "./list-rows.js";
import { codeHtml, renderCode } from "./markdown-rules.js";
import { renderTex } from "./math.js";
import { numberOf } from "./xrefs.js";

const WIDE_END = /[\u3000-\u303f\uff00-\uffef\u2e80-\u9fff]$/;

function inline(tokens: Token[], ctx: RenderContext): string {
  return ctx.md.renderer.renderInline(tokens, ctx.md.options, asEnv(ctx));
}

function tokensHtml(tokens: Token[], ctx: RenderContext): string {
  return ctx.md.renderer.render(tokens, ctx.md.options, asEnv(ctx));
}

/** Sentences of a paragraph, joined with a space unless the previous one ends in CJK. */
function sentences(units: Token[][], ctx: RenderContext): string {
  let out = "";
  for (const unit of units) {
    const html = inline(unit, ctx);
    out += out && !WIDE_END.test(out) ? ` ${html}` : html;
  }
  return out;
}

/** The HTML of units [from, to) of a block. */
export function renderPiece(block: Block, piece: Piece, ctx: RenderContext): string {
  const { from, to } = piece;
  const t = block.tokens;
  switch (block.kind) {
    case "paragraph": {
      // a paragraph that goes on on the next slide is marked (layout checks read it)
      const cut = to < (block.inline ?? []).length ? " data-lectern-cut" : "";
      // attributes an author gave the paragraph (reveal.js `<!-- .element: class="fragment" -->`)
      const own = t[0]?.attrs ? ctx.md.renderer.renderAttrs(t[0]) : "";
      return `<p${own}${cut}>${sentences((block.inline ?? []).slice(from, to), ctx)}</p>\n`;
    }
    case "heading": {
      const level = Math.min(6, Math.max(ctx.headingFloor, block.level ?? 3));
      return `<h${level}>${inline(t[1]?.children ?? [], ctx)}</h${level}>\n`;
    }
    case "columns": {
      const cols = block.columns ?? 1;
      const items = (block.inline ?? []).slice(from * cols, to * cols);
      const lis = items.map((item) => `<li>${inline(item, ctx)}</li>`).join("");
      return `<ul class="lectern-columns" style="column-count:${cols}">${lis}</ul>\n`;
    }
    case "list": {
      const { first, items: picked } = listPieceItems(block, from, to);
      const open = cloneToken(t[0] as Token);
      if (open.type === "ordered_list_open" && first > 0) {
        open.attrs = [...(open.attrs ?? []).filter(([k]) => k !== "start"), ["start", String(Number(open.attrGet("start") ?? 1) + first)]];
      }
      const items = picked.flatMap((item) => {
        if (!ctx.fragments || !item[0]) return item;
        const open = cloneToken(item[0]);
        open.attrs = [...(item[0].attrs ?? [])];
        open.attrJoin("class", "fragment");
        return [open, ...item.slice(1)];
      });
      return tokensHtml([open, ...items, t[t.length - 1] as Token], ctx);
    }
    case "table": {
      const bodyOpen = t.findIndex((x) => x.type === "tbody_open");
      if (bodyOpen < 0) return tokensHtml(t, ctx);
      const rows = (block.ranges ?? []).slice(from, to).flatMap(([a, b]) => t.slice(a, b));
      return tokensHtml([...t.slice(0, bodyOpen + 1), ...rows, ...t.slice(-2)], ctx);
    }
    case "code": {
      if (block.diagram) return diagramHtml(block.diagram);
      // highlight a block once per render, however many slides it is split over
      let lines = ctx.highlighted.get(block);
      if (!lines) {
        lines = renderCode((block.code ?? []).join("\n"), block.lang ?? "", ctx, block.lines[0]);
        ctx.highlighted.set(block, lines);
      }
      const html = codeHtml(lines.slice(from, to), block.lang ?? "");
      return from === 0 && to >= lines.length ? html : splitCode(html, lines.slice(from, to), from, to < lines.length, block.lang ?? "");
    }
    case "math": {
      // a formula broken into rows (plan/math-rows) shows rows [from, to); whole, as written
      const rows = block.mathRows;
      const whole = !rows || (rows.asWritten && from === 0 && to >= rows.rows.length);
      const tex = whole ? (block.code?.[0] ?? "") : rowsTex(rows, from, to);
      // a labelled equation shows the number its references give (`\tag`, unless it has one), on its last rows
      const n = numberOf(t[0], ctx.refs);
      const last = !rows || to >= rows.rows.length;
      const tagged = n && last && !/\\tag\b/.test(tex) ? `${tex}\\tag{${n.replace(/[()]/g, "")}}` : tex;
      return `<div class="lectern-math-display">${renderTex(tagged, true, ctx, block.lines[0])}</div>\n`;
    }
    case "image": {
      const imgs = inline(t[1]?.children ?? [], ctx);
      const alt = (t[1]?.children ?? []).find((c) => c.type === "image");
      const text = alt ? escapeText(ctx.md.renderer.renderInlineAsText(alt.children ?? [], ctx.md.options, asEnv(ctx))) : "";
      const n = numberOf(t[0], ctx.refs);
      const caption = n ? `<span class="lectern-caption-number">${escapeText(n)}</span> ${text}` : text;
      return `<figure class="lectern-figure">${imgs}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>\n`;
    }
    case "notes":
      return notesHtml(block, ctx);
    case "html":
      return closeOpenTags(tokensHtml(t, ctx));
    default:
      return tokensHtml(t, ctx);
  }
}

/**
 * A piece of a code block split over slides: its lines numbered on from where the slide
 * before stopped (`counter-reset`), and marked where it goes on on the next slide.
 */
function splitCode(whole: string, lines: string[], from: number, more: boolean, lang: string): string {
  const numbered = codeHtml(
    lines.map((l) => `<span class="lectern-line">${l}</span>`),
    lang,
  );
  const open = '<pre class="lectern-code"';
  if (!numbered.startsWith(open)) return whole;
  const cls = more ? "lectern-code lectern-code-split lectern-code-more" : "lectern-code lectern-code-split";
  return `<pre class="${cls}" style="counter-reset: lectern-line ${from}"${numbered.slice(open.length)}`;
}

/** Speaker notes of a notes block: `Note:` paragraph, `<!-- note: -->` comment or `::: notes`. */
export function notesHtml(block: Block, ctx: RenderContext): string {
  const t = block.tokens;
  if (block.notePrefix) {
    const children = [...(t[1]?.children ?? [])];
    const first = children[0];
    if (first?.type === "text") {
      const copy = cloneToken(first);
      copy.content = first.content.replace(/^notes?:\s*/i, "");
      children[0] = copy;
    }
    return `<p>${inline(children, ctx)}</p>\n`;
  }
  if (t[0]?.type === "notes_open") return tokensHtml(t.slice(1, -1), ctx);
  if (t[0]?.type === "html_block") return ctx.md.render(block.text, asEnv(ctx));
  return tokensHtml(t, ctx);
}
