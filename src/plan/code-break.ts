/** A code split moves back to a blank line or a top-level line within this share of its piece. */
const CODE_LOOKBACK = 0.4;

const TOP_LEVEL =
  /^(def|class|async|function|export|import|from|const|let|var|fn|pub|impl|struct|enum|type|interface|module|package|func|public|private|@)\b/;

/**
 * Where a code piece [from, to) should end: after a blank line, else before a top-level
 * definition, looking back over the last part of the piece; else at `to`.
 */
export function codeBreak(code: readonly string[], from: number, to: number): number {
  const floor = Math.max(from + 1, Math.ceil(to - (to - from) * CODE_LOOKBACK));
  for (let j = to; j >= floor; j--) if ((code[j - 1] ?? "").trim() === "" && (code[j] ?? "").trim() !== "") return j;
  for (let j = to; j >= floor; j--) if (TOP_LEVEL.test(code[j] ?? "")) return j;
  return to;
}
