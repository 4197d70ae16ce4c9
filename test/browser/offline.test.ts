/**
 * Chromium's own services (updates, sign-in, safe browsing…) reach nothing: a `--pdf` build
 * under strace opens no connection to another machine and asks no DNS server anything.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER =
  existsSync("/usr/bin/chromium") || existsSync(join(REPO_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"));
const HAS_STRACE = spawnSync("strace", ["-V"]).status === 0;

const isLoopback = (ip: string) => /^127\./.test(ip) || ip === "::1" || /^::ffff:127\./i.test(ip);

/** An address written by strace: `sin_addr=inet_addr("X")` or `inet_pton(AF_INET6, "X"`, with its port. */
function addressesIn(line: string): { ip: string; port: number }[] {
  const found: { ip: string; port: number }[] = [];
  for (const m of line.matchAll(/sin6?_port=htons\((\d+)\)[^}]*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/g))
    found.push({ port: Number(m[1]), ip: (m[2] ?? m[3]) as string });
  // a socket strace describes with -yy: <TCP:[local->remote]>, <UDPv6:[[::1]:5->[2001:db8::1]:53]>
  for (const m of line.matchAll(/<(?:TCP|UDP)(?:v6)?:\[.*?->\[?([0-9a-f.:]+?)\]?:(\d+)\]>/gi))
    found.push({ ip: m[1] as string, port: Number(m[2]) });
  return found;
}

/**
 * What in an strace log (`-f -yy -e trace=connect,sendto,sendmsg,sendmmsg`) went to another
 * machine: a TCP connect, a DNS query (UDP to port 53), or any datagram sent. A UDP `connect`
 * alone sends nothing (Chromium's IPv6 route check, a local lookup) and is not counted.
 */
function leaks(trace: string): string[] {
  return trace.split("\n").filter((line) => {
    const call = /^\d+\s+(connect|sendto|sendmsg|sendmmsg)\(/.exec(line)?.[1];
    if (!call) return false;
    const remote = addressesIn(line).filter((a) => !isLoopback(a.ip));
    if (remote.length === 0) return false;
    if (call !== "connect") return true;
    const udp = /^\d+\s+connect\(\d+<UDP/.test(line);
    return !udp || remote.some((a) => a.port === 53);
  });
}

describe("the leak finder", () => {
  it("counts TCP connects, DNS and datagrams to other machines; not loopback, Unix sockets or a bare UDP connect", () => {
    const trace = [
      '10 connect(20<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("142.250.1.1")}, 16) = -1 EINPROGRESS',
      '11 connect(21<UDP:[2]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 0',
      '12 sendto(22<UDPv6:[[::]:5000->[2001:db8::1]:443]>, "x", 1, 0, NULL, 0) = 1',
      '13 connect(23<TCP:[3]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED',
      '14 connect(24<UDPv6:[4]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
      '15 connect(25<UNIX:[5]>, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = 0',
      '16 connect(26<TCPv6:[6]>, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
    ].join("\n");
    expect(leaks(trace).map((l) => l.split(" ")[0])).toEqual(["10", "11", "12"]);
  });
});

describe.skipIf(!HAS_BROWSER || !HAS_STRACE)("a --pdf build under strace", () => {
  it("connects to nothing but loopback and resolves no name", () => {
    const dir = tempDir("lectern-offline-");
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    const article = join(dir, "talk.md");
    writeFileSync(article, "# Talk\n\nPlain text.\n\n# Part two\n\n- one\n- two\n");
    const log = join(dir, "trace.txt");
    const r = spawnSync(
      "strace",
      [
        "-f",
        "-yy",
        "-e",
        "trace=execve,connect,sendto,sendmsg,sendmmsg",
        "-o",
        log,
        process.execPath,
        join(REPO_ROOT, "bin", "lectern.js"),
      ].concat(["build", article, "--pdf", "--out", join(dir, "out")]),
      { encoding: "utf8", env: { ...process.env, TMPDIR: tmp }, timeout: 90_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, "out", "talk", "talk.pdf"))).toBe(true);
    const trace = readFileSync(log, "utf8");
    expect(trace).toMatch(/execve\("[^"]*chrom/i); // strace followed the browser
    expect(leaks(trace)).toEqual([]);
  }, 120_000);
});
