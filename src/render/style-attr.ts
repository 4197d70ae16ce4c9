/**
 * The `style` attribute of raw HTML, declaration by declaration: an allowlisted property with
 * a value made only of allowed forms — keywords, numbers, lengths within bounds, `#hex`
 * colours and a few functions that compute (rgb(), hsl(), calc(), repeat(), …). Nothing that
 * loads (url(), image-set()), refers (var(), attr()) or escapes (`\`, comments, strings) gets
 * through, whatever the spelling. The slide box clips what is left (render/document.ts).
 */

const PROPS =
  /^(color|background-color|text-align|font-weight|font-style|font-size|font-variant|text-decoration|vertical-align|line-height|letter-spacing|white-space|width|height|max-width|max-height|min-width|min-height|margin(-(top|right|bottom|left))?|padding(-(top|right|bottom|left))?|border(-(top|right|bottom|left))?(-(width|style|color|radius))?|border-collapse|display|gap|column-count|columns|column-gap|flex(-(direction|wrap|grow|shrink|basis))?|justify-content|align-items|grid-template-columns|list-style(-type)?|opacity)$/;
/** Where a value may be negative (a little): pulling text closer, nudging it up or down. */
const NEGATIVE = /^(margin(-(top|right|bottom|left))?|letter-spacing|vertical-align)$/;

const COLOR_FUNCTIONS = new Set(["rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch"]);
const MATH_FUNCTIONS = new Set(["calc", "min", "max", "clamp"]);
const GRID_FUNCTIONS = new Set(["repeat", "minmax", "fit-content"]);

/** CSS pixels per unit (viewport units taken at a 2000 px wide window). */
const PX_PER: Readonly<Record<string, number>> = {
  px: 1,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
  em: 16,
  rem: 16,
  ex: 8,
  ch: 8,
  lh: 24,
  rlh: 24,
  vw: 20,
  vh: 20,
  vmin: 20,
  vmax: 20,
};
/** Bounds: larger than any slide, small enough that nothing is thrown far off it. */
const MAX_PX = 4000;
const MIN_PX = -200;
const MAX_PERCENT = 1000;
const MIN_PERCENT = -20;
const MAX_NUMBER = 1000;
const MAX_FR = 100;
const MAX_DEGREES = 3600;
const DEGREES_PER: Readonly<Record<string, number>> = { deg: 1, grad: 0.9, rad: 180 / Math.PI, turn: 360 };
const MAX_VALUE_LENGTH = 200;

/** One token of a value: space, punctuation, `#hex`, a number (with its unit), a keyword or function name, or anything else. */
const TOKEN =
  /\s+|[,/()]|[+-](?![\d.])|#[0-9a-f]+(?![\w-])|[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?<unit>%|[a-z]+)?(?![\w.%])|-?[a-z][a-z0-9-]*\(?|(?<other>[\s\S])/gi;

function numberOk(token: string, unit: string | undefined, negative: boolean): boolean {
  const n = Number.parseFloat(token);
  if (!Number.isFinite(n)) return false;
  const u = unit?.toLowerCase();
  if (u === undefined) return n <= MAX_NUMBER && (n >= 0 || (negative && n >= -MAX_NUMBER));
  if (u === "%") return n <= MAX_PERCENT && n >= (negative ? MIN_PERCENT : 0);
  if (u === "fr") return n >= 0 && n <= MAX_FR;
  const deg = DEGREES_PER[u];
  if (deg !== undefined) return Math.abs(n * deg) <= MAX_DEGREES;
  const px = PX_PER[u];
  if (px === undefined) return false;
  return n * px <= MAX_PX && n * px >= (negative ? MIN_PX : 0);
}

/** Whether a property's value is made only of allowed forms. */
export function valueOk(prop: string, value: string): boolean {
  if (value.length > MAX_VALUE_LENGTH || !value.trim()) return false;
  const negative = NEGATIVE.test(prop);
  const open: string[] = [];
  /** After a `/` inside calc(): the divisor must be a plain number of at least 1. */
  let divisor = false;
  for (const m of value.matchAll(TOKEN)) {
    const token = m[0];
    if (m.groups?.other !== undefined) return false; // `*`, quotes, `\`, `&`, `;`, `:`, `!`, a bare `(`, `1e9`…
    const inMath = MATH_FUNCTIONS.has(open[open.length - 1] ?? "");
    if (/^\s+$/.test(token)) continue;
    if (divisor) {
      if (!/^\d+(\.\d*)?$|^\.\d+$/.test(token) || Number.parseFloat(token) < 1 || Number.parseFloat(token) > MAX_NUMBER) return false;
      divisor = false;
      continue;
    }
    if (token.endsWith("(")) {
      const name = token.slice(0, -1).toLowerCase();
      if (!COLOR_FUNCTIONS.has(name) && !MATH_FUNCTIONS.has(name) && !GRID_FUNCTIONS.has(name)) return false;
      open.push(name);
    } else if (token === ")") {
      if (!open.pop()) return false;
    } else if (token === "/") {
      if (inMath) divisor = true;
    } else if (token === "+" || token === "-") {
      if (!inMath) return false;
    } else if (token === ",") {
      if (!open.length) return false;
    } else if (token.startsWith("#")) {
      if (![4, 5, 7, 9].includes(token.length)) return false;
    } else if (/^[+-]?[\d.]/.test(token)) {
      if (!numberOk(token, m.groups?.unit, negative || inMath)) return false;
    }
    // what is left is a keyword: `auto`, `solid`, `red`, `bold`…
  }
  return open.length === 0 && !divisor;
}

export interface FilteredStyle {
  /** The declarations kept, `prop: value; …`. */
  css: string;
  /** Some declaration was taken out. */
  dropped: boolean;
}

/** Filter a style attribute's text (entities already decoded, as the browser reads it). */
export function safeStyle(style: string): FilteredStyle {
  const kept: string[] = [];
  let dropped = false;
  for (const raw of style.split(";")) {
    const d = raw.trim();
    if (!d) continue;
    const at = d.indexOf(":");
    const prop = d.slice(0, Math.max(0, at)).trim().toLowerCase();
    const important = /\s*!\s*important\s*$/i.exec(d.slice(at + 1));
    const value = d.slice(at + 1, important ? d.length - important[0].length : undefined).trim();
    if (at > 0 && PROPS.test(prop) && valueOk(prop, value)) kept.push(`${prop}: ${value}${important ? " !important" : ""}`);
    else dropped = true;
  }
  return { css: kept.join("; "), dropped };
}
