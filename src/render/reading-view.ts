/**
 * The reading view of a deck: reveal.js's scroll view (the slides one under the other, as a
 * page to scroll), for a deck that is read rather than presented — on a course page, on a
 * phone. It is chosen, in this order, by the URL (`?view=scroll`, or `?view=slides` to keep
 * the slides even on a phone), the front matter (`view: scroll`), and the width of the
 * window: at most {@link PHONE_WIDTH} px (reveal's `scrollActivationWidth`) reads as a page.
 * A button in the deck switches between the two; in the reading view a second one shows each
 * slide's speaker notes under it, so the deck doubles as lecture notes.
 *
 * Neither the speaker window's previews (`?receiver`) nor printing ever scroll; measuring
 * and printing run the page with scripts off (fit/measure), so none of this is in a PDF.
 * The script also gives screen readers the deck back: reveal.js marks its wrapper
 * `role="application"` (reveal.js #3772), which makes a screen reader stop reading the page
 * as a document; Lectern sets it back to the `main` landmark the markup declares.
 */

/** reveal.js 6's own `scrollActivationWidth` default: phones in portrait (390–430 px). */
export const PHONE_WIDTH = 435;

/** Height in px of the strip under the reading view's page that holds its controls. */
export const TOOLS_STRIP = 40;

/** The words on the reading controls, per language. */
export interface ReadingWords {
  /** Label of the control group. */
  tools: string;
  /** The toggle between the slides and the reading view (pressed: reading). */
  read: string;
  /** Show the speaker notes under each slide (a toggle). */
  notes: string;
  /** Heading over a slide's notes in the reading view. */
  notesLabel: string;
}

export function readingWords(lang: string): ReadingWords {
  const l = lang.toLowerCase();
  if (l.startsWith("zh")) return { tools: "阅读方式", read: "阅读视图", notes: "讲稿", notesLabel: "讲稿" };
  if (l.startsWith("ja")) return { tools: "表示方法", read: "読みもの表示", notes: "ノート", notesLabel: "ノート" };
  return { tools: "View", read: "Reading view", notes: "Notes", notesLabel: "Speaker notes" };
}

/** The page's rules for the controls and the notes shown inline; colours come from the theme. */
export const READING_CSS = [
  // no font boosting on phones: the notes are set at a reading size already
  "html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }",
  ".lectern-reading-tools { position: fixed; z-index: 40; bottom: 10px; left: 10px; display: flex; gap: 6px; font: 14px/1.2 var(--lectern-font-sans, sans-serif); }",
  ".lectern-reading-tools button { font: inherit; cursor: pointer; padding: 6px 10px; border-radius: 6px; border: 1px solid var(--lectern-accent, #1d4ed8); background: var(--lectern-bg, #fff); color: var(--lectern-link, #1d4ed8); opacity: 0.92; }",
  ".lectern-reading-tools button[aria-pressed=true] { background: var(--lectern-accent, #1d4ed8); color: var(--lectern-accent-fg, #fff); }",
  ".lectern-reading-tools button:focus-visible { outline: 3px solid var(--lectern-accent, #1d4ed8); outline-offset: 2px; }",
  ".lectern-reading-tools [hidden] { display: none; }",
  "html.lectern-framed .lectern-reading-tools { bottom: 6px; left: 6px; font-size: 12px; }",
  // the reading view gives the controls a strip of their own under the page that scrolls:
  // fixed over the page, they would cover each heading coming up from the bottom
  `html.lectern-reading { background: var(--lectern-bg, #fff); }`,
  `html.lectern-reading body.reveal-viewport { height: calc(100% - ${TOOLS_STRIP}px); }`,
  `html.lectern-reading .lectern-reading-tools { bottom: 0; left: 0; right: 0; height: ${TOOLS_STRIP}px; box-sizing: border-box; padding: 0 8px; align-items: center; font-size: 12px; background: var(--lectern-bg, #fff); border-top: 1px solid var(--lectern-border, #d5dbe3); }`,
  ".reveal .lectern-inline-notes { box-sizing: border-box; max-width: 46rem; margin: 0 auto; padding: 12px 20px 28px; font: 16px/1.6 var(--lectern-font-sans, sans-serif); color: var(--lectern-fg, #1f2933); background: var(--lectern-bg, #fff); text-align: start; }",
  ".reveal .lectern-inline-notes .lectern-inline-notes-label { margin: 0 0 4px; font-size: 13px; font-weight: var(--lectern-weight-bold, 700); letter-spacing: 0.04em; color: var(--lectern-muted, #52606d); }",
  ".reveal .lectern-inline-notes p, .reveal .lectern-inline-notes li { margin: 0 0 8px; font-size: 16px; line-height: 1.6; }",
].join(" ");

