#!/usr/bin/env node
// Everything the benchmark needs on a fresh clone: Lectern's own dependencies and build, the
// peers (this folder's package.json), a system Chromium and poppler (Debian, when root).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const run = (cmd, args, cwd) => {
  console.error(`bench: ${cmd} ${args.join(" ")}${cwd ? `  (in ${cwd})` : ""}`);
  // the peers' puppeteer must not try to download a browser (no internet): they use the system one
  execFileSync(cmd, args, {
    cwd,
    stdio: "inherit",
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1", PUPPETEER_SKIP_CHROME_DOWNLOAD: "1" },
  });
};
const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

if (!existsSync(join(root, "node_modules", "markdown-it"))) run("npm", ["ci", "--no-audit", "--no-fund"], root);
run("npx", ["tsc", "-p", "."], root);
if (!existsSync(join(here, "node_modules", "@marp-team", "marp-cli")) || !existsSync(join(here, "node_modules", "decktape"))) {
  run("npm", [existsSync(join(here, "package-lock.json")) ? "ci" : "install", "--no-audit", "--no-fund"], here);
}
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH || process.env.CHROME_PATH || "/usr/bin/chromium";
if ((!existsSync(chromium) || !has("pdfinfo")) && process.getuid?.() === 0 && has("apt-get")) {
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "chromium", "poppler-utils"]);
}
if (!existsSync(chromium)) {
  console.error(`bench: no Chromium at ${chromium}: install Debian's chromium, or set CHROME_PATH (every tool must use the same one)`);
  process.exit(3);
}
