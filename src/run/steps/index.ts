/**
 * The steps of one deck, in order, over its temporary folder (which already holds the rendered
 * deck and its assets): a step runs when the deck wants it, and each may use what the steps
 * before it made. Like markdown-it's rule lists, reading this list tells how a deck is built.
 */
import { blocked } from "./blocked.js";
import { browserPage } from "./browser-page.js";
import { diagrams } from "./diagrams.js";
import { fit } from "./fit.js";
import { handouts } from "./handouts.js";
import { pdf } from "./pdf.js";
import { pptx } from "./pptx.js";
import { record } from "./record.js";
import { singleFile } from "./single-file.js";
import type { DeckStep } from "./step.js";

export const STEPS: readonly DeckStep[] = [browserPage, diagrams, fit, pptx, pdf, handouts, blocked, singleFile, record];
