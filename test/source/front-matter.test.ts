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
