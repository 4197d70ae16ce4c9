import type { StateCore } from "markdown-it";
import { escapeHtml } from "../../../util/html.js";
import { envIssues } from "../../env.js";
import { dialectOf } from "../dialect.js";

/** `{{< name args >}}`, or `{{{< … >}}}` written to show one as it is. */
const SHORTCODE = /(\{?)\{\{<\s*([\w-]+)([^>]*?)\s*>\}\}(\}?)/g;
const FENCE = /^\s*(`{3,}|~{3,})/;
/** Shortcodes with nothing to show on a slide. */
const SILENT = new Set(["pagebreak", "var", "lipsum", "placeholder"]);

/**
 * Quarto shortcodes, replaced in the text before it is parsed (they sit inside link targets
 * too: `https://{{< meta sub >}}quarto.org`): `meta` gives the front matter's string, `kbd` a
 * key, others nothing (an info says so for those that would have shown something). Code
 * blocks are left as written.
 */
export function replaceShortcodes(state: StateCore): void {
  const settings = dialectOf(state.env);
  if (settings.name !== "quarto" || !state.src.includes("{{<")) return;
  const vars = settings.quarto?.vars ?? {};
  let fence: string | undefined;
  state.src = state.src
    .split("\n")
    .map((line, n) => {
      const f = FENCE.exec(line);
      if (fence !== undefined) {
        if (f && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length && line.trim() === f[1]) fence = undefined;
        return line;
      }
      if (f) {
        fence = f[1];
        return line;
      }
      return line.replace(SHORTCODE, (all, left: string, name: string, args: string, right: string) => {
        if (left && right) return all.slice(1, -1);
        const words = args.trim().split(/\s+/).filter(Boolean);
        if (name === "meta") return left + escapeHtml(vars[words[0] ?? ""] ?? "") + right;
        if (name === "kbd")
          return `${left}<kbd>${escapeHtml((words.find((w) => !w.includes("=")) ?? "").replace(/^"|"$/g, ""))}</kbd>${right}`;
        if (!SILENT.has(name)) {
          envIssues(state.env).push({
            severity: "info",
            code: "quarto-shortcode",
            message: `Quarto shortcode \`{{< ${name} >}}\` is not supported; not shown`,
            line: n,
            column: line.indexOf(all),
          });
        }
        return left + right;
      });
    })
    .join("\n");
}
