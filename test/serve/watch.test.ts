/** `serve`'s watcher: no save is missed, not even one right after another. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Watcher, watchPaths } from "../../src/serve/watch.js";
import { tempDir } from "../helpers.js";

describe("watchPaths", () => {
  let watcher: Watcher | undefined;
  afterEach(async () => {
    await watcher?.close();
  });

  /** Resolves once `test` holds of what the watcher has told (checked at each change). */
  const until = (seen: string[], test: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (!test()) return;
        clearInterval(poll);
        resolve();
      }, 10);
      setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`never told: saw ${JSON.stringify(seen)}`));
      }, 5000);
    });

  it("tells a save that follows the one before by a few ms (chokidar's throttle drops it)", async () => {
    const dir = tempDir();
    const file = join(dir, "talk.md");
    writeFileSync(file, "first");
    const seen: string[] = [];
    watcher = await watchPaths([dir], (path, change) => seen.push(`${change} ${readFileSync(path, "utf8")}`), { delayMs: 0 });
    writeFileSync(file, "second");
    await until(seen, () => seen.length > 0);
    writeFileSync(file, "third"); // within chokidar's 50 ms of the change it just told
    await until(seen, () => seen.includes("change third"));
    expect(seen.at(-1)).toBe("change third");
  });

  it("tells files added to a folder and removed from it", async () => {
    const dir = tempDir();
    const seen: string[] = [];
    watcher = await watchPaths([dir], (path, change) => seen.push(`${change} ${path}`));
    writeFileSync(join(dir, "new.md"), "x");
    await until(seen, () => seen.includes(`add ${join(dir, "new.md")}`));
  });
});
