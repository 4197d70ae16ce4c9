/** The few words Lectern itself puts on slides, per language. */
export interface Words {
  continued: string;
  agenda: string;
}

export function wordsFor(lang: string): Words {
  const l = lang.toLowerCase();
  if (l.startsWith("zh")) return { continued: "（续）", agenda: "目录" };
  if (l.startsWith("ja")) return { continued: "（続き）", agenda: "目次" };
  return { continued: " (cont.)", agenda: "Contents" };
}
