import { describe, expect, it } from "vitest";
import { parseCli } from "../../src/cli/args.js";
import { UsageError } from "../../src/config/options.js";

describe("parseCli", () => {
  it("reads `lectern pdf` as a build that prints PDFs", () => {
    const args = parseCli(["pdf", "slides/talk.md"]);
    expect(args).toMatchObject({ command: "build", pdf: true, paths: ["slides/talk.md"], fit: true });
  });

  it("collects handout layouts from repeated and comma-separated flags", () => {
    expect(parseCli(["build", "--handout", "notes,3", "--handout", "6"]).handouts).toEqual(["notes", 3, 6]);
  });

  it.each([
    ["--handout", "5"],
    ["--paper", "a3"],
  ])("rejects %s %s", (flag, value) => {
    expect(() => parseCli(["build", flag, value])).toThrow(UsageError);
  });

  it("defaults to slides/ and dist/", () => {
    expect(parseCli(["build"])).toMatchObject({ paths: ["slides"], out: "dist", fit: true, pdf: false });
    expect(parseCli(["build", "--no-fit"]).fit).toBe(false);
  });

  it.each(["javascript://%0aalert(1)", "data:text/html,x", "ftp://example.org/", "https://", "/a b/"])("rejects --base %j", (base) => {
    expect(() => parseCli(["build", "--base", base])).toThrow(UsageError);
    expect(() => parseCli(["serve", "--base", base])).toThrow(UsageError);
  });

  it("keeps a --base that is a path or an http(s) URL", () => {
    for (const base of ["/courses/ml/", "courses/ml", "https://example.org/ml", "http://localhost:8080/x/"])
      expect(parseCli(["build", "--base", base]).base).toBe(base);
  });
});
