// Preloaded with `node --import`: reports the process's peak resident memory on exit.
import process from "node:process";
import { writeSync } from "node:fs";

process.on("exit", () => {
  if (process.env.LECTERN_MAXRSS_FD) writeSync(Number(process.env.LECTERN_MAXRSS_FD), `maxrss ${process.resourceUsage().maxRSS}\n`);
});
