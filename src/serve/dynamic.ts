import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

export type Dynamic = (path: string) => Promise<{ file: string; type: string } | undefined>;

/**
 * Answer a request with a file made when asked for (`dynamic` names it, making it first):
 * true when answered, false when `dynamic` has nothing for the path. A failure to make it
 * answers 500 with its message, as text.
 */
export async function sendDynamic(dynamic: Dynamic, path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  let made: Awaited<ReturnType<Dynamic>>;
  try {
    made = await dynamic(path);
  } catch (err) {
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(`cannot make ${path}: ${(err as Error).message}\n`);
    return true;
  }
  if (!made) return false;
  res.writeHead(200, { "content-type": made.type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  if (req.method === "HEAD") res.end();
  else
    createReadStream(made.file)
      .on("error", () => res.destroy())
      .pipe(res);
  return true;
}
