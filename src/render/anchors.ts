/**
 * Readable, stable slide ids from headings: letters, digits and CJK kept, the rest
 * folded to `-`. Chinese headings stay Chinese ("1-背景介绍"). `taken` is per deck.
 */
export function anchorFor(title: string, taken: Set<string>): string {
  const base =
    title
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "slide";
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}
