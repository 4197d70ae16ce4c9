/** Browser profiles left by killed runs are removed; those of live runs, never. */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sweepProfiles } from "../../src/browser/profile.js";
import { tempDir } from "../helpers.js";

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

describe("sweepProfiles", () => {
  it("removes the profiles (and their socket folders) whose Lectern, or for older names whose Chromium, is gone; keeps the rest", async () => {
    const tmp = tempDir("lectern-profiles-");
    const dead = deadPid();
    const make = (name: string, lock?: string) => {
      mkdirSync(join(tmp, name, "Default"), { recursive: true });
      if (lock) symlinkSync(lock, join(tmp, name, "SingletonLock"));
    };
    make(`lectern-chrome-${dead}-aaaaaa`); // killed Lectern, Chromium gone too; its socket folder beside it
    mkdirSync(join(tmp, "org.chromium.Chromium.aaaaaa"));
    symlinkSync(
      join(tmp, "org.chromium.Chromium.aaaaaa", "SingletonSocket"),
      join(tmp, `lectern-chrome-${dead}-aaaaaa`, "SingletonSocket"),
    );
    mkdirSync(join(tmp, "org.chromium.Chromium.zzzzzz")); // someone else's
    make(`lectern-chrome-${process.pid}-bbbbbb`); // this run's: alive
    make(`lectern-chrome-${dead}-cccccc`, `${hostname()}-${process.pid}`); // Lectern gone, its Chromium still running
    make("lectern-chrome-OldDdd", `${hostname()}-${dead}`); // older name: the lock's Chromium is gone
    make("lectern-chrome-OldEee"); // older name, no lock: cannot tell
    make("lectern-chrome-OldFff", `another-host-${dead}`); // locked on another machine
    make("something-else");
    await sweepProfiles(tmp);
    expect(readdirSync(tmp).sort()).toEqual(
      [
        `lectern-chrome-${process.pid}-bbbbbb`,
        `lectern-chrome-${dead}-cccccc`,
        "lectern-chrome-OldEee",
        "lectern-chrome-OldFff",
        "org.chromium.Chromium.zzzzzz",
        "something-else",
      ].sort(),
    );
  });
});
