/**
 * The script `serve` adds to every page it serves (never to built files). It listens on a
 * WebSocket for its deck:
 * - `patch`: the slides that changed replace theirs in the open page (reveal.js is synced, the
 *   math and code come rendered), and the page stays on the slide being edited: it maps the
 *   slide it showed through the edited source lines (an edit on it: the slide that now holds
 *   the edit; an edit above it: the same slide, moved). In reveal's speaker window the
 *   previews (`?receiver`) patch too and keep the indices the speaker window gives them; the
 *   deck tells the speaker window its (new) state.
 * - `reload`: reload the page (the hash keeps the slide);
 * - `error`: show the diagnostics over the last good deck (a later patch removes them).
 * A patch made for another version of the page than the one shown reloads it instead. Once
 * connected, the page says which version it holds: what was sent while it loaded is sent again.
 * Each update ends with a `lectern:updated` event on `window` (`detail.kind`; `detail.ms`: the time
 * it took in the page, from the message to the patched and laid-out deck).
 */
export const CLIENT_JS = `(() => {
  const me = document.currentScript;
  let version = Number((me && me.dataset.version) || 0);
  const parts = location.pathname.split("/").filter(Boolean);
  if (/.html?$/.test(parts[parts.length - 1] || "")) parts.pop();
  const deck = decodeURIComponent(parts[parts.length - 1] || "");
  const receiver = /receiver/i.test(location.search);
  let overlay = null;
  function show(diags) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "lectern-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:45vh;overflow:auto;z-index:99999;background:#2b0b0b;color:#ffd7d7;font:14px/1.5 monospace;padding:12px 16px;border-top:3px solid #e5484d;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "Lectern: this edit does not build; showing the last good deck.\\n\\n" + diags.join("\\n");
  }
  function updated(kind, t0) {
    const ms = performance.now() - t0;
    window.dispatchEvent(new CustomEvent("lectern:updated", { detail: { kind: kind, version: version, ms: ms } }));
  }
  const lineOf = (el) => Number(el.getAttribute("data-lectern-line")) - 1;
  /** The slide shown: its first source line, its rank among slides on that line, the next slide's line. */
  function place(all, current) {
    const i = all.indexOf(current);
    if (i < 0) return null;
    const line = lineOf(current);
    let rank = 0;
    for (let k = i - 1; k >= 0 && lineOf(all[k]) === line; k--) rank++;
    let next = Infinity;
    for (let k = i + 1; k < all.length; k++) if (lineOf(all[k]) > line) { next = lineOf(all[k]); break; }
    return { line: line, rank: rank, next: next, id: current.id };
  }
  /** The line and rank to show after the edit. */
  function follow(at, edit) {
    if (!edit) return at;
    if (edit.start >= at.line && edit.start < at.next) return edit.start === at.line ? at : { line: edit.start, rank: 0, from: at };
    if (edit.start >= at.next) return at;
    if (at.line >= edit.endOld) return { line: at.line + edit.endNew - edit.endOld, rank: at.rank };
    return { line: Math.min(at.line, Math.max(edit.start, edit.endNew - 1)), rank: 0 };
  }
  function pick(all, want) {
    let best = -1;
    for (const el of all) { const l = lineOf(el); if (l <= want.line && l > best) best = l; }
    const same = all.filter((el) => lineOf(el) === best);
    const rank = want.from && want.from.line === best ? want.from.rank : want.rank;
    return same[Math.min(rank, same.length - 1)] || all[0];
  }
  /** reveal's own marks on a slide, kept when its content is replaced. */
  const REVEAL_CLASSES = ["present", "past", "future", "stack", "visited"];
  function morph(el, fresh) {
    for (const a of Array.from(el.attributes)) {
      if ((a.name === "id" || a.name.indexOf("data-lectern") === 0) && !fresh.hasAttribute(a.name)) el.removeAttribute(a.name);
    }
    for (const a of Array.from(fresh.attributes)) {
      if (a.name !== "class") el.setAttribute(a.name, a.value);
    }
    const kept = REVEAL_CLASSES.filter((c) => el.classList.contains(c));
    el.className = fresh.className;
    kept.forEach((c) => el.classList.add(c));
    el.replaceChildren(...Array.from(fresh.childNodes));
  }
  function patch(msg, t0) {
    const Reveal = window.Reveal;
    const root = document.querySelector(".reveal .slides");
    const tops = root ? Array.from(root.children).filter((el) => el.tagName === "SECTION") : [];
    if (!Reveal || !root || msg.from !== version || tops.length !== msg.count) return location.reload();
    const before = Reveal.getIndices();
    const shown = Array.from(root.querySelectorAll("section[data-lectern-line]"));
    const at = place(shown, Reveal.getCurrentSlide());
    const inside = (el) => Array.from(el.children).filter((c) => c.tagName === "SECTION");
    // a hunk that swaps slides one for one updates them in place: reveal keeps its structure
    const jobs = msg.hunks.map((h) => {
      const parent = h.stack === undefined ? root : tops[h.stack];
      const tpl = document.createElement("template");
      tpl.innerHTML = h.html;
      const fresh = inside(tpl.content);
      const kids = parent ? (h.stack === undefined ? tops : inside(parent)) : [];
      const old = kids.slice(h.at, h.at + h.remove);
      const flat = (list) => list.every((el) => !el.querySelector("section"));
      return { h: h, parent: parent, tpl: tpl, kids: kids, fresh: fresh, old: old, same: fresh.length === old.length && flat(old) && flat(fresh) };
    });
    if (jobs.some((j) => !j.parent || j.old.length !== j.h.remove)) return location.reload();
    const inPlace = jobs.every((j) => j.same);
    for (let k = jobs.length - 1; k >= 0; k--) {
      const j = jobs[k];
      if (inPlace) {
        j.old.forEach((el, i) => morph(el, j.fresh[i]));
        continue;
      }
      const ref = j.kids[j.h.at + j.h.remove] || null;
      for (const el of j.old) el.remove();
      j.parent.insertBefore(j.tpl.content, ref);
    }
    const all = Array.from(root.querySelectorAll("section[data-lectern-line]"));
    all.forEach((el, i) => {
      el.setAttribute("data-lectern-slide", String(i));
      if (msg.lines[i] !== undefined) el.setAttribute("data-lectern-line", String(msg.lines[i]));
    });
    if (msg.title) document.title = msg.title;
    version = msg.to;
    if (overlay) { overlay.remove(); overlay = null; }
    if (inPlace) jobs.forEach((j) => j.old.forEach((el) => Reveal.syncSlide(el)));
    else Reveal.sync();
    const idBefore = at ? at.id : null;
    if (receiver || !at) {
      if (!inPlace) Reveal.slide(before.h, before.v || 0);
    } else {
      const target = Reveal.getIndices(pick(all, follow(at, msg.edit)));
      const moved = target.h !== before.h || (target.v || 0) !== (before.v || 0);
      // in place on the same slide, reveal needs no navigation, only the anchor written again if it changed
      if (moved || !inPlace || Reveal.getCurrentSlide().id !== idBefore) Reveal.slide(target.h, target.v || 0);
      // same indices: reveal says nothing, yet the slide changed (the speaker window must hear it)
      if (!moved) {
        Reveal.dispatchEvent({ type: "slidechanged", data: { indexh: target.h, indexv: target.v, previousSlide: null, currentSlide: Reveal.getCurrentSlide(), origin: "lectern" } });
      }
    }
    if (!inPlace) Reveal.layout();
    if (msg.fonts) {
      const link = document.querySelector('link[href*="fonts.css"]');
      if (link) link.href = link.href.replace(/[?].*$/, "") + "?v=" + version;
    }
    updated("patch", t0);
  }
  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__lectern/ws");
    // what the page holds: a patch sent while it loaded is sent again (or it reloads)
    ws.onopen = () => ws.send(JSON.stringify({ type: "hello", deck: deck, version: version }));
    ws.onmessage = (event) => {
      const t0 = performance.now();
      const msg = JSON.parse(event.data);
      if (msg.deck !== deck && msg.deck !== "*") return;
      if (msg.type === "reload") location.reload();
      else if (msg.type === "patch") patch(msg, t0);
      else if (msg.type === "error") { show(msg.diagnostics); updated("error", t0); }
    };
    ws.onclose = () => setTimeout(connect, 1000);
  }
  connect();
})();
`;
