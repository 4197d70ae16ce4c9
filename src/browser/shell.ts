/**
 * The Chromium headless shell that npm ships (`@sparticuz/chromium`, Linux x64): Chromium's
 * light headless mode, which starts in a third of the time of a full browser in its headless
 * mode and lays pages out and prints them about twice as fast. Its package keeps the binary
 * brotli-packed; it is unpacked once into the user's own cache (never a shared /tmp path that
 * another user could have put a program at), into a part file renamed into place, so that two
 * builds starting at once never run half a binary.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";

const PACKAGE = "@sparticuz/chromium";

/** The packed binary and the package's version, when the package is installed (and ships one for this machine). */
function packed(platform: string, arch: string): { file: string; version: string } | undefined {
  if (platform !== "linux" || arch !== "x64") return undefined;
  try {
    const entry = createRequire(import.meta.url).resolve(PACKAGE); // …/build/cjs/index.cjs
    const root = join(dirname(entry), "..", "..");
    const file = join(root, "bin", "chromium.br");
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    return existsSync(file) ? { file, version } : undefined;
  } catch {
    return undefined;
  }
}

/** A program this user may run without trusting anyone else: their own, and writable by no one else. */
function ownAndSealed(path: string): boolean {
  try {
    const s = statSync(path);
    const uid = typeof process.getuid === "function" ? process.getuid() : s.uid;
    return s.isFile() && s.size > 0 && s.uid === uid && (s.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * The folders above the shell can't be swapped by someone else: Lectern's own (`lectern/` and
 * the version's) are this user's and writable by no one else; the cache folder holding them is
 * writable by others only with the sticky bit (as /tmp is).
 */
function foldersSealed(target: string): boolean {
  const own = dirname(target);
  const lectern = dirname(own);
  const cache = dirname(lectern);
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  try {
    for (const dir of [lectern, own]) {
      const s = statSync(dir);
      if (!s.isDirectory() || (uid !== undefined && s.uid !== uid) || (s.mode & 0o022) !== 0) return false;
    }
    const c = statSync(cache);
    return c.isDirectory() && ((c.mode & 0o002) === 0 || (c.mode & 0o1000) !== 0);
  } catch {
    return false;
  }
}

/** Where the unpacked shell of `version` lives: `$XDG_CACHE_HOME/lectern/` (default `~/.cache/lectern/`). */
export function shellPath(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "lectern", `chromium-headless-shell-${version}`, "chromium");
}

/**
 * The npm headless shell, unpacked (the first call unpacks it: a second or two), or undefined
 * when the package is absent, ships nothing for this machine, or cannot be unpacked.
 */
export async function npmShell(
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform,
  arch: string = process.arch,
): Promise<string | undefined> {
  const source = packed(platform, arch);
  if (!source) return undefined;
  const target = shellPath(source.version, env);
  if (ownAndSealed(target)) return foldersSealed(target) ? target : undefined;
  if (existsSync(target)) return undefined; // someone else's, or open to others: not run
  const part = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.part`;
  try {
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    if (!foldersSealed(target)) return undefined;
    await pipeline(createReadStream(source.file), createBrotliDecompress(), createWriteStream(part, { mode: 0o700 }));
    await rename(part, target);
    return ownAndSealed(target) ? target : undefined;
  } catch {
    await rm(part, { force: true });
    return undefined;
  }
}
