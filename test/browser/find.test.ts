/** findBrowser: which Chrome/Chromium Lectern uses, and the error when a named one is missing. */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_FIXES, BrowserNotFoundError, findBrowser } from "../../src/browser/find.js";
import { tempDir } from "../helpers.js";

const root = tempDir("lectern-find-");

/** An executable-looking file (findBrowser only checks that the path exists). */
function fakeBrowser(name: string): string {
  const path = join(root, name);
  writeFileSync(path, "#!/bin/sh\nexit 0\n");
  chmodSync(path, 0o755);
  return path;
}

const explicitChrome = fakeBrowser("explicit-chrome");
const envChrome = fakeBrowser("env-chrome");
const chromePath = fakeBrowser("chrome-path");
const missing = join(root, "no-such-dir", "chrome");

/** A folder with nothing in it, as PUPPETEER_CACHE_DIR: Puppeteer's cache holds no Chrome. */
function emptyCache(): string {
  const dir = join(root, `cache-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  return dir;
}

describe("findBrowser", () => {
  it("uses the explicit path first, over the environment", () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: envChrome, CHROME_PATH: chromePath };
    expect(findBrowser(explicitChrome, env, "linux")).toEqual({ path: explicitChrome, source: "option" });
    expect(findBrowser(explicitChrome, {}, "aix")).toEqual({ path: explicitChrome, source: "option" });
  });

  it("uses PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, from the env it is given", () => {
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: envChrome, CHROME_PATH: chromePath }, "linux")).toEqual({
      path: envChrome,
      source: "env",
    });
    expect(findBrowser(undefined, { CHROME_PATH: chromePath }, "linux")).toEqual({ path: chromePath, source: "env" });
    // an empty value is "not set"
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: "", CHROME_PATH: chromePath }, "aix")).toEqual({
      path: chromePath,
      source: "env",
    });
  });

  it("an explicit path that does not exist throws BrowserNotFoundError naming it", () => {
    expect(() => findBrowser(missing, {}, "linux")).toThrow(BrowserNotFoundError);
    expect(() => findBrowser(missing, {}, "linux")).toThrow(missing);
    expect(() => findBrowser(missing, {}, "linux")).toThrow("--browser-path");
    // even when the environment names a browser that exists: the explicit choice is not second-guessed
    expect(() => findBrowser(missing, { CHROME_PATH: chromePath }, "linux")).toThrow(BrowserNotFoundError);
  });

  it("an env path that does not exist throws BrowserNotFoundError naming the variable and the path", () => {
    for (const name of ["PUPPETEER_EXECUTABLE_PATH", "CHROME_PATH"]) {
      const run = () => findBrowser(undefined, { [name]: missing }, "linux");
      expect(run).toThrow(BrowserNotFoundError);
      expect(run).toThrow(`${name}=${missing}`);
    }
    // PUPPETEER_EXECUTABLE_PATH is looked at first: a broken one is reported, not skipped
    expect(() => findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: missing, CHROME_PATH: chromePath }, "linux")).toThrow(
      "PUPPETEER_EXECUTABLE_PATH",
    );
  });

  it("the error is a BrowserNotFoundError by name too (the CLI tells it apart from other failures)", () => {
    try {
      findBrowser(missing, {}, "linux");
      expect.unreachable("findBrowser should have thrown");
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).name).toBe("BrowserNotFoundError");
    }
  });

  it("returns undefined with an empty env, a platform without system paths and an empty Puppeteer cache", () => {
    expect(findBrowser(undefined, { PUPPETEER_CACHE_DIR: emptyCache() }, "aix")).toBeUndefined();
    // a cache folder with an empty chrome/ inside is still empty
    const cache = emptyCache();
    mkdirSync(join(cache, "chrome", "linux-1.0.0"), { recursive: true });
    expect(findBrowser(undefined, { PUPPETEER_CACHE_DIR: cache }, "aix")).toBeUndefined();
  });

  it("finds the newest Chrome in Puppeteer's cache", () => {
    const cache = emptyCache();
    for (const version of ["linux-120.0.1", "linux-131.0.2"]) {
      mkdirSync(join(cache, "chrome", version, "chrome-linux64"), { recursive: true });
      writeFileSync(join(cache, "chrome", version, "chrome-linux64", "chrome"), "");
    }
    expect(findBrowser(undefined, { PUPPETEER_CACHE_DIR: cache }, "aix")).toEqual({
      path: join(cache, "chrome", "linux-131.0.2", "chrome-linux64", "chrome"),
      source: "puppeteer-cache",
    });
  });

  it("on Linux, finds a system Chromium when the env names none", () => {
    const found = findBrowser(undefined, { PUPPETEER_CACHE_DIR: emptyCache() }, "linux");
    // this machine and CI have /usr/bin/chromium, the first place looked; elsewhere any system browser will do
    if (existsSync("/usr/bin/chromium")) expect(found).toEqual({ path: "/usr/bin/chromium", source: "system" });
    else if (found) expect(found.source).toBe("system");
  });
});

describe("BROWSER_FIXES", () => {
  it("names each way to get a browser", () => {
    expect(BROWSER_FIXES).toContain("apt-get install");
    expect(BROWSER_FIXES).toContain("--browser-path");
    expect(BROWSER_FIXES).toContain("PUPPETEER_EXECUTABLE_PATH");
    expect(BROWSER_FIXES).toContain("CHROME_PATH");
    expect(BROWSER_FIXES).toContain("npx @puppeteer/browsers install");
  });
});
