/** `--dialect` and `--tab` from the command line, as a user types them. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, REPO_ROOT, tempDir } from "../helpers.js";

const lectern = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, "bin", "lectern.js"), ...args], { encoding: "utf8", timeout: 60_000 });

describe("lectern build --dialect / --tab", () => {
  it("shows the framework tab asked for, and only that one", () => {
    const out = tempDir("lectern-tab-");
    const run = lectern(
      "build",
      fixture("dialects/d2l-chapter.md"),
      "--out",
      out,
      "--no-fit",
      "--dialect",
      "d2lbook",
      "--tab",
      "tensorflow",
    );
    expect(run.status).toBe(0);
    const html = readFileSync(join(out, "d2l-chapter", "index.html"), "utf8");
    expect(html).toContain("tensorflow");
    expect(html).not.toMatch(/import<\/span> torch|import torch/);
    expect(html).not.toMatch(/from<\/span> mxnet|from mxnet/);
  });

  it("refuses a dialect it does not know, with exit 2 and the choices", () => {
    const run = lectern("build", fixture("good.md"), "--out", tempDir("lectern-tab-"), "--no-fit", "--dialect", "rst");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--dialect rst: use gfm, d2lbook, myst");
  });
});
