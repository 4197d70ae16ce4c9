import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { themePath } from "../../../src/config/options.js";
import { MAX_THEME_BYTES, ThemeError, themeCss } from "../../../src/output/folder/theme.js";
import { tempDir } from "../../helpers.js";

/** A project folder and, beside it, a secret the project's themes must never read. */
function project() {
  const dir = tempDir("lectern-theme-");
  const root = join(dir, "project");
  mkdirSync(root);
  const secret = join(dir, "secret.css");
  writeFileSync(secret, ".secret { content: 'SECRET-MARKER-7f3a'; }\n");
  return { root, secret };
}

const thrown = (f: () => unknown): ThemeError => {
  try {
    f();
  } catch (err) {
    if (err instanceof ThemeError) return err;
    throw err;
  }
  throw new Error("did not throw");
};

describe("theme CSS", () => {
  it("inlines the default rules into the dark theme, dark colours last", () => {
    const { css, problems } = themeCss(themePath("dark") as string, {});
    expect(css).not.toMatch(/@import/);
    expect(css).toContain("RULES");
    expect(css.lastIndexOf("color-scheme: dark")).toBeGreaterThan(css.indexOf("RULES"));
    expect(problems).toEqual([]);
  });

  it("lets a user theme extend a built-in one, and drops remote imports", () => {
    const { root } = project();
    const mine = join(root, "mine.css");
    writeFileSync(mine, '@import url("https://fonts.example.com/x.css");\n@import "default.css";\n:root { --lectern-accent: #c00; }\n');
    const { css, problems } = themeCss(mine, { root });
    expect(css).not.toMatch(/@import/);
    expect(css).toContain("RULES");
    expect(css.trim().endsWith(":root { --lectern-accent: #c00; }")).toBe(true);
    expect(problems).toMatchObject([{ code: "remote-blocked" }]);
  });

  it("survives an import cycle", () => {
    const { root } = project();
    writeFileSync(join(root, "a.css"), '@import "b.css";\n.a{}\n');
    writeFileSync(join(root, "b.css"), '@import "a.css";\n.b{}\n');
    const { css } = themeCss(join(root, "a.css"), { root });
    expect(css).toContain(".a{}");
    expect(css).toContain(".b{}");
  });
});

describe("what a theme may read", () => {
  it("refuses a theme file outside the root, also through a symlink", () => {
    const { root, secret } = project();
    expect(thrown(() => themeCss(secret, { root })).code).toBe("path-outside");
    symlinkSync(secret, join(root, "style.css"));
    expect(thrown(() => themeCss(join(root, "style.css"), { root })).code).toBe("path-outside");
  });

  it("turns imports from outside the root into comments and problems", () => {
    const { root, secret } = project();
    symlinkSync(secret, join(root, "link.css"));
    const mine = join(root, "mine.css");
    writeFileSync(mine, `@import "/etc/passwd";\n@import "../secret.css";\n@import "link.css";\n@import "${secret}";\n.mine{}\n`);
    const { css, problems } = themeCss(mine, { root });
    expect(css).not.toContain("SECRET-MARKER-7f3a");
    expect(css).not.toContain("root:");
    expect(css).toContain(".mine{}");
    expect(css.match(/\/\* import of .* dropped: /g)).toHaveLength(4);
    expect(problems.map((p) => p.code)).toEqual(["path-outside", "path-outside", "path-outside", "path-outside"]);
    expect(problems[0]?.message).toContain('@import "/etc/passwd" in mine.css');
  });

  it("reads only regular files: a device, a FIFO or a folder is refused without blocking", () => {
    const { root } = project();
    execFileSync("mkfifo", [join(root, "pipe.css")]);
    mkdirSync(join(root, "folder.css"));
    const mine = join(root, "mine.css");
    writeFileSync(mine, '@import "pipe.css";\n@import "folder.css";\n@import "/dev/zero";\n@import "/dev/stdin";\n.mine{}\n');
    // with the whole file system as the root, only the file checks stand in the way
    const { css, problems } = themeCss(mine, { root: "/" });
    expect(css).toContain(".mine{}");
    expect(problems.map((p) => p.code)).toEqual(["theme-invalid", "theme-invalid", "theme-invalid", "theme-invalid"]);
    expect(problems[0]?.message).toContain("not a regular file");
    expect(thrown(() => themeCss(join(root, "folder.css"), { root })).code).toBe("theme-invalid");
    expect(thrown(() => themeCss(join(root, "pipe.css"), { root })).code).toBe("theme-invalid");
  });

  it("caps a theme's size, imports included", () => {
    const { root } = project();
    const big = join(root, "big.css");
    writeFileSync(big, `.big { content: "${"x".repeat(5 * 1024 * 1024)}"; }\n`);
    expect(thrown(() => themeCss(big, { root })).message).toContain("size limit");
    const half = `.half { content: "${"y".repeat(MAX_THEME_BYTES * 0.6)}"; }\n`;
    writeFileSync(join(root, "a.css"), half);
    writeFileSync(join(root, "b.css"), half);
    writeFileSync(join(root, "both.css"), '@import "a.css";\n@import "b.css";\n');
    const { css, problems } = themeCss(join(root, "both.css"), { root });
    expect(Buffer.byteLength(css)).toBeLessThanOrEqual(MAX_THEME_BYTES);
    expect(problems).toMatchObject([{ code: "theme-invalid" }]);
  });

  it("trusts a theme the caller chose outside the root, but not its imports from elsewhere", () => {
    const { root, secret } = project();
    const outside = join(root, "..", "themes");
    mkdirSync(outside);
    writeFileSync(join(outside, "base.css"), ".base{}\n");
    writeFileSync(join(outside, "mine.css"), `@import "base.css";\n@import "/etc/passwd";\n@import "default.css";\n.mine{}\n`);
    const { css, problems } = themeCss(join(outside, "mine.css"), { root, trusted: true });
    expect(css).toContain(".base{}");
    expect(css).toContain("RULES");
    expect(css).not.toContain("root:");
    expect(problems).toMatchObject([{ code: "path-outside" }]);
    expect(themeCss(secret, { root, trusted: true }).css).toContain("SECRET-MARKER-7f3a");
  });
});
