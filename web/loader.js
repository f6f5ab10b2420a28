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

  // This build's hashed files, written by web/package.mjs:
  // {modules: {purpose: {file, integrity}}, assets: {purpose: [{name, file, integrity}]}}.
  var FILES = __PW_FILES__;

  var script = d.currentScript || (function () {
    var all = d.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0; i--) {
      if (/(^|\/)portal-widgets\.js(\?|#|$)/.test(all[i].src)) return all[i];
    }
    return null;
  })();
  var base = script && script.src ? script.src.replace(/[?#].*$/, '').replace(/[^\/]*$/, '') : '';

  // --- the script tags' data-* attributes and the page facts, as raw strings;
  // core/config.cpp decides what they mean. -----------------------------------
  // A template may include the script twice (a documented tag in <head>, another
  // in a footer include). Whichever copy runs first owns the page, so it reads
  // the data-* attributes of every portal-widgets.js tag: in document order, the
  // first non-empty value of each attribute wins; differing values are listed in
  // `conflicts` ({name: [used, ignored, …]}) for one warning each at boot.
  function readAttributes() {
    var attributes = {};
    var conflicts = {};
    var all = d.getElementsByTagName('script');
    for (var i = 0; i < all.length; i++) {
      var tag = all[i];
      if (tag !== script && !/(^|\/)portal-widgets\.js(\?|#|$)/.test(tag.src)) continue;
      for (var a = 0; a < tag.attributes.length; a++) {
        var name = tag.attributes[a].name;
        var value = tag.attributes[a].value;
        if (name.indexOf('data-') !== 0) continue;
        var trimmed = value.replace(/^\s+|\s+$/g, '');
        var kept = attributes.hasOwnProperty(name) ? attributes[name].replace(/^\s+|\s+$/g, '') : null;
        if (kept === null || (kept === '' && trimmed !== '')) {
          attributes[name] = value;
        } else if (trimmed !== '' && trimmed !== kept) {
          conflicts[name] = conflicts[name] || [kept];
          if (conflicts[name].indexOf(trimmed) < 0) conflicts[name].push(trimmed);
        }
      }
    }
    return { attributes: attributes, conflicts: conflicts };
  }
  function meta(name) {
    var el = d.querySelector('meta[name="' + name + '"]') ||
        d.querySelector('meta[name="' + name.toLowerCase() + '"]');
    return el ? el.getAttribute('content') || '' : '';
  }
  // Read again at boot, once the document is parsed: a blocking tag at the top
  // of <head> runs before <title> and the meta tags exist.
  function readPage() {
    return {
      metaSiteName: meta('SiteName'),
      htmlLang: d.documentElement.getAttribute('lang') || '',
      title: d.title || '',
      host: location.hostname
    };
  }
  var page = readPage();

  // --- early hooks: plain ES5 work that must happen before the core arrives
  // (e.g. applying a returning reader's font size). Each widget's shell part
  // registers here; see widgets/*/*.shell.js. ------------------------------------
  var early = {};
  /*__PW_SHELL_PARTS__*/

  // --- Trusted Types: one policy, named portal-widgets, for our own URLs only.
  var policy = null;
  if (w.trustedTypes && w.trustedTypes.createPolicy) {
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
    page: page,
    readPage: readPage,
    early: early,
    script: script,
    attributes: readAttributes().attributes,  // read again at boot, once the whole document is parsed
    readAttributes: readAttributes,
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
    // Loads one hashed module file once (memoised); resolves to its factory or
    // rejects with an Error. Used for the core here and the lazy modules later.
    // The module's .wasm is fetched at the same time (see wasm()).
    load: function (purpose) {
      if (waiting[purpose]) return waiting[purpose];
      shell.wasm(purpose);
      waiting[purpose] = new Promise(function (resolve, reject) {
        var entry = FILES.modules[purpose];
        if (!entry) { reject(new Error('no module named ' + purpose + ' in this build')); return; }
        provided[purpose] = resolve;
        var el = d.createElement('script');
        var url = base + entry.file;
        el.src = policy ? policy.createScriptURL(url) : url;
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
  if (typeof w.WebAssembly !== 'object') {
    fail('this browser cannot run WebAssembly; the page is left as it is.');
    return;
  }
  shell.load('core').then(function (boot) {
    try { boot(); } catch (e) { fail('the core module could not start: ' + e.message); }
  }, function (error) { fail(error.message); });
})();
