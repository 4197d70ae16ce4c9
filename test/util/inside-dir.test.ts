import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { insideDir } from "../../src/util/inside-dir.js";

describe("insideDir", () => {
  const out = "/srv/site/out";
  it("passes what lies strictly inside the folder, resolved", () => {
    expect(insideDir(out, join(out, "talk"))).toBe("/srv/site/out/talk");
    expect(insideDir(out, join(out, "talk", "assets", "x.css"))).toBe("/srv/site/out/talk/assets/x.css");
    expect(insideDir(out, join(out, "..talk"))).toBe("/srv/site/out/..talk");
    expect(insideDir("out", "out/talk")).toBe(resolve("out/talk"));
  });

  it("throws for the folder itself, its parent, a sibling sharing its prefix, or anywhere else", () => {
    for (const target of [out, join(out, "."), join(out, ".."), join(out, "..", "sibling"), "/srv/site/out2/talk", "/etc/passwd", "/"])
      expect(() => insideDir(out, target), target).toThrow(/not inside the output folder/);
  });
});
