/** True for characters set about one em wide: CJK ideographs, kana, Hangul, full-width forms. */
export function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Estimated width of text in em: CJK ≈ 1em, Latin ≈ 0.55em, spaces ≈ 0.28em. */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (isWide(code)) em += 1;
    else if (code === 0x20) em += 0.28;
    else if (code >= 0x41 && code <= 0x5a) em += 0.66;
    else if (ch === "m" || ch === "w") em += 0.8;
    else if (ch === "i" || ch === "l" || ch === "j" || ch === "." || ch === "," || ch === "'" || ch === "|") em += 0.28;
    else em += 0.54;
  }
  return em;
}

/** Estimated width in em of TeX as typeset: commands count as one symbol. */
export function texEm(tex: string): number {
  const visible = tex
    .replace(/\\(left|right|big|Big|bigg|Bigg|mathrm|mathbf|mathit|text|operatorname|displaystyle)\b/g, "")
    .replace(/\\[a-zA-Z]+/g, "x")
    .replace(/[{}_^\s&]/g, "");
  return visible.length * 0.62;
}

/** Number of lines text of `em` width takes in a box `boxPx` wide at `fontPx`. */
export function lineCount(em: number, fontPx: number, boxPx: number): number {
  return Math.max(1, Math.ceil((em * fontPx) / Math.max(1, boxPx)));
}
