/**
 * A code cell's outputs as Markdown: text as plain `output` blocks (stderr and errors with
 * classes of their own), images embedded as `data:` URLs (the deck, its single file and its
 * PDF need nothing else), HTML as a raw HTML block (the render stage's sanitizer filters it as
 * any raw HTML), Markdown and LaTeX as they are.
 */
import { isObject, type Json, type JsonObject, joinText, type NotebookOutput } from "./read.js";

/** The largest embedded image (base64 characters, ≈ 3.75 MB of image) an output may hold. */
export const MAX_IMAGE_BASE64 = 5_000_000;
/** Lines of text an output shows; the rest are counted on its last line. */
export const MAX_OUTPUT_LINES = 500;

/** One output as Markdown, at the offset of the output it comes from. */
export interface OutputPart {
  markdown: string;
  offset: number;
}

export interface OutputProblem {
  code: string;
  message: string;
  offset: number;
}

const RASTER = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/** Terminal colour codes and cursor moves (tracebacks, progress bars), and text overwritten by `\r`. */
export function plainTerminalText(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g, "")
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r", line.length - 2) + 1).replace(/\r$/, ""))
    .join("\n");
}

/** A fence of backticks longer than any run of them at a line start of `text`. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/^ {0,3}(`{3,})/gm)].map((m) => (m[1] as string).length));
  return "`".repeat(longest + 1);
}

function textBlock(text: string, lang: string, offset: number, problems: OutputProblem[]): string {
  let lines = plainTerminalText(text).replace(/\n+$/, "").split("\n");
  if (lines.length > MAX_OUTPUT_LINES) {
    const more = lines.length - MAX_OUTPUT_LINES;
    problems.push({ code: "notebook-output-long", message: `an output of ${lines.length} lines: the last ${more} are left out`, offset });
    lines = [...lines.slice(0, MAX_OUTPUT_LINES), `… ${more} more lines`];
  }
  const body = lines.join("\n");
  const fence = fenceFor(body);
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** A base64 image, unless it is over the cap (then a warning, and nothing shown). */
function image(mime: string, data: Json | undefined, offset: number, problems: OutputProblem[]): string | undefined {
  const raw = mime === "image/svg+xml" ? Buffer.from(joinText(data)).toString("base64") : joinText(data).replace(/\s+/g, "");
  if (raw.length > MAX_IMAGE_BASE64) {
    const mb = (raw.length / 1_000_000).toFixed(1);
    const cap = MAX_IMAGE_BASE64 / 1_000_000;
    problems.push({
      code: "notebook-output-large",
      message: `an embedded ${mime} of ${mb} MB (base64) is over the ${cap} MB cap: left out`,
      offset,
    });
    return undefined;
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw)) {
    problems.push({ code: "notebook-output-invalid", message: `an embedded ${mime} is not base64: left out`, offset });
    return undefined;
  }
  // an SVG as an image runs no script and loads nothing: that is how it is sanitized
  const src = `data:${mime};base64,${raw}`;
  return mime === "image/svg+xml" ? `<img src="${src}" alt="">` : `![](${src})`;
}

/** HTML output as one raw HTML block: a blank line would end it, so blank lines become comments. */
function html(text: string): string {
  const body = text
    .replace(/<style[\s>][\s\S]*?<\/style\s*>/gi, "")
    .replace(/(<table\b[^>]*?)\s+border="\d+"/gi, "$1")
    .replace(/\n[ \t]*(?=\n)/g, "\n<!-- -->")
    .trim();
  return `<div class="lectern-nb-html">\n${body}\n</div>`;
}

/** LaTeX output (`$…$`, `\[…\]`, an environment) as Lectern's math. */
function latex(text: string): string {
  const t = text.trim();
  if (t.startsWith("$")) return t;
  const bracket = /^\\\[([\s\S]*)\\\]$/.exec(t);
  return `$$\n${bracket ? (bracket[1] as string).trim() : t}\n$$`;
}

/** A rich output (`execute_result`, `display_data`): the best of its representations for a slide. */
function rich(data: JsonObject, offset: number, problems: OutputProblem[]): string | undefined {
  for (const mime of [...RASTER, "image/svg+xml"]) if (data[mime] !== undefined) return image(mime, data[mime], offset, problems);
  const htmlText = joinText(data["text/html"]);
  // a widget or an interactive plot needs its script: its text stands in for it
  const interactive = /<script\b/i.test(htmlText) || data["application/vnd.jupyter.widget-view+json"] !== undefined;
  if (htmlText.trim() && !(interactive && data["text/plain"] !== undefined)) return interactive ? undefined : html(htmlText);
  if (data["text/markdown"] !== undefined) return joinText(data["text/markdown"]).trim();
  if (data["text/latex"] !== undefined) return latex(joinText(data["text/latex"]));
  if (data["text/plain"] !== undefined) return textBlock(joinText(data["text/plain"]), "output", offset, problems);
  return undefined;
}

/** Stream outputs next to each other of one stream are one text, as Jupyter shows them. */
function mergeStreams(outputs: readonly NotebookOutput[]): NotebookOutput[] {
  const merged: NotebookOutput[] = [];
  for (const o of outputs) {
    const last = merged.at(-1);
    if (o.value.output_type === "stream" && last?.value.output_type === "stream" && last.value.name === o.value.name) {
      merged[merged.length - 1] = { ...last, value: { ...last.value, text: joinText(last.value.text) + joinText(o.value.text) } };
    } else merged.push(o);
  }
  return merged;
}

/** A code cell's outputs as Markdown parts, and what was left out. */
export function outputParts(outputs: readonly NotebookOutput[]): { parts: OutputPart[]; problems: OutputProblem[] } {
  const parts: OutputPart[] = [];
  const problems: OutputProblem[] = [];
  for (const { value, offset } of mergeStreams(outputs)) {
    let markdown: string | undefined;
    switch (value.output_type) {
      case "stream": {
        const text = joinText(value.text);
        if (text.trim()) markdown = textBlock(text, value.name === "stderr" ? "output-stderr" : "output", offset, problems);
        break;
      }
      case "error": {
        const traceback = Array.isArray(value.traceback) ? value.traceback.filter((l) => typeof l === "string").join("\n") : "";
        markdown = textBlock(
          traceback.trim() ? traceback : `${joinText(value.ename)}: ${joinText(value.evalue)}`,
          "output-error",
          offset,
          problems,
        );
        break;
      }
      case "execute_result":
      case "display_data":
        if (isObject(value.data)) markdown = rich(value.data, offset, problems);
        break;
    }
    if (markdown) parts.push({ markdown, offset });
  }
  return { parts, problems };
}
