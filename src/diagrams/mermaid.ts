/**
 * Mermaid in the browser, offline: the deck is opened (its fonts and theme, none of its scripts),
 * mermaid's own bundle from node_modules is evaluated into the page, and each diagram is
 * rendered to SVG with the deck's font, labels as SVG text (no `<foreignObject>`: the PDF and
 * the single file keep them as text), ids made from the diagram's own id (`deterministicIds`).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import type { SlideMetrics } from "../plan/metrics.js";
import { type DiagramRoom, diagramRoom, MERMAID_FONT_PX } from "./box.js";
import type { DiagramVariant } from "./variants.js";

export { MERMAID_FONT_PX } from "./box.js";

/**
 * One diagram to render: its SVG id (unique in the deck) and source, and other ways to draw
 * it (diagrams/variants), tried when the slide would show its labels smaller than it may.
 */
export interface DiagramSource {
  id: string;
  text: string;
  variants?: readonly DiagramVariant[];
}

/**
 * What became of one diagram: its SVG at its natural size (px) and label size, or why it is
 * not drawn and at which 1-based line of the diagram.
 */
export type DiagramOutcome =
  | { ok: true; svg: string; width: number; height: number; fontPx: number }
  | { ok: false; message: string; line: number };

/** A variant is taken only when it shows the labels at least this much larger (px). */
const BETTER_PX = 0.5;

const require = createRequire(import.meta.url);

/** mermaid's browser bundle (UMD: it sets `globalThis.mermaid`). */
export const mermaidBundle = (): Promise<string> => readFile(require.resolve("mermaid/dist/mermaid.min.js"), "utf8");

/**
 * Runs in the page: initialize mermaid for the deck and render every source, in order; a
 * diagram the slide shows with labels smaller than `room.label` is drawn its other ways too,
 * and the one showing the largest labels is kept (diagrams/box `diagramScale`).
 */
async function renderAll(sources: DiagramSource[], fontPx: number, room: DiagramRoom, better: number): Promise<DiagramOutcome[]> {
  type Mermaid = {
    initialize(config: object): void;
    parse(text: string): Promise<unknown>;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
  const mermaid = (globalThis as unknown as { mermaid: Mermaid }).mermaid;
  // the deck's text font, and a dark mermaid theme on a dark deck
  const body = document.querySelector(".reveal") ?? document.body;
  const fontFamily = getComputedStyle(body).fontFamily;
  // the theme's background (`--lectern-bg`, on the viewport reveal.js marks when it runs), as rgb
  const probe = document.createElement("div");
  probe.style.color = getComputedStyle(document.documentElement).getPropertyValue("--lectern-bg").trim() || "white";
  document.body.append(probe);
  const fill = getComputedStyle(probe).color;
  probe.remove();
  const [r = 255, g = 255, b = 255] = (fill?.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    deterministicIds: true,
    theme: dark ? "dark" : "neutral",
    fontFamily,
    themeVariables: { fontFamily, fontSize: `${fontPx}px` },
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    class: { htmlLabels: false },
    state: { htmlLabels: false },
  });
  // the glyphs of every label loaded first (a font split by unicode-range loads on demand), so
  // that mermaid measures the text in the font it is drawn in
  await document.fonts.load(`${fontPx}px ${fontFamily}`, sources.map((s) => s.text).join("")).catch(() => undefined);
  await document.fonts.ready;
  const draw = async (id: string, text: string, px: number) => {
    await mermaid.parse(text);
    const { svg } = await mermaid.render(id, text);
    const holder = document.createElement("div");
    holder.innerHTML = svg;
    const el = holder.querySelector("svg");
    if (!el) throw new Error("mermaid gave no SVG");
    const box = (el.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
    const width = Math.ceil(box[2] || Number.parseFloat(el.style.maxWidth) || 400);
    const height = Math.ceil(box[3] || 300);
    for (const attr of ["width", "height", "style"]) el.removeAttribute(attr);
    // the label size the slide shows it at (diagrams/box diagramScale)
    const label = px * Math.min(room.label / px, room.width / Math.max(1, width), room.height / Math.max(1, height));
    return { ok: true as const, svg: el.outerHTML, width, height, fontPx: px, label };
  };
  const out: DiagramOutcome[] = [];
  for (const { id, text, variants } of sources) {
    try {
      let best = await draw(id, text, fontPx);
      for (const v of best.label < room.label - better ? (variants ?? []) : []) {
        const drawn = await draw(id, v.text, v.fontPx).catch(() => undefined);
        document.getElementById(`d${id}`)?.remove();
        if (drawn && drawn.label > best.label + better) best = drawn;
      }
      const { label: _, ...chosen } = best;
      out.push(chosen);
    } catch (err) {
      const e = err as { message?: string; hash?: { loc?: { first_line?: number }; line?: number } };
      // a parser's message: `Parse error on line N:`, the line, a caret, `Expecting …, got …`
      const lines = String(e.message ?? err).split("\n");
      const last = lines[lines.length - 1] as string;
      const expecting = /^Expecting (.*), got '([^']*)'$/.exec(last);
      const wanted = expecting ? (expecting[1] as string).split(", ") : [];
      const some = `${wanted.slice(0, 3).join(", ")}${wanted.length > 3 ? ", …" : ""}`;
      const got = expecting?.[2] === "EOF" ? "the end of the diagram" : `'${expecting?.[2]}'`;
      const unexpected = /^(\d*|EOF)$/.test(expecting?.[2] ?? "") && expecting?.[2] !== "EOF" ? "" : `unexpected ${got}, `;
      const said = expecting ? `${unexpected}expecting ${some}` : (lines[0] as string);
      const message = said.length > 160 ? `${said.slice(0, 157)}…` : said;
      const at = e.hash?.loc?.first_line ?? (e.hash?.line !== undefined ? e.hash.line + 1 : undefined);
      const line = at ?? Number(/line:? (\d+)/i.exec(String(e.message ?? ""))?.[1] ?? 1);
      out.push({ ok: false, message, line: Math.max(1, line) });
      // a failed render may leave its error drawing in the page
      document.getElementById(`d${id}`)?.remove();
    }
  }
  return out;
}

/**
 * Render diagrams in `page` with the deck at `htmlPath` loaded (its fonts, its theme); the
 * page's scripts stay off while the deck loads, and are off again afterwards.
 */
export async function renderMermaid(
  page: Page,
  htmlPath: string,
  sources: readonly DiagramSource[],
  viewport: SlideMetrics,
  timeout: number,
): Promise<DiagramOutcome[]> {
  const bundle = await mermaidBundle();
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width: viewport.width, height: viewport.height });
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load", timeout });
  // the deck's own scripts were skipped as it loaded; only what is evaluated here runs
  await page.setJavaScriptEnabled(true);
  try {
    await page.evaluate(bundle);
    return await page.evaluate(renderAll, [...sources], MERMAID_FONT_PX, diagramRoom(viewport), BETTER_PX);
  } finally {
    await page.setJavaScriptEnabled(false);
  }
}
