import type { StateBlock } from "markdown-it";

/**
 * Tokenize the lines between a container's opening line and its closing line `close` as
 * blocks inside it (a fenced div, a `::: notes`), as markdown-it's own containers do: the
 * parent type and line limit set for the inside, then put back.
 */
export function tokenizeInside(state: StateBlock, startLine: number, close: number): void {
  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  state.parentType = "reference" as typeof state.parentType;
  state.lineMax = close;
  state.md.block.tokenize(state, startLine + 1, close);
  state.parentType = oldParent;
  state.lineMax = oldLineMax;
}
