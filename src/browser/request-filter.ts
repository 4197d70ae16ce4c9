/** What a page may load: nothing from the network, and only the local files it is given. */
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export interface PageAccess {
  /** URL prefixes also let through (a local `serve`, e.g. `http://127.0.0.1:8080/`). */
  allow?: readonly string[];
  /** Folders whose files may load (a deck being built: its own folder); default: any local file. */
  files?: readonly string[];
}

/** `load`, or why not: a `remote` URL, or a local `file` outside the folders allowed. */
export type Verdict = "load" | "remote" | "file";

const INLINE = ["data:", "about:", "blob:"];

function inside(url: string, folders: readonly string[]): boolean {
  let path: string;
  try {
    path = resolve(fileURLToPath(url)); // `..` left in the URL (or spelled %2e%2e) goes here
  } catch {
    return false; // file://host/… or an encoded `/`
  }
  return folders.some((folder) => {
    const root = resolve(folder);
    return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
  });
}

export function judgeRequest(url: string, access: PageAccess): Verdict {
  if (INLINE.some((scheme) => url.startsWith(scheme))) return "load";
  if (access.allow?.some((prefix) => url.startsWith(prefix))) return "load";
  if (url.startsWith("file:")) return access.files === undefined || inside(url, access.files) ? "load" : "file";
  return "remote";
}
