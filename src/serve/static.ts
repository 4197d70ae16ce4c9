import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, normalize, resolve, sep } from "node:path";
import sirv from "sirv";
import { typeOfFile } from "../util/mime.js";

/**
 * The build output as `serve` sends it. Files go through `sirv` in its dev mode: the file
 * system is read on every request (a rebuilt deck is sent as it is now, never a length or a
 * listing cached at start) and every answer says `Cache-Control: no-store`. Pages (a URL
 * ending in `/` or `.html`) are read here, to put the live-reload client before `</body>`.
 *
 * Kept here, where sirv falls short: its dev mode serves dot-files (its `dotfiles: false`
 * filters only the file list of the non-dev mode), so a path with a dot-file or dot-folder
 * (a deck's `.lectern.json`, temporary folders), a NUL or a malformed escape is refused
 * before sirv sees it; and a folder asked for without its `/` is redirected to it, so the
 * deck's relative `assets/…` resolve (sirv would send its index.html at the wrong URL).
 */

const NO_CACHE = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

/** The URL's path decoded, or undefined when it is malformed, holds a NUL or names a dot-file. */
function decodedPath(url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(url.split("?")[0] ?? "/");
  } catch {
    return undefined;
  }
  return path.includes("\0") || path.split(/[/\\]/).some((part) => part.startsWith(".")) ? undefined : path;
}

/** The file under `root` a decoded URL path names, or undefined when it would leave `root`. */
function inside(root: string, path: string): string | undefined {
  const file = resolve(root, `.${normalize(`/${path}`)}`);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
const isDirectory = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** A page, with `inject` (the live-reload client) before `</body>`. */
async function sendPage(file: string, req: IncomingMessage, res: ServerResponse, inject: string): Promise<boolean> {
  if (!(await isFile(file))) return false;
  const html = await readFile(file, "utf8").catch(() => undefined); // gone meanwhile (a deck swapped in)
  if (html === undefined) return false;
  const at = html.lastIndexOf("</body>");
  const body = at < 0 ? html + inject : html.slice(0, at) + inject + html.slice(at);
  res.writeHead(200, { "content-type": typeOfFile("index.html"), "content-length": Buffer.byteLength(body), ...NO_CACHE });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Answer GET/HEAD requests from the files under `root`; 404 for anything else. */
export function staticFiles(root: string, inject: (path: string) => string): StaticHandler {
  const base = resolve(root);
  const files = sirv(base, {
    dev: true,
    dotfiles: false,
    extensions: [], // `/talk` is not talk.html: every page goes through sendPage
    setHeaders(res, pathname) {
      res.setHeader("x-content-type-options", "nosniff");
      res.setHeader("content-type", typeOfFile(pathname)); // with its charset (sirv's has none but HTML's)
    },
  });
  return (req, res) => {
    const notFound = () => void res.writeHead(404, { "content-type": typeOfFile("not-found.txt") }).end("not found\n");
    const url = req.url ?? "/";
    const path = decodedPath(url);
    const file = path === undefined ? undefined : inside(base, path);
    if (path === undefined || file === undefined) return notFound();
    if (path.endsWith("/") || /\.html$/i.test(path)) {
      void sendPage(path.endsWith("/") ? join(file, "index.html") : file, req, res, inject(path))
        .then((sent) => sent || notFound())
        .catch(() => res.destroy());
      return;
    }
    files(req, res, async () => {
      if (!(await isDirectory(file))) return notFound();
      const query = url.indexOf("?");
      res.writeHead(301, { location: `${url.slice(0, query < 0 ? undefined : query)}/${query < 0 ? "" : url.slice(query)}` }).end();
    });
  };
}
