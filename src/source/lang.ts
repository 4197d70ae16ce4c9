/** The article's language: front matter wins; else zh-CN / ja / ko from the script in use; else en. */
export function detectLang(text: string, declared?: string): string {
  if (declared) return declared;
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  const kana = sample.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const hangul = sample.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const total = han + kana + hangul + latin;
  if (!total) return "en";
  if (kana > 10 && kana >= total * 0.05) return "ja";
  if (hangul >= total * 0.1) return "ko";
  if (han >= total * 0.1) return "zh-CN";
  return "en";
}
