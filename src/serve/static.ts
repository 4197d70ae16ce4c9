import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, normalize, resolve, sep } from "node:path";
import { typeOfFile } from "../util/mime.js";

/**
 * The file under `root` a URL path names, or undefined when it would leave `root`
 * (`..`, encoded or not), names a dot-file or dot-folder (a deck's `.lectern.json`, temporary
 * folders), or is not a file. Folders serve their `index.html`; no listings.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.split(/[/\\]/).some((part) => part.startsWith("."))) return undefined;
  const base = resolve(root);
  let path = resolve(base, `.${normalize(`/${decoded}`)}`);
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  try {
    if ((await stat(path)).isDirectory()) path = join(path, "index.html");
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Serve a file; HTML pages get the live-reload client injected before `</body>`. */
export async function sendFile(path: string, req: IncomingMessage, res: ServerResponse, inject?: string): Promise<void> {
  const type = typeOfFile(path);
  const headers = { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (type.startsWith("text/html") && inject) {
    const html = await readFile(path, "utf8");
    const at = html.lastIndexOf("</body>");
    const body = at < 0 ? html + inject : html.slice(0, at) + inject + html.slice(at);
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  res.writeHead(200, headers);
  if (req.method === "HEAD") res.end();
  else
    createReadStream(path)
      .on("error", () => res.destroy())
      .pipe(res); // a file gone meanwhile (a deck swapped in)
}
