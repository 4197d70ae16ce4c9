import type { Block, Piece } from "../types.js";
import { cloneToken } from "../util/tokens.js";
import { asEnv, type RenderContext } from "./context.js";

/**
 * The HTML of a slide's pieces, with the children of a box (a block's `frame`) drawn inside
 * their box: one box per run of its children on the slide. A box that began on an earlier
 * slide is drawn again with its title and the "continued" word. A piece set `beside` the one
 * before shares a row with it.
 */
export function framedPiecesHtml(
  pieces: readonly Piece[],
  blocks: readonly Block[],
  ctx: RenderContext,
  piece: (block: Block, p: Piece) => string,
  continued: string,
): string {
  const render = (tokens: Block["tokens"]) => ctx.md.renderer.render(tokens, ctx.md.options, asEnv(ctx));
  const out: string[] = [];
  let open: Block["frame"];
  for (const p of pieces) {
    const block = blocks[p.block] as Block;
    const frame = block.frame;
    if (open && frame?.id !== open.id) {
      out.push(render([open.close]));
      open = undefined;
    }
    if (frame && !open) {
      const again = !frame.first || p.from > 0;
      const token = again ? cloneToken(frame.open) : frame.open;
      if (again) token.meta = { ...(frame.open.meta ?? {}), continued };
      out.push(render([token]));
      open = frame;
    }
    const html = piece(block, p);
    // an image and its text side by side (the plan keeps such pairs inside one box)
    out.push(p.beside && out.length ? `<div class="lectern-beside">\n${out.pop()}${html}</div>\n` : html);
  }
  if (open) out.push(render([open.close]));
  return out.join("");
}
