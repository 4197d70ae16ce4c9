import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { themeCss } from "../../src/export/theme.js";
import { themePath } from "../../src/options.js";
import { tempDir } from "../helpers.js";

describe("theme CSS", () => {
  it("inlines the default rules into the dark theme, dark colours last", () => {
    const css = themeCss(themePath("dark") as string);
    expect(css).not.toMatch(/@import/);
    expect(css).toContain("RULES");
    expect(css.lastIndexOf("color-scheme: dark")).toBeGreaterThan(css.indexOf("RULES"));
  });

  it("lets a user theme extend a built-in one, and drops remote imports", () => {
    const dir = tempDir();
    const mine = join(dir, "mine.css");
    writeFileSync(mine, '@import url("https://fonts.example.com/x.css");\n@import "default.css";\n:root { --lectern-accent: #c00; }\n');
    const css = themeCss(mine);
    expect(css).not.toMatch(/@import/);
    expect(css).toContain("RULES");
    expect(css.trim().endsWith(":root { --lectern-accent: #c00; }")).toBe(true);
  });

  it("survives an import cycle", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.css"), '@import "b.css";\n.a{}\n');
    writeFileSync(join(dir, "b.css"), '@import "a.css";\n.b{}\n');
    const css = themeCss(join(dir, "a.css"));
    expect(css).toContain(".a{}");
    expect(css).toContain(".b{}");
  });
});
