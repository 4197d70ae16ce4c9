import type { Browser, Page } from "puppeteer-core";
import { DEFAULTS } from "../config/defaults.js";
import { BROWSER_FIXES, BrowserNotFoundError, type FoundBrowser, findBrowser, findChosen } from "./find.js";
import { CHROME_FLAGS } from "./flags.js";
import { createProfile, noteSocketDir, type Profile, removeProfile, sweepProfiles } from "./profile.js";
import { judgeRequest } from "./request-filter.js";
import { npmShell } from "./shell.js";

/** Milliseconds for launching and for each wait in the browser, unless `timeout` says otherwise. */
export const BROWSER_TIMEOUT = DEFAULTS.timeout;

export interface BrowserOptions {
  /** `--browser-path`: wins over everything else. */
  executablePath?: string;
  /** Milliseconds for launching and for each wait (default `BROWSER_TIMEOUT`, 60 s). */
  timeout?: number;
  /** Aborting it closes the browser (its profile removed) and refuses every later page. */
  signal?: AbortSignal;
  /** Where browsers are looked up and what Chromium runs with (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** One browser for a whole run: launched on first use, reused by every deck, always closed. */
export interface BrowserSession {
  /**
   * A fresh page whose requests may not leave the machine (`blocked` lists refused URLs).
   * `allow`: URL prefixes also let through (a local `serve`, e.g. `http://127.0.0.1:8080/`).
   * `files`: the folders whose files may load (a deck being built: its own); default any file.
   */
  newPage(allow?: readonly string[], files?: readonly string[]): Promise<{ page: Page; blocked: string[] }>;
  /**
   * Start launching now, without waiting (Chromium starts while the articles are parsed and
   * rendered). A failure surfaces at the next `newPage`.
   */
  warm(): void;
  /** The browser in use, once launched. */
  readonly found: FoundBrowser | undefined;
  close(): Promise<void>;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** One Chromium and the profile it alone uses. */
interface Launched {
  browser: Browser;
  profile: Profile;
  /**
   * The tab Chromium opens with (about:blank), until the first page asked for takes it: no
   * second tab (and renderer) is made while this one idles.
   */
  initial: Promise<Page | undefined> | undefined;
}

/** Close the browser (a crashed one: wait for its process to be gone), then remove its profile. */
async function dispose(launched: Launched): Promise<void> {
  await launched.browser.close().catch(() => undefined);
  await removeProfile(launched.profile);
}

export function createBrowserSession(options: BrowserOptions = {}): BrowserSession {
  const timeout = options.timeout ?? BROWSER_TIMEOUT;
  const env = options.env ?? process.env;
  const { signal } = options;
  let launching: Promise<Launched> | undefined;
  let found: FoundBrowser | undefined;

  /** The npm headless shell would not start here (no sandbox it can use, a `noexec` home…): not tried again. */
  let shellFailed = false;

  /** Start `browser` with a profile of its own. */
  const start = async (browser: FoundBrowser, puppeteerLaunch: typeof import("puppeteer-core").launch): Promise<Launched> => {
    const profile = await createProfile();
    const args = [...CHROME_FLAGS, `--user-data-dir=${profile.dir}`];
    if (isRoot() || env.container !== undefined) args.push("--no-sandbox");
    try {
      const launched = await puppeteerLaunch({
        executablePath: browser.path,
        headless: browser.shell ? "shell" : true,
        args,
        env: { ...env, TMPDIR: profile.tmp },
        // over a pipe, Chromium exits when this process dies, however it dies
        pipe: true,
        // signals are the caller's to handle (the CLI cleans up, then exits)
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout,
        protocolTimeout: timeout * 4,
      });
      await noteSocketDir(profile);
      const initial = launched
        .pages()
        .then((pages) => pages.find((p) => p.url() === "about:blank"))
        .catch(() => undefined);
      return { browser: launched, profile, initial };
    } catch (err) {
      await removeProfile(profile);
      throw err;
    }
  };

  const launch = async (): Promise<Launched> => {
    signal?.throwIfAborted();
    // the browser named, else the npm headless shell (the light headless mode), else the system's
    found = findChosen(options.executablePath, env);
    if (!found) {
      const shell = shellFailed ? undefined : await npmShell(env);
      found = shell ? { path: shell, source: "npm", shell: true } : findBrowser(undefined, env);
    }
    if (!found) throw new BrowserNotFoundError(`no Chrome or Chromium found.\n${BROWSER_FIXES}`);
    // first: its many module files load while the articles are parsed
    const { launch: puppeteerLaunch } = await import("puppeteer-core");
    await sweepProfiles();
    try {
      return await start(found, puppeteerLaunch);
    } catch (err) {
      // the shell is Lectern's own choice: when it cannot start, the system's browser is used
      const system = found.source === "npm" ? findBrowser(undefined, env) : undefined;
      if (!system) throw err;
      shellFailed = true;
      found = system;
      return start(system, puppeteerLaunch);
    }
  };

  const close = async () => {
    const pending = launching;
    launching = undefined;
    if (pending) await pending.then(dispose, () => undefined);
  };
  signal?.addEventListener("abort", () => void close(), { once: true });

  return {
    get found() {
      return found;
    },
    warm() {
      if (launching || signal?.aborted) return;
      launching = launch();
      launching.catch(() => undefined); // reported by newPage, which awaits the same promise
    },
    async newPage(allow, files) {
      signal?.throwIfAborted();
      // a browser that crashed (or was closed) is replaced on the next page asked for; its profile goes with it
      const current = launching;
      const alive = await current?.then((l) => l.browser.connected).catch(() => false);
      if (current && !alive) {
        if (launching === current) launching = undefined;
        await current.then(dispose, () => undefined);
      }
      launching ??= launch();
      const launched = await launching;
      const initial = launched.initial;
      launched.initial = undefined;
      const page = (await initial) ?? (await launched.browser.newPage());
      page.setDefaultTimeout(timeout);
      const blocked: string[] = [];
      await page.setRequestInterception(true);
      page.on("request", (req) => {
        const url = req.url();
        if (judgeRequest(url, { allow, files }) === "load") void req.continue();
        else {
          blocked.push(url);
          void req.abort("blockedbyclient");
        }
      });
      return { page, blocked };
    },
    close,
  };
}
