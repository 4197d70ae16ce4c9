// Does each PDF page hold every character its slide shows? A reader's check: the slide's
// visible text, read from the deck laid out in Chromium, against `pdftotext` of its page.
// Used by test/export/pdf-complete.test.ts (through test/pdf-text.ts) and bench/pdf-complete.mjs.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Slide size from the deck page's `Reveal.initialize({... "width":1280,"height":720 ...})`. */
export function deckSize(html) {
  const width = Number(/"width":(\d+)/.exec(html)?.[1]);
  const height = Number(/"height":(\d+)/.exec(html)?.[1]);
  if (!width || !height) throw new Error("not a Lectern deck page (no reveal.js width/height)");
  return { width, height };
}

/**
 * Each slide's visible text, in slide order (`data-lectern-slide`), read in the page (which
 * shows the deck laid out, one box per slide). Left out: KaTeX's MathML copy (`.katex-mathml`,
 * for screen readers), speaker notes, and text nobody sees: `display: none`,
 * `visibility: hidden`, opacity 0 on the element or an ancestor, a fully transparent colour
 * (mhchem's and `\phantom`'s placeholders). `text-transform` is applied as the screen shows it.
 * `unrenderable`: the characters no font on this machine has (the screen draws the font's
 * empty box, `.notdef`, as it would for U+10FFFD; a PDF's ToUnicode can name only one
 * character per glyph, so those boxes cannot all be read back).
 * @param {import("puppeteer-core").Page} page
 * `clipped`: the visible characters the slide cuts off (their centre lies outside the slide
 * box or outside an ancestor that clips its overflow, e.g. KaTeX's horizontal scroller):
 * the screen does not show them, and a PDF printed from this layout keeps them only as
 * clipped-away text (which pdftotext still reads, so the PDF's text alone cannot tell).
 * @returns {Promise<{ text: string, clipped: string, unrenderable: string }[]>}
 */
export function visibleSlideTexts(page) {
  return page.evaluate(() => {
    const hidden = new Map();
    const invisible = (el) => {
      if (!el) return false;
      if (hidden.has(el)) return hidden.get(el);
      const s = getComputedStyle(el);
      // rgba(r, g, b, a) or color(srgb r g b / a): the alpha, when there is one
      const alpha = /^rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)\)$|\/\s*([\d.]+)\)$/.exec(s.color)?.slice(1).find(Boolean);
      const inherited =
        s.display === "none" ||
        Number(s.opacity) === 0 ||
        el.matches(".katex-mathml, aside.notes, script, style, template") ||
        invisible(el.parentElement);
      const result = inherited || s.visibility !== "visible" || (alpha !== undefined && Number(alpha) === 0);
      hidden.set(el, result);
      return result;
    };
    const transform = (text, el) => {
      const t = getComputedStyle(el).textTransform;
      if (t === "uppercase") return text.toUpperCase();
      if (t === "lowercase") return text.toLowerCase();
      return text;
    };
    // a character drawn exactly like U+10FFFD (which no font has) is drawn as the empty box
    const canvas = document.createElement("canvas");
    canvas.width = 96;
    canvas.height = 64;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const drawn = new Map();
    const draw = (font, ch) => {
      const key = `${font}\u0000${ch}`;
      if (!drawn.has(key)) {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.font = font;
        ctx.fillText(ch, 8, 44);
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        drawn.set(key, `${ctx.measureText(ch).width}:${px.join(",")}`);
      }
      return drawn.get(key);
    };
    const noFont = (el, ch) => {
      if (ch.codePointAt(0) < 0x250 || /\s|\p{Cf}/u.test(ch)) return false;
      const s = getComputedStyle(el);
      const font = `${s.fontStyle} ${s.fontWeight} 32px ${s.fontFamily}`;
      return draw(font, ch) === draw(font, "\u{10FFFD}");
    };
    // the box an element's content is cut to: its slide's, and every ancestor's that does
    // not let content overflow (katex-display's horizontal scroller, code blocks)
    const clips = new Map();
    const clipOf = (el, section) => {
      if (clips.has(el)) return clips.get(el);
      const outer =
        el === section ? { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity } : clipOf(el.parentElement, section);
      const s = getComputedStyle(el);
      let clip = outer;
      if (el === section || s.overflowX !== "visible" || s.overflowY !== "visible") {
        const r = el.getBoundingClientRect();
        clip = { ...outer };
        if (el === section || s.overflowX !== "visible") {
          clip.left = Math.max(outer.left, r.left);
          clip.right = Math.min(outer.right, r.right);
        }
        if (el === section || s.overflowY !== "visible") {
          clip.top = Math.max(outer.top, r.top);
          clip.bottom = Math.min(outer.bottom, r.bottom);
        }
      }
      clips.set(el, clip);
      return clip;
    };
    const range = document.createRange();
    /** Is the character at [from, to) of the text node cut off (its centre outside its clip)? */
    const cut = (node, from, to, clip) => {
      range.setStart(node, from);
      range.setEnd(node, to);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return false;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      return x < clip.left - 1 || x > clip.right + 1 || y < clip.top - 1 || y > clip.bottom + 1;
    };
    return [...document.querySelectorAll("section[data-lectern-slide]")].map((section) => {
      const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
      let text = "";
      let clipped = "";
      let unrenderable = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || invisible(el)) continue;
        const clip = clipOf(el, section);
        const shown = transform(node.data, el);
        let at = 0;
        for (const ch of shown) {
          const from = at;
          at += ch.length;
          if (/\s/.test(ch)) continue;
          if (noFont(el, ch)) unrenderable += ch;
          else {
            text += ch;
            if (shown.length === node.data.length && cut(node, from, at, clip)) clipped += ch;
          }
        }
      }
      return { text, clipped, unrenderable };
    });
  });
}

