/**
 * Read every slide of the laid-out deck (the fit's measuring layout: each slide in its own
 * box) as shapes: each block's box relative to its slide, its text as runs, tables cell by
 * cell, code line by line, images, formulas. It runs inside the page (`collectDeck` and
 * dom-runs.ts's `domHelpers` are sent as source text): nothing from outside their bodies.
 */
import type { Page } from "puppeteer-core";
import { type DomEnv, type DomHelpers, domHelpers } from "./dom-runs.js";
import type { Box, DeckShapes, Shape, SlideShapes, TableCell, TableShape, TextShape } from "./model.js";

function collectDeck(makeHelpers: (env: DomEnv) => DomHelpers): DeckShapes {
  const env: DomEnv = { maths: [], shots: { next: 0 } };
  const h = makeHelpers(env);
  const root = getComputedStyle(document.documentElement);
  const prop = (name: string) => root.getPropertyValue(name).trim();
  const families = (css: string) => css.split(",").map((f) => f.trim().replace(/^["']|["']$/g, ""));
  const sans = families(prop("--lectern-font-sans"));
  const fonts = {
    sans: sans[0] || "Arial",
    mono: families(prop("--lectern-font-mono"))[0] || "Courier New",
    cjk: sans.find((f) => /SC|TC|CJK|Han|YaHei|PingFang|Hei|Song|JP|KR|Gothic/.test(f)) ?? sans[0] ?? "Arial",
  };
  const themeBg = h.hex(prop("--lectern-bg")) ?? "FFFFFF";
  const slides: SlideShapes[] = [];
  for (const section of document.querySelectorAll<HTMLElement>("section[data-lectern-slide]")) {
    const origin = section.getBoundingClientRect();
    const boxOf = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
    };
    const shapes: Shape[] = [];
    const backdrop = (el: Element): void => {
      const s = getComputedStyle(el);
      const fill = h.hex(s.backgroundColor);
      const box = boxOf(el);
      if (fill && fill !== themeBg) shapes.push({ kind: "rect", box, fill });
      const rule = Number.parseFloat(s.borderLeftWidth) * h.zoomOf(el);
      const ruleColor = h.hex(s.borderLeftColor);
      if (rule >= 2 && ruleColor && s.borderLeftStyle !== "none") shapes.push({ kind: "rect", box: { ...box, w: rule }, fill: ruleColor });
    };
    const textShape = (el: Element, paras: TextShape["paras"], extra: Partial<TextShape> = {}): TextShape => {
      const s = getComputedStyle(el);
      const z = h.zoomOf(el);
      const size = Number.parseFloat(s.fontSize) * z;
      const lh = Number.parseFloat(s.lineHeight);
      return {
        kind: "text",
        box: boxOf(el),
        paras,
        size,
        color: h.hex(s.color) ?? "000000",
        font: h.firstFamily(s.fontFamily),
        bold: Number.parseInt(s.fontWeight, 10) >= 600,
        lineHeight: Number.isFinite(lh) ? (lh * z) / size : 1.2,
        pad: [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map((p) => Number.parseFloat(p) * z) as [
          number,
          number,
          number,
          number,
        ],
        ...(el.querySelector(".katex") || el.classList.contains("katex") ? { shot: h.shot(el) } : {}),
        ...extra,
      };
    };
    const table = (el: HTMLTableElement): TableShape => {
      const first = el.rows[0];
      const cols = first
        ? [...first.cells].flatMap((c) => Array(c.colSpan).fill(c.getBoundingClientRect().width / c.colSpan) as number[])
        : [];
      const cell0 = el.querySelector("td, th") ?? el;
      const s0 = getComputedStyle(cell0);
      const z = h.zoomOf(el);
      const rows = [...el.rows].map((tr) => ({
        h: tr.getBoundingClientRect().height,
        cells: [...tr.cells].map((td): TableCell => {
          const s = getComputedStyle(td);
          const a = s.textAlign;
          const cell: TableCell = {
            paras: h.parasOf(td),
            color: h.hex(s.color) ?? "000000",
            bold: Number.parseInt(s.fontWeight, 10) >= 600,
            align: a === "center" ? "center" : a === "right" || a === "end" ? "right" : "left",
          };
          const fill = h.hex(s.backgroundColor) ?? h.hex(getComputedStyle(tr).backgroundColor);
          if (fill) cell.fill = fill;
          if (td.colSpan > 1) cell.colspan = td.colSpan;
          if (td.rowSpan > 1) cell.rowspan = td.rowSpan;
          return cell;
        }),
      }));
      return {
        kind: "table",
        box: boxOf(el),
        cols,
        rows,
        size: Number.parseFloat(s0.fontSize) * z,
        font: h.firstFamily(s0.fontFamily),
        border: h.hex(s0.borderBottomColor) ?? "CCCCCC",
        pad: [Number.parseFloat(s0.paddingTop) * z, Number.parseFloat(s0.paddingLeft) * z],
      };
    };
    const visit = (el: Element): void => {
      const s = getComputedStyle(el);
      if (s.display === "none" || s.visibility === "hidden" || el.tagName === "ASIDE") return;
      const tag = el.tagName;
      if (tag === "PRE") {
        const code = el.querySelector("code") ?? el;
        const t = textShape(el, [{ runs: h.runsOf(code, true) }], { code: true });
        const cs = getComputedStyle(code);
        t.size = Number.parseFloat(cs.fontSize) * h.zoomOf(el);
        t.lineHeight = (Number.parseFloat(cs.lineHeight) * h.zoomOf(el)) / t.size || 1.35;
        t.font = h.firstFamily(cs.fontFamily);
        const fill = h.hex(s.backgroundColor) ?? h.hex(cs.backgroundColor);
        if (fill) t.fill = fill;
        const border = h.hex(s.borderTopColor);
        if (border && Number.parseFloat(s.borderTopWidth) > 0) t.border = border;
        shapes.push(t);
        return;
      }
      if (tag === "TABLE") {
        shapes.push(table(el as HTMLTableElement));
        return;
      }
      if (tag === "IMG") {
        const src = (el as HTMLImageElement).currentSrc || (el as HTMLImageElement).src;
        const raster = /^data:image\/(png|jpe?g|gif)/.test(src) || /\.(png|jpe?g|gif)(\?|#|$)/i.test(src);
        shapes.push(raster ? { kind: "image", box: boxOf(el), src } : { kind: "image", box: boxOf(el), shot: h.shot(el) });
        return;
      }
      if (["SVG", "svg", "CANVAS", "VIDEO", "IFRAME", "OBJECT", "EMBED"].includes(tag)) {
        const b = boxOf(el);
        if (b.w > 0 && b.h > 0) shapes.push({ kind: "image", box: b, shot: h.shot(el) });
        return;
      }
      if (el.classList.contains("katex-display")) {
        const katex = el.querySelector(".katex");
        if (katex) shapes.push(textShape(el, [{ runs: h.runsOf(el, false), align: "center" }], { valign: "middle" }));
        return;
      }
      if (tag === "UL" || tag === "OL") {
        backdrop(el);
        shapes.push(textShape(el, h.listParas(el, 0), { pad: [0, 0, 0, 0] }));
        return;
      }
      const blocks = [...el.children].filter((c) => h.isBlock(c));
      backdrop(el);
      if (blocks.length === 0) {
        if ((el.textContent ?? "").trim() === "" && !el.querySelector("img, svg, .katex")) return;
        const [img] = el.querySelectorAll("img");
        if (img && (el.textContent ?? "").trim() === "") visit(img);
        else shapes.push(textShape(el, h.parasOf(el)));
        return;
      }
      for (const child of blocks) visit(child);
    };
    for (const child of section.children) visit(child);
    const notes = [...section.querySelectorAll("aside.notes")]
      .flatMap((a) => [...a.children].map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim()))
      .filter(Boolean)
      .join("\n\n");
    const background = h.hex(getComputedStyle(section).backgroundColor) ?? themeBg;
    slides.push({ background, shapes, notes });
  }
  const first = document.querySelector("section[data-lectern-slide]")?.getBoundingClientRect();
  return { width: first?.width ?? 1280, height: first?.height ?? 720, slides, maths: env.maths, fonts };
}

/** The shapes of every slide of the deck the page shows in the measuring layout (fit/measure). */
export async function readDeckShapes(page: Page): Promise<DeckShapes> {
  return (await page.evaluate(`(${collectDeck.toString()})(${domHelpers.toString()})`)) as DeckShapes;
}
