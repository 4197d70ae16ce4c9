/**
 * The rules of slide looks (slide-look.ts), written once into a deck that has any: whatever
 * the theme, a background layer sits behind the content, a split background takes its side of
 * the slide and the content the other, header and footer sit in the slide's padding. Every
 * slide is its own containing block (`contain: paint`, render/document.ts), so the layer
 * covers exactly its slide on screen, in the fit's measuring layout and in print.
 */
export const LOOK_CSS = [
  ".reveal .slides section.lectern-looked > aside.lectern-look { position: absolute; inset: 0; z-index: 0; margin: 0; padding: 0; display: block; pointer-events: none; }",
  ".reveal .slides section.lectern-looked > :not(aside.lectern-look) { position: relative; z-index: 1; }",
  ".reveal .lectern-look-bgs { position: absolute; inset: 0; display: flex; flex-direction: row; overflow: hidden; }",
  ".reveal .lectern-look-bgs.lectern-look-vertical { flex-direction: column; }",
  ".reveal .lectern-look-bg { flex: 1 1 0; min-width: 0; min-height: 0; position: relative; overflow: hidden; display: flex; align-items: center; justify-content: center; }",
  ".reveal .lectern-look-bg > img { display: block; margin: 0; max-width: none; max-height: none; border-radius: 0; box-shadow: none; background: none; }",
  ".reveal .slides section.lectern-split { --lectern-split-px: calc(var(--lectern-slide-width) * var(--lectern-split-ratio) * 1px); }",
  ".reveal .slides section.lectern-split-left > aside.lectern-look .lectern-look-bgs { right: auto; width: var(--lectern-split-px); }",
  ".reveal .slides section.lectern-split-right > aside.lectern-look .lectern-look-bgs { left: auto; width: var(--lectern-split-px); }",
  ".reveal .slides section.lectern-split-left { padding-left: calc(var(--lectern-split-px) + var(--lectern-pad-x) * 1px) !important; }",
  ".reveal .slides section.lectern-split-right { padding-right: calc(var(--lectern-split-px) + var(--lectern-pad-x) * 1px) !important; }",
  ".reveal .lectern-look-header, .reveal .lectern-look-footer { position: absolute; left: calc(var(--lectern-pad-x) * 1px); right: calc(var(--lectern-pad-x) * 1px); margin: 0; font-size: 22px; line-height: 1.2; color: var(--lectern-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }",
  ".reveal .lectern-look-header { top: 9px; font-weight: var(--lectern-weight-bold); }",
  ".reveal .lectern-look-footer { bottom: 10px; }",
  ".reveal .slides section.lectern-split-left .lectern-look-header, .reveal .slides section.lectern-split-left .lectern-look-footer { left: calc(var(--lectern-split-px) + var(--lectern-pad-x) * 1px); }",
  ".reveal .slides section.lectern-split-right .lectern-look-header, .reveal .slides section.lectern-split-right .lectern-look-footer { right: calc(var(--lectern-split-px) + var(--lectern-pad-x) * 1px); }",
  // Marp's built-in classes: `lead` centres the slide's content, `invert` turns its colours
  ".reveal .slides section.lectern-looked.lead { text-align: center; }",
  ".reveal .slides section.lectern-looked.lead > .lectern-body { top: 50%; transform: translateY(-50%); }",
  ".reveal .slides section.lectern-looked.lead .lectern-body > :is(h1, h2):first-child::before { display: none; }",
  ".reveal .slides section.lectern-looked.invert { background-color: #1b1e24; }",
  ".reveal .slides section.lectern-looked:is(.invert, .lectern-look-dark) { color: #e6e9ef; }",
  ".reveal .slides section.lectern-looked:is(.invert, .lectern-look-dark) :is(h1, h2, h3, h4, h5, h6, strong, a) { color: #ffffff; }",
  ".reveal .slides section.lectern-looked:is(.invert, .lectern-look-dark) .lectern-look-header, .reveal .slides section.lectern-looked:is(.invert, .lectern-look-dark) .lectern-look-footer { color: #c8ced8; }",
  ".reveal .lectern-look-missing { background: var(--lectern-missing-bg); border: 2px dashed var(--lectern-missing-border); box-sizing: border-box; color: var(--lectern-missing-fg); font-size: 16px; overflow-wrap: anywhere; padding: 8px; }",
  ".reveal .lectern-look-missing small { font-size: 16px; }",
  // a slide with a colour of its own: its headings and bold text follow it
  ".reveal .slides section.lectern-look-color :is(h1, h2, h3, h4, h5, h6, strong) { color: inherit; }",
  // `paginate` off: no slide number on that slide, on screen or in print
  ".reveal:has(.slides section.present[data-lectern-nopage]:not(:has(section.present))) .slide-number { display: none !important; }",
  ".reveal .slides .lectern-sheet:has(> section[data-lectern-nopage])::after { content: none; }",
].join("\n");
