/** HTML text helpers, written once: every module that escapes or decodes uses these. */

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or an attribute value (double- or single-quoted) as HTML: `& < > " '` escaped. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  colon: ":",
  tab: "\t",
  newline: "\n",
};

/**
 * The text an attribute value or a run of text means, as a browser reads it: numeric
 * references (their `;` optional, as browsers allow) and the common named ones decoded — what
 * `escapeHtml` writes, and `&apos;`, `&nbsp;`, `&colon;`, `&tab;`, `&newline;`, which a URL
 * filter must see through. Other `&name;` stay as written.
 */
export const decodeEntities = (s: string): string =>
  s.replace(/&(?:#(\d{1,8});?|#x([0-9a-f]{1,7});?|([a-z]+);)/gi, (all, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? Number.parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    return NAMED[(name as string).toLowerCase()] ?? all;
  });
