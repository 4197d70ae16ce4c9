import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/build.js";
import { readFixture, slidesHtml, withCode } from "../helpers.js";

describe("front matter", () => {
  it("gives the deck its title, subtitle, author and date", () => {
    const r = buildDeck(
      "---\ntitle: From Front Matter\nsubtitle: A subtitle\nauthor: Ada Lovelace\ndate: 2024-05-01\n---\n\n# Heading Title\n\n## Part\n\nText.\n",
      { file: "fm.md" },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.plan.title).toBe("From Front Matter");
    expect(r.html).toContain("<title>From Front Matter</title>");
    const title = slidesHtml(r.html).match(/<section class="lectern-title-slide"[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(title).toContain("From Front Matter");
    expect(title).toContain('<p class="lectern-subtitle">A subtitle</p>');
    expect(title).toContain("Ada Lovelace");
    expect(title).toContain("2024-05-01");
  });

  it("reports front matter that is never closed as an error and reads the rest as Markdown", () => {
    const r = buildDeck("---\ntitle: x\n\n# Body heading\n\nText.\n", { file: "open.md" });
    expect(withCode(r.diagnostics, "front-matter-unclosed")).toMatchObject([{ severity: "error", line: 1, column: 1 }]);
    expect(r.usable).toBe(true);
    expect(r.html).toContain("Body heading");
  });

  it("reports invalid YAML as an error at the offending line", () => {
    const r = buildDeck("---\ntitle: ok\n\tx: 1\n---\n\nText.\n", { file: "tab.md" });
    const [d] = withCode(r.diagnostics, "front-matter-invalid");
    expect(d).toMatchObject({ severity: "error", line: 3 });
    expect(d?.message).toMatch(/not valid YAML/);
    expect(r.usable).toBe(true);
    // the title from the broken block is not used
    expect(r.plan.title).toBe("tab");
  });

  it("reports an unclosed flow list inside YAML with a line inside the block", () => {
    const r = buildDeck("---\ntitle: ok\nlist: [1, 2\n---\n\nText.\n", { file: "flow.md" });
    const [d] = withCode(r.diagnostics, "front-matter-invalid");
    expect(d?.line).toBeGreaterThanOrEqual(2);
    expect(d?.line).toBeLessThanOrEqual(4);
  });

  it("notes an unknown key as info at its line, never as a failure", () => {
    const r = buildDeck("---\ntitle: Known\nwhatever: 1\n---\n\nText.\n", { file: "unknown.md" });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: "info", code: "front-matter-unknown-key", line: 3 })]);
    expect(r.diagnostics[0]?.message).toContain("whatever");
    expect(r.usable).toBe(true);
    expect(r.plan.title).toBe("Known");
  });

  it("accepts Marp keys (marp, paginate, theme, header) without a word", () => {
    const r = buildDeck(readFixture("marp-deck.md"), { file: "marp-deck.md" });
    expect(r.diagnostics).toEqual([]);
    expect(r.article.source.meta).toMatchObject({ marp: true, theme: "gaia" });
  });

  it("maps synonyms (authors, language) and joins a list of authors", () => {
    const r = buildDeck("---\nauthors: [Ann, Bob]\nlanguage: de\n---\n\nText.\n", { file: "syn.md" });
    expect(r.diagnostics).toEqual([]);
    expect(r.article.source.meta).toMatchObject({ author: "Ann, Bob", lang: "de" });
    expect(r.html).toContain('<html lang="de">');
  });

  it("does not read a YAML comment inside front matter as a heading", () => {
    const r = buildDeck("---\n# a YAML comment\ntitle: Real\n---\n\n## Part\n\nText.\n", { file: "c.md" });
    expect(r.plan.title).toBe("Real");
    expect(r.html).not.toContain("a YAML comment");
  });

  it("keeps the body's line numbers: diagnostics after front matter point at file lines", () => {
    const r = buildDeck("---\ntitle: x\n---\n\n$$\n\\oops\n$$\n\n```foolang\nx\n```\n", { file: "lines.md" });
    expect(withCode(r.diagnostics, "math-invalid")).toMatchObject([{ line: 5 }]);
    expect(withCode(r.diagnostics, "code-language")).toMatchObject([{ line: 9 }]);
  });
});

describe("front matter that expands", () => {
  it("refuses 200,000 aliases of one anchor (600 KB) with `front-matter-invalid` at the key, and builds the body", () => {
    const yaml = `title: Aliases\nname: &a ${"x".repeat(3000)}\nauthor: [${Array(200_000).fill("*a").join(",")}]`;
    expect(yaml.length).toBeGreaterThan(600_000);
    const r = buildDeck(`---\n${yaml}\n---\n\n# Body\n\nText.\n`, { file: "alias.md" });
    expect(withCode(r.diagnostics, "front-matter-invalid")).toMatchObject([{ severity: "error", line: 4 }]);
    expect(withCode(r.diagnostics, "front-matter-invalid")[0]?.message).toMatch(/alias/i);
    expect(r.usable).toBe(true);
    expect(slidesHtml(r.html)).toContain("Text.");
    expect(r.article.source.meta.author).toBeUndefined();
  }, 30_000);

  it("refuses a billion laughs (nine anchors, each nine aliases of the one before) fast", () => {
    const names = "abcdefghi".split("");
    const laughs = names.map(
      (n, i) =>
        `${n}: &${n} [${Array(9)
          .fill(i === 0 ? '"lol"' : `*${names[i - 1]}`)
          .join(", ")}]`,
    );
    const r = buildDeck(`---\ntitle: Laughs\n${laughs.join("\n")}\nauthor: *i\n---\n\nText.\n`, { file: "laughs.md" });
    const [d] = withCode(r.diagnostics, "front-matter-invalid");
    expect(d).toMatchObject({ severity: "error" });
    expect(d?.line).toBeGreaterThanOrEqual(3);
    expect(d?.line).toBeLessThanOrEqual(12);
    expect(r.usable).toBe(true);
  }, 10_000);

  it("still reads a few honest aliases", () => {
    const r = buildDeck("---\ntitle: &t Aliased\nsubtitle: *t\nauthor: &me Ada\nauthors: [*me]\n---\n\nText.\n", { file: "ok.md" });
    expect(r.diagnostics).toEqual([]);
    expect(r.article.source.meta).toMatchObject({ title: "Aliased", subtitle: "Aliased", author: "Ada" });
  });

  it("50,000 unknown keys: in time, 20 notes and a count of the rest, each at its key's line", () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `key${i}: ${i}`);
    const r = buildDeck(`---\n${keys.join("\n")}\n---\n\nText.\n`, { file: "keys.md" });
    const notes = withCode(r.diagnostics, "front-matter-unknown-key");
    expect(notes).toHaveLength(21);
    expect(notes.slice(0, 20).map((d) => d.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(notes[20]?.message).toBe("… and 49980 more `front-matter-unknown-key` in this file");
  }, 10_000);
});
