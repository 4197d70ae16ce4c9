import { isIP } from "node:net";

/** Addresses that listen on every interface: the machine's own IP addresses reach the server. */
const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);

/** `[::1]` for an IPv6 address, the name as it is otherwise; lower case. */
const bracketed = (host: string) => {
  const h = host.toLowerCase();
  return h.includes(":") && !h.startsWith("[") ? `[${h}]` : h;
};

/**
 * Whether a `Host` header (or an Origin's host) names this server: a loopback name
 * (`localhost`, `127.0.0.1`, `[::1]`) or the `--host` it was bound to, with its port (none
 * for port 80). A page on another name (DNS rebinding: `evil.example` pointed at 127.0.0.1)
 * is refused. When bound to every interface (`0.0.0.0`, `::`) an IP address is accepted
 * too: a page can only reach the server by its address from its own origin.
 */
export function hostMatcher(host: string, port: number): (header: string | undefined) => boolean {
  const names = new Set(["localhost", "127.0.0.1", "[::1]", bracketed(host)]);
  const anyAddress = WILDCARD.has(host.toLowerCase());
  return (header) => {
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header?.trim() ?? "");
    if (!m) return false;
    const name = (m[1] as string).toLowerCase();
    if ((m[2] === undefined ? 80 : Number(m[2])) !== port) return false;
    return names.has(name) || (anyAddress && isIP(name.replace(/^\[|\]$/g, "")) !== 0);
  };
}
