// The runtime every widget's element code sees as `PW`: localised strings,
// error reporting, events, DOM building without innerHTML (Trusted Types and
// hostile data), constructable stylesheets. Evaluated inside the core module's
// closure: nothing here becomes a global.
const PW = {
  shell,                       // the loader's private channel (files, attributes, page facts, load)
  api: window.PortalWidgets,   // the public window.PortalWidgets object
  config: null,                // effective config from core/config.cpp, set at boot
  lang: 'zh-Hans',
  core: null,                  // the eager core module (see wasm.js), set at boot
  mode: 'wasm',                // the build the core runs on: "wasm" or "js" (its plain-JS build), set at boot
  elements: new Map(),         // tag name -> class, defined at boot (or when its element module arrives)
  elementModules: {},          // element name -> the module whose file defines it (web/package.mjs)
  scanners: [],                // functions(root) run by mount(root) and the MutationObserver
};

// --- strings: each widget adds its own with PW.addStrings({ 'zh-Hans': {…}, 'zh-Hant': {…}, en: {…} })
PW.strings = { 'zh-Hans': {}, 'zh-Hant': {}, en: {} };
PW.addStrings = (tables) => {
  for (const lang of Object.keys(PW.strings)) Object.assign(PW.strings[lang], tables[lang] || {});
};
/** The UI string `key` in the page's language, with {name} placeholders filled from `vars`. */
PW.t = (key, vars, lang) => {
  const table = PW.strings[lang || PW.lang] || PW.strings['zh-Hans'];
  let text = key in table ? table[key] : (PW.strings['zh-Hans'][key] ?? key);
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return text;
};

// --- events and errors -------------------------------------------------------
/** Dispatches a bubbling, composed CustomEvent; returns false when a listener cancelled it. */
PW.fire = (target, type, detail, cancelable = false) =>
  target.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, cancelable, detail }));

PW.errors = [];
/** The contract's error behaviour: one console.error and a pw-error event; never throws. */
PW.reportError = (target, error) => {
  const detail = { id: error.id, message: error.message, source: error.source || '' };
  PW.errors.push(detail);
  try { console.error(detail.message.startsWith('portal-widgets') ? detail.message : `portal-widgets: ${detail.message}`); } catch (e) { /* no console */ }
  try { PW.fire(target && target.isConnected ? target : document, 'pw-error', detail); } catch (e) { /* never into the host */ }
};

// --- the page's own facts (《政府网站发展指引》 meta tags) -------------------------
/** The content of <meta name="…"> (or its lower-case spelling), else "". */
PW.meta = (name) => {
  const el = document.querySelector(`meta[name="${name}"]`) || document.querySelector(`meta[name="${name.toLowerCase()}"]`);
  return el ? el.getAttribute('content') || '' : '';
};
/** The current article: title from ArticleTitle, else the first <h1>, else document.title
 *  (white space collapsed); Keywords; ColumnName. */
PW.currentArticle = () => {
  const h1 = document.querySelector('h1');
  const title = PW.meta('ArticleTitle') || (h1 && h1.textContent) || document.title || '';
  return { title: title.replace(/\s+/g, ' ').trim(), keywords: PW.meta('Keywords'), column: PW.meta('ColumnName') };
};

// --- DOM helpers -------------------------------------------------------------
/**
 * Creates an element without innerHTML: PW.h('a', {href, class: 'x', onclick: fn}, 'text', child).
 * Strings become text nodes, so feed titles can never become markup.
 */
PW.h = (tag, props, ...children) => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
};

const sheets = new Map();
/** A shared constructable stylesheet for `css` (so style-src without 'unsafe-inline' is fine). */
PW.sheet = (css) => {
  if (!sheets.has(css)) {
    let sheet = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch (e) {
      sheet = null;  // no constructable stylesheets: adoptStyles falls back to <style>
    }
    sheets.set(css, sheet);
  }
  return sheets.get(css);
};
/**
 * For the suite's spans in the page's own markup (the data-leave="mark" marker
 * inside a link, the 新 badge in a kept related list): the page's rules match
 * them (`span { display: inline-block !important; padding: … }`), so their box
 * starts from initial values with !important, which the host's !important
 * cannot override from outside the shadow root, and takes only font, colour,
 * visibility and cursor from the link or item around it. Their own box rules
 * follow, each !important too.
 */
