/**
 * Browser-side helpers of the PPTX extraction: text runs and paragraphs of a laid-out element,
 * read from computed styles (so highlight.js classes, the theme's colours and a scaled body
 * come out as the browser shows them). `domHelpers` runs inside the page (it is sent as source
 * text, with dom-slides.ts): it must not use anything from outside its own body.
 */
import type { MathSource, Para, Run } from "./model.js";

export interface DomEnv {
  maths: MathSource[];
  /** The next `data-lectern-shot` number. */
  shots: { next: number };
}

export interface DomHelpers {
  hex(css: string): string | undefined;
  zoomOf(el: Element): number;
  firstFamily(css: string): string;
  isBlock(el: Element): boolean;
  /** Mark `el` for a screenshot; its number. */
  shot(el: Element): number;
  runsOf(el: Element, pre: boolean): Run[];
  /** Paragraphs of a text block: its inline content, one paragraph per block child. */
  parasOf(el: Element): Para[];
  /** Paragraphs of a list, nested lists one level deeper. */
  listParas(list: Element, level: number): Para[];
}

export function domHelpers(env: DomEnv): DomHelpers {
  const hex = (css: string): string | undefined => {
    const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:[,/]\s*([\d.]+%?))?\)/.exec(css);
    if (!m) return undefined;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith("%") ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
    if (alpha < 0.1) return undefined;
    return [m[1], m[2], m[3]]
      .map((v) => Math.round(Number(v)).toString(16).padStart(2, "0"))
      .join("")
      .toUpperCase();
  };
  const zoomOf = (el: Element): number => {
    const body = el.closest(".lectern-body") as HTMLElement | null;
    if (!body?.offsetWidth) return 1;
    return body.getBoundingClientRect().width / body.offsetWidth;
  };
  const firstFamily = (css: string): string => (css.split(",")[0] ?? "").trim().replace(/^["']|["']$/g, "");
  const INLINE = new Set(["inline", "inline-block", "inline-flex", "contents", "none", "ruby"]);
  const isBlock = (el: Element): boolean => !INLINE.has(getComputedStyle(el).display) && !el.classList.contains("katex");
  const shot = (el: Element): number => {
    // an element pictured twice (a display formula, its shape) keeps its one number
    const had = el.getAttribute("data-lectern-shot");
    if (had !== null) return Number(had);
    const n = env.shots.next++;
    el.setAttribute("data-lectern-shot", String(n));
    return n;
  };
  const mathRun = (katex: Element): Run => {
    const math = katex.querySelector("math");
    const tex = katex.querySelector("annotation")?.textContent ?? katex.textContent ?? "";
    const display = katex.closest(".katex-display") !== null;
    env.maths.push({
      mathml: math?.outerHTML ?? "",
      tex,
      display,
      shot: shot(display ? (katex.closest(".katex-display") as Element) : katex),
    });
    const style = getComputedStyle(katex);
    return { text: tex, math: env.maths.length - 1, size: Number.parseFloat(style.fontSize) * zoomOf(katex), color: hex(style.color) };
  };
  const styled = (parent: Element, text: string): Run => {
    const s = getComputedStyle(parent);
    const run: Run = { text, size: Number.parseFloat(s.fontSize) * zoomOf(parent) };
    const color = hex(s.color);
    if (color) run.color = color;
    if (Number.parseInt(s.fontWeight, 10) >= 600) run.bold = true;
    if (s.fontStyle === "italic") run.italic = true;
    if (parent.closest("code, kbd, samp")) run.code = true;
    const a = parent.closest("a[href]") as HTMLAnchorElement | null;
    if (a && /^(https?:|mailto:)/.test(a.href)) run.href = a.href;
    if (s.verticalAlign === "super") run.sup = true;
    if (s.verticalAlign === "sub") run.sub = true;
    return run;
  };
  const runsOf = (el: Element, pre: boolean): Run[] => {
    const out: Run[] = [];
    const walk = (node: Node): void => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          let text = child.textContent ?? "";
          if (!pre) text = text.replace(/[\s\n]+/g, " ");
          if (!text) continue;
          if (!pre) {
            out.push(styled(child.parentElement as Element, text));
            continue;
          }
          text.split("\n").forEach((line, i) => {
            const run = styled(child.parentElement as Element, line);
            if (i > 0) run.br = true;
            if (line || i > 0) out.push(run);
          });
          continue;
        }
        if (!(child instanceof Element)) continue;
        if (child.tagName === "BR") {
          out.push({ text: "", br: true });
          continue;
        }
        if (child.classList.contains("katex")) {
          out.push(mathRun(child));
          continue;
        }
        if (child.tagName === "UL" || child.tagName === "OL" || child.tagName === "ASIDE") continue;
        if (getComputedStyle(child).display === "none") continue;
        walk(child);
      }
    };
    walk(el);
    const blank = (r: Run | undefined) => r !== undefined && r.math === undefined && !r.br && r.text.trim() === "";
    while (!pre && blank(out[0])) out.shift();
    while (!pre && blank(out[out.length - 1])) out.pop();
    if (!pre && out.length) {
      const first = out[0] as Run;
      const last = out[out.length - 1] as Run;
      if (first.math === undefined) first.text = first.text.replace(/^ +/, "");
      if (last.math === undefined) last.text = last.text.replace(/ +$/, "");
    }
    return out.filter((r) => r.text !== "" || r.br || r.math !== undefined);
  };
  const alignOf = (el: Element): Para["align"] => {
    const a = getComputedStyle(el).textAlign;
    return a === "center" ? "center" : a === "right" || a === "end" ? "right" : undefined;
  };
  const parasOf = (el: Element): Para[] => {
    const blocks = [...el.children].filter((c) => isBlock(c) && c.tagName !== "ASIDE");
    if (blocks.length === 0) return [{ runs: runsOf(el, false), align: alignOf(el) }];
    const paras: Para[] = [];
    for (const b of blocks) {
      if (b.tagName === "UL" || b.tagName === "OL") paras.push(...listParas(b, 0));
      else paras.push(...parasOf(b));
    }
    return paras;
  };
  const listParas = (list: Element, level: number): Para[] => {
    const paras: Para[] = [];
    const ordered = list.tagName === "OL";
    let n = ordered ? Number((list as HTMLOListElement).start || 1) : 1;
    for (const li of list.children) {
      if (li.tagName !== "LI") continue;
      const s = getComputedStyle(li);
      const before = Number.parseFloat(s.paddingTop) + Number.parseFloat(s.marginTop);
      const own = [...li.children].filter((c) => isBlock(c) && c.tagName !== "UL" && c.tagName !== "OL");
      const runs: Run[] = own.length
        ? own.flatMap((c, i) => runsOf(c, false).map((r, j) => (i > 0 && j === 0 ? { ...r, br: true } : r)))
        : runsOf(li, false);
      const para: Para = { runs, level, bullet: ordered ? "number" : "bullet", before: before * zoomOf(li) };
      if (ordered && paras.every((p) => p.level !== level)) para.start = n;
      if (s.listStyleType === "none") delete para.bullet;
      paras.push(para);
      n++;
      for (const sub of li.children) if (sub.tagName === "UL" || sub.tagName === "OL") paras.push(...listParas(sub, level + 1));
    }
    return paras;
  };
  return { hex, zoomOf, firstFamily, isBlock, shot, runsOf, parasOf, listParas };
}
