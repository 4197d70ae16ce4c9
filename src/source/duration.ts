/** Longest length of time Lectern accepts (a day): anything longer is a typo. */
const MAX_SECONDS = 24 * 60 * 60;

const UNIT_SECONDS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1 };
/** `1h30m`, `45min`, `90 s`, `1.5 hours`: amounts each followed by a unit. */
const PART = /(\d+(?:\.\d+)?)\s*(h(?:ours?|rs?)?|m(?:in(?:ute)?s?)?|s(?:ec(?:ond)?s?)?)/giy;
/** `0:45:00` (h:mm:ss) or `45:00` (mm:ss). */
const CLOCK = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/;
const PLAIN = /^\d+(?:\.\d+)?$/;

/**
 * Seconds in a length of time as people write it: a bare number is in `bareUnit` (minutes
 * for a talk's `duration:`, seconds for a slide's `timing:`, as reveal's `data-timing`), else
 * `45min`, `1h`, `1h30m`, `90s`, `0:45:00`, `45:00`. Undefined when it is not a positive
 * length of time up to a day (negative, zero, text, a list…).
 */
export function parseDuration(value: unknown, bareUnit: "m" | "s"): number | undefined {
  let seconds: number | undefined;
  if (typeof value === "number") seconds = value * (UNIT_SECONDS[bareUnit] as number);
  else if (typeof value === "string") seconds = parseText(value.trim(), bareUnit);
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SECONDS) return undefined;
  return Math.round(seconds);
}

function parseText(text: string, bareUnit: "m" | "s"): number | undefined {
  if (PLAIN.test(text)) return Number(text) * (UNIT_SECONDS[bareUnit] as number);
  const clock = CLOCK.exec(text);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? undefined : Number(clock[3])];
    return c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
  }
  let total = 0;
  let at = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    total += Number(m[1]) * (UNIT_SECONDS[(m[2] as string)[0]?.toLowerCase() as string] as number);
    at = PART.lastIndex;
    while (text[at] === " ") at++;
    PART.lastIndex = at;
  }
  return at === text.length && at > 0 ? total : undefined;
}
