/**
 * `serve` on a folder: an article written into it (directly, or as editors save: a temporary
 * file renamed into place) joins the course index and its deck is served; one removed or
 * renamed leaves the index. The index links each deck's PDF, printed when first asked for.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeckOutput } from "../../src/index.js";
import { type Serving, serve } from "../../src/serve/serve.js";
import { tempDir } from "../helpers.js";

describe("serve: a folder of articles", () => {
  let dir: string;
  let src: string;
  let serving: Serving;
  const waiting: { test: (d: DeckOutput) => boolean; resolve: () => void }[] = [];
  /** Resolves at the next build `serve` reports that passes `test`. */
  const built = (test: (d: DeckOutput) => boolean) => new Promise<void>((resolve) => waiting.push({ test, resolve }));
  const get = (path: string) => fetch(`${serving.url}${path}`).then(async (r) => ({ status: r.status, text: await r.text() }));
  /** The course index, once it lists (or no longer lists) a deck. */
  const indexWith = async (name: string, listed: boolean) => {
    for (let i = 0; i < 200; i++) {
      const { text } = await get("");
      if (text.includes(`href="${name}/index.html"`) === listed) return text;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the index never ${listed ? "listed" : "dropped"} ${name}`);
  };

  beforeAll(async () => {
    dir = tempDir();
    src = join(dir, "course");
    mkdirSync(join(src, "week1"), { recursive: true });
    writeFileSync(join(src, "week1", "intro.md"), "# Intro\n\nFirst words.\n");
    serving = await serve([src], {
      outDir: join(dir, "out"),
      port: 0,
      onBuild: (deck) => {
        for (const w of waiting.splice(0)) (w.test(deck) ? w.resolve : () => waiting.push(w))();
      },
    });
  }, 60_000);

  afterAll(async () => {
    await serving?.close();
  });

  it("serves a new article (written in place) and lists it in the index", async () => {
    const done = built((d) => d.name === "second");
    writeFileSync(join(src, "week1", "second.md"), "# Second talk\n\nNew words.\n");
    await done;
    expect(await indexWith("second", true)).toContain("Second talk");
    const deck = await get("second/");
    expect(deck.status).toBe(200);
    expect(deck.text).toContain("New words.");
  }, 30_000);

  it("serves a new article saved as a temporary file renamed into place, in a new folder", async () => {
    mkdirSync(join(src, "week2"));
    const done = built((d) => d.name === "third");
    writeFileSync(join(src, "week2", ".third.md.tmp"), "# Third talk\n\nAtomic words.\n");
    renameSync(join(src, "week2", ".third.md.tmp"), join(src, "week2", "third.md"));
    await done;
    await indexWith("third", true);
    expect((await get("third/")).text).toContain("Atomic words.");
  }, 30_000);

  it("drops a deleted article from the index, and a renamed one's old name", async () => {
    rmSync(join(src, "week1", "second.md"));
    expect(await indexWith("second", false)).toContain("Intro");
    expect((await get("second/")).status).toBe(404);
    const done = built((d) => d.name === "fourth");
    renameSync(join(src, "week2", "third.md"), join(src, "week2", "fourth.md"));
    await done;
    const index = await indexWith("third", false);
    expect(index).toContain('href="fourth/index.html"');
  }, 30_000);

  it("links each deck's PDF on the index and prints it when asked for", async () => {
    const index = await get("");
    expect(index.text).toContain('href="intro/intro.pdf"');
    const res = await fetch(`${serving.url}intro/intro.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = join(dir, "intro.pdf");
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    expect(execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" })).toContain("First words.");
    // a rebuild prints it again, with the new text
    const done = built((d) => d.name === "intro");
    writeFileSync(join(src, "week1", "intro.md"), "# Intro\n\nChanged words.\n");
    await done;
    writeFileSync(pdf, Buffer.from(await (await fetch(`${serving.url}intro/intro.pdf`)).arrayBuffer()));
    expect(execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" })).toContain("Changed words.");
    expect((await fetch(`${serving.url}nope/nope.pdf`)).status).toBe(404);
  }, 60_000);
});
