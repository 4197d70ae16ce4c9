import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer-core";

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

/**
 * Open the deck with every slide laid out in its own `width`×`height` box (the measuring
 * layout, which export/pdf also prints from), once fonts and images are ready; `painted`: shown
 * on screen (for pictures of it), else laid out unseen.
 */
export async function openLaidOut(
  page: Page,
  htmlPath: string,
  width: number,
  height: number,
  timeout: number,
  painted = false,
): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width, height });
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load", timeout });
  await page.addStyleTag({ content: MEASURE_CSS(width, height, painted) });
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))));
  });
}

/** The measuring code and stylesheet as text: part of every cached measurement's key (fit/cache). */
export const measuringSource = (): string => [MEASURE_CSS(0, 0, false), openLaidOut.toString(), readMeasures.toString()].join("\n");

export async function measureSlides(page: Page, htmlPath: string, width: number, height: number, timeout: number): Promise<SlideMeasure[]> {
  await openLaidOut(page, htmlPath, width, height, timeout);
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
