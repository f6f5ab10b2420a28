/*! portal-widgets __PW_VERSION__ | MIT | third-party notices: THIRD-PARTY-NOTICES.txt */
// The one script a page references. This outer shell is ES5 on purpose: old
// engines (IE mode) must parse it, find a missing feature and leave the page
// untouched without a single error. Everything modern lives in the hashed core
// module, which this shell loads relative to its own URL.
(function () {
  'use strict';
  var w = window;
  var d = document;

  // --- included twice? The first copy owns the page. -----------------------
  if (w.PortalWidgets) return;

  // --- old engines: leave the page exactly as it was --------------------------
  var modern = typeof Promise === 'function' && typeof w.customElements === 'object' &&
      typeof Element.prototype.attachShadow === 'function' && typeof w.Symbol === 'function' &&
      typeof Object.assign === 'function' && typeof w.fetch === 'function' &&
      typeof w.WeakMap === 'function' && typeof w.MutationObserver === 'function';
  if (!modern) return;

  // This build's hashed files, written by web/package.mjs: {modules: {core:
  // {file, integrity (its .js), wasm: {file, integrity}}, 'core-page':
  // the same and the elements that choose it}};
  // the core file adds the other modules' entries (element modules: their .js too).
  var FILES = __PW_FILES__;

  /** Is this <script> one of ours (any copy of portal-widgets.js)? */
  function ours(tag) { return /(^|\/)portal-widgets\.js(\?|#|$)/.test(tag.src); }
  var script = d.currentScript || (function () {
    var all = d.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0; i--) if (ours(all[i])) return all[i];
    return null;
  })();
  var base = script && script.src ? script.src.replace(/[?#].*$/, '').replace(/[^\/]*$/, '') : '';

  // --- early hooks: plain ES5 work that must happen before the core arrives
  // (e.g. applying a returning reader's font size). Each widget's shell part
  // registers here; see widgets/*/*.shell.js. ------------------------------------
  var early = {};
  /*__PW_SHELL_PARTS__*/

  // --- Trusted Types: one policy, named portal-widgets, for our own URLs only.
  // start() (portal-widgets.mjs) may have created it already to add this
  // script: a page allows the name once, so it hands the policy over on the
  // script element.
  var policy = (script && script[Symbol['for']('portal-widgets.trusted-types-policy')]) || null;
  if (!policy && w.trustedTypes && w.trustedTypes.createPolicy) {
    try {
      policy = w.trustedTypes.createPolicy('portal-widgets', {
        createScriptURL: function (url) {
          if (url.indexOf(base) !== 0) throw new TypeError('portal-widgets: refusing script URL ' + url);
          return url;
        }
      });
    } catch (e) {
      policy = null;  // not allowed by the page's trusted-types directive: plain strings then
    }
  }

  // --- the private channel between this shell and the modules ---------------
  var resolveReady;
  var ready = new Promise(function (resolve) { resolveReady = resolve; });
  var provided = {};
  var waiting = {};
  var wasmBytes = {};
  var shell = {
    files: FILES,
    base: base,
    early: early,
    script: script,
    ours: ours,
    attributes: null,  // the script tags' data-* attributes, read at boot (web/runtime/boot.js)
    resolveReady: function (value) {
      // Without a core nothing may stay changed: undo the early shell parts' work.
      if (value && value.mode === 'none') {
        api.version = undefined;  // the contract: no version without a core, however far boot got
        for (var part in early) {
          if (early[part] && typeof early[part].undo === 'function') {
            try { early[part].undo(); } catch (e) { /* never into the host */ }
          }
        }
      }
      resolveReady(value);
    },
    // "wasm", or "js": the modules' plain-JS builds (set in requestCore; the
    // runtime switches it to "js" when a .wasm fails, web/runtime/wasm.js).
    mode: 'wasm',
    // Loads a module's hashed .js once (memoised): the core's, an element
    // module's (its element code, web/runtime/boot.js) or a plain-JS build;
    // resolves to what the file hands over (shell.provide) or rejects with an
    // Error. In "wasm" mode a module whose entry names its .wasm when its .js
    // is requested has the .wasm fetched at the same time (see wasm()): the
    // core's, the page build's when requestCore chose it (shell.page), and
    // font-size's (web/package.mjs keeps those .wasm entries beside the .js);
    // the others fetch theirs when their element needs it (their entries get
    // the .wasm from their element module's file; share-card is a .wasm alone:
    // web/runtime/wasm.js).
    load: function (purpose) {
      if (waiting[purpose]) return waiting[purpose];
      var entry = FILES.modules[purpose];
      if (entry && entry.wasm && shell.mode == 'wasm') shell.wasm(purpose);
      waiting[purpose] = new Promise(function (resolve, reject) {
        if (!entry || !entry.file) { reject(new Error('no module named ' + purpose + ' in this build')); return; }
        provided[purpose] = resolve;
        var el = d.createElement('script');
        var url = base + entry.file;
        try {
          el.src = policy ? policy.createScriptURL(url) : url;
        } catch (e) {  // Trusted Types enforced and our policy not allowed
          reject(new Error('could not load ' + url + ': ' + e.message + ' (CSP: allow trusted-types portal-widgets)'));
          return;
        }
        if (entry.integrity) el.integrity = entry.integrity;
        if (script && script.crossOrigin) el.crossOrigin = script.crossOrigin;
        var nonce = script && (script.nonce || script.getAttribute('nonce'));
        if (nonce) el.nonce = nonce;
        el.async = true;
        el.onerror = function () {
          reject(new Error('could not load ' + url + ' (network error, 404, or blocked by CSP/SRI)'));
        };
        // A module file hands over its factory while it runs; if it ran and did
        // not (another copy replaced window.PortalWidgets, a proxy rewrote the
        // file), ready must still settle.
        el.onload = function () {
          if (provided[purpose]) reject(new Error(url + ' ran but did not register its module'));
        };
        (d.head || d.documentElement).appendChild(el);
      });
      return waiting[purpose];
    },
    // The module's WebAssembly bytes (memoised promise of an ArrayBuffer), checked
    // against their SRI hash. Instantiated from bytes, so the server's MIME type
    // for .wasm does not matter.
    wasm: function (purpose) {
      if (!wasmBytes[purpose]) {
        var entry = FILES.modules[purpose];
        var url = entry && entry.wasm ? base + entry.wasm.file : '';
        wasmBytes[purpose] = !url ? Promise.reject(new Error('no WebAssembly file for ' + purpose)) :
          fetch(url, { integrity: entry.wasm.integrity, credentials: 'same-origin' }).then(function (response) {
            if (!response.ok) throw new Error('could not load ' + url + ' (HTTP ' + response.status + ')');
            return response.arrayBuffer();
          }, function () {
            throw new Error('could not load ' + url + ' (network error, or blocked by CSP connect-src/SRI)');
          });
        wasmBytes[purpose]['catch'](function () { /* reported by whoever awaits it */ });
      }
      return wasmBytes[purpose];
    },
    provide: function (purpose, factory) {
      var resolve = provided[purpose];
      provided[purpose] = null;
      if (resolve) resolve(factory);
    }
  };

  var api = {
    ready: ready,
    version: undefined,
    config: undefined,
    mount: function () {}  // replaced by the core; elements present at boot are mounted anyway
  };
  Object.defineProperty(api, '__pw', { value: shell, enumerable: false });
  w.PortalWidgets = api;

  function fail(message) {
    try { console.error('portal-widgets: ' + message); } catch (e) { /* no console */ }
    shell.resolveReady({ ok: false, mode: 'none', errors: [{ id: 'pw.core.load_failed', source: 'portal-widgets.js', message: message }] });
  }

  // --- the held click: leave-site before the core runs --------------------------
  // Until the core's own listeners are live (shell.leaveLive), a plain same-tab
  // activation (click, Enter) of a link that may leave the site is held: the
  // browser's navigation is cancelled, the core is requested at once and decides
  // (follow, or ask). No host rules here: any host other than the page's own and
  // any navigating scheme other than http(s) is held; the core knows the site's
  // other hosts and the allow list. Held at most HOLD_MS: then, or as soon as the
  // core fails, the link is followed as the browser would have. A click the
  // page's own handlers cancelled is never held (so never followed). New-tab and
  // modified clicks (Ctrl, Cmd, Shift, Alt, middle button) and a link whose
  // target is not this tab are not held (docs/leave-site.md).
  var HOLD_MS = 3000;
  var held = null;  // {link, timer}
  var settled = false;  // ready has resolved (see below)
  // This tag's data-leave only (the core merges every copy's attributes, boot.js):
  // at worst a click is held that the core then lets through at once.
  var leaveMode = ((script && script.getAttribute('data-leave')) || '').trim().toLowerCase();

  /** The <a>/<area> with an href that the event activates, or null. */
  function linkOf(event) {
    var path = event.composedPath ? event.composedPath() : [];
    for (var i = 0; i < path.length; i++) {
      var n = path[i];
      if (n.nodeType === 1 && (n.localName === 'a' || n.localName === 'area') && hrefOf(n) !== null) return n;
    }
    return null;
  }
  /** The link's absolute URL as the browser resolves it, or null (no href, unparsable). */
  function hrefOf(link) {
    var raw = link.getAttribute('href');
    if (raw === null) raw = link.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
    if (raw === null) return null;
    try { return new URL(raw, link.baseURI).href; } catch (e) { return null; }
  }
  /** The target the link opens in, "" for this tab. */
  function targetOf(link) {
    var target = link.getAttribute('target');
    if (target === null) {
      var b = d.querySelector('base[target]');
      target = b ? b.getAttribute('target') : '';
    }
    target = (target || '').trim();
    return target.toLowerCase() === '_self' ? '' : target;
  }
  /** May this link leave the site? Any navigating scheme but http(s), or another host. */
  function mayLeave(link) {
    var opt = link.closest && link.closest('[data-pw-leave]');
    if (opt && (opt.getAttribute('data-pw-leave') || '').trim().toLowerCase() === 'off') return false;
    var href = hrefOf(link);
    if (href === null) return false;
    var url = new URL(href);
    var scheme = url.protocol.slice(0, -1);
    if (/^(javascript|mailto|tel|sms|data)$/.test(scheme)) return false;
    if (scheme !== 'http' && scheme !== 'https') return true;
    return url.hostname !== '' && url.hostname !== location.hostname;
  }
  /**
   * Follows `link` as the browser would have: a detached copy of it with the
   * same href, target, download, ping, rel, referrerpolicy, hreflang and type is
   * activated, so each of those behaves as if the click had never been held, and
   * no page handler sees a second click. `target` overrides the link's own
   * (a modified click that opens a new tab).
   */
  function follow(link, target) {
    var href = hrefOf(link);
    if (href === null) return;
    var copy = d.createElement('a');
    var names = ['target', 'download', 'ping', 'rel', 'referrerpolicy', 'hreflang', 'type'];
    for (var i = 0; i < names.length; i++) {
      var value = link.getAttribute(names[i]);
      if (value !== null) copy.setAttribute(names[i], value);
    }
    if (target) copy.setAttribute('target', target);
    copy.href = href;
    copy.click();
  }
  function release() {
    var h = held;
    held = null;
    if (h) { clearTimeout(h.timer); follow(h.link); }
  }
  function onClick(event) {
    if (shell.leaveLive || settled || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var link = linkOf(event);
    if (!link || targetOf(link) !== '' || !mayLeave(link)) return;
    event.preventDefault();
    if (held) clearTimeout(held.timer);
    held = { link: link, timer: setTimeout(release, HOLD_MS) };
    requestCore();
  }
  shell.follow = follow;
  /** The held click, handed to the core once (it decides), or null. */
  shell.takeHeld = function () {
    var h = held;
    held = null;
    if (h) clearTimeout(h.timer);
    return h;
  };
  if (leaveMode !== 'off' && leaveMode !== 'mark') w.addEventListener('click', onClick, false);

  // --- when the core is fetched ------------------------------------------------
  // Never before the load event (only this file and the host CSS are). Right
  // after it when the page has pw-* elements or legacy markup the suite adopts
  // (a select jump list, links to mark); else when the browser is idle; at once
  // on a held click.
  var ELEMENTS = __PW_ELEMENTS__;
  var coreRequested = false;
  function requestCore() {
    if (coreRequested) return;
    coreRequested = true;
    // The plain-JS builds: asked for by data-mode="js" on the tag that runs
    // (trimmed as core/config.cpp trims), or when compiling the smallest module
    // throws (no WebAssembly, or a CSP without 'wasm-unsafe-eval'): then no
    // .wasm is fetched. The runtime reports why (web/runtime/wasm.js).
    var mode = ((script && script.getAttribute('data-mode')) || '').replace(/^[ \t\n\f\r\xa0\u3000]+|[ \t\n\f\r\xa0\u3000]+$/g, '');
    if (/^js$/i.test(mode)) shell.mode = 'js';
    else try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); } catch (e) { shell.mode = 'js'; shell.fallback = e.message; }
    // The page build (one .wasm for the core, font-size and QR, and one .js for
    // the core and their element code: web/package.mjs) when the page has an
    // element of each module it holds, else the core's own.
    // It holds every module whose .wasm is fetched with its .js (checked by the build).
    var page = FILES.modules['core-page'];
    shell.page = !!page;
    for (var i = 0; page && i < page.elements.length; i++) if (!d.querySelector(page.elements[i])) shell.page = false;
    shell.load(shell.page ? 'core-page' : 'core').then(function (boot) {
      try { boot(); } catch (e) { fail('the core module could not start: ' + e.message); }
    }, function (error) { fail(error.message); });
  }
  // Once ready has resolved, the core either runs its own listeners or never
  // will: a click still held is followed, later clicks are not held.
  ready.then(function () { settled = true; release(); });
  function adoptsMarkup() {
    if (d.querySelector(ELEMENTS.join(','))) return true;
    if (leaveMode === 'mark') return true;
    var selects = d.getElementsByTagName('select');
    for (var i = 0; i < selects.length; i++) {
      var flag = (selects[i].getAttribute('data-pw-leave') || '').toLowerCase();
      if (flag === 'on' || (flag !== 'off' && /window\.open|location|MM_jumpMenu/i.test(selects[i].getAttribute('onchange') || ''))) return true;
    }
    return false;
  }
  function afterLoad() {
    if (adoptsMarkup()) requestCore();
    else if (w.requestIdleCallback) w.requestIdleCallback(requestCore, { timeout: 2000 });
    else setTimeout(requestCore, 200);
  }
  shell.requestCore = requestCore;
  if (d.readyState === 'complete') setTimeout(afterLoad, 0);
  else w.addEventListener('load', function () { setTimeout(afterLoad, 0); });
})();
