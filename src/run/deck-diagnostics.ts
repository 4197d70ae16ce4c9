import { placeDiagnostics } from "../source/notebook/index.js";
import type { Diagnostic, NotebookOrigin } from "../types.js";
import { MEASURED_CODES } from "./steps/fit.js";

/**
 * A deck's diagnostics: the front half's, then its steps' own. Once the browser has measured
 * the slides, the estimate's guesses about overflow give way to what it saw. The steps' lines
 * are the article's: a notebook's are placed in its JSON (the front half's already are).
 */
export function deckDiagnostics(
  front: readonly Diagnostic[],
  steps: readonly Diagnostic[],
  measured: boolean,
  origin?: NotebookOrigin,
): Diagnostic[] {
  return [...(measured ? front.filter((d) => !MEASURED_CODES.has(d.code)) : front), ...placeDiagnostics(steps, origin)];
}
