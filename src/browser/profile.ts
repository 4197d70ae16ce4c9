/**
 * Chromium's profile folders: one per launch, `lectern-chrome-<pid>-XXXXXX` in the temp folder,
 * holding Chromium's own temp files too (its `TMPDIR`), so removing the folder leaves nothing.
 * A later run removes those whose owner was killed.
 */
import { mkdir, mkdtemp, readdir, readlink, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { basename, dirname, join, sep } from "node:path";
import { processAlive } from "../util/temp-names.js";

const PREFIX = "lectern-chrome-";

export interface Profile {
  /** `--user-data-dir`. */
  dir: string;
  /** Chromium's `TMPDIR` (its singleton socket, shared memory files…): inside `dir` when that fits. */
  tmp: string;
  /** Chromium's singleton-socket folder, once it runs, when that is outside `dir` (see `noteSocketDir`). */
  socketDir?: string;
}

/** Longest path of a Unix socket (`sun_path`, 108 bytes with its NUL). */
const SOCKET_PATH_MAX = 107;

export async function createProfile(): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const tmp = join(dir, "tmp");
  // Chromium puts its singleton socket at $TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket
  // and does not start if that path is too long: then its temp files stay where they were
  if (Buffer.byteLength(join(tmp, "org.chromium.Chromium.XXXXXX", "SingletonSocket")) > SOCKET_PATH_MAX) return { dir, tmp: tmpdir() };
  await mkdir(tmp);
  return { dir, tmp };
}

/** `$TMPDIR/org.chromium.Chromium.XXXXXX`, where the profile's `SingletonSocket` link points, if outside the profile. */
async function socketDirOf(dir: string): Promise<string | undefined> {
  const target = await readlink(join(dir, "SingletonSocket")).catch(() => undefined);
  const folder = target ? dirname(target) : undefined;
  return folder && basename(folder).startsWith("org.chromium.Chromium.") && !folder.startsWith(dir + sep) ? folder : undefined;
}

/** Once Chromium runs: remember its singleton-socket folder (it may leave it behind when it exits). */
export async function noteSocketDir(profile: Profile): Promise<void> {
  profile.socketDir = await socketDirOf(profile.dir);
}

/** Remove a profile, and Chromium's singleton-socket folder if that lives elsewhere. */
export async function removeProfile(profile: Profile): Promise<void> {
  // a browser that is just exiting may still write a file or two: retry
  const options = { recursive: true, force: true, maxRetries: 5, retryDelay: 50 };
  const socketDir = profile.socketDir ?? (await socketDirOf(profile.dir));
  await rm(profile.dir, options).catch(() => undefined);
  if (socketDir) await rm(socketDir, options).catch(() => undefined);
}

/** The Chromium that holds a profile: its `SingletonLock` links to `<host>-<pid>`. */
async function lockHolder(dir: string): Promise<{ host: string; pid: number } | undefined> {
  const target = await readlink(join(dir, "SingletonLock")).catch(() => undefined);
  const m = target ? /^(.*)-(\d+)$/.exec(target) : null;
  return m ? { host: m[1] as string, pid: Number(m[2]) } : undefined;
}

/** Dead: its Lectern (named in the folder) is gone, and so is the Chromium that locked it, if any. */
async function abandoned(name: string, dir: string): Promise<boolean> {
  const owner = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
  const lock = await lockHolder(dir);
  const browserGone = lock ? lock.host === hostname() && !processAlive(lock.pid) : undefined;
  // older profiles carry no owner: only a lock held by a dead browser tells
  if (owner === undefined) return browserGone === true;
  return !processAlive(Number(owner)) && browserGone !== false;
}

/** Remove the profiles in `parent` (default: the temp folder) left behind by killed runs. */
export async function sweepProfiles(parent = tmpdir()): Promise<void> {
  const names = (await readdir(parent).catch(() => [] as string[])).filter((n) => n.startsWith(PREFIX));
  for (const name of names) {
    const dir = join(parent, name);
    if (await abandoned(name, dir)) await removeProfile({ dir, tmp: parent });
  }
}
