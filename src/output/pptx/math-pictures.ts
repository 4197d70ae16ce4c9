/**
 * The pictures behind the equations: each shape that holds a formula is also pictured as the
 * browser drew it, and that picture is the equation's fallback (`mc:Fallback`, output/pptx/
 * math-xml.ts) — what PowerPoint itself writes, so that a reader without Office Math (Office
 * 2007, viewers, converters) shows the formula instead of its TeX.
 */
import type JSZip from "jszip";
import type { Page } from "puppeteer-core";
import type { DeckShapes } from "./model.js";

/** A picture of element `data-lectern-shot="n"` of the page (transparent PNG), or none. */
export async function screenshot(page: Page, n: number): Promise<Uint8Array | undefined> {
  const el = await page.$(`[data-lectern-shot="${n}"]`);
  const png = await el?.screenshot({ type: "png", omitBackground: true }).catch(() => undefined);
  await el?.dispose();
  return png;
}

/** A shape's picture: its slide (0-based) and the PNG. */
interface MathPicture {
  slide: number;
  png: Uint8Array;
}

/** The picture of each shape holding a converted formula, by the index of its first formula. */
export async function pictureMathShapes(
  page: Page,
  deck: DeckShapes,
  omml: readonly (string | undefined)[],
): Promise<Map<number, MathPicture>> {
  const out = new Map<number, MathPicture>();
  for (const [slide, s] of deck.slides.entries()) {
    for (const shape of s.shapes) {
      if (shape.kind !== "text" || shape.shot === undefined) continue;
      const first = shape.paras.flatMap((p) => p.runs).find((r) => r.math !== undefined)?.math;
      if (first === undefined || !shape.paras.some((p) => p.runs.some((r) => r.math !== undefined && omml[r.math] !== undefined))) continue;
      const png = await screenshot(page, shape.shot);
      if (png) out.set(first, { slide, png });
    }
  }
  return out;
}

/** Put the pictures into the package beside their slides; each formula's relationship id. */
export async function addMathPictures(
  zip: JSZip,
  pictures: ReadonlyMap<number, MathPicture>,
  count: number,
): Promise<(string | undefined)[]> {
  const ids: (string | undefined)[] = Array(count).fill(undefined);
  for (const [math, { slide, png }] of pictures) {
    const rels = `ppt/slides/_rels/slide${slide + 1}.xml.rels`;
    const xml = (await zip.file(rels)?.async("string")) ?? "";
    if (!xml.includes("</Relationships>")) continue;
    const id = `rIdLecternMath${math}`;
    const target = `../media/lectern-math-${math}.png`;
    zip.file(`ppt/media/lectern-math-${math}.png`, png);
    zip.file(
      rels,
      xml.replace(
        "</Relationships>",
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${target}"/></Relationships>`,
      ),
    );
    ids[math] = id;
  }
  return ids;
}
