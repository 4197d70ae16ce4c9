/** The few words Lectern itself puts on slides, per language. */
export interface Words {
  continued: string;
  agenda: string;
  /** Before a figure's or a table's number in a cross-reference ("Fig. 3", "图 3"). */
  figure: string;
  table: string;
}

export function wordsFor(lang: string): Words {
  const l = lang.toLowerCase();
  if (l.startsWith("zh")) return { continued: "（续）", agenda: "目录", figure: "图", table: "表" };
  if (l.startsWith("ja")) return { continued: "（続き）", agenda: "目次", figure: "図", table: "表" };
  return { continued: " (cont.)", agenda: "Contents", figure: "Fig.", table: "Table" };
}
