/**
 * While a deck is measured and printed, the browser loads the files of the deck's own folder
 * only: raw HTML (trusted with `--allow-html`) pointing at a file elsewhere on the machine
 * gets nothing into the PDF, and a `file-blocked` warning names it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { judgeRequest } from "../../src/browser/request-filter.js";
import { buildPaths, type RunResult } from "../../src/index.js";
import { REPO_ROOT, tempDir, withCode } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const HAS_PDFIMAGES = spawnSync("pdfimages", ["-v"]).status === 0;

/** An 8×8 RGB PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAJklEQVR4nGM4IcdwQk7uhJzNCbmoE3IVJ+SmnZDbckLuEsPQkgAAW0hTwUF4uUYAAAAASUVORK5CYII=",
  "base64",
);

/** Copies of PNG (8×8) that `pdfimages -list` finds in a PDF (a blocked one shows as Chromium's 14×16 broken-image icon). */
function ourImages(pdf: string): string[] {
  const r = spawnSync("pdfimages", ["-list", pdf], { encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stdout.split("\n").filter((row) => /^\s*\d+\s+\d+\s+image\s+8\s+8\s/.test(row));
}

describe("which requests a page may make", () => {
  const deck = "/srv/out/.talk.tmp-1-a-b";
  const files = [deck];
  it("loads files of the folders given, and inline data", () => {
    expect(judgeRequest(`file://${deck}/index.html`, { files })).toBe("load");
    expect(judgeRequest(`file://${deck}/assets/katex/fonts/KaTeX_Main-Regular.woff2`, { files })).toBe("load");
    expect(judgeRequest("data:image/png;base64,AAAA", { files })).toBe("load");
  });
  it("refuses other files, a sibling whose name starts alike, and `..` or encoded `/` tricks", () => {
    expect(judgeRequest("file:///etc/passwd", { files })).toBe("file");
    expect(judgeRequest(`file://${deck}-evil/x.png`, { files })).toBe("file");
    expect(judgeRequest(new URL(`file://${deck}/../../../etc/x.png`).href, { files })).toBe("file");
    expect(judgeRequest(`file://${deck}/..%2F..%2Fsecret.png`, { files })).toBe("file");
    expect(judgeRequest(`file://${deck}/%2e%2e/%2e%2e/etc/x.png`, { files })).toBe("file");
    expect(judgeRequest("file://otherhost/share/x.png", { files })).toBe("file");
  });
  it("refuses the network, except the prefixes allowed (a local serve)", () => {
    expect(judgeRequest("https://example.com/x.png", { files })).toBe("remote");
    expect(judgeRequest("http://127.0.0.1:8080/talk/", { allow: ["http://127.0.0.1:8080/"] })).toBe("load");
  });
});

describe.skipIf(!HAS_BROWSER)("raw HTML pointing at a file outside the deck (--allow-html, --pdf)", () => {
  const project = tempDir("lectern-files-");
  const elsewhere = tempDir("lectern-elsewhere-");
  const secret = join(elsewhere, "secret.png");
  const backdrop = join(elsewhere, "backdrop.png");
  let run: RunResult;

  beforeAll(async () => {
    writeFileSync(secret, PNG);
    writeFileSync(backdrop, PNG);
    writeFileSync(join(project, "inside.png"), PNG);
    writeFileSync(
      join(project, "talk.md"),
      [
        "# Talk",
        "",
        "## Outside",
        "",
        `<img src="${secret}" width="200" height="200">`,
        "",
        `<div style="width:200px;height:200px;background:url(${pathToFileURL(backdrop).href})"></div>`,
        "",
        "## Inside",
        "",
        "![a picture of the project](inside.png)",
        "",
      ].join("\n"),
    );
    run = await buildPaths([join(project, "talk.md")], { outDir: join(project, "dist"), pdf: true, allowHtml: true });
  }, 90_000);

  it("prints the deck without them; the project's own image is there", () => {
    const deck = run.decks[0];
    expect(deck?.written).toBe(true);
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (HAS_PDFIMAGES) expect(ourImages(deck?.pdf?.path as string)).toHaveLength(1);
  });

  it("warns `file-blocked` for each, naming its URL, at the line that points there", () => {
    const warnings = withCode(run.diagnostics, "file-blocked");
    expect(warnings.map((w) => w.severity)).toEqual(["warning", "warning"]);
    expect(warnings.map((w) => w.line).sort()).toEqual([5, 7]);
    const messages = warnings.map((w) => w.message).join("\n");
    expect(messages).toContain(pathToFileURL(secret).href);
    expect(messages).toContain(pathToFileURL(backdrop).href);
  });
});
