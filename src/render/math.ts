import katex from "katex";
import "katex/contrib/mhchem";
import type { RenderContext } from "./context.js";
import { mathjaxCompat } from "./mathjax-compat.js";

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

/**
 * TeX → KaTeX HTML + MathML. A bad formula becomes a visible error box and an error
 * diagnostic at its source line; empty math renders nothing and gets a warning.
 */
export function renderTex(tex: string, display: boolean, ctx: RenderContext, line: number, column = 0): string {
  if (tex.trim() === "") {
    ctx.diags.add("warning", "math-empty", "empty formula (`$$$$` or `$ $`) left out", line, column);
    return "";
  }
  try {
    return katex.renderToString(mathjaxCompat(tex), {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      macros: ctx.macros,
      trust: false,
      strict: "ignore",
      maxSize: 50,
      maxExpand: 1000,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^KaTeX parse error:\s*/, "") : String(err);
    ctx.diags.add("error", "math-invalid", `bad formula: ${message}`, line, column);
    const tag = display ? "div" : "span";
    return `<${tag} class="lectern-math-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</${tag}>`;
  }
}
