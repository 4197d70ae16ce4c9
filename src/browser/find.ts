import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where a browser was found, and how. */
export interface FoundBrowser {
  path: string;
  source: "option" | "env" | "system" | "puppeteer-cache" | "npm";
  /** A headless shell (Chromium's light headless mode): launched as one. */
  shell?: boolean;
}

/** `chrome-headless-shell` (Puppeteer's, Chrome for Testing's) and the npm shell: run in shell mode. */
const isShell = (path: string) => /(^|[\\/])chrome-headless-shell(\.exe)?$/.test(path);

/** The browser the user named: `--browser-path`, else `PUPPETEER_EXECUTABLE_PATH` / `CHROME_PATH`. */
export function findChosen(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  if (explicit) {
    if (!existsSync(explicit)) throw new BrowserNotFoundError(`--browser-path ${explicit} does not exist.\n${BROWSER_FIXES}`);
    return { path: explicit, source: "option", ...(isShell(explicit) && { shell: true }) };
  }
  for (const name of ["PUPPETEER_EXECUTABLE_PATH", "CHROME_PATH"] as const) {
    const value = env[name];
    if (value) {
      if (!existsSync(value)) throw new BrowserNotFoundError(`${name}=${value} does not exist.\n${BROWSER_FIXES}`);
      return { path: value, source: "env", ...(isShell(value) && { shell: true }) };
    }
  }
  return undefined;
}

/** No usable browser: the CLI prints the message (which names each fix) and exits with 3. */
export class BrowserNotFoundError extends Error {
  override name = "BrowserNotFoundError";
}

const SYSTEM_PATHS: Record<string, string[]> = {
  linux: [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/usr/bin/microsoft-edge",
    "/snap/bin/chromium",
  ],
  darwin: [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
  ],
  win32: [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
  ],
};

/** Newest Chrome in Puppeteer's cache (~/.cache/puppeteer/chrome/<platform-version>/…). */
function puppeteerCache(env: NodeJS.ProcessEnv): string | undefined {
  const root = join(env.PUPPETEER_CACHE_DIR ?? join(homedir(), ".cache", "puppeteer"), "chrome");
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort().reverse();
  for (const v of versions) {
    for (const rel of [
      "chrome-linux64/chrome",
      "chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
      "chrome-win64/chrome.exe",
    ]) {
      const p = join(root, v, rel);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/**
 * Find a Chrome/Chromium: the explicit option, then `PUPPETEER_EXECUTABLE_PATH` /
 * `CHROME_PATH`, then the system's browsers, then Puppeteer's cache. (The launcher tries the
 * npm headless shell, browser/shell, before the system's browsers: unpacking it is asynchronous.)
 */
export function findBrowser(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): FoundBrowser | undefined {
  const chosen = findChosen(explicit, env);
  if (chosen) return chosen;
  for (const p of SYSTEM_PATHS[platform] ?? []) if (existsSync(p)) return { path: p, source: "system" };
  const cached = puppeteerCache(env);
  return cached ? { path: cached, source: "puppeteer-cache" } : undefined;
}

export const BROWSER_FIXES = `Lectern needs Chrome or Chromium to measure slides and print PDFs. Any one of these fixes it:
  - install Chromium:            apt-get install -y chromium   (Debian/Ubuntu)
  - point Lectern at a browser:  --browser-path /path/to/chrome, or PUPPETEER_EXECUTABLE_PATH / CHROME_PATH
  - install Puppeteer's Chrome:  npx @puppeteer/browsers install chrome@stable`;
