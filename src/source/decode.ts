import type { Diagnostics } from "../diagnostics/collect.js";

/** Byte offsets of invalid UTF-8 sequences (each maximal invalid run reported once). */
export function invalidUtf8Offsets(bytes: Uint8Array): number[] {
  const bad: number[] = [];
  let i = 0;
  let lastBadEnd = -1;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      if (lastBadEnd !== i) bad.push(i);
      i++;
      lastBadEnd = i;
      continue;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    let ok = i + need < n + 0;
    let j = 1;
    for (; ok && j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      i += need + 1;
    } else {
      if (lastBadEnd !== i) bad.push(i);
      i += Math.max(1, j - 1);
      lastBadEnd = i;
    }
  }
  return bad;
}

/** 0-based line and column (in UTF-16 code units of the decoded line) of a byte offset. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length };
}

const CONTROL = /[\u0000-\u0008\u000e-\u001f]/g;

/** The text of a UTF-16 file with a byte-order mark (LE or BE), or undefined for anything else. */
function decodeUtf16(bytes: Uint8Array): string | undefined {
  const [a, b] = [bytes[0], bytes[1]];
  const encoding = a === 0xff && b === 0xfe ? "utf-16le" : a === 0xfe && b === 0xff ? "utf-16be" : undefined;
  return encoding && new TextDecoder(encoding).decode(bytes);
}

/** Invalid UTF-8 sequences as warnings: the first 20 placed, the rest counted by the collector. */
function reportInvalidUtf8(bytes: Uint8Array, bad: readonly number[], diags: Diagnostics): void {
  for (const offset of bad.slice(0, 20)) {
    const { line, column } = positionOfByte(bytes, offset);
    const byte = (bytes[offset] as number).toString(16).toUpperCase().padStart(2, "0");
    diags.add("warning", "utf8-invalid", `invalid UTF-8 byte 0x${byte}; replaced with U+FFFD`, line, column);
  }
  // the rest are counted, not placed: the collector's summary says how many more
  for (let i = 20; i < bad.length; i++) diags.add("warning", "utf8-invalid", "invalid UTF-8 byte", 0, 0);
}

/**
 * Decode an article: UTF-8 with invalid sequences replaced (and reported), or UTF-16 with a
 * byte-order mark; BOM removed, line endings normalised. Returns `undefined` for binary input
 * (reported as one error, without the invalid-UTF-8 warnings its bytes would give).
 */
export function decodeSource(input: Uint8Array | string, diags: Diagnostics): string | undefined {
  const utf16 = typeof input === "string" ? undefined : decodeUtf16(input);
  const bad = typeof input === "string" || utf16 !== undefined ? [] : invalidUtf8Offsets(input);
  let text = typeof input === "string" ? input : (utf16 ?? new TextDecoder("utf-8").decode(input));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, "\n");
  const controls = text.match(CONTROL)?.length ?? 0;
  if (text.includes("\u0000") || controls > Math.max(8, text.length / 100)) {
    diags.add("error", "binary-file", "this looks like a binary file, not a Markdown article", 0, 0);
    return undefined;
  }
  if (bad.length > 0) reportInvalidUtf8(input as Uint8Array, bad, diags);
  else reportReplacementChars(text, diags);
  if (controls > 0) text = text.replace(CONTROL, "");
  return text;
}

/** U+FFFD already in the text means it was damaged before it reached us: say where. */
function reportReplacementChars(text: string, diags: Diagnostics): void {
  const re = /\uFFFD+/g;
  let m: RegExpExecArray | null;
  let reported = 0;
  while ((m = re.exec(text)) !== null) {
    if (reported++ >= 20) break;
    const before = text.slice(0, m.index);
    const line = before.split("\n").length - 1;
    const column = m.index - (before.lastIndexOf("\n") + 1);
    const n = m[0].length;
    diags.add(
      "warning",
      "utf8-replacement",
      `${n} U+FFFD replacement character${n === 1 ? "" : "s"}: the text was damaged (a broken UTF-8 sequence) before it reached Lectern`,
      line,
      column,
    );
  }
}
