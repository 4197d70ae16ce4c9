import type { MarkdownIt, Token } from "markdown-it";
import { fenceLanguage } from "../parse/blocks.js";
import type { AdmonitionMeta } from "../parse/dialects/alerts.js";
import { escapeHtml as escapeAttr } from "../util/html.js";
import { fromEnv, type RenderContext } from "./context.js";
import { DIAGRAM_LANGS } from "./diagrams.js";
import { footnoteRefHtml } from "./footnotes.js";
import { escapeCode, highlight } from "./highlight.js";
import { renderTex } from "./math.js";
import { checkAlt, keywordStyle, resolveImage } from "./media.js";
import { installQuartoRules, quartoImageAttrs } from "./quarto.js";
import { roleHtml } from "./roles.js";
import { sanitizeHtml } from "./sanitize.js";
import { numberOf } from "./xrefs.js";

interface Located {
  line?: number;
  column?: number;
}

const where = (t: Token) => (t.meta ?? {}) as Located;

/** `#slug` → `slug` as written in headings' anchors (`%20`-style escapes decoded). */
function safeDecode(href: string): string {
  try {
    return `#${decodeURIComponent(href.slice(1))}`;
  } catch {
    return href;
  }
}

/** A d2lbook `:width:` (or MyST `:width:` option) on an image: a CSS width, capped by the slide. */
function imageWidth(t: Token): string {
  const width = (t.meta as { width?: string } | null)?.width;
  if (!width || !/^\d+(\.\d+)?(px|%|em|rem)?$/.test(width.trim())) return "";
  const value = /^\d+(\.\d+)?$/.test(width.trim()) ? `${width.trim()}px` : width.trim();
  return ` style="width:${value};max-width:100%"`;
}

/** A box (GitHub alert, MyST admonition): its kind as a class, its title (or the kind's name) on top. */
function admonitionOpen(t: Token): string {
  const meta = (t.meta ?? { kind: "note" }) as AdmonitionMeta;
  const kind = meta.kind.replace(/[^\w-]/g, "");
  const title = meta.title ?? kind.charAt(0).toUpperCase() + kind.slice(1);
  const cont = meta.continued ? `<span class="lectern-cont">${escapeCode(meta.continued)}</span>` : "";
  const cls = meta.continued ? " lectern-admonition-continued" : "";
  return `<div class="lectern-admonition lectern-admonition-${kind}${cls}">${title ? `<p class="lectern-admonition-title">${escapeCode(title)}${cont}</p>` : ""}\n`;
}

/** Render code, reporting an unknown language once per block (a diagram shown as code is not one). */
export function renderCode(code: string, lang: string, ctx: RenderContext, line: number): string[] {
  const result = ctx.memo ? ctx.memo.code(`${lang}\0${code}`, () => highlight(code, lang)) : highlight(code, lang);
  if (!result.known && !DIAGRAM_LANGS.has(lang))
    ctx.diags.add("warning", "code-language", `unknown code language \`${lang}\`; shown without highlighting`, line, 0);
  return result.lines;
}

export function codeHtml(lines: string[], lang: string): string {
  const cls = lang ? ` class="hljs language-${escapeAttr(lang)}"` : ` class="hljs"`;
  return `<pre class="lectern-code"><code${cls}>${lines.join("\n")}</code></pre>\n`;
}

