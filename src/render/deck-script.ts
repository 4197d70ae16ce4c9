import { type ReadingWords, readingScript, readingSetup, readingWords } from "./reading-view.js";
import { SPEAKER_CSS, SPEAKER_WINDOW, SPEAKER_WINDOW_NAME, speakerWindowScript } from "./speaker-view.js";

/**
 * The inline script that starts reveal.js in a deck page. One page runs in four places:
 * on its own, framed by a course page, and twice inside reveal's speaker window (the
 * current and the upcoming slide, loaded with `?receiver`). Only a page framed by a host
 * reports its slide changes (`postMessageEvents`): the speaker window forwards every change
 * its previews report to the deck, so an upcoming preview that reported its own step ahead
 * would push the deck on, slide after slide. The current preview is told to report by the
 * notes plugin itself (`&postMessageEvents=true` in its URL, which wins over this config).
 * A host page's frame takes keys only when it has the focus (two decks on one page); the
 * previews take the keys the speaker window forwards to them.
 *
 * The speaker window is a blank page the notes plugin writes; it shows the notes' HTML
 * with none of the deck's styles, so KaTeX's HTML and its MathML would both show. The deck
 * lends it its KaTeX stylesheet (the `<link>`, or the inlined `<style>` of a standalone
 * deck) as soon as it hears from it, and Lectern's additions (speaker-view.ts): a window
 * sized for a second screen, a layout keeping the slides' shape, a size control for the notes.
 */
export function deckScript(configJson: string, reading?: { view: string; words: ReadingWords }): string {
  return `var printing = /print-pdf/.test(location.search);
var framed = window.self !== window.top;
var hosted = framed && !/receiver/i.test(location.search);
if (framed) document.documentElement.classList.add("lectern-framed");
${readingSetup(reading?.view ?? "null")}
Reveal.initialize(Object.assign(${configJson}, {
  embedded: framed,
  keyboardCondition: hosted ? "focused" : null,
  margin: printing ? 0 : ${configJson}.margin,
  postMessageEvents: hosted,
  view: lecternReading.view,
  scrollActivationWidth: lecternReading.width,
  plugins: [RevealNotes]
}));
if (framed) document.addEventListener("pointerdown", function () { window.focus(); });
if (!framed) {
  var openWindow = window.open;
  window.open = function (url, name, features) {
    if (name === ${JSON.stringify(SPEAKER_WINDOW_NAME)}) {
      var width = Math.min(screen.availWidth || ${SPEAKER_WINDOW.width}, ${SPEAKER_WINDOW.width});
      var height = Math.min(screen.availHeight || ${SPEAKER_WINDOW.height}, ${SPEAKER_WINDOW.height});
      features = "width=" + width + ",height=" + height;
    }
    return openWindow.call(window, url, name, features);
  };
}
${readingScript(reading?.words ?? readingWords("en"))}
function lendMathStyles(win) {
  var doc = win.document;
  if (!doc.head || doc.querySelector("[data-lectern-math]")) return;
  document.querySelectorAll("link[rel~=stylesheet], style").forEach(function (el) {
    var copy;
    if (el.tagName === "LINK" && /katex[^/]*\\.css$/.test(el.getAttribute("href") || "")) {
      copy = doc.createElement("link");
      copy.rel = "stylesheet";
      copy.href = el.href;
    } else if (el.tagName === "STYLE" && /\\.katex-mathml\\b/.test(el.textContent || "")) {
      copy = doc.createElement("style");
      copy.textContent = el.textContent;
    }
    if (!copy) return;
    copy.setAttribute("data-lectern-math", "");
    doc.head.appendChild(copy);
  });
}
function enhanceSpeakerView(win) {
  lendMathStyles(win);
  var doc = win.document;
  if (!doc.head || !doc.body || doc.querySelector("[data-lectern-speaker]")) return;
  var config = Reveal.getConfig();
  doc.documentElement.style.setProperty("--lectern-ratio", String(config.height / config.width));
  var style = doc.createElement("style");
  style.setAttribute("data-lectern-speaker", "");
  style.textContent = ${JSON.stringify(SPEAKER_CSS)};
  doc.head.appendChild(style);
  var script = doc.createElement("script");
  script.textContent = ${JSON.stringify(speakerWindowScript())};
  doc.body.appendChild(script);
}
window.addEventListener("message", function (event) {
  try {
    if (!event.source || event.source === window || event.source.opener !== window) return;
    if (typeof event.data === "string" && event.data.indexOf('"reveal-notes"') > 0) enhanceSpeakerView(event.source);
  } catch (e) {}
});`;
}
