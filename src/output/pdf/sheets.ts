/**
 * The deck made a run of page-sized sheets in the page that prints it, and what print.ts does
 * to them: show a range of them alone, and point links across chunks at their sheets.
 */
import type { JSHandle, Page } from "puppeteer-core";
import { SHEET_LINK } from "./join.js";

/**
 * Pages for print, on top of the measuring layout (fit/measure): each slide box is wrapped
 * in a page-sized sheet that starts a new page, with the slide inside it positioned out of
 * flow, and the sheets follow each other directly (no stack containers around them).
 * Chromium then paginates 155 sheets in about 0.7 s; printing the same slides as boxes in
 * the normal flow took 7 s (its fragmentation walks the whole flow per page), and reveal.js's
 * own `?print-pdf` view needs a second page load plus its layout pass. While the sheets are
 * made the page shows nothing on screen (`lectern-printing`): printing lays the deck out in
 * print media anyway, and a screen layout of the sheets first cost 15% of the print. The
 * stylesheet goes in with the sheets, in one task: added after them, a frame between the two
 * laid the sheets out on screen (1.3 s of a 1,000-slide deck's print).
 */
export const PRINT_CSS = (w: number, h: number) => `
html.lectern-printing { display: none !important; }
@media print { html.lectern-printing { display: block !important; visibility: visible !important; } }
@page { size: ${w}px ${h}px; margin: 0; }
html, body { margin: 0 !important; padding: 0 !important; background: var(--lectern-bg); }
html, body, .reveal, .reveal * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.reveal .slides { counter-reset: lectern-page; }
.reveal .slides .lectern-sheet { position: relative; overflow: hidden; z-index: 1; width: ${w}px; height: ${h}px; break-before: page; background: var(--lectern-bg); counter-increment: lectern-page; }
.reveal .slides .lectern-sheet > section { position: absolute !important; inset: 0 !important; margin: 0 !important; padding: calc(var(--lectern-pad-y) * 1px) calc(var(--lectern-pad-x) * 1px); }
.reveal .slides .lectern-sheet::after { content: counter(lectern-page); position: absolute; z-index: 2; right: 16px; bottom: 12px; font: 14px/1 var(--lectern-font-sans); color: var(--lectern-slide-number-fg); font-variant-numeric: tabular-nums; }
`;

/** Put sheets `from` to `to` alone in the deck, their page numbers going on from `from`. */
export const showSheets = (page: Page, sheets: JSHandle<HTMLElement[]>, from: number, to: number) =>
  page.evaluate(
    (sheets, from, to) => {
      const container = document.querySelector<HTMLElement>(".reveal .slides");
      if (!container) return;
      container.replaceChildren(...sheets.slice(from, to));
      container.style.counterReset = `lectern-page ${from}`;
    },
    sheets,
    from,
    to,
  );

/** Where each sheet's elements with an id are: id → sheet index (read from a page holding the whole deck). */
export const sheetHomes = (sheets: JSHandle<HTMLElement[]>) =>
  sheets.evaluate((sheets) => {
    const home: Record<string, number> = {};
    sheets.forEach((sheet, i) => {
      for (const el of sheet.querySelectorAll("[id]")) if (!(el.id in home)) home[el.id] = i;
    });
    return home;
  });

/**
 * Links to an element on a sheet of another chunk (`cuts`: the sheet each chunk starts at)
 * made web links to that sheet (SHEET_LINK: Chromium writes no link to an element not in the
 * document; join.ts makes them internal again), or, with `back`, what they were.
 */
export const retargetLinks = (sheets: JSHandle<HTMLElement[]>, cuts: readonly number[], home: Record<string, number>, back: boolean) =>
  sheets.evaluate(
    (sheets, cuts, home, back, prefix) => {
      if (back) {
        for (const a of document.querySelectorAll<HTMLAnchorElement>("a[data-lectern-href]")) {
          a.setAttribute("href", a.dataset.lecternHref ?? "");
          delete a.dataset.lecternHref;
        }
        return;
      }
      const chunkOf = (i: number) => cuts.filter((c) => c <= i).length;
      sheets.forEach((sheet, i) => {
        for (const a of sheet.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
          const href = a.getAttribute("href") ?? "";
          let id = href.slice(1);
          try {
            id = decodeURIComponent(id);
          } catch {}
          const target = home[id];
          if (target === undefined || chunkOf(target) === chunkOf(i)) continue;
          a.dataset.lecternHref = href;
          a.setAttribute("href", `${prefix}${target}`);
        }
      });
    },
    cuts,
    home,
    back,
    SHEET_LINK,
  );

/**
 * Make the deck the page shows (in the measuring layout) a flat run of sheets, one a page, in
 * slide order (vertical stacks dissolve: they are only containers), with the print stylesheet.
 */
export const makeSheets = (page: Page, width: number, height: number): Promise<JSHandle<HTMLElement[]>> =>
  page.evaluateHandle(
    (css) => {
      // reveal.css restyles any printed page whose root lacks .print-pdf (its Ctrl+P handout look)
      const style = document.createElement("style");
      style.textContent = css;
      document.head.append(style);
      document.documentElement.classList.add("print-pdf", "lectern-printing");
      const container = document.querySelector(".reveal .slides");
      if (!container) return [];
      const sheets = [...container.querySelectorAll<HTMLElement>("section[data-lectern-slide]")].map((slide) => {
        const sheet = document.createElement("div");
        sheet.className = "lectern-sheet";
        sheet.append(slide);
        return sheet;
      });
      container.replaceChildren(...sheets);
      return sheets;
    },
    PRINT_CSS(width, height),
  );
