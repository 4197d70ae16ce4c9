import type { Background, SlideLook } from "../../types.js";

/** What one slide's own text says about its looks, before Marp's inheritance is applied. */
export interface RawLook {
  /** Directives written `key: value`: this slide and the ones after it. */
  inherit: Record<string, string>;
  /** Directives written `_key: value`: this slide only. */
  spot: Record<string, string>;
  backgrounds: Background[];
  split?: { side: "left" | "right"; size: string };
  vertical?: boolean;
  style?: string;
  attrs?: Record<string, string>;
}

/** The look being collected in a parse `env` (one per chunk: never module state). */
export function rawLook(env: unknown): RawLook {
  const e = env as { lecternLook?: RawLook };
  e.lecternLook ??= { inherit: {}, spot: {}, backgrounds: [] };
  return e.lecternLook;
}

/** The look a parse collected, or undefined when the chunk said nothing of it. */
export function takenLook(env: unknown): RawLook | undefined {
  return (env as { lecternLook?: RawLook }).lecternLook;
}

/**
 * Each slide's look with Marp's inheritance: a directive in front matter applies to every slide,
 * one written on a slide to that slide and the ones after it, `_key` only to its own slide.
 * In a Marp deck `paginate` is off unless set (as in Marp); `lines` shift each chunk's
 * background lines to file lines.
 */
export function slideLooks(
  raws: readonly (RawLook | undefined)[],
  front: Readonly<Record<string, string>> | undefined,
  dialect: string,
  lines: readonly number[],
): (SlideLook | undefined)[] {
  if (dialect !== "marp" && dialect !== "reveal") return raws.map(() => undefined);
  let carry: Record<string, string> = dialect === "marp" ? { ...front } : {};
  return raws.map((raw, k) => {
    carry = { ...carry, ...raw?.inherit };
    const d: Record<string, string | undefined> = { ...carry, ...raw?.spot };
    const by = lines[k] ?? 0;
    const look: SlideLook = { backgrounds: (raw?.backgrounds ?? []).map((b) => ({ ...b, line: b.line + by })) };
    for (const key of ["header", "footer", "class", "backgroundColor", "backgroundImage", "color"] as const) {
      const value = d[key]?.trim();
      if (value) look[key] = value;
    }
    if (dialect === "marp") look.paginate = d.paginate === "true";
    if (raw?.split) look.split = raw.split;
    if (raw?.vertical) look.vertical = true;
    if (raw?.style) look.style = raw.style;
    if (raw?.attrs) look.attrs = { ...look.attrs, ...raw.attrs };
    // reveal.js: a slide that sets nothing has no look
    return dialect === "reveal" && Object.keys(look).length === 1 && !look.backgrounds.length ? undefined : look;
  });
}
