import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, resolve, sep } from "node:path";
import { escapeHtml } from "../util/html.js";
import type { RenderContext } from "./context.js";

/** The real path (symlinks resolved), so a link cannot lead out of the project. */
function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Where a Markdown image points in the built deck: remote and data URLs as they are,
 * local files copied under `media/` (recorded in `ctx.media`), or `null` when missing.
 */
export function resolveImage(src: string, ctx: RenderContext, line: number, column: number): string | null {
  if (REMOTE.test(src) || src.startsWith("#")) return src;
  if (!ctx.baseDir) return src;
  const cached = ctx.resolved.get(src);
  if (cached !== undefined) return cached;
  let path: string;
  try {
    path = resolve(ctx.baseDir, decodeURI(src.split(/[?#]/)[0] as string));
  } catch {
    path = resolve(ctx.baseDir, src);
  }
  let target: string | null = null;
  const root = realOrSelf(ctx.root ?? ctx.baseDir);
  const real = existsSync(path) ? realOrSelf(path) : path;
  if (real !== root && !real.startsWith(root + sep)) {
    ctx.diags.add(
      "warning",
      "path-outside",
      `image outside the project folder refused: ${src} (allow a wider folder with --root)`,
      line,
      column,
    );
  } else if (existsSync(path) && statSync(path).isFile()) {
    const name = basename(path);
    target = `media/${name}`;
    for (let k = 2; ctx.media.has(target) && ctx.media.get(target) !== path; k++) target = `media/${k}-${name}`;
    ctx.media.set(target, path);
  } else {
    ctx.diags.add("warning", "image-missing", `image not found: ${src}`, line, column);
  }
  ctx.resolved.set(src, target);
  return target;
}

/**
 * Marp's size keywords on an image (`w:300`, `h:200px`, `width:50%`, filters — read and checked
 * by parse/dialects/marp-keywords.ts into `meta.size`): the image's `style` attribute, or "".
 */
export function keywordStyle(meta: unknown): string {
  const size = (meta as { size?: { width?: string; height?: string; filter?: string } } | null)?.size;
  if (!size) return "";
  const css = [
    size.width ? `width:${size.width};max-width:100%` : "",
    size.height ? `height:${size.height};max-height:none` : "",
    size.width && !size.height ? "height:auto" : "",
    size.height && !size.width ? "width:auto" : "",
    size.filter ? `filter:${size.filter}` : "",
  ].filter(Boolean);
  return css.length ? ` style="${escapeHtml(css.join(";"))}"` : "";
}

/**
 * An image with no alt text tells a screen reader nothing (and a tagged PDF's figure has no
 * `/Alt`): warn, at the image. An image meant as decoration can say so with an explicit
 * empty alt in raw HTML (`<img alt="">`); Markdown cannot tell "empty" from "forgotten".
 */
export function checkAlt(alt: string, src: string, ctx: RenderContext, line: number, column: number): void {
  if (alt.trim()) return;
  ctx.diags.add("warning", "image-alt-missing", `image without alt text: ${src} (write ![what it shows](${src}))`, line, column);
}
