import { spawn } from "node:child_process";
import { formatDiagnostic } from "../diagnostics/format.js";
import { serve } from "../serve/serve.js";
import { buildOptions, type CliArgs } from "./args.js";
import type { Io } from "./io.js";

/** Open a URL in the default browser, when the machine has one; failing quietly is fine. */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // no browser to open: the URL is printed anyway
  }
}

/** `lectern serve`: runs until interrupted (Ctrl-C), then closes cleanly with exit code 0. */
export async function serveCommand(args: CliArgs, io: Io, stop?: Promise<void>): Promise<number> {
  const serving = await serve(args.paths, {
    ...buildOptions(args),
    host: args.host,
    port: args.port,
    onBuild(deck, ms, initial) {
      const problems = deck.diagnostics.filter((d) => d.severity === "error");
      const what = deck.written
        ? `built in ${ms.toFixed(0)} ms (${deck.slides} slides)`
        : "NOT rebuilt: the last good deck stays on screen";
      io.err(`${initial ? "" : "↻ "}${deck.input} ${what}\n`);
      for (const d of problems) io.err(`  ${formatDiagnostic(d)}\n`);
    },
  });
  const first = [...serving.decks.values()].find((d) => d.written);
  // one line, on standard error with the build lines: where the decks are and how to stop
  io.err(`lectern: serving ${args.out}/ at ${serving.url}${first ? ` — first deck: ${serving.url}${first.name}/` : ""} (Ctrl-C to stop)\n`);
  // one deck: open it; several: open their index
  if (args.open) openInBrowser(serving.decks.size === 1 && first ? `${serving.url}${first.name}/` : serving.url);
  await (stop ??
    new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    }));
  await serving.close();
  return 0;
}
