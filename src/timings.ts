import { performance } from "node:perf_hooks";
import type { Stage, Timings } from "./types.js";

/**
 * A stopwatch over `into`: `lap(stage)` adds the time since the previous lap (or since the
 * stopwatch started) to that stage. Each build owns its record; nothing is kept between calls.
 */
export interface Stopwatch {
  lap(stage: Stage): void;
  reset(): void;
}

export function stopwatch(into: Timings): Stopwatch {
  let mark = performance.now();
  return {
    lap(stage) {
      const now = performance.now();
      into[stage] = (into[stage] ?? 0) + (now - mark);
      mark = now;
    },
    reset() {
      mark = performance.now();
    },
  };
}
