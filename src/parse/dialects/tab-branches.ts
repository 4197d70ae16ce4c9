/**
 * d2lbook code that branches on the framework (`if tab.selected('pytorch', 'mxnet'):` …
 * `elif tab.selected('jax'):` … `else:` …), as the chosen tab runs it: the branch taken stays,
 * dedented into the code around it; the other branches and the `if` lines go.
 */

/** `if tab.selected('a', "b"):` or `elif …`, alone on its line. */
const BRANCH = /^(\s*)(if|elif)\s+tab\.selected\(([^)]*)\)\s*:\s*(?:#.*)?$/;
const ELSE = /^(\s*)else\s*:\s*(?:#.*)?$/;

const indentOf = (line: string) => (/^\s*/.exec(line)?.[0] ?? "").length;
const blank = (line: string) => line.trim() === "";

/** The tab names of a `tab.selected(…)` argument list. */
const tabsOf = (args: string) => [...args.matchAll(/["']([^"']+)["']/g)].map((m) => m[1] as string);

/** The lines of the block under a header at `indent`, from `from`: up to the first line at that indent or less. */
function blockEnd(lines: readonly string[], from: number, indent: number): number {
  let end = from;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    if (blank(line)) continue;
    if (indentOf(line) <= indent) break;
    end = i + 1;
  }
  return end;
}

/** A block's lines dedented to `indent` (its first non-blank line's indent is removed down to it). */
function dedent(body: readonly string[], indent: number): string[] {
  const first = body.find((l) => !blank(l));
  const by = first === undefined ? 0 : indentOf(first) - indent;
  return body.map((l) => (blank(l) ? "" : l.slice(Math.min(by, indentOf(l)))));
}

interface Header {
  kind: "if" | "elif" | "else";
  indent: number;
  tabs: string[];
}

/** A branch header line: `if`/`elif tab.selected(…):` or `else:`. */
function headerOf(line: string): Header | undefined {
  const branch = BRANCH.exec(line);
  if (branch) return { kind: branch[2] as "if" | "elif", indent: (branch[1] as string).length, tabs: tabsOf(branch[3] as string) };
  const orElse = ELSE.exec(line);
  return orElse ? { kind: "else", indent: (orElse[1] as string).length, tabs: [] } : undefined;
}

/** Code lines with every `tab.selected` branch resolved for `tab`. */
export function resolveTabBranches(lines: readonly string[], tab: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const head = headerOf(lines[i] as string);
    if (head?.kind !== "if") {
      out.push(lines[i] as string);
      i++;
      continue;
    }
    // the chain: `if`, then `elif tab.selected(…)` / `else:` lines at the same indent
    let taken = false;
    for (let h: Header | undefined = head; h; ) {
      const end = blockEnd(lines, i + 1, h.indent);
      if (!taken && (h.kind === "else" || h.tabs.includes(tab))) {
        taken = true;
        out.push(...resolveTabBranches(dedent(lines.slice(i + 1, end), h.indent), tab));
      }
      i = end;
      let next = i;
      while (next < lines.length && blank(lines[next] as string)) next++;
      const following = headerOf(lines[next] ?? "");
      h = following && following.kind !== "if" && following.indent === head.indent ? following : undefined;
      if (h) i = next;
    }
  }
  return out;
}
