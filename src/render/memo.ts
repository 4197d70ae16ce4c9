/**
 * What a render can reuse of an earlier render of the same deck: highlighted code by language
 * and text, KaTeX's HTML by formula (and the macros it was rendered with). Both are pure
 * functions of what the key holds, so a memoised result is byte for byte what a fresh call
 * gives; markdown-it instances are made once. One memo serves a deck's build (its first render and the fit's re-renders) or, in
 * `serve`, all its rebuilds; it forgets what the last renders did not use, so it stays the
 * size of one deck.
 */
import type { MarkdownIt } from "markdown-it";
import type { Highlighted } from "./highlight.js";

/** A formula's HTML, and the KaTeX time it took (a memoised formula counts it against the budget again). */
export interface TexEntry {
  html: string;
  ms: number;
}

export interface RenderMemo {
  /** The deck's markdown-it instance for parsing, or for rendering (made once: their rules keep no state between documents). */
  markdown(use: "parse" | "render", make: () => MarkdownIt): MarkdownIt;
  code(key: string, make: () => Highlighted): Highlighted;
  tex(key: string): TexEntry | undefined;
  keepTex(key: string, entry: TexEntry): void;
}

/** Entries of one generation: past it, what was not used since the last turn goes. */
const GENERATION = 4096;

/** A map that keeps what was used in the current or the last generation. */
function twoGenerations<V>() {
  let now = new Map<string, V>();
  let last = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const hit = now.get(key);
      if (hit !== undefined) return hit;
      const old = last.get(key);
      if (old !== undefined) this.set(key, old);
      return old;
    },
    set(key: string, value: V): void {
      if (now.size >= GENERATION) {
        last = now;
        now = new Map();
      }
      now.set(key, value);
    },
  };
}

export function renderMemo(): RenderMemo {
  const code = twoGenerations<Highlighted>();
  const tex = twoGenerations<TexEntry>();
  const instances = new Map<string, MarkdownIt>();
  return {
    markdown(use, make) {
      const md = instances.get(use) ?? make();
      instances.set(use, md);
      return md;
    },
    code(key, make) {
      const hit = code.get(key) ?? make();
      code.set(key, hit);
      return { lines: [...hit.lines], known: hit.known };
    },
    tex: (key) => tex.get(key),
    keepTex: (key, entry) => tex.set(key, entry),
  };
}
