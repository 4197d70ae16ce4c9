import { UsageError } from "./options.js";

/**
 * `/courses/ml` → `/courses/ml/`; an `http(s)://` URL keeps its scheme and host. Empty: no base.
 * Anything else (`javascript:`, `data:`, a query, a fragment, spaces or quotes) would make the
 * index's links something other than links into the site: a UsageError.
 */
export function normalizeBase(base: string | undefined): string | undefined {
  const b = base?.trim();
  if (!b) return undefined;
  const refuse = () => new UsageError(`base must be a URL path (/courses/ml/) or an http(s):// URL, not ${JSON.stringify(base)}`);
  if (/[\s\p{Cc}"<>\\^`{|}?#]/u.test(b)) throw refuse();
  if (/^[a-z][a-z\d+.-]*:/i.test(b)) {
    let url: URL;
    try {
      url = new URL(b);
    } catch {
      throw refuse();
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !/^https?:\/\/[^/]/i.test(b) || !url.hostname) throw refuse();
    return b.endsWith("/") ? b : `${b}/`;
  }
  const path = `/${b.replace(/^\/+/, "").replace(/\/+$/, "")}/`;
  return path === "//" ? "/" : path;
}
