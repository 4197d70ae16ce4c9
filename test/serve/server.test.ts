/**
 * The server answers only requests whose `Host` names it: a page on another name (DNS
 * rebinding: `evil.example` resolved to 127.0.0.1) gets 403 for pages, files and the
 * live-reload WebSocket. Raw `http.request`s set the header as such a browser would.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/serve/server.js";
import { tempDir } from "../helpers.js";

const DECK = "<!doctype html><html><body><p>SECRET-DECK-CONTENT</p></body></html>";

/** GET `path` from 127.0.0.1:`port` with the given `Host` header (none when undefined). */
function get(port: number, path: string, host: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, setHost: false, headers: host === undefined ? {} : { Host: host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Ask for the WebSocket upgrade with these headers: the status line's code (101 when accepted). */
function upgrade(port: number, host: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: "127.0.0.1",
      port,
      path: "/__lectern/ws",
      setHost: false,
      headers: {
        Host: host,
        Origin: origin,
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (err) => (/socket hang up|ECONNRESET/.test(err.message) ? resolve(403) : reject(err)));
    req.end();
  });
}

const start = async (host: string) => {
  const root = tempDir("lectern-server-");
  mkdirSync(join(root, "talk"));
  writeFileSync(join(root, "talk", "index.html"), DECK);
  const server = await startServer({ root, host, port: 0 });
  return { server, port: Number(new URL(server.url).port) };
};

describe("the Host check (bound to 127.0.0.1)", () => {
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    ({ server, port } = await start("127.0.0.1"));
  });
  afterAll(() => server?.close());

  it("serves the deck to the loopback names with the server's port", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const r = await get(port, "/talk/", host);
      expect(r.status, host).toBe(200);
      expect(r.body).toContain("SECRET-DECK-CONTENT");
    }
  });

  it("refuses any other Host with 403, for pages, files and the client script", async () => {
    const hosts = [
      "evil.example",
      `evil.example:${port}`,
      `localhost:${port + 1}`,
      "127.0.0.1",
      `localhost.evil.example:${port}`,
      "",
      "a:b:c",
    ];
    for (const host of hosts) {
      for (const path of ["/talk/", "/talk/index.html", "/__lectern/client.js", "/"]) {
        const r = await get(port, path, host);
        expect(r.status, `${host} ${path}`).toBe(403);
        expect(r.body).not.toContain("SECRET-DECK-CONTENT");
      }
    }
    const none = await get(port, "/talk/", undefined); // Node answers 400 itself
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect(none.body).not.toContain("SECRET-DECK-CONTENT");
  });

  it("refuses the WebSocket upgrade for another Host, even with a matching Origin", async () => {
    expect(await upgrade(port, `127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).toBe(101);
    expect(await upgrade(port, `localhost:${port}`, `http://localhost:${port}`)).toBe(101);
    expect(await upgrade(port, `evil.example:${port}`, `http://evil.example:${port}`)).toBe(403);
    expect(await upgrade(port, `evil.example:${port}`, `http://127.0.0.1:${port}`)).toBe(403);
    expect(await upgrade(port, `127.0.0.1:${port}`, `http://evil.example:${port}`)).toBe(403);
  });
});

describe("the Host check (bound to every interface, --host 0.0.0.0)", () => {
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    ({ server, port } = await start("0.0.0.0"));
  });
  afterAll(() => server?.close());

  it("serves the machine's IP addresses, and refuses names other than loopback", async () => {
    expect((await get(port, "/talk/", `192.0.2.7:${port}`)).status).toBe(200);
    expect((await get(port, "/talk/", `localhost:${port}`)).status).toBe(200);
    expect((await get(port, "/talk/", `evil.example:${port}`)).status).toBe(403);
    expect((await get(port, "/talk/", `192.0.2.7:${port + 1}`)).status).toBe(403);
  });
});
