/**
 * Formulas written for MathJax (as course material usually is) that KaTeX reads otherwise:
 * macros KaTeX lacks, defined in KaTeX terms, and a few rewrites of the TeX itself. What
 * KaTeX still cannot do stays a `math-invalid` diagnostic, the formula shown as TeX.
 */
export const MATHJAX_MACROS: Readonly<Record<string, string>> = {
  // MathJax's bbm / dsfont double-struck letters (𝟙, ℝ)
  "\\mathbbm": "\\mathbb{#1}",
  "\\mathds": "\\mathbb{#1}",
  "\\mbox": "\\text{#1}",
  // MathJax extensions and equation labels: nothing to show
  "\\require": "\\@firstoftwo{}{#1}",
  "\\label": "\\@firstoftwo{}{#1}",
  // physics-package shorthands
  "\\abs": "\\left\\lvert #1\\right\\rvert",
  "\\norm": "\\left\\lVert #1\\right\\rVert",
};

/** Commands whose argument is text, where MathJax lets `_` stand as itself. */
const TEXT_COMMANDS = /\\(?:text|textrm|textit|textbf|textsf|texttt|textup|textnormal|mbox)\s*\{/g;

/** An unescaped `_` inside a text argument (`\text{num_params}`) becomes `\_`. */
function escapeTextUnderscores(tex: string): string {
  let out = "";
  let last = 0;
  for (const m of tex.matchAll(TEXT_COMMANDS)) {
    const open = (m.index ?? 0) + m[0].length;
    if (open <= last) continue;
    let depth = 1;
    let i = open;
    for (; i < tex.length && depth > 0; i++) {
      if (tex[i] === "\\") i++;
      else if (tex[i] === "{") depth++;
      else if (tex[i] === "}") depth--;
    }
    out += tex.slice(last, open) + tex.slice(open, i).replace(/(^|[^\\])_/g, "$1\\_");
    last = i;
  }
  return out + tex.slice(last);
}

/** MathJax-only TeX rewritten so KaTeX renders it the same. */
export function mathjaxCompat(tex: string): string {
  let out = tex.includes("_") ? escapeTextUnderscores(tex) : tex;
  // eqnarray's three columns (`a &=& b`) are an array of right, centre, left
  if (out.includes("eqnarray"))
    out = out.replace(/\\begin\{eqnarray\*?\}/g, "\\begin{array}{rcl}").replace(/\\end\{eqnarray\*?\}/g, "\\end{array}");
  return out;
}
