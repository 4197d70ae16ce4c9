/**
 * Repairs to the slide XML pptxgenjs writes: one `a:pPr` per paragraph (it repeats the
 * paragraph's properties before every run, which PowerPoint reports as damage), and East-Asian
 * text in the CJK font (it gives `a:ea` the run's Latin typeface, a monospace one for code).
 */
import { escapeHtml } from "../../util/html.js";

const PPR = /<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g;

/** Each paragraph keeps its first `a:pPr` only. */
export const onePPr = (slideXml: string): string =>
  slideXml.replace(/<a:p>[\s\S]*?<\/a:p>/g, (p) => {
    let seen = false;
    return p.replace(PPR, (ppr) => {
      if (seen) return "";
      seen = true;
      return ppr;
    });
  });

/** Every run's `a:ea` typeface is `font`. */
export const eastAsianFont = (slideXml: string, font: string): string =>
  slideXml.replace(/<a:ea typeface="[^"]*"/g, `<a:ea typeface="${escapeHtml(font)}"`);
