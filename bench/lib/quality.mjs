// Layout quality of a built deck, as a lecturer paging through it would judge it: text too
// small to read, a lead-in stranded at the end of a slide, a near-empty continuation slide,
// prose cut inside a sentence. Read from the deck laid out in Chromium (fit/measure's
// `openLaidOut`, the layout the PDF is printed from). Used by bench/quality.mjs.

/** Smallest legible text on a 1280×720 slide, px (scale included). */
export const MIN_TEXT_PX = 16;
/** A continuation slide filled less than this share of its body is thin. */
export const THIN_SHARE = 0.25;

/**
 * One record per content slide, in slide order: its index, source line, title, whether it
 * continues the slide before, the stack it is in, the smallest effective font size of its
 * visible text (KaTeX counted at the formula's base size, not its sub/superscripts), how full
 * its body is (share of the room below the heading), and its first and last body blocks
 * (tag, text, and for a paragraph whether all of it is bold).
 * @param {import("puppeteer-core").Page} page
 */
export function slideRecords(page) {
  return page.evaluate(() => {
    const zoomOf = (el) => {
      let z = 1;
      for (let e = el; e; e = e.parentElement) z *= Number.parseFloat(getComputedStyle(e).zoom) || 1;
      return z;
    };
    const visible = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) return false;
        if (e.matches(".katex-mathml, aside.notes")) return false;
      }
      return true;
    };
    const blockInfo = (el) => {
      if (!el) return null;
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
      const strong = el.tagName === "P" && el.children.length === 1 && /^(STRONG|B)$/.test(el.children[0].tagName);
      const bold = strong && (el.children[0].textContent ?? "").trim() === text;
      // a paragraph the planner split goes on on the next slide (render/pieces marks it)
      const cut = el.hasAttribute("data-lectern-cut");
      return { tag: el.tagName.toLowerCase(), cls: el.className || "", text, bold, cut };
    };
    const out = [];
    const sections = [...document.querySelectorAll("section[data-lectern-slide]")];
    for (const section of sections) {
      if (!section.classList.contains("lectern-slide")) continue;
      const body = section.querySelector(".lectern-body");
      if (!body) continue;
      const stack = section.parentElement?.classList.contains("lectern-stack") ? section.parentElement : section;
      const slidesInStack = [...stack.querySelectorAll(":scope > section[data-lectern-slide], :scope[data-lectern-slide]")];
      let smallest = Number.POSITIVE_INFINITY;
      let smallestText = "";
      const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? "").trim();
        if (!text) continue;
        const parent = node.parentElement;
        // the CSS of an inline SVG (a diagram's <style>) is no text on the slide
        if (!parent || /^(style|script)$/i.test(parent.tagName) || !visible(parent)) continue;
        const el = parent.closest(".katex") ?? parent;
        // text in an inline SVG (a diagram) is as large as its viewBox is scaled
        const svg = parent.closest("svg");
        const box = svg?.viewBox?.baseVal;
        const k = svg && box?.width ? svg.getBoundingClientRect().width / zoomOf(svg) / box.width : 1;
        const px = Number.parseFloat(getComputedStyle(el).fontSize) * zoomOf(el) * k;
        if (px < smallest) {
          smallest = px;
          smallestText = text.slice(0, 40);
        }
      }
      const style = getComputedStyle(section);
      const box = section.getBoundingClientRect();
      const limit = box.height - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom);
      const heading = section.querySelector(":scope > h2");
      const headingH = heading ? heading.getBoundingClientRect().height + Number.parseFloat(getComputedStyle(heading).marginBottom) : 0;
      const kids = [...body.children];
      const bodyTop = body.getBoundingClientRect().top;
      const bottom = Math.max(bodyTop, ...kids.map((k) => k.getBoundingClientRect().bottom));
      const room = Math.max(1, limit - headingH);
      const pos = slidesInStack.indexOf(section);
      out.push({
        index: Number(section.dataset.lecternSlide),
        line: Number(section.dataset.lecternLine),
        title: (heading?.textContent ?? "").replace(/\s+/g, " ").trim(),
        continued: Boolean(section.querySelector(":scope > h2 .lectern-cont")),
        lastInStack: pos === slidesInStack.length - 1,
        smallest: Number.isFinite(smallest) ? smallest : null,
        smallestText,
        fill: (bottom - bodyTop) / room,
        first: blockInfo(kids[0]),
        last: blockInfo(kids[kids.length - 1]),
      });
    }
    return out;
  });
}

/** Short connectives that lead into what follows (a paragraph of just this). */
const CONNECTIVE =
  /^(且|并且|而且|所以|因此|于是|则|即|其中|那么|然后|接着|此外|例如|比如|如下|同时|另外|and|so|then|thus|hence|therefore|where|with|i\.e\.|e\.g\.|for example|that is|note|namely)[,，:：.。]?$/i;

/** Words that announce what follows ("有以下几个好处。", "定义如下。", "as follows.", "the following."). */
const ANNOUNCE =
  /(以下|如下|下列|下式)(?!的)|\b(as follows|the following|(shown|given|listed|defined|described|written|stated|summari[sz]ed|illustrated|see|is|are) below)\b|\bbelow[.:]?$/i;

/** True when the last sentence of a paragraph announces what comes next. */
function announces(text) {
  const t = text.trim();
  const ends = "。！？；.!?;";
  let start = t.length && ends.includes(t[t.length - 1]) ? t.length - 1 : t.length;
  while (start > 0 && !ends.includes(t[start - 1])) start--;
  return ANNOUNCE.test(t.slice(start).trim());
}

/** True when a slide's last block introduces what comes after it. */
export function isLeadIn(block) {
  if (!block) return false;
  if (/^h[3-6]$/.test(block.tag)) return true;
  if (block.tag !== "p") return false;
  if (/[:：]$/.test(block.text)) return true;
  if (block.bold && [...block.text].length <= 40) return true;
  return CONNECTIVE.test(block.text) || announces(block.text);
}

const SENTENCE_DONE = /[。！？；.!?;:：…][)）”"’」』\]】]*$/u;

/**
 * Score a deck's records: the slides with text below MIN_TEXT_PX, those ending in a lead-in
 * with a slide after them in the stack, thin continuation slides (and whether each is its
 * group's last), and paragraphs cut inside a sentence across two slides.
 */
export function scoreDeck(records) {
  const small = records.filter((r) => r.smallest !== null && r.smallest < MIN_TEXT_PX - 0.05);
  const leadIns = records.filter((r, k) => !r.lastInStack && records[k + 1]?.continued && isLeadIn(r.last));
  const thin = records
    .map((r, k) => ({ ...r, groupLast: !records[k + 1]?.continued || r.lastInStack }))
    .filter((r) => r.continued && r.fill < THIN_SHARE);
  const midSentence = [];
  records.forEach((r, k) => {
    const next = records[k + 1];
    if (!next?.continued || r.lastInStack) return;
    if (r.last?.cut && !SENTENCE_DONE.test(r.last.text)) midSentence.push({ ...r, next: next.first?.text ?? "" });
  });
  return { slides: records.length, small, leadIns, thin, midSentence };
}
