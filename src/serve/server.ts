import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { CLIENT_JS } from "./client.js";
import { sendDynamic } from "./dynamic.js";
import { hostMatcher } from "./host.js";
import { staticFiles } from "./static.js";
import type { Patch } from "./update.js";

export interface ServerOptions {
  /** Folder served (the build output). */
  root: string;
  host: string;
  /** Preferred port; the next free one is taken when it is busy (0: any). */
  port: number;
  /** The version of a deck's page now served (the patches a page is sent go from one to the next). */
  version?: (deck: string) => number;
  /** While a deck's folder is being written: settles once it is (its files are sent after that). */
  ready?: (deck: string) => Promise<void> | undefined;
  /** What a deck's page that connects at `version` is sent first (what it missed while it loaded). */
  hello?: (deck: string, version: number) => Message | undefined;
  /**
   * Files made when asked for (a deck's PDF): the file to send for a URL path, or undefined
   * to serve the path from `root` as usual. A rejection answers 500 with its message.
   */
  dynamic?: (path: string) => Promise<{ file: string; type: string } | undefined>;
}

/** A deck's page after a rebuild: reload, patch (see update.ts), or show the diagnostics. */
export type Message =
  | { type: "reload"; deck: string }
  | { type: "error"; deck: string; diagnostics: string[] }
  | (Patch & { deck: string; from: number; to: number; fonts: boolean });

export interface RunningServer {
  url: string;
  broadcast(message: Message): void;
  close(): Promise<void>;
}

const CLIENT_PATH = "/__lectern/client.js";
const WS_PATH = "/__lectern/ws";
/** The deck a path is under (its first segment), or "" for none. */
function deckOf(path: string): string {
  try {
    return decodeURIComponent(path.split("/").filter(Boolean)[0] ?? "");
  } catch {
    return ""; // a name that does not decode is no deck
  }
}

/** The client, with the version of the deck the page holds. */
const inject = (path: string, version: ((deck: string) => number) | undefined) =>
  `<script src="${CLIENT_PATH}" data-version="${version?.(deckOf(path)) ?? 0}"></script>\n`;

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/**
 * Serve the build output on loopback (by default) with live reload: only files under
 * `root`, no directory listings, only requests whose `Host` names this server (403 otherwise:
 * no DNS rebinding), and WebSocket connections only from the same origin.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  let ours: (host: string | undefined) => boolean = () => false; // set once the port is known
  const files = staticFiles(options.root, (path) => inject(path, options.version));
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] as string;
    if (!ours(req.headers.host)) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end("forbidden: unknown Host\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    if (path === CLIENT_PATH) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" }).end(CLIENT_JS);
      return;
    }
    // a deck being written is sent once it is: never half of it, nor its page with another version
    void Promise.resolve(options.ready?.(deckOf(path)))
      .then(() => (options.dynamic ? sendDynamic(options.dynamic, path, req, res) : false))
      .then((sent) => {
        if (!sent) files(req, res);
      });
  });
  let port = options.port;
  for (let attempt = 0; ; attempt++) {
    try {
      port = await listen(server, options.host, port);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 20) throw err;
      port = options.port === 0 ? 0 : port + 1;
    }
  }
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}/`;
  ours = hostMatcher(options.host, port);
  const sameOrigin = (origin: string | undefined) => origin?.startsWith("http://") === true && ours(origin.slice("http://".length));
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if ((req.url ?? "").split("?")[0] !== WS_PATH || !ours(req.headers.host) || !sameOrigin(req.headers.origin)) {
      socket.write("HTTP/1.1 403 Forbidden\r\n\r\n");
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });
  // a page says which deck and version it holds once connected: what it missed meanwhile is sent to it
  wss.on("connection", (ws: WebSocket) => {
    ws.on("message", (data) => {
      let hello: { type?: unknown; deck?: unknown; version?: unknown };
      try {
        hello = JSON.parse(String(data)) as typeof hello;
      } catch {
        return;
      }
      if (hello.type !== "hello" || typeof hello.deck !== "string" || typeof hello.version !== "number") return;
      const missed = options.hello?.(hello.deck, hello.version);
      if (missed && ws.readyState === ws.OPEN) ws.send(JSON.stringify(missed));
    });
  });
  return {
    url,
    broadcast(message) {
      const data = JSON.stringify(message);
      for (const client of wss.clients as Set<WebSocket>) if (client.readyState === client.OPEN) client.send(data);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
