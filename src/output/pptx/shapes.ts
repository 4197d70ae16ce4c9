/**
 * The shapes read from the laid-out deck as pptxgenjs objects: text boxes with runs (autofit
 * off, positions and sizes as measured), native tables, images. Units: pptxgenjs takes
 * inches for positions (96 CSS px each) and points for type (0.75 per px).
 */

import { mathMarker } from "./math-xml.js";
import type { Box, Para, Run, TableShape, TextShape } from "./model.js";
import type { Pptx, PptxSlide, TextProps } from "./pptxgen.js";

type Slide = PptxSlide;

const inch = (px: number): number => Math.max(0, px) / 96;
const pt = (px: number): number => Math.round(px * 0.75 * 100) / 100;

/** Extra width given to a text box (px): PowerPoint's and LibreOffice's line breaking is not Chromium's. */
const SLACK = 6;

export interface TextLook {
  font: string;
  mono: string;
  lang: string;
}

const place = (box: Box, slack = 0) => ({ x: inch(box.x), y: inch(box.y), w: inch(box.w + slack), h: inch(box.h) });

function runProps(run: Run, shape: { size: number; color: string; font: string }, look: TextLook): TextProps["options"] {
  return {
    fontSize: pt(run.size ?? shape.size),
    fontFace: run.code ? look.mono : shape.font,
    color: run.color ?? shape.color,
    ...(run.bold && { bold: true }),
    ...(run.italic && { italic: true }),
    ...(run.sup && { superscript: true }),
    ...(run.sub && { subscript: true }),
    ...(run.href && { hyperlink: { url: run.href } }),
    lang: look.lang,
  };
}

/** One shape's paragraphs as pptxgenjs runs: paragraph options on each run, a break after each paragraph. */
export function textRuns(
  paras: Para[],
  shape: { size: number; color: string; font: string; lineHeight: number },
  look: TextLook,
  code = false,
): TextProps[] {
  const out: TextProps[] = [];
  const lines = code ? splitLines(paras) : paras;
  lines.forEach((para, p) => {
    const indent = pt(shape.size * 1.5);
    const paraOpts: TextProps["options"] = {
      lineSpacing: pt(shape.size * shape.lineHeight),
      ...(para.align && { align: para.align }),
      ...(para.before && p > 0 && { paraSpaceBefore: pt(para.before) }),
      ...(para.level !== undefined && para.bullet === "bullet" && { bullet: { indent }, indentLevel: para.level }),
      ...(para.level !== undefined &&
        para.bullet === "number" && {
          bullet: { type: "number", indent, ...(para.start !== undefined && { numberStartAt: para.start }) },
          indentLevel: para.level,
        }),
      ...(para.level !== undefined && para.bullet === undefined && { indentLevel: para.level }),
    };
    const runs = para.runs.length ? para.runs : [{ text: "" }];
    runs.forEach((run, r) => {
      const text = run.math !== undefined ? mathMarker(run.math) : run.text;
      // pptxgenjs starts a paragraph at each run with a bullet: paragraph options go on the first run only
      const options: TextProps["options"] = {
        ...(r === 0 ? paraOpts : { lineSpacing: paraOpts.lineSpacing }),
        ...runProps(run, shape, look),
      };
      if (run.br && r > 0) options.softBreakBefore = true;
      if (r === runs.length - 1 && p < lines.length - 1) options.breakLine = true;
      out.push({ text, options });
    });
  });
  return out;
}

/** Code: each line its own paragraph (a `br` run starts one). */
function splitLines(paras: Para[]): Para[] {
  const lines: Para[] = [{ runs: [] }];
  for (const run of paras.flatMap((p) => p.runs)) {
    if (run.br) lines.push({ runs: [] });
    if (run.text !== "") (lines[lines.length - 1] as Para).runs.push({ ...run, br: false });
  }
  return lines;
}

export function addText(slide: Slide, t: TextShape, look: TextLook): void {
  const [top, right, bottom, left] = t.pad ?? [0, 0, 0, 0];
  slide.addText(textRuns(t.paras, t, look, t.code), {
    ...place(t.box, t.code ? 0 : SLACK),
    margin: [pt(left), pt(right), pt(bottom), pt(top)],
    valign: t.valign ?? "top",
    fit: "none",
    wrap: !t.code,
    isTextBox: true,
    ...(t.fill && { fill: { color: t.fill } }),
    ...(t.border && { line: { color: t.border, width: 0.75 } }),
    ...(t.bold && { bold: true }),
  });
}

export function addTable(slide: Slide, t: TableShape, look: TextLook): void {
  const rows = t.rows.map((row) =>
    row.cells.map((cell) => ({
      text: textRuns(cell.paras, { size: t.size, color: cell.color, font: t.font, lineHeight: 1.3 }, look).map((r) => ({
        ...r,
        options: { ...r.options, ...(cell.bold && { bold: true }) },
      })),
      options: {
        align: cell.align,
        valign: "middle" as const,
        color: cell.color,
        ...(cell.fill && { fill: { color: cell.fill } }),
        ...(cell.colspan && { colspan: cell.colspan }),
        ...(cell.rowspan && { rowspan: cell.rowspan }),
      },
    })),
  );
  const [padY, padX] = t.pad;
  slide.addTable(rows, {
    ...place(t.box),
    colW: t.cols.map(inch),
    rowH: t.rows.map((r) => inch(r.h)),
    fontSize: pt(t.size),
    fontFace: t.font,
    border: { type: "solid", pt: 0.75, color: t.border },
    margin: [inch(padY), inch(padX), inch(padY), inch(padX)],
    autoPage: false,
  });
}

export function addRect(slide: Slide, box: Box, fill: string, pptx: Pptx): void {
  slide.addShape(pptx.ShapeType.rect, { ...place(box), fill: { color: fill }, line: { type: "none" } });
}

export function addImage(slide: Slide, box: Box, data: string): void {
  slide.addImage({ data, ...place(box) });
}
