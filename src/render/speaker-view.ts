/**
 * What Lectern adds to reveal.js's speaker view (the window its notes plugin writes when `s`
 * is pressed): a size fit for a second screen, a layout whose previews keep the slides'
 * shape, and a font size control for the notes. The deck puts both into the speaker window
 * when it first hears from it (deck-script.ts), so they come back after the deck reloads.
 */

/** The window name reveal's notes plugin opens its speaker view under. */
export const SPEAKER_WINDOW_NAME = "reveal.js - Notes";

/** The speaker window's size: 1280×800 where the screen has room, else the whole screen. */
export const SPEAKER_WINDOW = { width: 1280, height: 800 } as const;

/** localStorage key of the notes' size (a factor of reveal's 1.2em). */
export const NOTES_SCALE_KEY = "lectern-notes-scale";

/** The notes' sizes the `A−`/`A+` buttons and the `-`/`+` keys step through. */
export const NOTES_SCALES = [0.6, 0.7, 0.8, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.5, 3] as const;

/**
 * reveal's default layout, on a landscape window: the current slide across the left 62%, its
 * height the slide's own (`--lectern-ratio`, height / width), the notes under it; the next slide
 * at the top right, clock, timer and pacing under it. Text grows with the window (a 1920 px
 * screen gets 27 px). The other layouts of the plugin's menu stay as they are.
 */
export const SPEAKER_CSS = `
.speaker-controls-notes .value { font-size: calc(1.2em * var(--lectern-notes-scale, 1)); }
.lectern-notes-size { float: right; text-transform: none; }
.lectern-notes-size button { font: inherit; min-width: 2.6em; margin-left: 4px; padding: 2px 6px; cursor: pointer;
  border: 1px solid #bbb; border-radius: 4px; background: #f4f4f4; color: #222; }
@media (min-aspect-ratio: 5/4) {
  body[data-speaker-layout="default"] {
    --lectern-current: min(calc(62vw * var(--lectern-ratio, 0.5625) + 12px), 72vh);
    --lectern-upcoming: min(calc(38vw * var(--lectern-ratio, 0.5625) + 12px), 50vh);
  }
  body[data-speaker-layout="default"] #current-slide { width: 62%; height: var(--lectern-current); padding-right: 6px; }
  body[data-speaker-layout="default"] #upcoming-slide { width: 38%; height: var(--lectern-upcoming); }
  body[data-speaker-layout="default"] #speaker-controls { position: static; overflow: visible; font-size: clamp(16px, 1.4vw, 30px); }
  body[data-speaker-layout="default"] .speaker-controls-time { position: absolute; box-sizing: border-box; left: 62%; right: 0;
    top: var(--lectern-upcoming); bottom: 0; overflow: auto; border-bottom: 0; margin: 0; }
  body[data-speaker-layout="default"] .speaker-controls-notes { position: absolute; box-sizing: border-box; left: 0; width: 62%;
    top: var(--lectern-current); bottom: 0; overflow: auto; }
}`;

/**
 * Runs inside the speaker window (its own realm, so it outlives a reload of the deck): the
 * `A−`/`A+` buttons beside the notes' label and the `-`/`+` keys (kept from the previews,
 * which the window forwards every other key to) step the notes' size, remembered in
 * localStorage.
 */
export function speakerWindowScript(): string {
  return `(function () {
var scales = ${JSON.stringify(NOTES_SCALES)}, key = ${JSON.stringify(NOTES_SCALE_KEY)};
function stored() { try { return Number(localStorage.getItem(key)) || 1; } catch (e) { return 1; } }
function apply(scale) {
  document.documentElement.style.setProperty("--lectern-notes-scale", String(scale));
  var shown = document.querySelector(".lectern-notes-size");
  if (shown) shown.title = Math.round(scale * 100) + "%";
}
function step(by) {
  var now = stored(), at = 0;
  for (var i = 0; i < scales.length; i++) if (Math.abs(scales[i] - now) < Math.abs(scales[at] - now)) at = i;
  var next = scales[Math.max(0, Math.min(scales.length - 1, at + by))];
  try { localStorage.setItem(key, String(next)); } catch (e) {}
  apply(next);
}
var label = document.querySelector(".speaker-controls-notes .label");
if (label) {
  var box = document.createElement("span");
  box.className = "lectern-notes-size";
  [["-1", "A\\u2212", "Smaller notes (-)"], ["1", "A+", "Larger notes (+)"]].forEach(function (b) {
    var button = document.createElement("button");
    button.type = "button";
    button.setAttribute("data-step", b[0]);
    button.textContent = b[1];
    button.setAttribute("aria-label", b[2]);
    button.addEventListener("click", function (event) { event.stopPropagation(); step(Number(b[0])); button.blur(); });
    box.appendChild(button);
  });
  label.appendChild(box);
}
window.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  var by = event.key === "+" || event.key === "=" ? 1 : event.key === "-" || event.key === "_" ? -1 : 0;
  if (!by) return;
  event.stopPropagation();
  event.preventDefault();
  step(by);
}, true);
apply(stored());
})();`;
}
