import type { MarkdownIt, Token } from "markdown-it";
import type { ColumnMeta, FragmentMeta } from "../parse/dialects/quarto/transform.js";
import type { Block, Slide } from "../types.js";
import { escapeHtml as esc } from "../util/html.js";
import { asEnv, type RenderContext } from "./context.js";
import { resolveImage } from "./media.js";

/** A CSS length as Quarto writes one: `400` (px), `40%`, `0.5em`. */
function length(value: string | null | undefined): string | undefined {
  const v = (value ?? "").trim();
  if (/^\d+(\.\d+)?$/.test(v)) return `${v}px`;
  return /^\d+(\.\d+)?(px|%|em|rem|vw|vh|in|cm|mm)$/.test(v) ? v : undefined;
}

const CLASS = /^[\w-]+$/;
const attr = (t: Token | undefined, key: string): string | undefined => t?.attrGet(key)?.toString().trim();
const classesOf = (value: string | null | undefined) => (value ?? "").split(/\s+/).filter((c) => CLASS.test(c));

/**
 * An image's `{width=… height=… .absolute top=… .fragment}` (Quarto): its size, its place on
 * the slide when `.absolute`, its classes. Empty when it has none.
 */
export function quartoImageAttrs(t: Token): string {
  const classes = classesOf(attr(t, "class"));
  const style: string[] = [];
  for (const key of ["width", "height"]) {
    const v = length(attr(t, key));
    if (v) style.push(`${key}:${v}`);
  }
  if (classes.includes("absolute")) {
    style.push("position:absolute", "max-width:none");
    for (const key of ["top", "left", "right", "bottom"]) {
      const v = length(attr(t, key));
      if (v) style.push(`${key}:${v}`);
    }
  } else if (style.length) style.push("max-width:100%");
  const cls = classes.length ? ` class="${esc(classes.map((c) => (c === "absolute" ? "lectern-absolute" : c)).join(" "))}"` : "";
  return `${cls}${style.length ? ` style="${esc(style.join(";"))}"` : ""}`;
}

/** Renderer rules of the tokens the Quarto dialect makes: columns side by side, fragments, the footer. */
export function installQuartoRules(md: MarkdownIt): void {
  const rules = md.renderer.rules;
  rules.quarto_columns_open = () => `<div class="lectern-columns-row">\n`;
  rules.quarto_column_open = (tokens, idx) => {
    const width = length(((tokens[idx] as Token).meta as ColumnMeta | null)?.width);
    return `<div class="lectern-column"${width ? ` style="flex:0 1 ${esc(width)}"` : ""}>\n`;
  };
  rules.quarto_fragment_open = (tokens, idx) => {
    const classes = (((tokens[idx] as Token).meta as FragmentMeta | null)?.classes ?? []).filter((c) => CLASS.test(c));
    return `<div class="${esc(["fragment", ...classes.filter((c) => c !== "fragment")].join(" "))}">\n`;
  };
  rules.quarto_footer_open = () => `<footer class="lectern-footer">\n`;
  rules.quarto_footer_close = () => "</footer>\n";
  for (const name of ["quarto_columns", "quarto_column", "quarto_fragment"]) rules[`${name}_close`] = () => "</div>\n";
  rules.span_open = (tokens, idx) => {
    const classes = classesOf(attr(tokens[idx], "class"));
    return classes.length ? `<span class="${esc(classes.join(" "))}">` : "<span>";
  };
}

/** A block that is a slide's `::: footer`. */
export const isFooter = (block: Block | undefined) => block?.tokens[0]?.type === "quarto_footer_open";

/** The deck's footer (`footer:` in front matter), for a slide without one of its own. */
export function deckFooter(ctx: RenderContext): string {
  const footer = ctx.dialect?.quarto?.footer;
  return footer ? `<footer class="lectern-footer">${ctx.md.renderInline(footer, asEnv(ctx))}</footer>\n` : "";
}

