/**
 * How large a slide shows a diagram: as wide as the slide at most, as tall as a slide's body
 * at most (scaled, never cut), its labels no larger than the deck's text; and how far it may
 * shrink to make room (its labels at the legible floor).
 */
import { MIN_TEXT_PX } from "../plan/legible.js";
import { bodyCapacity, contentWidth, type SlideMetrics } from "../plan/metrics.js";

/**
 * mermaid's label size (px), above its 16 px default: a diagram scaled a little to fit its
 * slide keeps its labels at the legible floor (plan/legible.ts: 16 px).
 */
export const MERMAID_FONT_PX = 18;

/** A diagram grows until its labels are this share of the deck's text. */
const LABEL_SHARE = 0.75;

/** The room a slide gives a diagram (px), and the largest its labels are shown. */
export interface DiagramRoom {
  width: number;
  height: number;
  label: number;
}

export const diagramRoom = (m: SlideMetrics): DiagramRoom => ({
  width: contentWidth(m),
  height: bodyCapacity(m),
  label: m.fontSize * LABEL_SHARE,
});

/** The scale a diagram of natural size `width`×`height`, labels `fontPx`, is shown at. */
export function diagramScale(width: number, height: number, fontPx: number, room: DiagramRoom): number {
  return Math.min(room.label / fontPx, room.width / Math.max(1, width), room.height / Math.max(1, height));
}

/**
 * The size a diagram of natural size `width`×`height` (labels `fontPx`) is shown at, and the
 * height below which its labels would be smaller than the legible floor.
 */
export function diagramBox(
  width: number,
  height: number,
  m: SlideMetrics,
  fontPx = MERMAID_FONT_PX,
): { width: number; height: number; minHeight: number } {
  const k = diagramScale(width, height, fontPx, diagramRoom(m));
  return {
    width: Math.max(1, Math.floor(width * k)),
    height: Math.max(1, Math.floor(height * k)),
    minHeight: Math.ceil((height * MIN_TEXT_PX) / fontPx),
  };
}
