/** Where the CLI writes: standard output (results, `--json`), standard error (progress, diagnostics). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard error is a terminal (progress lines are shown). */
  tty: boolean;
}

export const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: Boolean(process.stderr.isTTY),
};
