import type { Token } from "markdown-it";
import { CITE_ROLES, REFERENCE_ROLES, roleOf } from "../parse/dialects/roles.js";
import { escapeHtml as esc } from "../util/html.js";
import { loadBibliography } from "./bibliography.js";
import type { RenderContext } from "./context.js";
import type { RefTarget } from "./xrefs.js";

/** A reference's text: MyST may write `Fig. {number}` or `%s` where the number goes. */
function refText(written: string | undefined, target: RefTarget): string {
  if (written === undefined) return target.text;
  return /\{number\}|%s/.test(written) ? written.replace(/\{number\}|%s/g, target.number ?? target.text) : written;
}

/**
 * The HTML of a d2lbook or MyST role: a reference becomes a link to the slide that shows its
 * target (`#<slide-id>`, which reveal.js follows and the PDF keeps as an internal link); a
 * citation a styled `<cite>`; a label or width nothing (already attached to their block).
 */
export function roleHtml(token: Token, ctx: RenderContext, line: number): string {
  const role = roleOf(token);
  if (!role) return "";
  if (role.role === "label" || role.role === "eqlabel" || role.role === "width") return "";
  if (REFERENCE_ROLES.has(role.role)) {
    const target = ctx.refs?.get(role.value);
    if (target) {
      return `<a class="lectern-xref" href="#${esc(target.slide)}">${esc(refText(role.text, target))}</a>`;
    }
    ctx.diags.add("info", "xref-outside", `reference \`${role.value}\` is not in this article; shown as text`, line, 0);
    return `<span class="lectern-xref lectern-xref-outside">${esc(role.text ?? role.value)}</span>`;
  }
  if (CITE_ROLES.has(role.role)) {
    ctx.bibliography ??= loadBibliography(ctx.baseDir, ctx.root);
    const keys = role.value.split(/[,;]\s*/).filter(Boolean);
    const shown = keys.map((k) => esc(ctx.bibliography?.get(k.trim()) ?? k.trim()));
    return `<cite class="lectern-cite" title="${esc(keys.join(", "))}">(${shown.join("; ")})</cite>`;
  }
  return `<span class="lectern-role lectern-role-${esc(role.role.replace(/[^\w-]/g, ""))}">${esc(role.text ?? role.value)}</span>`;
}
