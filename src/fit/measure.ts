import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";
import { type DeckSections, keepOnly } from "./sections.js";

/** How one slide's content sits in the slide box, as laid out by the browser. */
export interface SlideMeasure {
  /** `data-lectern-slide` index (order of slides in the plan). */
  slide: number;
  /** Height the content takes (heading + body), px. */
  content: number;
  /** Height available inside the slide's padding, px. */
  limit: number;
  /** Height of the body alone (without the heading), px. */
  body: number;
  /** The content is wider than the slide (px beyond the edge), e.g. a table. */
  overflowX: number;
}

/**
 * Lay every slide out at once, each in its own fixed slide box, and read the content
 * heights in one pass: no slide-by-slide navigation. reveal.js is not started (scripts
 * off); a stylesheet un-hides the slides and stacks them. Unless it is to be `painted` (PPTX
 * takes pictures of it), the page is invisible: laid out in full but never painted (painting
 * and compositing the screen layout of a 1,000-slide deck cost its renderer over half a second,
 * for nothing: the print paints in print media, where it shows, print.ts).
 */
const MEASURE_CSS = (w: number, h: number, painted: boolean) => `${painted ? "" : "html { visibility: hidden !important; }"}
html, body { overflow: visible !important; height: auto !important; }
.reveal, .reveal .slides { position: static !important; width: auto !important; height: auto !important; transform: none !important; overflow: visible !important; inset: auto !important; zoom: 1 !important; perspective: none !important; }
.reveal .slides section { display: block !important; position: relative !important; visibility: inherit !important; opacity: 1 !important; transform: none !important; top: auto !important; left: auto !important; }
.reveal .slides section.lectern-stack { width: auto !important; height: auto !important; padding: 0 !important; }
.reveal .slides section[data-lectern-slide] { width: ${w}px !important; height: ${h}px !important; overflow: hidden !important; box-sizing: border-box !important; margin: 0 0 8px 0 !important; }
.reveal .slides section[data-lectern-slide] > .lectern-body { overflow: visible !important; height: auto !important; }
.reveal .notes, .reveal aside.notes { display: none !important; }
.reveal .slides section .fragment { transform: none !important; }
`;

/** The style that keeps the measuring page from being laid out until its fonts are in. */
const HOLD = "lectern-hold";

/** The deck as the measuring page: the measuring stylesheet, and (until removed) none at all. */
function measuringPage(html: string, width: number, height: number, painted: boolean): string {
  const styles = `<style>${MEASURE_CSS(width, height, painted)}</style><style id="${HOLD}">html { display: none !important; }</style>`;
  const at = html.indexOf("</head>");
  if (at >= 0) return html.slice(0, at) + styles + html.slice(at);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? ""; // not before it: that would be quirks mode
  return doctype + styles + html.slice(doctype.length);
}

export interface LaidOutOptions {
  /** Shown on screen (for pictures of it); else laid out unseen. */
  painted?: boolean;
  /** The page to lay out, if not the file at `htmlPath` (e.g. with some slides emptied: fit/sections `keepOnly`). */
  html?: string;
  /** The name of the measuring page written beside `htmlPath` (two pages opened at once need two). */
  name?: string;
}

/**
 * Open the deck with every slide laid out in its own `width`×`height` box (the measuring
 * layout, which export/pdf also prints from), once fonts and images are ready. The page is
 * written beside the deck with the measuring stylesheet in it (removed once loaded), and is laid
 * out only once the fonts its text needs are in: laid out first and again when the fonts came,
 * a 130-slide deck's text was shaped twice, and its layout took 0.3 s more.
 */
export async function openLaidOut(
  page: Page,
  htmlPath: string,
  width: number,
  height: number,
  timeout: number,
  options: LaidOutOptions = {},
): Promise<void> {
  const html = options.html ?? (await readFile(htmlPath, "utf8"));
  const path = join(dirname(htmlPath), options.name ?? ".lectern-laid-out.html");
  await writeFile(path, measuringPage(html, width, height, options.painted ?? false));
  try {
    await page.setJavaScriptEnabled(false);
    await page.setViewport({ width, height });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load", timeout });
  } finally {
    await rm(path, { force: true });
  }
  await page.evaluate(async (hold) => {
    // the faces whose unicode-range holds a character of the text (every face of the deck's fonts is a subset)
    const points = new Set<number>();
    for (const ch of document.body?.textContent ?? "") points.add(ch.codePointAt(0) as number);
    const ranges = (range: string) =>
      range.split(",").map((part) => {
        const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
        if (!m) return [0, 0x10ffff];
        const from = (m[1] as string).replace(/\?/g, "0");
        const to = m[2] ?? (m[1] as string).replace(/\?/g, "f");
        return [Number.parseInt(from, 16), Number.parseInt(to, 16)];
      });
    // a face for every character (KaTeX's have no unicode-range): its family decides; the rest
    // of KaTeX's come in when the layout asks for them (fonts.ready below)
    const math = document.querySelector(".katex") !== null;
    const common = new Set(["KaTeX_Main", "KaTeX_Math", "KaTeX_AMS", "KaTeX_Size1", "KaTeX_Size2"]);
    const wanted = [...document.fonts].filter((face) => {
      const family = face.family.replace(/^["']|["']$/g, "");
      if (family.startsWith("KaTeX_")) return math && common.has(family);
      const rs = ranges(face.unicodeRange);
      for (const p of points) for (const [a, b] of rs) if (p >= (a as number) && p <= (b as number)) return true;
      return false;
    });
    await Promise.all(wanted.map((face) => face.load().catch(() => undefined)));
    document.getElementById(hold)?.remove();
    // what the layout asks for besides (generated text, a face no character showed): waited for too
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))));
  }, HOLD);
}