PW.inlineHostCss = /* css */ `
:host { all: initial !important; font: inherit !important; color: inherit !important; visibility: inherit !important;
  cursor: inherit !important; pointer-events: inherit !important; writing-mode: inherit !important; }
`;

/** Gives a shadow root its styles (with the dark palette when the page opted in). */
PW.adoptStyles = (root, css) => {
  const all = PW.config && PW.config.colorScheme === 'auto' ? css + PW.darkCss : css;
  const sheet = PW.sheet(all);
  if (sheet && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [sheet];
  else root.append(PW.h('style', null, all));
};

/**
 * The dark palette, added to every widget's styles with data-color-scheme="auto"
 * (core/config.h). One home for the widgets' dark colours: the surface and text of
 * the inline widgets (not the full-screen leave dialog, whose panel takes the leave
 * properties, nor the external-link marks of data-leave="mark", which follow the
 * link's colour, nor an element showing the page's own fallback children), and the
 * widgets' own custom properties. On a dark surface the related list's bullets and
 * dates keep off the box's edges (inline padding only: the reserved height stays).
 * Each text pair is at least
 * 4.5:1 (tests/web/readers.test.mjs measures them); the QR code keeps its own light
 * background, so it stays dark modules on a light quiet zone. A page's own value of
 * a custom property wins in both schemes.
 */
PW.darkCss = /* css */ `
@media (prefers-color-scheme: dark) {
:host { color-scheme: dark; --pw-surface: #202124; --pw-text: #e8eaed; --pw-focus-color: #8ab4f8;
  --pw-leave-color: #e8eaed; --pw-leave-background: #202124; --pw-leave-accent: #f28b82;
  --pw-leave-accent-text: #202124; --pw-leave-backdrop: rgba(0, 0, 0, 0.7);
  --pw-related-link-color: #8ab4f8; --pw-related-date-color: #bdc1c6; }
:host(pw-font-size:not([data-pw-fallback])), :host(pw-qrcode:not([data-pw-fallback])),
:host(pw-related:not([data-pw-fallback])) { background-color: var(--pw-surface); color: var(--pw-text); }
:host(pw-related:not([data-pw-fallback])) { padding-inline: .75em; }
}
`;

/**
 * Base styles every widget shares (focus ring, 44 px targets, forced colours).
 * Font and colour come from the page; every other inherited text setting of the
 * page (spacing, indent, alignment, case, wrapping, line height; a widget that
 * sits in a line of text takes the line height back) stops at the widget, and
 * box-sizing inside is the widget's own, so a page's resets do not reach it
 * (docs/embed.md, "What widgets take from the page").
 */
PW.baseCss = /* css */ `
:host { box-sizing: border-box; font: inherit; color: inherit; line-height: normal; letter-spacing: normal;
  word-spacing: normal; text-indent: 0; text-align: start; text-transform: none; text-shadow: none; white-space: normal;
  word-break: normal; overflow-wrap: normal; hyphens: manual; font-feature-settings: normal; -webkit-text-fill-color: currentColor;
  -webkit-text-stroke-width: 0; text-emphasis: none; text-underline-offset: auto; list-style: none; }
:host([hidden]) { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid var(--pw-focus-color, #1a56db); outline-offset: 2px; }
.pw-visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
`;

// --- elements and scanners -----------------------------------------------------
// The element base class (element.js) ships as a file of its own (element-base),
// fetched with the first element module: a page with only the script tag has no
// element to build.

/** Registers an element class; it is defined at boot (once the core is ready),
 *  or when its element module arrives. `before`: a promise the definition waits
 *  for (the element's .wasm), so an element is never upgraded, painted with its
 *  shadow root, and only mounted later (a layout shift); when it rejects the
 *  element stays undefined and keeps its fallback. */
PW.defineElement = (name, cls, before) => {
  PW.elements.set(name, cls);
  if (before) PW.beforeDefine.push(before);
};
PW.beforeDefine = [];

/** Registers a function(root) that finds legacy markup (select lists, old links) in `root`. */
PW.addScanner = (fn) => { PW.scanners.push(fn); };
