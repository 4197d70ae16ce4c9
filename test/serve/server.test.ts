/**
 * The server answers only requests whose `Host` names it: a page on another name (DNS
 * rebinding: `evil.example` resolved to 127.0.0.1) gets 403 for pages, files and the
 * live-reload WebSocket. Raw `http.request`s set the header as such a browser would. A deck's
 * page asked for while its folder is written waits for it; a page that connects late hears
 * what it missed.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Message, type RunningServer, startServer } from "../../src/serve/server.js";
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

describe("a deck's page and its version, while its folder is written", () => {
  it("sends a page asked for while its deck is being written once it is, with the version written", async () => {
    const root = tempDir("lectern-server-");
    mkdirSync(join(root, "talk"));
    writeFileSync(join(root, "talk", "index.html"), DECK);
    let version = 1;
    let asked: () => void = () => undefined;
    const wasAsked = new Promise<void>((r) => (asked = r));
    let written: () => void = () => undefined;
    const writing = new Promise<void>((r) => (written = r));
    const server = await startServer({
      root,
      host: "127.0.0.1",
      port: 0,
      version: () => version,
      ready: (deck) => {
        if (deck !== "talk") return undefined;
        asked();
        return writing;
      },
    });
    try {
      const port = Number(new URL(server.url).port);
      const answer = get(port, "/talk/", `127.0.0.1:${port}`);
      const first = await Promise.race([wasAsked.then(() => "asked"), answer.then(() => "answered")]);
      expect(first).toBe("asked");
      // the write finishes: the new deck and its version
      writeFileSync(join(root, "talk", "index.html"), DECK.replace("SECRET", "NEW"));
      version = 2;
      written();
      const r = await answer;
      expect(r.body).toContain("NEW-DECK-CONTENT");
      expect(r.body).toContain('data-version="2"');
    } finally {
      await server.close();
    }
  });

  it("sends a page that connects what it missed while it loaded (its hello names its version)", async () => {
    const root = tempDir("lectern-server-");
    const missed: Message = { type: "reload", deck: "talk" };
    const server = await startServer({
      root,
      host: "127.0.0.1",
      port: 0,
      hello: (deck, version) => (deck === "talk" && version === 3 ? missed : undefined),
    });
    try {
      const origin = server.url.replace(/\/$/, "");
      const socket = new WebSocket(`${origin.replace("http", "ws")}/__lectern/ws`, { headers: { Origin: origin } });
      const heard = new Promise<string>((resolve, reject) => {
        socket.on("message", (data) => resolve(String(data)));
        socket.on("error", reject);
      });
      await new Promise<void>((r) => socket.once("open", () => r()));
      socket.send(JSON.stringify({ type: "hello", deck: "talk", version: 3 }));
      expect(JSON.parse(await heard)).toEqual(missed);
      socket.close();
    } finally {
      await server.close();
    }
  });
});
