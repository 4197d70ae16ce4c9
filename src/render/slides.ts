import { AGENDA_LONG } from "../plan/agenda.js";
import type { Article, Block, Piece, Plan, Slide } from "../types.js";
import { escapeHtml as esc } from "../util/html.js";
import { anchorFor } from "./anchors.js";
import { asEnv, type RenderContext } from "./context.js";
import { takeFootnotes } from "./footnotes.js";
import { framedPiecesHtml } from "./frames.js";
import { langAttr, markFor, markPiece, notesText, pieceText, proseOf, slideMark, withLang } from "./lang-marks.js";
import { notesHtml, renderPiece } from "./pieces.js";
import { deckFooter, footerOf, isFooter, quartoSlideAttrs } from "./quarto.js";
import { chunkOf, lookHtml } from "./slide-look.js";
import { wordsFor } from "./words.js";
import { buildRefTable } from "./xrefs.js";

/** Title text is Markdown inline (`**`, `$…$`, `code`): render it. */
function titleHtml(title: string, ctx: RenderContext): string {
  return ctx.md.renderInline(title, asEnv(ctx));
}

/** The speaker notes, marked with their language when it is not the slide's (`around`). */
function notes(slide: Slide, blocks: readonly Block[], ctx: RenderContext, extra = "", around = ctx.lang): string {
  if (!slide.notes.length && !extra) return "";
  const body = slide.notes.map((i) => notesHtml(blocks[i] as Block, ctx)).join("") + extra;
  const lang = markFor(slide.notes.map((i) => notesText(blocks[i] as Block)).join(" "), around);
  return `<aside class="notes"${langAttr(lang)}>${body}</aside>`;
}

function attrs(slide: Numbered, id: string | undefined, extra = ""): string {
  const idAttr = id ? ` id="${esc(id)}"` : "";
  const timing = slide.timing === undefined ? "" : ` data-timing="${slide.timing}"`;
  return `${idAttr} data-lectern-slide="${slide.index}" data-lectern-line="${slide.line + 1}"${timing}${extra}`;
}

/** A slide with its place in the deck and its pacing seconds (render/pacing). */
type Numbered = Slide & { index: number; timing?: number | undefined };

/** A section title without the number it starts with (`1.背景介绍`, `2 Methods`) when that is its own number: the agenda's disc shows it. */
export function withoutNumber(title: string, n: number): string {
  const m = /^\s*(\d+)(?:\s*[.、:：)）]\s*|\s+)(?=[^\s\d])/.exec(title);
  return m && Number(m[1]) === n ? title.slice(m[0].length) : title;
}

