// markdown-it plugins published without types: each is a plain `(md) => void`.
declare module "markdown-it-footnote" {
  import type { MarkdownIt } from "markdown-it";

  const footnote: (md: MarkdownIt) => void;
  export default footnote;
}
declare module "markdown-it-emoji" {
  import type { MarkdownIt } from "markdown-it";
  export const full: (md: MarkdownIt, options?: Record<string, unknown>) => void;
}
