// The commands compared: each is a whole process, as a user would run it, on the same
// article and the same Chromium. `output` is the file the run produces (for pages and bytes).
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export function tools({ root, bench, chrome, work }) {
  const bin = (name) => join(bench, "node_modules", ".bin", name);
  const lectern = join(root, "bin", "lectern.js");
  const env = { CHROME_PATH: chrome, PUPPETEER_EXECUTABLE_PATH: chrome };
  // Lectern left to find its own browser: the npm headless shell (browser/shell), not the Chromium the others share
  const own = { CHROME_PATH: "", PUPPETEER_EXECUTABLE_PATH: "" };
  const out = (tool, size) => join(work, size, `out-${tool}`);
  /** A Lectern command on the article, writing into `out-<name>`, with `flags` and its browser from `with`. */
  const lecternRun = (command, name, flags, withEnv) => (a, size) => ({
    cmd: process.execPath,
    args: [lectern, command, a.lectern, "--out", out(name, size), ...flags, "--no-cache"],
    env: withEnv,
  });
  return {
    html: [
      {
        tool: "Lectern",
        label: "lectern build --no-fit",
        cmd: lecternRun("build", "lectern", ["--no-fit"], env),
      },
      {
        tool: "Lectern (fit)",
        label: "lectern build (slides measured in Chromium)",
        ref: false,
        cmd: lecternRun("build", "lectern-fit", [], env),
      },
      {
        tool: "Lectern (fit, own browser)",
        label: "lectern build, with the browser it finds itself (its npm headless shell)",
        ref: false,
        cmd: lecternRun("build", "lectern-fit-own", [], own),
      },
      {
        tool: "Marp CLI",
        label: "marp article.md -o deck.html",
        cmd: (a, size) => ({ cmd: bin("marp"), args: [a.marp, "-o", join(out("marp", size), "deck.html")], env }),
      },
      {
        tool: "reveal-md",
        label: "reveal-md article.md --static dir",
        cmd: (a, size) => ({ cmd: bin("reveal-md"), args: [a.revealmd, "--static", out("revealmd-static", size)], env }),
      },
    ],
    pdf: [
      {
        tool: "Lectern",
        label: "lectern pdf (fit + print)",
        cmd: lecternRun("pdf", "lectern", [], env),
        output: (_article, size) => join(out("lectern", size), size, `${size}.pdf`),
      },
      {
        tool: "Lectern (own browser)",
        label: "lectern pdf, with the browser it finds itself (its npm headless shell)",
        ref: false,
        cmd: (a, size) => ({
          cmd: process.execPath,
          args: [lectern, "pdf", a.lectern, "--out", out("lectern-own", size), "--no-cache"],
          env: own,
        }),
        output: (_article, size) => join(out("lectern-own", size), size, `${size}.pdf`),
      },
      {
        tool: "Marp CLI",
        label: "marp article.md --pdf",
        cmd: (a, size) => ({ cmd: bin("marp"), args: [a.marp, "--pdf", "-o", join(out("marp", size), "deck.pdf")], env }),
        output: (_article, size) => join(out("marp", size), "deck.pdf"),
      },
      {
        tool: "reveal-md",
        label: "reveal-md article.md --print deck.pdf",
        cmd: (a, size) => ({
          cmd: bin("reveal-md"),
          args: [
            a.revealmd,
            "--print",
            join(out("revealmd", size), "deck.pdf"),
            "--puppeteer-launch-args=--no-sandbox --disable-gpu",
            "--puppeteer-chromium-executable",
            chrome,
          ],
          env,
        }),
        output: (_article, size) => join(out("revealmd", size), "deck.pdf"),
      },
      {
        tool: "decktape",
        label: "decktape reveal deck.html deck.pdf (reveal-md's static deck)",
        sizes: ["medium"],
        // prints the deck reveal-md's HTML job wrote (the HTML rows run first)
        cmd: (_article, size) => ({
          cmd: bin("decktape"),
          args: [
            "reveal",
            "--chrome-path",
            chrome,
            "--chrome-arg=--no-sandbox",
            "--chrome-arg=--disable-gpu",
            pathToFileURL(resolve(out("revealmd-static", size), `${size}.html`)).href,
            join(out("decktape", size), "deck.pdf"),
          ],
          env,
        }),
        output: (_article, size) => join(out("decktape", size), "deck.pdf"),
      },
    ],
  };
}
