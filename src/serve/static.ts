import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, normalize, resolve, sep } from "node:path";
import { typeOfFile } from "../util/mime.js";

/**
 * The build output as `serve` sends it: the file system is read on every request (a rebuilt
 * deck is sent as it is now, never a length or a listing cached at start) and every answer
 * says `Cache-Control: no-store`. Pages (a URL ending in `/` or `.html`) get the live-reload
 * client before `</body>`.
 *
 * Lectern's own, not sirv's: tried, sirv's dev mode served dot-files whatever `dotfiles`
 * says, and left a vanished file's read error unhandled, which ended the process (a deck
 * folder is swapped in while a page loads). A path with a dot-file or dot-folder (a deck's
 * `.lectern.json`, temporary folders), a NUL or a malformed escape is refused; a folder asked
 * for without its `/` is redirected to it, so the deck's relative `assets/…` resolve.
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

/** The byte range a `Range: bytes=a-b` header asks of a file of `size` bytes; undefined for the whole; null when unsatisfiable. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | undefined | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? "");
  if (!m || (!m[1] && !m[2])) return undefined;
  const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  return start > end || start >= size ? null : { start, end };
}

/**
 * Any other file, read from disk on every request (a rebuilt deck is sent as it is now), with
 * its media type, byte ranges (a PDF viewer asks for them) and no caching. A file that goes
 * away between the look and the read (a deck folder swapped in) ends that response only: the
 * read stream's error never reaches the process (sirv's dev mode left it unhandled, and an
 * uncaught ENOENT ended `serve`).
 */
async function sendFile(file: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  const range = byteRange(req.headers.range, info.size);
  const headers = { "content-type": typeOfFile(file), "accept-ranges": "bytes", ...NO_CACHE };
  if (range === null) {
    res.writeHead(416, { ...headers, "content-range": `bytes */${info.size}` }).end();
    return true;
  }
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  const partial = range ? { "content-range": `bytes ${start}-${end}/${info.size}` } : {};
  res.writeHead(range ? 206 : 200, { ...headers, ...partial, "content-length": Math.max(0, end - start + 1) });
  if (req.method === "HEAD" || info.size === 0) {
    res.end();
    return true;
  }
  createReadStream(file, { start, end })
    .on("error", () => res.destroy())
    .pipe(res);
  return true;
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Answer GET/HEAD requests from the files under `root`; 404 for anything else. */
export function staticFiles(root: string, inject: (path: string) => string): StaticHandler {
  const base = resolve(root);
  return (req, res) => {
    const notFound = () => void res.writeHead(404, { "content-type": typeOfFile("not-found.txt") }).end("not found\n");
    const url = req.url ?? "/";
    const path = decodedPath(url);
    const file = path === undefined ? undefined : inside(base, path);
    if (path === undefined || file === undefined) return notFound();
    const page = path.endsWith("/") || /\.html$/i.test(path);
    const sent = page ? sendPage(path.endsWith("/") ? join(file, "index.html") : file, req, res, inject(path)) : sendFile(file, req, res);
    void sent
      .then(async (done) => {
        if (done) return;
        if (page || !(await isDirectory(file))) return notFound();
        // a folder asked for without its `/`: its index, at the URL its relative links need
        const query = url.indexOf("?");
        res.writeHead(301, { location: `${url.slice(0, query < 0 ? undefined : query)}/${query < 0 ? "" : url.slice(query)}` }).end();
      })
      .catch(() => res.destroy());
  };
}
