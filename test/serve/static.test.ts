/**
 * What `serve` sends from the build output (sirv in dev mode, pages read here): nothing outside
 * the folder or in a dot-file, the right media types, the live-reload client in pages, and
 * after a rebuild the file as it is now.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/serve/server.js";
import { tempDir } from "../helpers.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** `method path` sent as written (no URL normalisation on the way), from this machine. */
function send(port: number, path: string, method = "GET", headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serve's static files", () => {
  const parent = tempDir("lectern-static-");
  const root = join(parent, "out");
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    mkdirSync(join(root, "talk", "assets", "fonts"), { recursive: true });
    mkdirSync(join(root, "talk", ".tmp-build"), { recursive: true });
    writeFileSync(join(parent, "secret.txt"), "SECRET-OUTSIDE");
    writeFileSync(join(root, "talk", "index.html"), "<!doctype html><html><body><p>DECK-ONE</p></body></html>");
    writeFileSync(join(root, "talk", ".lectern.json"), '{"key":"SECRET-RECORD"}');
    writeFileSync(join(root, "talk", ".tmp-build", "index.html"), "HALF-WRITTEN");
    writeFileSync(join(root, "talk", "assets", "theme.css"), "body { color: red }");
    writeFileSync(join(root, "talk", "assets", "deck.js"), "console.log(1)");
    writeFileSync(join(root, "talk", "assets", "fonts", "KaTeX.woff2"), "wOF2");
    writeFileSync(join(root, "talk", "figure.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    writeFileSync(join(root, "talk", "talk.pdf"), "%PDF-1.7");
    writeFileSync(join(root, "talk", "data.json"), "{}");
    server = await startServer({ root, host: "127.0.0.1", port: 0 });
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server?.close());

  it("sends nothing from outside the folder: `/../`, `%2e%2e`, `%2f`, backslashes", async () => {
    for (const path of [
      "/../secret.txt",
      "/talk/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/talk/..%5c..%5csecret.txt",
      "/%2e%2e%2fsecret.txt",
    ]) {
      const r = await send(port, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain("SECRET");
    }
  });

  it("sends no dot-file or dot-folder, encoded or not", async () => {
    for (const path of [
      "/talk/.lectern.json",
      "/talk/%2electern.json",
      "/talk/assets/../.lectern.json",
      "/talk/.tmp-build/",
      "/talk/.tmp-build/index.html",
    ]) {
      const r = await send(port, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toMatch(/SECRET|HALF-WRITTEN/);
    }
  });

  it("sends each file with its media type, nosniff and no-store", async () => {
    const types: [string, string][] = [
      ["/talk/", "text/html; charset=utf-8"],
      ["/talk/index.html", "text/html; charset=utf-8"],
      ["/talk/assets/theme.css", "text/css; charset=utf-8"],
      ["/talk/assets/deck.js", "text/javascript; charset=utf-8"],
      ["/talk/assets/fonts/KaTeX.woff2", "font/woff2"],
      ["/talk/figure.svg", "image/svg+xml"],
      ["/talk/talk.pdf", "application/pdf"],
      ["/talk/data.json", "application/json"],
    ];
    for (const [path, type] of types) {
      const r = await send(port, path);
      expect(r.status, path).toBe(200);
      expect(r.headers["content-type"], path).toBe(type);
      expect(r.headers["x-content-type-options"], path).toBe("nosniff");
      expect(r.headers["cache-control"], path).toBe("no-store");
    }
  });

  it("puts the live-reload client into pages, before </body>, and only into pages", async () => {
    const page = await send(port, "/talk/");
    expect(page.body).toBe(
      '<!doctype html><html><body><p>DECK-ONE</p><script src="/__lectern/client.js" data-version="0"></script>\n</body></html>',
    );
    expect(Number(page.headers["content-length"])).toBe(Buffer.byteLength(page.body));
    expect((await send(port, "/talk/assets/deck.js")).body).toBe("console.log(1)");
    const head = await send(port, "/talk/", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("redirects a folder asked for without its slash, so the deck's relative assets resolve", async () => {
    const r = await send(port, "/talk?slide=3");
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe("/talk/?slide=3");
  });

  it("lists no folder and answers 404 for a missing file", async () => {
    for (const path of ["/talk/assets/", "/nope.css", "/nope/", "/nope"]) {
      const r = await send(port, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain("theme.css");
    }
  });

  it("sends the file as it is now after a rebuild rewrites it (longer, shorter, new)", async () => {
    for (const css of ["body { color: blue; background: white }", "p{}"]) {
      writeFileSync(join(root, "talk", "assets", "theme.css"), css);
      const r = await send(port, "/talk/assets/theme.css");
      expect(r.body).toBe(css);
      expect(Number(r.headers["content-length"])).toBe(css.length);
    }
    writeFileSync(join(root, "talk", "index.html"), "<html><body>DECK-TWO</body></html>");
    expect((await send(port, "/talk/")).body).toContain("DECK-TWO");
    mkdirSync(join(root, "second"));
    writeFileSync(join(root, "second", "index.html"), "<body>NEW-DECK</body>");
    writeFileSync(join(root, "second", "extra.js"), "1");
    expect((await send(port, "/second/")).body).toContain("NEW-DECK");
    expect((await send(port, "/second/extra.js")).status).toBe(200);
  });

  it("sends a byte range of a file (the PDF viewer asks for them)", async () => {
    const r = await send(port, "/talk/talk.pdf", "GET", { range: "bytes=0-3" });
    expect(r.status).toBe(206);
    expect(r.body).toBe("%PDF");
  });
});