/**
 * Script run before `Reveal.initialize`: defines `lecternReading` (`view` and
 * `scrollActivationWidth` for reveal's config, `off` where no reading view applies).
 * `configView` is the front matter's `view` as JSON (`"scroll"` or `null`).
 */
export function readingSetup(configView: string): string {
  return `var lecternReading = (function (fromConfig) {
  var asked = /[?&]view=([\\w-]*)/.exec(location.search);
  if (printing || /receiver/i.test(location.search)) return { view: printing ? "print" : null, width: null, off: true };
  if (asked && asked[1] === "scroll") return { view: "scroll", width: ${PHONE_WIDTH} };
  if (asked) return { view: null, width: null };
  return { view: fromConfig, width: ${PHONE_WIDTH} };
})(${configView});`;
}

/** Script run after `Reveal.initialize`: the controls, the inline notes, the landmark. */
export function readingScript(words: ReadingWords): string {
  return `(function (words) {
  var root = document.documentElement;
  var deck = document.querySelector(".reveal");
  var notesOn = false;
  var hasNotes = Boolean(document.querySelector(".reveal aside.notes"));
  var tools, viewButton, notesButton;
  function landmark() {
    if (deck && deck.getAttribute("role") === "application") deck.setAttribute("role", "main");
  }
  // reveal's scroll view leaves every slide but the current one aria-hidden: a screen reader
  // would read one slide of the page; in the reading view every slide is on the page
  function unhide() {
    if (!scrolling()) return;
    document.querySelectorAll(".reveal .scroll-page section[aria-hidden], .reveal .scroll-page section[hidden]").forEach(function (s) {
      s.removeAttribute("aria-hidden");
      s.removeAttribute("hidden");
    });
  }
  function scrolling() { return Boolean(Reveal.isScrollView && Reveal.isScrollView()); }
  function syncNotes() {
    var on = notesOn && scrolling();
    root.classList.toggle("lectern-notes-inline", on);
    document.querySelectorAll(".lectern-inline-notes").forEach(function (el) { el.remove(); });
    if (!on) return;
    document.querySelectorAll(".reveal .scroll-page").forEach(function (page) {
      var notes = page.querySelector("aside.notes");
      if (!notes || !notes.textContent.trim()) return;
      var box = document.createElement("div");
      box.className = "lectern-inline-notes";
      box.setAttribute("role", "note");
      var marked = notes.hasAttribute("lang") ? notes : notes.closest("section[lang]");
      if (marked) box.setAttribute("lang", marked.getAttribute("lang"));
      var label = document.createElement("p");
      label.className = "lectern-inline-notes-label";
      label.textContent = words.notesLabel;
      box.appendChild(label);
      box.insertAdjacentHTML("beforeend", notes.innerHTML);
      page.after(box);
    });
  }
  function sync() {
    landmark();
    var on = scrolling();
    var was = root.classList.contains("lectern-reading");
    root.classList.toggle("lectern-reading", on);
    // the page is shorter by the controls' strip (or taller without it): reveal lays it out again
    if (was !== on) Reveal.layout();
    unhide();
    if (!tools) return syncNotes();
    viewButton.setAttribute("aria-pressed", String(on));
    notesButton.hidden = !on || !hasNotes;
    notesButton.setAttribute("aria-pressed", String(notesOn));
    syncNotes();
  }
  function setView(scroll) {
    Reveal.configure({ view: scroll ? "scroll" : null, scrollActivationWidth: scroll ? ${PHONE_WIDTH} : null });
    if (scrolling() !== scroll) Reveal.toggleScrollView(scroll);
    try {
      var url = new URL(location.href);
      url.searchParams.set("view", scroll ? "scroll" : "slides");
      history.replaceState(history.state, "", url.href);
    } catch (e) {}
    sync();
  }
  function button(cls, text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = text;
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", onClick);
    // Enter and Space press the button, and do not also move the deck on
    b.addEventListener("keydown", function (e) { if (e.key === " " || e.key === "Enter") e.stopPropagation(); });
    return b;
  }
  if (!lecternReading.off && deck) {
    tools = document.createElement("div");
    tools.className = "lectern-reading-tools";
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", words.tools);
    viewButton = button("lectern-view-toggle", words.read, function () { setView(!scrolling()); });
    notesButton = button("lectern-notes-toggle", words.notes, function () { notesOn = !notesOn; sync(); });
    tools.append(viewButton, notesButton);
    deck.appendChild(tools);
  }
  if (/[?&]notes=(inline|true)\\b/.test(location.search)) notesOn = true;
  Reveal.on("ready", sync);
  Reveal.on("slidechanged", unhide);
  window.addEventListener("resize", sync);
  landmark();
})(${JSON.stringify(words)});`;
}
