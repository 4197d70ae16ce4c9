import { describe, expect, it } from "vitest";
import { createDiagnostics, REPEAT_LIMIT, sortDiagnostics } from "../../src/diagnostics/collect.js";
import { formatDiagnostic } from "../../src/diagnostics/format.js";

describe("repeated diagnostics of one code", () => {
  it("keeps the first 20 of a code, then one summary that counts the rest", () => {
    const diags = createDiagnostics("a.md");
    for (let i = 0; i < 250; i++) diags.add("warning", "math-empty", `empty ${i}`, i);
    diags.add("error", "math-invalid", "bad", 3);
    expect(REPEAT_LIMIT).toBe(20);
    expect(diags.list).toHaveLength(22);
    const empty = diags.list.filter((d) => d.code === "math-empty");
    expect(empty.slice(0, 20).map((d) => d.message)).toEqual(Array.from({ length: 20 }, (_, i) => `empty ${i}`));
    expect(empty[20]).toMatchObject({ severity: "warning", line: 21, message: "… and 230 more `math-empty` in this file" });
    expect(diags.list.filter((d) => d.code === "math-invalid")).toHaveLength(1);
  });

  it("counts each code on its own, and takes the worst severity of those left out", () => {
    const diags = createDiagnostics("a.md", 2);
    diags.add("info", "x", "x1", 0);
    diags.add("warning", "y", "y1", 0);
    diags.add("info", "x", "x2", 1);
    diags.add("info", "x", "x3", 2);
    diags.add("error", "x", "x4", 3);
    expect(diags.list.map(formatDiagnostic)).toEqual([
      "a.md:1:1: info [x] x1",
      "a.md:1:1: warning [y] y1",
      "a.md:2:1: info [x] x2",
      "a.md:3:1: error [x] … and 2 more `x` in this file",
    ]);
  });

  it("sorts the summary by its line like any other diagnostic", () => {
    const diags = createDiagnostics("a.md", 1);
    diags.add("warning", "w", "late", 9);
    diags.add("warning", "w", "early", 0);
    diags.add("warning", "other", "middle", 4);
    expect(sortDiagnostics(diags.list).map((d) => `${d.line} ${d.message}`)).toEqual([
      "1 … and 1 more `w` in this file",
      "5 middle",
      "10 late",
    ]);
  });
});
