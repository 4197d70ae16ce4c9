/** Problems found while markdown-it parses, collected in the per-parse `env` (never module state). */
export interface ParseIssue {
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  /** 0-based line relative to the parsed text. */
  line: number;
  column: number;
}

export function envIssues(env: unknown): ParseIssue[] {
  const e = env as { lecternIssues?: ParseIssue[] };
  e.lecternIssues ??= [];
  return e.lecternIssues;
}
