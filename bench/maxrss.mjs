// Preloaded with `node --import`: reports the process's peak resident memory on exit.

import { writeSync } from "node:fs";
import process from "node:process";

process.on("exit", () => {
  if (process.env.LECTERN_MAXRSS_FD) writeSync(Number(process.env.LECTERN_MAXRSS_FD), `maxrss ${process.resourceUsage().maxRSS}\n`);
});
