import type { StateCore, Token } from "markdown-it";
import { envIssues } from "../../env.js";

/** ```` ```{=html} ```` — a raw block for one output format. */
const RAW = /^\{=([\w-]+)\}$/;
/** ```` ```{r} ````, ```` ```{python} ````, knitr's ```` ```{r label, echo=FALSE} ````: an executable cell. */
const CELL = /^\{([a-zA-Z][\w+-]*)(?:[\s,]([^}]*))?\}$/;
/** ```` ``` {.python code-line-numbers="4-5"} ```` or ```` ```python {.x} ````: code, the language first. */
const CLASSED = /^\{\s*\.([\w+#-]+)[^}]*\}$|^([\w+#-]+)\s*\{[^}]*\}$/;
/** A cell option line, `#| echo: false` (`//|` in OJS, `--|` in SQL). */
const OPTION = /^\s*(?:#|\/\/|--|%%)\|\s*([\w-]+)\s*:\s*(.*?)\s*$/;
/** TeX that is display math, shown as math rather than dropped. */
const MATH_TEX =
  /^\s*(?:\$\$|\\\[|\\begin\{(?:equation|align|alignat|gather|multline|eqnarray|flalign|split|aligned|gathered|cases|[pbvBV]?matrix)\*?\})/;

/** Languages Quarto runs whose code highlight.js knows by another name. */
const LANGUAGE: Record<string, string> = { ojs: "javascript", ipython: "python", ipython3: "python" };

/**
 * What a fence of a Quarto article shows: raw HTML through the usual sanitizer, raw TeX as
 * display math when it is math (else nothing, with an info), an executable cell as code in its
 * language (`#|` options taken out; `echo: false` / `include: false` hide it). Others are
 * returned as they are.
 */
export function quartoFence(state: StateCore, fence: Token): Token[] {
  const info = fence.info.trim();
  const line = fence.map?.[0] ?? 0;
  const raw = RAW.exec(info);
  if (raw) {
    const format = (raw[1] as string).toLowerCase();
    if (format === "html") return [block(state, fence, "html_block", fence.content)];
    if ((format === "tex" || format === "latex") && MATH_TEX.test(fence.content)) {
      const tex = fence.content
        .trim()
        .replace(/^\$\$([\s\S]*)\$\$$/, "$1")
        .replace(/^\\\[([\s\S]*)\\\]$/, "$1");
      const math = block(state, fence, "math_block", tex.trim());
      math.markup = "$$";
      return [math];
    }
    envIssues(state.env).push({
      severity: "info",
      code: "quarto-raw-dropped",
      message: `raw \`{=${format}}\` block is for another output format; not shown`,
      line,
      column: 0,
    });
    return [];
  }
  const cell = CELL.exec(info);
  if (cell) {
    const knitr = cell[2] ?? "";
    const lines = fence.content.replace(/\n$/, "").split("\n");
    const options: Record<string, string> = {};
    let at = 0;
    for (; at < lines.length; at++) {
      const m = OPTION.exec(lines[at] as string);
      if (!m) break;
      options[(m[1] as string).toLowerCase()] = (m[2] as string).toLowerCase();
    }
    const hidden = (key: string) => options[key] === "false" || new RegExp(`\\b${key}\\s*=\\s*(?:FALSE|F|False)\\b`).test(knitr);
    if (hidden("echo") || hidden("include")) return [];
    const lang = (cell[1] as string).toLowerCase();
    fence.info = LANGUAGE[lang] ?? lang;
    fence.content = `${lines.slice(at).join("\n")}\n`;
    return [fence];
  }
  const classed = CLASSED.exec(info);
  if (classed) fence.info = (classed[1] ?? classed[2] ?? "").toLowerCase();
  return [fence];
}

function block(state: StateCore, fence: Token, type: string, content: string): Token {
  const t = new state.Token(type, type === "math_block" ? "math" : "", 0);
  t.block = true;
  t.content = content;
  t.map = fence.map;
  t.level = fence.level;
  return t;
}
