/**
 * A PDF file written from its objects with the small ones packed: every stream (page contents,
 * fonts, images) is copied as it is, and the other objects — the structure tree's elements
 * above all (a tagged deck has dozens per slide), the pages, the fonts' dictionaries — go
 * compressed into object streams, found through a cross-reference stream (PDF 1.5). Chromium
 * writes each of them uncompressed: the tags alone grew the sample deck from 415 to 544 KB.
 */
import { deflateSync } from "node:zlib";

/** Objects per object stream: a reader inflates a whole stream to reach one of them. */
const PER_STREAM = 200;

export interface PackedTrailer {
  root: number;
  info?: number | undefined;
}

/** The object is a stream: its body ends with `endstream` (no other object can). */
const isStream = (body: string) => /endstream\s*$/.test(body.slice(-24));

/** A compressed stream object's text (latin1: one character a byte). */
const stream = (num: number, dict: string, data: Buffer) =>
  `${num} 0 obj\n<<${dict}\n/Filter /FlateDecode\n/Length ${data.length}>>\nstream\n${data.toString("latin1")}\nendstream\nendobj\n`;

/**
 * The file of `objects` (each one's body: what is written between `n 0 obj` and `endobj`,
 * as latin1 text).
 */
export function writePacked(objects: ReadonlyMap<number, string>, trailer: PackedTrailer): Uint8Array {
  const parts: string[] = ["%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"];
  let at = parts[0]?.length ?? 0;
  const push = (s: string) => {
    parts.push(s);
    at += s.length;
  };
  /** Where each object is: [1, offset] at the top level, [2, stream, index] in an object stream. */
  const where = new Map<number, [1, number] | [2, number, number]>();
  const small: [number, string][] = [];
  let next = 1;
  for (const [num, body] of objects) {
    next = Math.max(next, num + 1);
    if (!isStream(body)) {
      small.push([num, body.trim()]);
      continue;
    }
    where.set(num, [1, at]);
    push(`${num} 0 obj${body}endobj\n`);
  }
  for (let i = 0; i < small.length; i += PER_STREAM) {
    const group = small.slice(i, i + PER_STREAM);
    const num = next++;
    let offsets = "";
    let data = "";
    group.forEach(([n, body], k) => {
      offsets += `${n} ${data.length} `;
      data += `${body}\n`;
      where.set(n, [2, num, k]);
    });
    where.set(num, [1, at]);
    const dict = `/Type /ObjStm\n/N ${group.length}\n/First ${offsets.length}`;
    push(stream(num, dict, deflateSync(Buffer.from(offsets + data, "latin1"))));
  }
  // the cross-reference stream: type (1 byte), offset or object stream (4), generation or index (2)
  const xrefNum = next++;
  where.set(xrefNum, [1, at]);
  const rows = Buffer.alloc(next * 7);
  for (let n = 0; n < next; n++) {
    const w = where.get(n);
    const row = n * 7;
    if (!w) {
      rows.writeUInt8(0, row);
      rows.writeUInt16BE(n === 0 ? 65535 : 0, row + 5);
      continue;
    }
    rows.writeUInt8(w[0], row);
    rows.writeUInt32BE(w[1], row + 1);
    rows.writeUInt16BE(w[0] === 2 ? w[2] : 0, row + 5);
  }
  const info = trailer.info === undefined ? "" : `\n/Info ${trailer.info} 0 R`;
  const dict = `/Type /XRef\n/Size ${next}\n/W [1 4 2]\n/Root ${trailer.root} 0 R${info}`;
  const xrefAt = at;
  push(stream(xrefNum, dict, deflateSync(rows)));
  push(`startxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.from(parts.join(""), "latin1");
}