/** Install Lectern's renderer rules on a per-build markdown-it instance. `env` is the RenderContext. */
export function installRenderRules(md: MarkdownIt): void {
  const rules = md.renderer.rules;
  rules.math_inline = (tokens, idx, _o, env) => {
    const t = tokens[idx] as Token;
    const html = renderTex(t.content, false, fromEnv(env), where(t).line ?? 0, where(t).column ?? 0);
    const after = (t.meta as { after?: string } | null)?.after;
    return after ? `<span class="lectern-nobr">${html}${escapeCode(after)}</span>` : html;
  };
  rules.math_inline_display = (tokens, idx, _o, env) => {
    const t = tokens[idx] as Token;
    return renderTex(t.content, true, fromEnv(env), where(t).line ?? 0, where(t).column ?? 0);
  };
  rules.math_block = (tokens, idx, _o, env) => {
    const t = tokens[idx] as Token;
    return `<div class="lectern-math-display">${renderTex(t.content, true, fromEnv(env), t.map?.[0] ?? 0)}</div>\n`;
  };
  rules.fence = (tokens, idx, _o, env) => {
    const t = tokens[idx] as Token;
    const lang = fenceLanguage(t.info);
    const line = t.map?.[0] ?? 0;
    if (lang === "math") return `<div class="lectern-math-display">${renderTex(t.content, true, fromEnv(env), line)}</div>\n`;
    return codeHtml(renderCode(t.content.replace(/\n$/, ""), lang, fromEnv(env), line), lang);
  };
  rules.code_block = (tokens, idx) => codeHtml((tokens[idx] as Token).content.replace(/\n$/, "").split("\n").map(escapeCode), "");
  rules.image = (tokens, idx, options, env, self) => {
    const t = tokens[idx] as Token;
    const alt = self.renderInlineAsText(t.children ?? [], options, env);
    const src = String(t.attrGet("src") ?? "");
    const target = resolveImage(src, fromEnv(env), where(t).line ?? 0, where(t).column ?? 0);
    checkAlt(alt, src, fromEnv(env), where(t).line ?? 0, where(t).column ?? 0);
    if (target === null) {
      return `<span class="lectern-missing-image" role="img" aria-label="${escapeAttr(alt)}">${escapeCode(alt || src)}<small>${escapeCode(src)}</small></span>`;
    }
    const title = t.attrGet("title") as string | null;
    const width = imageWidth(t) || quartoImageAttrs(t) || keywordStyle(t.meta);
    return `<img src="${escapeAttr(target)}" alt="${escapeAttr(alt)}"${title ? ` title="${escapeAttr(title)}"` : ""}${width}>`;
  };
  const raw = (content: string, ctx: RenderContext, line: number, column: number): string => {
    if (ctx.allowHtml) return content;
    const { html, removed } = sanitizeHtml(content);
    if (removed.length) {
      ctx.diags.add(
        "warning",
        "html-removed",
        `raw HTML filtered: removed ${removed.join(", ")} (--allow-html trusts raw HTML)`,
        line,
        column,
      );
    }
    return html;
  };
  rules.html_block = (tokens, idx, _o, env) => {
    const t = tokens[idx] as Token;
    return raw(t.content, fromEnv(env), t.map?.[0] ?? 0, 0);
  };
  rules.html_inline = (tokens, idx, _o, env) => {
    const t = tokens[idx] as Token;
    return raw(t.content, fromEnv(env), where(t).line ?? 0, where(t).column ?? 0);
  };
  rules.dialect_role = (tokens, idx, _o, env) => roleHtml(tokens[idx] as Token, fromEnv(env), where(tokens[idx] as Token).line ?? 0);
  const linkOpen = rules.link_open;
  rules.link_open = (tokens, idx, options, env, self) => {
    // an in-article link (`#slug` as GitHub computes it) goes to the slide of its heading
    const t = tokens[idx] as Token;
    const href = String(t.attrGet("href") ?? "");
    const target = href.startsWith("#") ? fromEnv(env).refs?.get(safeDecode(href)) : undefined;
    if (target) t.attrSet("href", `#${target.slide}`);
    return linkOpen ? linkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  rules.table_open = (tokens, idx, options, env, self) => {
    // a caption (d2lbook `:caption` line) is Markdown: `$…$` in it is math
    const caption = ((tokens[idx] as Token).meta as { caption?: string } | null)?.caption;
    const n = numberOf(tokens[idx], fromEnv(env).refs);
    const number = n ? `<span class="lectern-caption-number">${escapeCode(n)}</span> ` : "";
    const html = caption || n ? `<caption>${number}${caption ? fromEnv(env).md.renderInline(caption, env) : ""}</caption>\n` : "";
    return `${self.renderToken(tokens, idx, options)}${html}`;
  };
  rules.footnote_ref = (tokens, idx, _o, env) => footnoteRefHtml(tokens[idx] as Token, fromEnv(env));
  rules.admonition_open = (tokens, idx) => admonitionOpen(tokens[idx] as Token);
  rules.admonition_close = () => "</div>\n";
  rules.task_box = (tokens, idx) =>
    (tokens[idx]?.meta as { done?: boolean } | null)?.done
      ? `<span class="lectern-task-box lectern-task-done" role="img" aria-label="done">☑</span> `
      : `<span class="lectern-task-box" role="img" aria-label="to do">☐</span> `;
  rules.notes_open = () => "";
  rules.notes_close = () => "";
  installQuartoRules(md);
}
