/** Where the CLI writes: standard output (results, `--json`), standard error (progress, diagnostics). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard error is a terminal (progress lines are shown). */
  tty: boolean;
  /** The terminal's width and height, when it is one (live progress lines fit them). */
  columns?: () => number | undefined;
  rows?: () => number | undefined;
}

export const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: Boolean(process.stderr.isTTY),
  columns: () => process.stderr.columns,
  rows: () => process.stderr.rows,
};
