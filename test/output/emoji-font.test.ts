/**
 * Emoji come from a font Lectern ships (Noto Emoji, monochrome: Chromium prints Noto Color
 * Emoji's COLRv1 glyphs blank), and only decks that show emoji carry it: in the deck folder,
 * in the single file (subset to the deck's emoji) and embedded in the PDF, on a machine whose
 * only fonts are DejaVu (a fresh machine has no emoji font).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cjkFontFiles } from "../../src/output/folder/fonts.js";
import { emojiFontCss, notoFontCss } from "../../src/output/single-file/font-subset.js";
import { CORPUS, pdfFonts, REPO_ROOT, tempDir } from "../helpers.js";

const HAS_BROWSER = existsSync("/usr/bin/chromium");
const BIN = join(REPO_ROOT, "bin", "lectern.js");

describe("the emoji font in the deck folder", () => {
  it("comes only with a deck that shows an emoji, as the slices that hold its emoji", () => {
    expect([...cjkFontFiles("Plain text, 1 2 3 # * ©").files.keys()].filter((f) => f.includes("emoji"))).toEqual([]);
    const fonts = cjkFontFiles("📝 Text-based");
    const emoji = [...fonts.files.keys()].filter((f) => f.startsWith("noto-emoji-"));
    expect(emoji).toHaveLength(1);
    expect(fonts.css).toContain('font-family:"Noto Emoji"');
    // digits, `#` and `*` stay with the text font: the emoji faces start at U+2000
    expect(/font-family:"Noto Emoji"[^}]*unicode-range:([^;]*)/.exec(fonts.css)?.[1]).not.toMatch(/U\+(?:2a|23|30)\b/i);
  });
});

describe("the emoji font in the single file", () => {
  it("is subset to the deck's emoji, and absent without any", async () => {
    const css = await emojiFontCss("a 📝 b 🎨");
    expect(css).toMatch(/font-family:"Noto Emoji"[^}]*src:url\(data:font\/woff2;base64,/);
    const ranges = [...css.matchAll(/unicode-range:([^;]*)/g)].map((m) => m[1]).join(",");
    expect(ranges).toContain("U+1f4dd");
    expect(ranges).toContain("U+1f3a8");
    expect(css.length).toBeLessThan(20_000);
    expect(await notoFontCss("plain text")).not.toContain("Noto Emoji");
  });
});

describe.skipIf(!HAS_BROWSER)("the emoji font in the PDF, on a machine with no emoji font", () => {
  it("slidev-starter: its 📝 page embeds Noto Emoji and holds the emoji", () => {
    const dir = tempDir("lectern-emoji-");
    const conf = join(dir, "fonts.conf");
    writeFileSync(
      conf,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}/cache</cachedir></fontconfig>`,
    );
    const out = join(dir, "out");
    const run = spawnSync(process.execPath, [BIN, "build", join(CORPUS, "decks", "slidev-starter.md"), "--out", out, "--pdf"], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, FONTCONFIG_FILE: conf },
    });
    expect(run.status, run.stderr).toBe(0);
    const pdf = join(out, "slidev-starter", "slidev-starter.pdf");
    const emoji = pdfFonts(pdf).filter((f) => /NotoEmoji/.test(f.name));
    expect(emoji.length).toBeGreaterThan(0);
    expect(emoji.every((f) => f.emb === "yes")).toBe(true);
    const page = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })
      .stdout.split("\f")
      .find((p) => p.includes("Text-based"));
    expect(page).toContain("📝 Text-based");
    expect(readdirSync(join(out, "slidev-starter", "assets", "fonts")).some((f) => f.startsWith("noto-emoji-"))).toBe(true);
  }, 150_000);
});
