import type { Diagnostic } from "../types.js";

/** `file:line:column: severity [code] message`, as compilers print it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} [${d.code}] ${d.message}`;
}

export function summarize(list: readonly Diagnostic[]): string {
  const count = (s: Diagnostic["severity"]) => list.filter((d) => d.severity === s).length;
  const parts: string[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  parts.push(plural(count("error"), "error"), plural(count("warning"), "warning"));
  const infos = count("info");
  if (infos) parts.push(plural(infos, "note"));
  return parts.join(", ");
}
