import type { Diagnostic } from "../types.js";
import { MEASURED_CODES } from "./steps/fit.js";

/**
 * A deck's diagnostics: the front half's, then its steps' own. Once the browser has measured
 * the slides, the estimate's guesses about overflow give way to what it saw.
 */
export function deckDiagnostics(front: readonly Diagnostic[], steps: readonly Diagnostic[], measured: boolean): Diagnostic[] {
  return [...(measured ? front.filter((d) => !MEASURED_CODES.has(d.code)) : front), ...steps];
}
