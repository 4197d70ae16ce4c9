import type { Token } from "markdown-it";
import type { FootnoteMeta } from "../parse/dialects/footnotes.js";
import { asEnv, type FootnoteState, type Pending, type RenderContext } from "./context.js";

/** A footnote longer than this (in characters of text) goes to the speaker notes instead. */
export const LONG_FOOTNOTE = 160;

const stateOf = (ctx: RenderContext): FootnoteState => {
  ctx.footnotes ??= { numbers: new Map(), pending: [] };
  return ctx.footnotes;
};

/** A footnote reference: its number, and the note queued for the slide being rendered. */
export function footnoteRefHtml(token: Token, ctx: RenderContext): string {
  const { label, note } = token.meta as unknown as FootnoteMeta;
  const state = stateOf(ctx);
  let n = state.numbers.get(label);
  if (n === undefined) {
    n = state.numbers.size + 1;
    state.numbers.set(label, n);
  }
  if (!state.pending.some((p) => p.n === n)) {
    const html = ctx.md.renderer.render(note, ctx.md.options, asEnv(ctx));
    const text = html.replace(/<[^>]*>/g, "").trim();
    state.pending.push({ n, html, long: text.length > LONG_FOOTNOTE });
  }
  return `<sup class="lectern-fnref">${n}</sup>`;
}

/** The notes referenced on the slide just rendered: short ones for its foot, long ones for its speaker notes. */
export function takeFootnotes(ctx: RenderContext): { foot: string; notes: string } {
  const state = stateOf(ctx);
  const item = (p: Pending) => `<li value="${p.n}">${p.html}</li>`;
  const short = state.pending.filter((p) => !p.long);
  const long = state.pending.filter((p) => p.long);
  state.pending = [];
  return {
    foot: short.length ? `<ol class="lectern-footnotes">${short.map(item).join("")}</ol>\n` : "",
    notes: long.length ? `<ol class="lectern-footnotes">${long.map(item).join("")}</ol>` : "",
  };
}
