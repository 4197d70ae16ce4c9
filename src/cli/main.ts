import { loadConfigFile } from "../config/file/load.js";
import { UsageError } from "../config/options.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import { VERSION } from "../paths.js";
import type { Diagnostic } from "../types.js";
import { type CliArgs, commandOf, parseCli } from "./args.js";
import { withConfig } from "./config-args.js";
import { helpText, usageLine } from "./help.js";
import { defaultIo, type Io } from "./io.js";

export type { Io } from "./io.js";

/** Run the CLI; resolves to the exit code (0 ok, 1 build errors, 2 usage or configuration errors). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCli(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(usageLine(err.message, commandOf(argv)));
    return 2;
  }
  if (args.command === "help") {
    io.out(helpText(args.helpFor));
    return 0;
  }
  if (args.command === "version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = args.command;
  if (command === "init") {
    const { initCommand } = await import("./init.js");
    return initCommand(args, io);
  }
  let notes: Diagnostic[];
  try {
    const loaded = await loadConfigFile(process.cwd(), args.config);
    notes = loaded.diagnostics;
    if (notes.some((d) => d.severity === "error")) {
      for (const d of notes) io.err(`${formatDiagnostic(d)}\n`);
      io.err(`lectern: ${loaded.file} has errors: nothing was built\n`);
      return 2;
    }
    args = withConfig(args, argv, loaded.config, loaded.dir);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(usageLine(err.message, command));
    return 2;
  }
  if (command === "serve") {
    if (!args.quiet) for (const d of notes) io.err(`${formatDiagnostic(d)}\n`);
    try {
      const { serveCommand } = await import("./serve-command.js");
      return await serveCommand(args, io);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      io.err(usageLine(err.message, "serve"));
      return 2;
    }
  }
  const { buildCommand } = await import("./build-command.js");
  return buildCommand(args, io, notes);
}