/**
 * Open the deck with only the slides `keep` filled in (fit/sections `keepOnly`: the others keep
 * their tags, so the page's structure and the slides' places are the same), laid out as
 * `openLaidOut` does, from a page written beside the deck as `name`.
 */
export const openPart = (
  page: Page,
  at: { htmlPath: string; html: string; sections: DeckSections; keep: ReadonlySet<number>; name: string },
  width: number,
  height: number,
  timeout: number,
): Promise<void> =>
  openLaidOut(page, at.htmlPath, width, height, timeout, { html: keepOnly(at.html, at.sections, at.keep), name: at.name });

/** The measuring code and stylesheet as text: part of every cached measurement's key (fit/cache). */
export const measuringSource = (): string =>
  [MEASURE_CSS(0, 0, false), measuringPage.toString(), openLaidOut.toString(), readMeasures.toString()].join("\n");

/** Lay the deck out (`openLaidOut`, with its options) and read its measures. */
export async function measureSlides(
  page: Page,
  htmlPath: string,
  width: number,
  height: number,
  timeout: number,
  options: LaidOutOptions = {},
): Promise<SlideMeasure[]> {
  await openLaidOut(page, htmlPath, width, height, timeout, options);
  return readMeasures(page);
}

/** The measures of the content slides of the deck the page shows in the measuring layout. */
export function readMeasures(page: Page): Promise<SlideMeasure[]> {
  return page.evaluate(() => {
    const out: { slide: number; content: number; limit: number; body: number; overflowX: number }[] = [];
    for (const section of document.querySelectorAll<HTMLElement>("section[data-lectern-slide]")) {
      if (!section.classList.contains("lectern-slide") && !section.classList.contains("lectern-agenda")) continue;
      const style = getComputedStyle(section);
      const box = section.getBoundingClientRect();
      const top = box.top + Number.parseFloat(style.paddingTop);
      const limit = box.height - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom);
      let bottom = top;
      let right = 0;
      const body = section.querySelector<HTMLElement>(".lectern-body");
      for (const child of section.children) {
        // notes, and a footer in the slide's bottom margin (Quarto's `::: footer`), are not content
        if (child.tagName === "ASIDE" || child.tagName === "FOOTER") continue;
        const r = child.getBoundingClientRect();
        bottom = Math.max(bottom, r.bottom + Number.parseFloat(getComputedStyle(child).marginBottom || "0") * 0);
      }
      if (body) {
        for (const el of body.children) bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
        // how far content reaches to the right: each block's own overflow (scrollWidth counts
        // what sticks out, but not what a clipping box inside hides), and what must scroll
        for (const el of body.children) {
          const r = el.getBoundingClientRect();
          const zoom = r.width / ((el as HTMLElement).offsetWidth || r.width || 1);
          right = Math.max(right, r.left - box.left + Math.max(r.width, el.scrollWidth * zoom));
        }
        for (const el of body.querySelectorAll<HTMLElement>(".katex-display, pre, table")) {
          if (el.scrollWidth <= el.clientWidth + 1) continue;
          const r = el.getBoundingClientRect();
          const zoom = r.width / (el.offsetWidth || r.width || 1);
          right = Math.max(right, r.left - box.left + el.scrollWidth * zoom);
        }
      }
      const bodyTop = body?.getBoundingClientRect().top ?? top;
      out.push({
        slide: Number(section.dataset.lecternSlide),
        content: bottom - top,
        limit,
        body: bottom - bodyTop,
        overflowX: Math.max(0, right - (box.width - Number.parseFloat(style.paddingRight))),
      });
    }
    return out;
  });
}