/** reveal.js's contrast classes for a background colour (it sets them only once started: the PDF needs them written). */
function contrast(color: string): string | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  const rgb = hex
    ? (hex.length === 3 ? [...hex].map((c) => c + c) : (hex.match(/../g) ?? [])).map((h) => Number.parseInt(h, 16))
    : /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(color)?.slice(1).map(Number);
  if (!rgb || rgb.length < 3) return undefined;
  const [r, g, b] = rgb as [number, number, number];
  return (r * 299 + g * 587 + b * 114) / 1000 < 128 ? "has-dark-background" : "has-light-background";
}

const COLOR = /^(#[0-9a-f]{3,8}|(?:rgb|rgba|hsl|hsla)\([\d\s.,%]+\)|[a-z]+)$/i;

/** The index of the heading a slide was made from: the last one at or before its first block. */
function headingAt(slide: Slide, blocks: readonly Block[]): number {
  const first = slide.pieces[0]?.block;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i] as Block;
    if (b.kind !== "heading") continue;
    if (first !== undefined ? i <= first : b.lines[0] <= slide.line) return i;
  }
  return -1;
}
const headingOf = (slide: Slide, blocks: readonly Block[]) => blocks[headingAt(slide, blocks)];

/** The `::: footer` block written under a slide's heading (before the next one), if any. */
export function footerOf(slide: Slide, blocks: readonly Block[], ctx: RenderContext): number | undefined {
  if (ctx.dialect?.name !== "quarto") return undefined;
  for (let i = headingAt(slide, blocks) + 1; i < blocks.length && blocks[i]?.kind !== "heading"; i++) if (isFooter(blocks[i])) return i;
  return undefined;
}

/**
 * A Quarto slide's heading attributes on its `<section>`: `{.smaller .scrollable}` as classes,
 * `background`, `background-color`, `background-image` (and `-size`, `-position`, `-repeat`,
 * `-opacity`) as reveal.js's `data-background-*` (the image copied like any other), the same
 * background as custom properties the printed page paints.
 */
export function quartoSlideAttrs(slide: Slide, blocks: readonly Block[], ctx: RenderContext): { cls: string; attrs: string } {
  if (ctx.dialect?.name !== "quarto" || slide.kind !== "content") return { cls: "", attrs: "" };
  const heading = headingOf(slide, blocks)?.tokens[0];
  const classes = classesOf(attr(heading, "class"));
  if (ctx.dialect.quarto?.smaller && !classes.includes("smaller")) classes.push("smaller");
  const get = (key: string) => attr(heading, key);
  // a bare `background=` is a colour when it reads as one, else an image
  const attrs: string[] = [];
  const style: string[] = [];
  const background = get("background");
  const color = get("background-color") ?? (background && COLOR.test(background) ? background : undefined);
  const image = get("background-image") ?? (background && !COLOR.test(background) ? background : undefined);
  if (color && COLOR.test(color)) {
    attrs.push(`data-background-color="${esc(color)}"`);
    style.push(`--lectern-slide-bg:${color}`);
    const cls = contrast(color);
    if (cls) classes.push(cls);
  }
  const src = image ? resolveImage(image, ctx, heading?.map?.[0] ?? 0, 0) : null;
  if (src) {
    attrs.push(`data-background-image="${esc(src)}"`);
    style.push(`--lectern-slide-bg-image:url("${encodeURI(src).replace(/"/g, "%22")}")`);
  }
  for (const key of ["size", "position", "repeat", "opacity"]) {
    const v = get(`background-${key}`);
    if (v && /^[\w\s.%-]+$/.test(v)) attrs.push(`data-background-${key}="${esc(v)}"`);
  }
  if (style.length) attrs.push(`style="${esc(style.join(";"))}"`);
  return { cls: classes.map((c) => ` ${c === "smaller" ? "lectern-smaller" : c}`).join(""), attrs: attrs.map((a) => ` ${a}`).join("") };
}
