/**
 * `serve --open` opens the deck when one article is served, and the course index when
 * several are. The browser opener (`xdg-open`) is a stand-in on PATH that records its URL.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCli } from "../../src/cli/args.js";
import { serveCommand } from "../../src/cli/serve-command.js";
import { tempDir } from "../helpers.js";

describe.runIf(process.platform === "linux")("serve --open", () => {
  let dir: string;
  const path = process.env.PATH;
  const opened = () => join(dir, "opened.txt");

  beforeAll(() => {
    dir = tempDir();
    mkdirSync(join(dir, "bin"));
    writeFileSync(join(dir, "bin", "xdg-open"), `#!/bin/sh\nprintf '%s' "$1" > "${opened()}"\n`);
    chmodSync(join(dir, "bin", "xdg-open"), 0o755);
    process.env.PATH = `${join(dir, "bin")}:${path}`;
    mkdirSync(join(dir, "course"));
    writeFileSync(join(dir, "course", "one.md"), "# One\n\nText.\n");
    writeFileSync(join(dir, "course", "two.md"), "# Two\n\nText.\n");
  });
  afterAll(() => {
    process.env.PATH = path;
  });

  /** Run `serve --open` on `paths` until it has printed its URL; the URL it opened. */
  const openFor = async (paths: string[], out: string): Promise<{ url: string; opened: string }> => {
    let stderr = "";
    const io = { out: () => undefined, err: (s: string) => (stderr += s), tty: false };
    const args = parseCli(["serve", ...paths, "--open", "--port", "0", "-o", join(dir, out)]);
    expect(await serveCommand(args, io, Promise.resolve())).toBe(0);
    for (let i = 0; i < 100 && !existsSync(opened()); i++) await new Promise((r) => setTimeout(r, 50));
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1] ?? "no URL printed";
    const got = readFileSync(opened(), "utf8");
    rmSync(opened());
    return { url, opened: got };
  };

  it("opens the deck of the one article given", async () => {
    const { url, opened } = await openFor([join(dir, "course", "one.md")], "out1");
    expect(opened).toBe(`${url}one/`);
  }, 30_000);

  it("opens the course index when several articles are served", async () => {
    const { url, opened } = await openFor([join(dir, "course")], "out2");
    expect(opened).toBe(url);
  }, 30_000);
});
