/**
 * A slide's look (Marp directives and `![bg]` images, reveal.js `.slide:` attributes) as HTML:
 * classes and attributes of its `<section>`, and a layer behind the content holding the
 * background images, the header and the footer. The layer is an `<aside>`, which the fit's
 * measuring passes over: it never counts as content that overflows.
 */
import type { Article, SlideLook } from "../types.js";
import { escapeHtml as esc } from "../util/html.js";
import { asEnv, type RenderContext } from "./context.js";
import { LOOK_CSS } from "./look-css.js";
import { resolveImage } from "./media.js";
import { scopeCss } from "./scoped-style.js";
import { valueOk } from "./style-attr.js";

export interface LookHtml {
  /** Classes to add to the section (with a leading space). */
  cls: string;
  /** Attributes to add to the section (with a leading space). */
  attrs: string;
  /** The layer behind the content (and the deck's look rules, on the first slide that has a look). */
  layer: string;
}

const NONE: LookHtml = Object.freeze({ cls: "", attrs: "", layer: "" });
/** Class names reveal.js and Lectern give slides themselves. */
const RESERVED = /^(?:present|past|future|stack|visible|fragment|current-fragment|lectern-.*)$/;
const URL = /^url\(\s*(["']?)([^"')]+)\1\s*\)$/i;

/** The look of the chunk a slide's first piece comes from (continuation slides share it). */
export function chunkOf(article: Article, block: number | undefined): number | undefined {
  return block === undefined ? undefined : article.blocks[block]?.chunk;
}

export function lookHtml(article: Article, chunk: number | undefined, ctx: RenderContext): LookHtml {
  const look = chunk === undefined ? undefined : article.chunks[chunk]?.look;
  if (!look) return NONE;
  const classes = (look.class ?? "")
    .split(/\s+/)
    .filter((c) => /^[A-Za-z][\w-]*$/.test(c) && !RESERVED.test(c))
    .map((c) => ` ${c}`);
  const style: string[] = [];
  if (look.backgroundColor && valueOk("background-color", look.backgroundColor)) style.push(`background-color:${look.backgroundColor}`);
  if (look.color && valueOk("color", look.color)) {
    style.push(`color:${look.color}`);
    classes.push(" lectern-look-color");
  } else if (look.backgroundColor && isDark(look.backgroundColor)) classes.push(" lectern-look-dark");
  const backgrounds = [...look.backgrounds];
  const directive = look.backgroundImage && URL.exec(look.backgroundImage.trim());
  if (directive) backgrounds.unshift({ src: directive[2] as string, size: "cover", line: 0, column: 0 });
  const images = backgrounds.map((b) => {
    const src = resolveImage(b.src, ctx, b.line, b.column);
    // a missing background keeps its place (the split stays), marked with its file name
    if (src === null) return `<div class="lectern-look-bg lectern-look-missing"><small>${esc(b.src)}</small></div>`;
    return `<div class="lectern-look-bg"><img src="${esc(src)}" alt="" style="${esc(imageStyle(b.size, b.filter))}"></div>`;
  });
  const split = look.split && images.length ? look.split : undefined;
  if (split) {
    classes.push(` lectern-split lectern-split-${split.side}`);
    style.push(`--lectern-split-ratio:${Math.min(100, Number.parseFloat(split.size)) / 100}`);
  }
  const attrs = [
    ` data-lectern-look="${chunk}"`,
    style.length ? ` style="${esc(style.join(";"))}"` : "",
    look.paginate === false ? " data-lectern-nopage" : "",
    ...Object.entries(look.attrs ?? {})
      .filter(([name]) => /^data-[a-z][\w-]*$/.test(name) && !/^data-(?:background|lectern)/.test(name))
      .map(([name, value]) => ` ${name}="${esc(value)}"`),
  ].join("");
  const parts = [
    images.length
      ? `<div class="lectern-look-bgs${look.vertical ? " lectern-look-vertical" : ""}" aria-hidden="true">${images.join("")}</div>`
      : "",
    look.header ? `<header class="lectern-look-header">${ctx.md.renderInline(look.header, asEnv(ctx))}</header>` : "",
    look.footer ? `<footer class="lectern-look-footer">${ctx.md.renderInline(look.footer, asEnv(ctx))}</footer>` : "",
    styleOf(look, chunk as number, article.chunks[chunk as number]?.line ?? 0, ctx),
  ];
  ctx.looks ??= { css: false, warned: new Set() };
  if (!ctx.looks.css) {
    ctx.looks.css = true;
    parts.push(`<style>${LOOK_CSS}</style>`);
  }
  return { cls: ` lectern-looked${classes.join("")}`, attrs, layer: `<aside class="lectern-look">${parts.join("")}</aside>\n` };
}

/** How a background image fills its part of the slide. */
function imageStyle(size: string, filter: string | undefined): string {
  const fit =
    size === "cover" || size === "contain"
      ? `object-fit:${size};width:100%;height:100%`
      : size === "auto"
        ? "object-fit:none;width:100%;height:100%"
        : /^[\d.]+%$/.test(size)
          ? `object-fit:contain;width:${size};height:${size}`
          : `object-fit:contain;width:${size.split(" ")[0]};height:${size.split(" ")[1] ?? "auto"}`;
  return filter ? `${fit};filter:${filter}` : fit;
}

/** The slide's `<style scoped>`, scoped to it and filtered. */
function styleOf(look: SlideLook, chunk: number, line: number, ctx: RenderContext): string {
  if (!look.style) return "";
  const { css, dropped } = scopeCss(look.style, `section[data-lectern-look="${chunk}"]`);
  ctx.looks ??= { css: false, warned: new Set() };
  if (dropped && !ctx.looks.warned.has(chunk)) {
    ctx.looks.warned.add(chunk);
    ctx.diags.add(
      "warning",
      "style-filtered",
      "<style scoped>: rules or declarations that could load or reach outside the slide were left out",
      line,
      0,
    );
  }
  return css ? `<style>${css.replace(/</g, "\\3c ")}</style>` : "";
}

/** A `#hex` or `rgb()` colour too dark for the theme's dark text on it. */
export function isDark(color: string): boolean {
  const c = color.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(c)?.[1];
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(c);
  let channels: number[] | undefined;
  if (hex) channels = (hex.length === 3 ? [...hex].map((h) => h + h) : (hex.match(/../g) as string[])).map((h) => Number.parseInt(h, 16));
  else if (rgb) channels = [rgb[1], rgb[2], rgb[3]].map(Number);
  if (!channels) return false;
  const [r, g, b] = channels.map((v) => {
    const s = Math.min(255, v) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18;
}
