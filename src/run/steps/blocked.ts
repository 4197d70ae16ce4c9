import type { DeckStep } from "./step.js";

/** 0-based line of the article where a blocked URL (or, for a file, its path) is written; 0 if nowhere. */
function lineOf(text: string, url: string): number {
  let path = url;
  try {
    if (url.startsWith("file:")) path = decodeURIComponent(new URL(url).pathname);
  } catch {
    // a malformed escape: look for the URL as written
  }
  const at = [url, path].map((s) => text.indexOf(s)).find((i) => i >= 0) ?? -1;
  return at < 0 ? 0 : text.slice(0, at).split("\n").length - 1;
}

/** What the page refused to load while the deck was fitted and printed, each at its line. */
export const blocked: DeckStep = {
  name: "blocked",
  wanted: ({ blocked, others }) => blocked.length > 0 || others.some((o) => o.blocked.length > 0),
  async run({ output, notes, blocked, others }) {
    const text = output.result.article.source.text;
    for (const url of new Set([...blocked, ...others.flatMap((o) => o.blocked)])) {
      const line = lineOf(text, url);
      if (url.startsWith("file:"))
        notes.add("warning", "file-blocked", `local file outside the deck blocked (a deck loads only its own files): ${url}`, line);
      else notes.add("warning", "remote-blocked", `remote resource blocked (decks load nothing from the network): ${url}`, line);
    }
  },
};
