import type { Block, Slide } from "../types.js";
import { pieceHeight } from "./units.js";

/** Share of the slide's width the text of an image-and-text pair gets (it runs that much taller). */
const BESIDE_TEXT = 0.55;

/**
 * What setting `b` beside the slide's last piece adds to the slide's height, when the two are
 * an image and a whole paragraph of the same box (else undefined): a small image beside its
 * text instead of alone on a slide of its own.
 */
export function besideHeight(cur: Slide, b: Block, total: number, blocks: readonly Block[]): number | undefined {
  const prev = cur.pieces[cur.pieces.length - 1];
  const p = prev && blocks[prev.block];
  if (!prev || !p || prev.beside || prev.from !== 0 || prev.to !== p.units.length || p.frame?.id !== b.frame?.id) return undefined;
  const kinds = `${p.kind}+${b.kind}`;
  if (kinds !== "paragraph+image" && kinds !== "image+paragraph") return undefined;
  const prevHeight = pieceHeight(p, 0, p.units.length);
  const [text, image] = p.kind === "image" ? [total, prevHeight] : [prevHeight, total];
  return Math.max(text / BESIDE_TEXT, image) - prevHeight;
}
