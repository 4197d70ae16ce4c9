import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { parseDuration } from "../../src/source/duration.js";
import { withCode } from "../helpers.js";

const LONG = "This paragraph has a good many words in it, so that the slide holding it takes longer to present. ".repeat(6);

const talk = (front: string, body = "") =>
  `---\ntitle: Talk\n${front}---\n\n# Start\n\nOpening line.\n\n## Long part\n\n${LONG}\n\nNote: ${LONG}\n${body}\n# End\n\nThanks.\n`;

/** Each slide's `data-timing` in deck order (undefined where it has none). */
const timings = (html: string) =>
  [...html.matchAll(/<section class="lectern-(?:title-slide|slide|section-slide|agenda)"([^>]*)>/g)].map((m) => {
    const t = /data-timing="(\d+)"/.exec(m[1] ?? "");
    return t ? Number(t[1]) : undefined;
  });
const config = (html: string) => JSON.parse(/Reveal\.initialize\(Object\.assign\((\{.*?\}), \{/s.exec(html)?.[1] ?? "{}");

describe("a talk's duration: the speaker view's pacing", () => {
  it("spreads `duration:` minutes over every slide by what it holds, and turns reveal's pacing timer on", () => {
    const r = buildDeck(talk("duration: 10\n"), { file: "talk.md" });
    expect(r.diagnostics).toEqual([]);
    const t = timings(r.html) as number[];
    expect(t).toHaveLength(6); // title; section and content; content; section and content
    expect(t.every((s) => s > 0)).toBe(true);
    expect(t.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(598);
    expect(t.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(602);
    const [title, section, , long, , thanks] = t as number[];
    expect(long).toBeGreaterThan(2 * (thanks as number)); // a slide with many words (and notes) gets more time
    expect(thanks).toBeGreaterThan(section as number); // a content slide more than a section slide
    expect(title).toBe(section);
    expect(config(r.html)).toMatchObject({ totalTime: 600 });
  });

  it("reads `45min`, `1h`, `1h30m`, `0:45:00` and minutes as a number", () => {
    for (const [value, seconds] of [
      ["45", 2700],
      ["45min", 2700],
      ['"45 minutes"', 2700],
      ["1h", 3600],
      ["1h30m", 5400],
      ['"0:45:00"', 2700],
      ["1.5", 90],
    ] as const) {
      const r = buildDeck(talk(`duration: ${value}\n`), { file: "talk.md" });
      expect([value, config(r.html).totalTime]).toEqual([value, seconds]);
    }
    expect(parseDuration("90", "s")).toBe(90);
    expect(parseDuration("1:30", "s")).toBe(90);
    expect(parseDuration("1h30", "m")).toBeUndefined();
  });

  it("warns at the key's line about a negative, zero or textual duration, and builds the deck without pacing", () => {
    for (const value of ["-5", "0", "soon", "[1, 2]", "5 parsecs"]) {
      const r = buildDeck(talk(`author: Ada\nduration: ${value}\n`), { file: "talk.md" });
      expect(r.usable).toBe(true);
      const [d] = withCode(r.diagnostics, "front-matter-value");
      expect(d).toMatchObject({ severity: "warning", file: "talk.md", line: 4 });
      expect(d?.message).toMatch(/duration/);
      expect(timings(r.html).every((s) => s === undefined)).toBe(true);
      expect(config(r.html).totalTime).toBeUndefined();
    }
  });

  it("gives a slide its own `<!-- timing: 90 -->` (or Marp's `_timing`) and the rest of the duration to the others", () => {
    const r = buildDeck(
      talk("duration: 10\n", "\n## Timed part\n\n<!-- timing: 90 -->\n\nShort.\n\n## Marp part\n\nText.\n\n<!-- _timing: 2min -->\n"),
      {
        file: "talk.md",
      },
    );
    expect(r.diagnostics).toEqual([]);
    const t = timings(r.html) as number[];
    expect(t).toHaveLength(8);
    expect(t[4]).toBe(90);
    expect(t[5]).toBe(120);
    expect(t.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(598);
    expect(t.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(602);
  });

  it("in a Marp deck cut by `---`, times the slide whose part holds `<!-- _timing: 40 -->`, not showing it as a note", () => {
    const r = buildDeck("---\nmarp: true\nduration: 5\n---\n\n# One\n\nText.\n\n---\n\n<!-- _timing: 40 -->\n\n# Two\n\nMore.\n", {
      file: "marp.md",
    });
    expect(r.diagnostics).toEqual([]);
    const two = /<section[^>]*data-timing="40"[^>]*>[\s\S]*?<\/section>/.exec(r.html)?.[0] ?? "";
    expect(two).toContain("Two");
    expect(two).not.toContain(`<aside class="notes">`);
  });

  it("without `duration:` times only the commented slides, the others at reveal's default", () => {
    const r = buildDeck(talk("", "\n## Timed part\n\n<!-- timing: 45 -->\n\nShort.\n"), { file: "talk.md" });
    expect(timings(r.html)).toEqual([undefined, undefined, undefined, undefined, 45, undefined, undefined]);
    expect(config(r.html)).toMatchObject({ defaultTiming: 120 });
    const plain = buildDeck(talk(""), { file: "talk.md" });
    expect(timings(plain.html).every((s) => s === undefined)).toBe(true);
    expect(config(plain.html).defaultTiming).toBeUndefined();
  });

  it("warns about a bad timing comment at its line, ignores one shown in code, and warns when comments outrun the duration", () => {
    const body = "\n## Timed part\n\n<!-- timing: soon -->\n\n```html\n<!-- timing: 30 -->\n```\n";
    const r = buildDeck(talk("", body), { file: "talk.md" });
    const bad = withCode(r.diagnostics, "timing-invalid");
    expect(bad).toMatchObject([
      { severity: "warning", file: "talk.md", line: r.article.source.text.split("\n").indexOf("<!-- timing: soon -->") + 1 },
    ]);
    expect(timings(r.html).every((s) => s === undefined)).toBe(true);

    const over = buildDeck(talk("duration: 1\n", "\n## Timed part\n\n<!-- timing: 300 -->\n\nShort.\n"), { file: "talk.md" });
    expect(withCode(over.diagnostics, "timing-over-duration")).toMatchObject([{ severity: "warning", line: 3 }]);
    expect((timings(over.html) as number[]).filter((s) => s !== 300).every((s) => s === 5)).toBe(true);
  });
});
