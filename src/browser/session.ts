import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { BROWSER_FIXES, BrowserNotFoundError, type FoundBrowser, findBrowser } from "./find.js";

export interface BrowserOptions {
  /** `--browser-path`: wins over everything else. */
  executablePath?: string;
  /** Milliseconds for launching and for each wait (default 30 s). */
  timeout?: number;
}

/** One browser for a whole run: launched on first use, reused by every deck, always closed. */
export interface BrowserSession {
  /**
   * A fresh page whose requests may not leave the machine (`blocked` lists refused URLs).
   * `allow`: URL prefixes also let through (a local `serve`, e.g. `http://127.0.0.1:8080/`).
   */
  newPage(allow?: readonly string[]): Promise<{ page: Page; blocked: string[] }>;
  /**
   * Start launching now, without waiting (Chromium starts while the articles are parsed and
   * rendered). A failure surfaces at the next `newPage`.
   */
  warm(): void;
  /** The browser in use, once launched. */
  readonly found: FoundBrowser | undefined;
  close(): Promise<void>;
}

export const CHROME_FLAGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
];

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** The npm-shipped Chromium (@sparticuz/chromium), when installed: unpacks on first use. */
async function npmChromium(): Promise<string | undefined> {
  try {
    const name = "@sparticuz/chromium";
    const mod = (await import(name)) as { default: { executablePath(): Promise<string> } };
    return await mod.default.executablePath();
  } catch {
    return undefined;
  }
}

export function createBrowserSession(options: BrowserOptions = {}): BrowserSession {
  const timeout = options.timeout ?? 30_000;
  let launching: Promise<Browser> | undefined;
  let profile: string | undefined;
  let found: FoundBrowser | undefined;

  const launch = async (): Promise<Browser> => {
    found = findBrowser(options.executablePath);
    if (!found) {
      const path = await npmChromium();
      if (path) found = { path, source: "npm" };
    }
    if (!found) throw new BrowserNotFoundError(`no Chrome or Chromium found.\n${BROWSER_FIXES}`);
    const { launch: puppeteerLaunch } = await import("puppeteer-core");
    profile = await mkdtemp(join(tmpdir(), "lectern-chrome-"));
    const args = [...CHROME_FLAGS, `--user-data-dir=${profile}`];
    if (isRoot() || process.env.container !== undefined) args.push("--no-sandbox");
    return puppeteerLaunch({ executablePath: found.path, headless: true, args, timeout, protocolTimeout: timeout * 4 });
  };

  return {
    get found() {
      return found;
    },
    warm() {
      if (launching) return;
      launching = launch();
      launching.catch(() => undefined); // reported by newPage, which awaits the same promise
    },
    async newPage(allow = []) {
      // a browser that crashed (or was closed) is replaced on the next page asked for
      if (launching && !(await launching.then((b) => b.connected).catch(() => false))) launching = undefined;
      launching ??= launch();
      const browser = await launching;
      const page = await browser.newPage();
      page.setDefaultTimeout(timeout);
      const blocked: string[] = [];
      await page.setRequestInterception(true);
      page.on("request", (req) => {
        const url = req.url();
        const local = url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:") || url.startsWith("blob:");
        if (local || allow.some((prefix) => url.startsWith(prefix))) void req.continue();
        else {
          blocked.push(url);
          void req.abort("blockedbyclient");
        }
      });
      return { page, blocked };
    },
    async close() {
      const pending = launching;
      launching = undefined;
      if (pending) await pending.then((b) => b.close()).catch(() => undefined);
      if (profile) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
