import { copyFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { uniqueTag } from "./temp-names.js";

/** Write (or copy) one file to a temporary sibling, then rename it over `path`. */
export async function writeFileAtomic(path: string, content: { text: string } | { from: string }): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${uniqueTag()}`);
  try {
    if ("text" in content) await writeFile(tmp, content.text);
    else await copyFile(content.from, tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