function renderSlide(slide: Numbered, article: Article, plan: Plan, ctx: RenderContext, id: string | undefined): string {
  const words = wordsFor(plan.lang);
  const { meta } = article.source;
  const blocks = article.blocks;
  switch (slide.kind) {
    case "title": {
      const byline = [
        meta.author && `<span class="lectern-author">${esc(meta.author)}</span>`,
        meta.date && `<span class="lectern-date">${esc(meta.date)}</span>`,
      ]
        .filter(Boolean)
        .join(" ");
      const lang = slideMark([proseOf(slide.title ?? ""), proseOf(meta.subtitle ?? "")], ctx.lang);
      return `<section class="lectern-title-slide"${attrs(slide, id, langAttr(lang))}>
<h1 class="lectern-title">${titleHtml(slide.title ?? "", ctx)}</h1>
${meta.subtitle ? `<p class="lectern-subtitle">${titleHtml(meta.subtitle, ctx)}</p>\n` : ""}${byline ? `<p class="lectern-byline">${byline}</p>\n` : ""}${notes(slide, blocks, ctx, "", lang)}</section>`;
    }
    case "agenda": {
      const sections = article.outline.sections;
      const { from, to } = slide.entries ?? { from: 0, to: sections.length };
      const cls = sections.length > AGENDA_LONG ? "lectern-agenda-list lectern-agenda-long" : "lectern-agenda-list";
      const items = sections
        .slice(from, to)
        .map((s, i) => `<li>${titleHtml(withoutNumber(s.title, from + i + 1), ctx)}</li>`)
        .join("");
      // a continued list counts on from where the previous slide stopped
      const zoom = slide.scale && slide.scale < 1 ? `zoom: ${slide.scale.toFixed(3)}; ` : "";
      const start = from > 0 || zoom ? ` style="${zoom}counter-reset: lectern-agenda ${from}"` : "";
      const cont = slide.continued ? `<span class="lectern-cont">${esc(words.continued)}</span>` : "";
      return `<section class="lectern-agenda"${attrs(slide, id)}><h2>${esc(words.agenda)}${cont}</h2><ol class="${cls}"${start}>${items}</ol></section>`;
    }
    case "section": {
      const lang = slideMark([proseOf(slide.title ?? "")], ctx.lang);
      return `<section class="lectern-section-slide"${attrs(slide, id, ` data-lectern-section="${slide.section}"${langAttr(lang)}`)}>
<p class="lectern-section-number">${slide.section}</p><h1>${titleHtml(slide.title ?? "", ctx)}</h1>
${notes(slide, blocks, ctx, "", lang)}</section>`;
    }
    case "content": {
      const showTitle = slide.title !== undefined && (slide.continued || !startsWithHeading(slide, blocks));
      // a Quarto `::: footer` sits at the foot of every slide of its heading, outside the body
      const shown = slide.pieces.filter((p) => !isFooter(blocks[p.block]));
      // `lang` on the slide when all of it is in another language, else on the blocks that are
      const titleText = showTitle ? proseOf(slide.title ?? "") : "";
      // each piece's text read once: for the slide's language and for its own
      const texts = new Map(shown.map((p) => [p, pieceText(blocks[p.block] as Block, p, ctx.blockTexts)]));
      const lang = slideMark([titleText, ...texts.values()], ctx.lang);
      const around = lang ?? ctx.lang;
      const heading = showTitle
        ? withLang(
            `<h2>${titleHtml(slide.title ?? "", ctx)}${slide.continued ? `<span class="lectern-cont">${esc(words.continued)}</span>` : ""}</h2>\n`,
            markFor(titleText, around),
          )
        : "";
      const piece = (b: Block, p: Piece) =>
        markPiece(b, renderPiece(b, p, ctx), markFor(texts.get(p) ?? pieceText(b, p, ctx.blockTexts), around), around);
      const pieces = framedPiecesHtml(shown, blocks, ctx, piece, words.continued);
      const own = footerOf(slide, blocks, ctx);
      const footer = own === undefined ? deckFooter(ctx) : renderPiece(blocks[own] as Block, { block: own, from: 0, to: 1 }, ctx);
      const q = quartoSlideAttrs(slide, blocks, ctx);
      const footnotes = takeFootnotes(ctx);
      const body = pieces + footnotes.foot;
      const scaled = slide.scale && slide.scale < 1 ? ` lectern-scaled" style="zoom:${slide.scale.toFixed(3)}` : "";
      const look = lookHtml(article, chunkOf(article, slide.pieces[0]?.block), ctx);
      return `<section class="lectern-slide${q.cls}${look.cls}"${attrs(slide, id, q.attrs + look.attrs + langAttr(lang))}>
${heading}<div class="lectern-body${scaled}">
${body}</div>
${footer}${notes(slide, blocks, ctx, footnotes.notes, around)}${look.layer}</section>`;
    }
  }
}

/** In a deck cut by `---` a slide shows its own heading: do not add another. */
function startsWithHeading(slide: Slide, blocks: readonly Block[]): boolean {
  const first = slide.pieces[0];
  return first !== undefined && blocks[first.block]?.kind === "heading" && blocks[first.block]?.text === slide.title;
}

/** Each slide's id (from its heading), in deck order; continuation slides have none. */
function slideIds(plan: Plan, taken: Set<string>): (string | undefined)[] {
  const words = wordsFor(plan.lang);
  return plan.stacks
    .flatMap((s) => s.slides)
    .map((slide) => {
      if (slide.kind === "title") return anchorFor("title", taken);
      if (slide.kind === "agenda") return slide.continued ? undefined : anchorFor(words.agenda, taken);
      if (slide.kind === "section") return anchorFor(slide.title ?? "section", taken);
      return slide.continued || slide.title === undefined ? undefined : anchorFor(slide.title, taken);
    });
}

/**
 * The `<section>` elements of the deck: stacks of more than one slide nest vertically.
 * Slide ids come first, so cross-references resolve against the slides of this plan.
 */
export function renderSlides(plan: Plan, article: Article, ctx: RenderContext, timings: readonly (number | undefined)[] = []): string {
  const taken = new Set<string>();
  const ids = slideIds(plan, taken);
  ctx.refs = buildRefTable(plan, article, ids, taken);
  let index = 0;
  return plan.stacks
    .map((stack) => {
      const inner = stack.slides.map((s) => {
        const at = index++;
        return renderSlide({ ...s, index: at, timing: timings[at] }, article, plan, ctx, ids[at]);
      });
      return inner.length === 1 ? inner[0] : `<section class="lectern-stack">\n${inner.join("\n")}\n</section>`;
    })
    .join("\n");
}
