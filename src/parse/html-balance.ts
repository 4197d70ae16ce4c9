/** HTML's void elements: they have no content and no closing tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(
  "area base br col embed frame hr img input keygen link meta param source track wbr".split(" "),
);
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)(?:\s[^<>]*?)?(\/?)>/g;

export interface Balanced {
  /** The HTML with closing tags that match nothing removed. */
  html: string;
  /** Tags still open at the end, outermost first. */
  open: string[];
}

/**
 * Raw HTML in an article must not close elements it did not open (a stray `</div>`
 * would close the slide itself): drop unmatched closing tags, report what stays open.
 */
export function balanceTags(html: string): Balanced {
  const open: string[] = [];
  let out = "";
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    const [whole, closing, rawName, selfClosing] = m;
    if (!rawName) continue; // a comment
    const name = rawName.toLowerCase();
    if (VOID_ELEMENTS.has(name) || selfClosing) continue;
    if (!closing) {
      open.push(name);
      continue;
    }
    const at = open.lastIndexOf(name);
    if (at < 0) {
      out += html.slice(last, m.index);
      last = (m.index ?? 0) + whole.length;
      continue;
    }
    open.length = at;
  }
  return { html: out + html.slice(last), open };
}

/** Elements opened minus elements closed (void and self-closing tags, comments ignored). */
export function netDepth(html: string): number {
  let depth = 0;
  for (const [, closing, rawName, selfClosing] of html.matchAll(TAG)) {
    if (!rawName || VOID_ELEMENTS.has(rawName.toLowerCase()) || selfClosing) continue;
    depth += closing ? -1 : 1;
  }
  return depth;
}

/** `<div x />` is not self-closing in HTML (it opens a div): write it out as `<div x></div>`. */
export function expandSelfClosing(html: string): string {
  return html.replace(/<([a-zA-Z][\w-]*)(\s[^<>]*?)?\s*\/>/g, (whole, name: string, attrs = "") =>
    VOID_ELEMENTS.has(name.toLowerCase()) ? whole : `<${name}${attrs}></${name}>`,
  );
}

/** Close what the HTML left open, innermost first (after expanding `<div />`). */
export function closeOpenTags(html: string): string {
  const { html: clean, open } = balanceTags(expandSelfClosing(html));
  return (
    clean +
    open
      .reverse()
      .map((t) => `</${t}>`)
      .join("")
  );
}
