/**
 * The keywords Marp reads in an image's alt text (`![bg left:33% brightness:0.9](…)`,
 * `![w:300 center](…)`): background, split side, size and CSS filters. Every value is checked
 * against a strict form before it becomes CSS; words that are no keyword stay the alt text.
 */

/** Marp's filter defaults, when the keyword has no value. */
const FILTERS: Readonly<Record<string, string>> = {
  blur: "10px",
  brightness: "1.5",
  contrast: "2",
  "drop-shadow": "0,5px,10px,rgba(0,0,0,.4)",
  grayscale: "1",
  "hue-rotate": "180deg",
  invert: "1",
  opacity: ".5",
  saturate: "2",
  sepia: "1",
};

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)%?$/;
const LENGTH = /^(?:\d+(?:\.\d*)?|\.\d+)(?:px|em|rem)?$/;
const ANGLE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:deg|turn|rad)?$/;
const SHADOW_PART = /^(?:-?(?:\d+(?:\.\d*)?|\.\d+)(?:px|em)?|#[0-9a-f]{3,8}|[a-z]+)$/i;
/** A size: `300`, `300px`, `50%`, `12em`. */
const SIZE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:px|%|em|rem|vw|vh)?$/;

export interface AltKeywords {
  /** `bg`: the image is a background, not content. */
  bg: boolean;
  /** Background size (`cover` unless told). */
  size: string;
  split?: { side: "left" | "right"; size: string };
  /** `vertical`: several backgrounds stack top to bottom. */
  vertical: boolean;
  width?: string;
  height?: string;
  /** CSS filter functions, checked. */
  filter?: string;
  /** `center`: the image is centred (a hook Marp themes use). */
  center: boolean;
  /** The alt text without the keywords. */
  alt: string;
}

const px = (v: string) => (/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(v) ? `${v}px` : v);

/** One filter function from `name` and its written value, or undefined when the value is not of its form. */
function filterOf(name: string, written: string | undefined): string | undefined {
  const value = written ?? FILTERS[name];
  if (value === undefined) return undefined;
  if (name === "blur") return LENGTH.test(value) ? `blur(${px(value)})` : undefined;
  if (name === "hue-rotate") return ANGLE.test(value) ? `hue-rotate(${/\d$/.test(value) ? `${value}deg` : value})` : undefined;
  if (name === "drop-shadow") {
    const parts = value.replace(/rgba?\([^)]*\)/gi, (c) => c.replace(/,/g, "\u0000")).split(",");
    const ok = parts.map((p) => p.replace(/\u0000/g, ",")).filter((p) => SHADOW_PART.test(p) || /^rgba?\(\s*[\d.\s,%]+\)$/i.test(p));
    return ok.length === parts.length && ok.length >= 2 ? `drop-shadow(${ok.map(px).join(" ")})` : undefined;
  }
  return NUMBER.test(value) ? `${name}(${value})` : undefined;
}

/** Read the keywords of an image's alt text. */
export function altKeywords(alt: string): AltKeywords {
  const out: AltKeywords = { bg: false, size: "cover", vertical: false, center: false, alt: "" };
  const filters: string[] = [];
  const rest: string[] = [];
  for (const word of alt.split(/\s+/).filter(Boolean)) {
    const [key, value] = word.includes(":") ? [word.slice(0, word.indexOf(":")), word.slice(word.indexOf(":") + 1)] : [word, undefined];
    const k = key.toLowerCase();
    if (value === undefined && k === "bg") out.bg = true;
    else if (value === undefined && (k === "cover" || k === "contain" || k === "auto")) out.size = k;
    else if (value === undefined && k === "fit") out.size = "contain";
    else if (value === undefined && /^\d+(\.\d+)?%$/.test(k)) out.size = k;
    else if (value === undefined && k === "vertical") out.vertical = true;
    else if (value === undefined && k === "center") out.center = true;
    else if ((k === "left" || k === "right") && (value === undefined || /^\d+(\.\d+)?%$/.test(value)))
      out.split = { side: k, size: value ?? "50%" };
    else if ((k === "w" || k === "width") && value !== undefined && SIZE.test(value)) out.width = px(value);
    else if ((k === "h" || k === "height") && value !== undefined && SIZE.test(value)) out.height = px(value);
    else if (Object.hasOwn(FILTERS, k)) {
      const f = filterOf(k, value);
      if (f) filters.push(f);
    } else rest.push(word);
  }
  if (filters.length) out.filter = filters.join(" ");
  out.alt = rest.join(" ");
  return out;
}
