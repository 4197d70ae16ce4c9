import type { Diagnostic, Severity } from "../types.js";

/** Collects diagnostics for one build. Create one per call; never share between builds. */
export interface Diagnostics {
  readonly file: string;
  readonly list: Diagnostic[];
  /** Record a problem at a 0-based line and 0-based column. */
  add(severity: Severity, code: string, message: string, line0: number, column0?: number): void;
}

/** One diagnostic at a 0-based line and column of `file`: the one way a diagnostic is made. */
export function diagnostic(file: string, severity: Severity, code: string, message: string, line0 = 0, column0 = 0): Diagnostic {
  return { severity, code, message, file, line: Math.max(0, line0) + 1, column: Math.max(0, column0) + 1 };
}

export function createDiagnostics(file: string): Diagnostics {
  const list: Diagnostic[] = [];
  return {
    file,
    list,
    add(severity, code, message, line0, column0 = 0) {
      list.push(diagnostic(file, severity, code, message, line0, column0));
    },
  };
}

export function hasErrors(list: readonly Diagnostic[], strict = false): boolean {
  return list.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
