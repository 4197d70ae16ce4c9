import type { Block, DeckMeta, Outline, Section } from "../types.js";

function fileTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return (
    base
      .replace(/\.(md|markdown|txt|ipynb)$/i, "")
      .replace(/[-_]+/g, " ")
      .trim() || "Untitled"
  );
}

/** A numbered heading ("1. 背景", "2.核心概念") is a section, not a document title. */
const NUMBERED = /^\s*(\d+(\.\d+)*[.、)]|第[一二三四五六七八九十百\d]+[章节部分])/;

/**
 * The article's section tree. Top-level sections use the highest heading level present
 * (after taking a title-like first H1 out); the next level down are subsections.
 */
export function buildOutline(blocks: Block[], meta: DeckMeta, file: string, explicit: boolean): Outline {
  // a heading inside a box is part of the box, not a section of the article
  const headings = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === "heading" && !b.frame);
  let title = meta.title;
  let titleFrom: Outline["titleFrom"] = "front-matter";
  let titleBlock: number | undefined;
  let introHeading: number | undefined;

  // a notebook's set-up code cell before the chapter's H1 does not take the title away
  const firstContent = blocks.findIndex((b) => b.kind !== "notes" && b.kind !== "code");
  const first = headings[0];
  const h1s = headings.filter(({ b }) => b.level === 1);
  const titleLike =
    first !== undefined &&
    first.i === firstContent &&
    first.b.level === 1 &&
    !NUMBERED.test(first.b.text) &&
    (explicit || h1s.length === 1);
  if (titleLike && first) {
    if (!title) {
      title = first.b.text;
      titleFrom = "heading";
    }
    // the H1 repeats the front-matter title (or is the title): it does not open a section;
    // an H1 of another text stays on a slide of the introduction, still not a section
    if (!explicit && title === first.b.text) titleBlock = first.i;
    else if (!explicit && h1s.length === 1) introHeading = first.i;
  }
  if (!title) {
    title = fileTitle(file);
    titleFrom = "file-name";
  }

  const sectionHeadings = headings.filter(({ i }) => i !== titleBlock && i !== introHeading);
  const sectionLevel = sectionHeadings.length ? Math.min(...sectionHeadings.map(({ b }) => b.level ?? 6)) : 0;
  const intro: Section = { heading: -1, title, level: 0, blocks: [], children: [] };
  const sections: Section[] = [];
  let top: Section | undefined;
  let sub: Section | undefined;
  blocks.forEach((b, i) => {
    if (i === titleBlock) return;
    if (i === introHeading) {
      intro.blocks.push(i);
      return;
    }
    if (!explicit && b.kind === "heading" && !b.frame && b.level === sectionLevel) {
      top = { heading: i, title: b.text, level: b.level, blocks: [], children: [] };
      sub = undefined;
      sections.push(top);
    } else if (!explicit && top && b.kind === "heading" && !b.frame && b.level === sectionLevel + 1) {
      sub = { heading: i, title: b.text, level: b.level, blocks: [], children: [] };
      top.children.push(sub);
    } else {
      (sub ?? top ?? intro).blocks.push(i);
    }
  });
  return { title, titleFrom, titleBlock, sectionLevel, intro, sections, explicit };
}
