/**
 * The script `serve` adds to every page it serves (never to built files): it listens on a
 * WebSocket and reloads the page when its deck is rebuilt — the URL hash keeps the slide —
 * or shows the diagnostics of a broken edit over the last good deck.
 */
export const CLIENT_JS = `(() => {
  const parts = location.pathname.split("/").filter(Boolean);
  if (/.html?$/.test(parts[parts.length - 1] || "")) parts.pop();
  const deck = decodeURIComponent(parts[parts.length - 1] || "");
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
  function connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__lectern/ws");
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.deck !== deck && msg.deck !== "*") return;
      if (msg.type === "reload") location.reload();
      else if (msg.type === "error") show(msg.diagnostics);
    };
    ws.onclose = () => setTimeout(connect, 1000);
  }
  connect();
})();
`;
