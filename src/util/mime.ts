import { extname } from "node:path";
import { lookup } from "mrmime";

/** What mrmime's table lacks (checked with mrmime 2.0.1). */
const EXTRA: Readonly<Record<string, string>> = { ico: "image/x-icon" };

/**
 * The media type of a file by its extension (mrmime's table, the IANA list): what `serve`
 * sends and what the standalone file inlines. Text types carry `charset=utf-8` (Lectern
 * writes UTF-8); an unknown extension is `application/octet-stream`.
 */
export function typeOfFile(path: string): string {
  const ext = extname(path).slice(1).toLowerCase();
  const type = (ext && (lookup(ext) ?? EXTRA[ext])) || "application/octet-stream";
  return type.startsWith("text/") ? `${type}; charset=utf-8` : type;
}
