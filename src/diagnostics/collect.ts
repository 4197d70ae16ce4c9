import type { Diagnostic, Severity } from "../types.js";

/** Collects diagnostics for one build. Create one per call; never share between builds. */
export interface Diagnostics {
  readonly file: string;
  readonly list: Diagnostic[];
  /**
   * Record a problem at a 0-based line and 0-based column. Past the first
   * `REPEAT_LIMIT` of one code, one summary diagnostic counts the rest.
   */
  add(severity: Severity, code: string, message: string, line0: number, column0?: number): void;
}

/** One diagnostic at a 0-based line and column of `file`: the one way a diagnostic is made. */
export function diagnostic(file: string, severity: Severity, code: string, message: string, line0 = 0, column0 = 0): Diagnostic {
  return { severity, code, message, file, line: Math.max(0, line0) + 1, column: Math.max(0, column0) + 1 };
}

/** How many diagnostics of one code a file reports before the rest are only counted. */
export const REPEAT_LIMIT = 20;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function createDiagnostics(file: string, repeatLimit = REPEAT_LIMIT): Diagnostics {
  const list: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const summaries = new Map<string, Diagnostic>();
  const make = (severity: Severity, code: string, message: string, line0: number, column0: number) =>
    diagnostic(file, severity, code, message, line0, column0);
  return {
    file,
    list,
    add(severity, code, message, line0, column0 = 0) {
      const count = (seen.get(code) ?? 0) + 1;
      seen.set(code, count);
      if (count <= repeatLimit) {
        list.push(make(severity, code, message, line0, column0));
        return;
      }
      // one summary, at the first diagnostic left out, with the worst severity of those left out
      let summary = summaries.get(code);
      if (!summary) {
        summary = make(severity, code, "", line0, column0);
        summaries.set(code, summary);
        list.push(summary);
      }
      if (RANK[severity] > RANK[summary.severity]) summary.severity = severity;
      summary.message = `… and ${count - repeatLimit} more \`${code}\` in this file`;
    },
  };
}

export function hasErrors(list: readonly Diagnostic[], strict = false): boolean {
  return list.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
