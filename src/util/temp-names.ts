/**
 * Names of temporary files and folders that carry their owner's process id, so that a later
 * run can tell the leftovers of a killed process from the work of a live one.
 */

/** A suffix no other write (in this or another process) uses at the same moment: `<pid>-<time>-<random>`. */
export const uniqueTag = () => `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Whether a process with this id runs on this machine (one of another user counts as running). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
