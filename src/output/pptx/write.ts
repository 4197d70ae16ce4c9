/**
 * `<deck>.pptx`: the deck as a real PowerPoint file, made from the page the fit laid out —
 * one slide per Lectern slide at the measured positions, text as native runs, tables as
 * tables, formulas as Office equations (a picture where one does not convert), images
 * embedded, speaker notes as notes. Written inside the deck's temporary folder.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";

import type { Page } from "puppeteer-core";
import { typeOfFile } from "../../util/mime.js";
import { readDeckShapes } from "./dom-slides.js";
import { addMathPictures, pictureMathShapes, screenshot } from "./math-pictures.js";
import { type MathXml, placeMath } from "./math-xml.js";
import type { DeckShapes, ImageShape, Shape } from "./model.js";
import { toOmml } from "./omml.js";
import { PptxGenJS } from "./pptxgen.js";
import { addImage, addRect, addTable, addText, type TextLook } from "./shapes.js";
import { eastAsianFont, onePPr } from "./slide-xml.js";

export interface PptxMeta {
  title: string;
  lang: string;
  author?: string | undefined;
  subtitle?: string | undefined;
}

export interface PptxInfo {
  slides: number;
  bytes: number;
  /** Formulas written as native equations. */
  equations: number;
  /** Formulas pictured instead (display) or left as TeX text (inline): they did not convert. */
  pictured: number;
  /** Source lines of formulas that did not convert (their TeX). */
  unconverted: string[];
}

/** A display formula that does not convert becomes the picture of its element. */
function pictureUnconverted(deck: DeckShapes, omml: (string | undefined)[]): void {
  for (const slide of deck.slides) {
    slide.shapes = slide.shapes.map((s): Shape => {
      if (s.kind !== "text" || s.code) return s;
      const runs = s.paras.flatMap((p) => p.runs);
      const only = runs.length === 1 ? runs[0] : undefined;
      const math = only?.math !== undefined ? deck.maths[only.math] : undefined;
      if (only?.math === undefined || !math?.display || omml[only.math] !== undefined) return s;
      return { kind: "image", box: s.box, shot: math.shot };
    });
  }
}

/** An image's data for pptxgenjs (`image/png;base64,…`): the file of the deck, or a screenshot. */
async function imageData(page: Page, img: ImageShape): Promise<string | undefined> {
  if (img.src?.startsWith("data:")) return img.src.slice("data:".length);
  if (img.src?.startsWith("file:")) {
    const path = fileURLToPath(img.src);
    const bytes = await readFile(path).catch(() => undefined);
    return bytes && `${typeOfFile(path)};base64,${bytes.toString("base64")}`;
  }
  if (img.shot === undefined) return undefined;
  const png = await screenshot(page, img.shot);
  return png && `image/png;base64,${Buffer.from(png).toString("base64")}`;
}

/** Write `path` from the deck shown in `page` (the fit's measuring layout, fit/measure). */
export async function writePptx(page: Page, path: string, meta: PptxMeta): Promise<PptxInfo> {
  const deck = await readDeckShapes(page);
  const omml = deck.maths.map((m) => toOmml(m.mathml));
  pictureUnconverted(deck, omml);
  const pictures = await pictureMathShapes(page, deck, omml);
  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: "LECTERN", width: deck.width / 96, height: deck.height / 96 });
  pptx.layout = "LECTERN";
  pptx.title = meta.title;
  if (meta.author) pptx.author = meta.author;
  if (meta.subtitle) pptx.subject = meta.subtitle;
  pptx.company = "Lectern";
  const look: TextLook = { font: deck.fonts.sans, mono: deck.fonts.mono, lang: meta.lang };
  for (const s of deck.slides) {
    const slide = pptx.addSlide();
    slide.background = { color: s.background };
    for (const shape of s.shapes) {
      if (shape.kind === "text") addText(slide, shape, look);
      else if (shape.kind === "table") addTable(slide, shape, look);
      else if (shape.kind === "rect") addRect(slide, shape.box, shape.fill, pptx);
      else {
        const data = await imageData(page, shape);
        if (data) addImage(slide, shape.box, data);
      }
    }
    if (s.notes) slide.addNotes(s.notes);
  }
  const raw = (await pptx.write({ outputType: "nodebuffer" })) as Buffer;
  const zip = await JSZip.loadAsync(raw);
  const maths: MathXml = {
    omml,
    tex: deck.maths.map((m) => m.tex),
    display: deck.maths.map((m) => m.display),
    pictures: await addMathPictures(zip, pictures, deck.maths.length),
  };
  let equations = 0;
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) {
    const placed = placeMath(onePPr(await (zip.file(name) as JSZip.JSZipObject).async("string")), maths);
    equations += placed.equations;
    zip.file(name, eastAsianFont(placed.xml, deck.fonts.cjk));
  }
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  await writeFile(path, bytes);
  const unconverted = deck.maths.filter((_, i) => omml[i] === undefined).map((m) => m.tex);
  return { slides: deck.slides.length, bytes: bytes.length, equations, pictured: unconverted.length, unconverted };
}
