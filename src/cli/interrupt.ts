import { constants } from "node:os";

/** Ctrl-C (SIGINT) or SIGTERM while a build runs: the build is asked to stop and clean up. */
export interface Interrupt {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** The exit code for it: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
  readonly exitCode: number;
  /** Stop listening (the process's default handling returns). */
  dispose(): void;
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Listen for SIGINT and SIGTERM. The first aborts `signal` (the caller cleans up, then exits
 * with `exitCode`); a second one exits at once, leaving what the next build sweeps.
 */
export function listenForInterrupt(onFirst: (signal: NodeJS.Signals) => void): Interrupt {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const exitCode = () => (received ? 128 + constants.signals[received] : 0);
  const handler = (signal: NodeJS.Signals) => {
    if (received) process.exit(exitCode());
    received = signal;
    onFirst(signal);
    controller.abort(new Error(`interrupted (${signal})`));
  };
  for (const s of SIGNALS) process.on(s, handler);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return exitCode();
    },
    dispose() {
      for (const s of SIGNALS) process.off(s, handler);
    },
  };
}