/**
 * One spelling for both sides (the slide's text and the PDF's), applied to each alike:
 * - whitespace goes: line breaks, `-layout` padding and the spaces between words differ by
 *   design, and KaTeX spaces with margins, not characters;
 * - format characters (\p{Cf}) go: KaTeX puts a zero-width space in every `.vlist-s` (a
 *   Safari fix), and Chromium leaves some of them out of the PDF's text (3 on the d2l linear
 *   regression chapter, 4 on quantecon's Kalman filter: the only differences on the corpus
 *   without this step);
 * - NFKC: a ligature glyph read back as `ﬁ` compares as `fi`, full-width and compatibility
 *   forms as their plain letters.
 * No table of math glyphs is needed: KaTeX's fonts map their glyphs to the Unicode code
 * points of its HTML (no private-use code points in KaTeX 0.16's output), and Chromium
 * writes each PDF font's ToUnicode from the text it drew, so `∑`, `−`, `ϕ`, `∥` come back as
 * written. The one glyph that cannot come back is `.notdef` (a box for a character no font
 * has: one ToUnicode entry for many characters), which visibleSlideTexts sets apart.
 */
export function normalise(text) {
  return text.normalize("NFKC").replace(/[\s\p{Cf}\p{Cc}]/gu, "");
}

const tally = (text) => {
  const counts = new Map();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
};

/** Characters of `expected` (with multiplicity) that `actual` lacks, e.g. `"37"`. */
export function missingChars(expected, actual) {
  const have = tally(normalise(actual));
  let missing = "";
  for (const [ch, n] of tally(normalise(expected))) {
    const short = n - (have.get(ch) ?? 0);
    if (short > 0) missing += ch.repeat(short);
  }
  return missing;
}

/** Each page's text (`pdftotext -layout`; pages end with a form feed). */
export function pdfPageTexts(pdfPath) {
  const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", pdfPath, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages = text.split("\f");
  if (pages.at(-1)?.trim() === "") pages.pop();
  return pages;
}

/**
 * Compare a built deck with its PDF. `open(page, htmlPath, width, height, timeout, { painted })` lays the deck out
 * (fit/measure's `openLaidOut`, the layout the PDF is printed from). A page is incomplete
 * when its text lacks a character of the slide (`missing`) or the slide cuts one off (`clipped`).
 * Characters no font can draw are reported apart (`unrenderable`), not as missing.
 * @returns {Promise<{ pages: number, slides: number, incomplete: { page: number, missing: string, clipped: string, text: string }[], unrenderable: { page: number, chars: string }[] }>}
 */
export async function checkDeckPdf({ page, htmlPath, pdfPath, open, timeout = 60_000 }) {
  const { width, height } = deckSize(readFileSync(htmlPath, "utf8"));
  // shown (painted): the measuring layout is otherwise invisible, and invisible text is not text a page must hold
  await open(page, htmlPath, width, height, timeout, { painted: true });
  const slides = await visibleSlideTexts(page);
  const pages = pdfPageTexts(pdfPath);
  const incomplete = [];
  const unrenderable = [];
  slides.forEach(({ text, clipped, unrenderable: chars }, i) => {
    const missing = missingChars(text, pages[i] ?? "");
    if (missing || clipped) incomplete.push({ page: i + 1, missing, clipped: normalise(clipped), text: normalise(text) });
    if (chars) unrenderable.push({ page: i + 1, chars: [...new Set(chars)].join("") });
  });
  return { pages: pages.length, slides: slides.length, incomplete, unrenderable };
}
