import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { invalidUtf8Offsets } from "../../src/source/decode.js";
import { readFixture, withCode } from "../helpers.js";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("invalid UTF-8", () => {
  it("reports an invalid byte at its 1-based line and column and still builds", () => {
    const r = buildDeck(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x63]), { file: "bad.md" });
    const [d, ...rest] = withCode(r.diagnostics, "utf8-invalid");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "warning", file: "bad.md", line: 2, column: 2 });
    expect(d?.message).toContain("0xFF");
    expect(r.usable).toBe(true);
    expect(r.article.source.text).toBe("a\nb\uFFFDc");
  });

  it("counts the column in characters of the decoded line, not in bytes", () => {
    const r = buildDeck(bytes("第一行。\n中文", [0xff], "。\n"), { file: "zh.md" });
    expect(withCode(r.diagnostics, "utf8-invalid")).toMatchObject([{ line: 2, column: 3 }]);
  });

  it("finds overlong forms, surrogates and a sequence cut off at the end", () => {
    expect(invalidUtf8Offsets(Buffer.from([0x41, 0xc0, 0x80, 0x42]))).toEqual([1]);
    expect(invalidUtf8Offsets(Buffer.from([0x41, 0xed, 0xa0, 0x80]))).toEqual([1]);
    expect(invalidUtf8Offsets(bytes("Text 中", [0xe4, 0xb8]))).toEqual([8]);
    expect(invalidUtf8Offsets(bytes("héllo 中文 🎉"))).toEqual([]);
  });

  it("lists at most 20 invalid sequences and says how many more there were", () => {
    const r = buildDeck(Buffer.from(Array.from({ length: 30 }, () => [0x61, 0xff]).flat()), { file: "many.md" });
    const found = withCode(r.diagnostics, "utf8-invalid");
    expect(found).toHaveLength(21);
    expect(found[20]?.message).toMatch(/10 more/);
  });
});

describe("text damaged before it reached Lectern (U+FFFD)", () => {
  it("reports replacement characters in the bytes with their line and column", () => {
    const r = buildDeck(Buffer.from("Hello.\n\nab\uFFFD\uFFFDcd here.\n"), { file: "fffd.md" });
    const found = withCode(r.diagnostics, "utf8-replacement");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", line: 3, column: 3 });
    expect(found[0]?.message).toMatch(/^2 U\+FFFD/);
    expect(r.usable).toBe(true);
  });
});

describe("binary and empty input", () => {
  it("rejects a file with NUL bytes as binary: an error, no deck", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const r = buildDeck(png, { file: "image.md" });
    expect(withCode(r.diagnostics, "binary-file")).toMatchObject([{ severity: "error", line: 1, column: 1 }]);
    expect(r.usable).toBe(false);
    expect(r.html).toBe("");
  });

  it("reports a binary file with the error alone, not invalid-UTF-8 warnings first", () => {
    // a JPEG-like header and 512 bytes of everything: dozens of invalid sequences and NULs
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...Array.from({ length: 512 }, (_, i) => (i * 37) % 256)]);
    expect(invalidUtf8Offsets(jpeg).length).toBeGreaterThan(20);
    const r = buildDeck(jpeg, { file: "photo.md" });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["binary-file"]);
    expect(r.usable).toBe(false);
  });

  it("decodes UTF-16 with a byte-order mark (LE and BE) instead of calling it binary", () => {
    const article = "# Titel\r\n\n## Größe\n\nText mit 中文 und 🎉.\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const input of [le, be]) {
      const r = buildDeck(input, { file: "utf16.md" });
      expect(r.diagnostics).toEqual([]);
      expect(r.usable).toBe(true);
      expect(r.article.source.text).toBe("# Titel\n\n## Größe\n\nText mit 中文 und 🎉.\n");
      expect(r.html).toContain("Größe");
    }
  });

  it("rejects an empty file and a whitespace-only file with empty-article", () => {
    expect(readFixture("whitespace-only.md").length).toBeGreaterThan(0);
    for (const input of ["", "  \n\n\t\n   ", readFixture("empty.md"), readFixture("whitespace-only.md")]) {
      const r = buildDeck(input, { file: "empty.md" });
      expect(r.usable).toBe(false);
      expect(r.html).toBe("");
      expect(withCode(r.diagnostics, "empty-article")).toMatchObject([{ severity: "error", line: 1 }]);
    }
  });
});

describe("normalisation", () => {
  it("drops a BOM and turns CRLF into LF (headings still found)", () => {
    const r = buildDeck(bytes([0xef, 0xbb, 0xbf], "# Title\r\n\r\n## A\r\n\r\nText.\r\n"), { file: "crlf.md" });
    expect(r.article.source.text).toBe("# Title\n\n## A\n\nText.\n");
    expect(r.plan.title).toBe("Title");
    expect(r.diagnostics).toEqual([]);
    expect(r.html).not.toContain("\r");
  });

  it("removes stray control characters without calling the file binary", () => {
    const r = buildDeck("Hello\u0007 world.\n", { file: "bell.md" });
    expect(r.usable).toBe(true);
    expect(r.article.source.text).toBe("Hello world.\n");
  });
});
