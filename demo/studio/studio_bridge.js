// The studio's browser bridges (an Emscripten --js-library for studio_web.cpp).
// Emscripten 3.1.6's GLFW leaves gaps that this file fills, each verified in its
// library_glfw.js:
//   - clipboard: glfwSetClipboardString is a stub -> navigator.clipboard, and the
//     browser's own paste event for Ctrl+V (reading the clipboard needs a permission
//     prompt, the paste event does not);
//   - text input: keypress only, so no input method can compose Chinese -> a hidden
//     <input> placed at Dear ImGui's text cursor; what it receives (composition
//     results, inserted text) is handed to io.AddInputCharactersUTF8;
//   - URLs: the browser's URL parser (new URL(href, base)) for the links panel,
//     exactly as the widget parses a page's hrefs;
//   - the URL fragment, the <output id="pw-studio-snippet"> mirror, same-origin
//     fetches and the first-frame mark used by the tests and the benchmark.
// C++ polls this file once per frame (no calls from events into the module).
mergeInto(LibraryManager.library, {
  $PWStudio__deps: ['malloc', 'free'],
  $PWStudio: {
    input: null,      // the hidden <input> that receives typed and composed text
    text: '',         // text received since the last poll
    events: [],       // {kind: 1 copy | 2 fetch, request, ok, text}
    hashChanged: false,
    composing: false, // an input method is composing: its text is not final yet
    fontBytes: [null, null],  // the two fonts (studio-ui-font.otf, studio-font.otf) as they arrive
    str: function (s) {
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    take: function () {
      var input = PWStudio.input;
      if (input && input.value && !PWStudio.composing) {
        PWStudio.text += input.value;
        input.value = '';
      }
    },
  },

  pw_studio_js_init__deps: ['$PWStudio'],
  pw_studio_js_init: function () {
    var input = document.createElement('input');
    input.id = 'pw-studio-ime';
    input.setAttribute('aria-hidden', 'true');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('spellcheck', 'false');
    input.tabIndex = -1;
    // Visible to the input method (it places its candidate window here), not to the eye.
    input.style.cssText = 'position:fixed;left:0;top:0;width:2px;height:1em;opacity:0;border:0;padding:0;' +
      'margin:0;outline:none;background:transparent;color:transparent;caret-color:transparent;z-index:1';
    document.body.appendChild(input);
    PWStudio.input = input;
    // Plain typing reaches Dear ImGui through GLFW's keypress listener on the window
    // (capture phase, before this): keep those characters out of the input.
    input.addEventListener('keypress', function (e) { if (!e.ctrlKey && !e.metaKey) e.preventDefault(); });
    // Committed text: an input method's result, CDP's Input.insertText, a dictation.
    // Whatever path commits it, the value is read once and cleared.
    input.addEventListener('input', function (e) { if (!e.isComposing) PWStudio.take(); });
    input.addEventListener('compositionstart', function () { PWStudio.composing = true; });
    input.addEventListener('compositionend', function () { PWStudio.composing = false; PWStudio.take(); });
    document.addEventListener('paste', function (e) {
      var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      if (!text) return;
      e.preventDefault();
      PWStudio.text += text.replace(/\r\n?/g, '\n');
    });
    window.addEventListener('hashchange', function () { PWStudio.hashChanged = true; });
    var state = window['pwStudio'] = window['pwStudio'] || {};
    state['inspect'] = function (what) {
      var p = PWStudio.str(String(what));
      var result = UTF8ToString(Module['_pw_studio_inspect'](p));
      _free(p);
      return JSON.parse(result);
    };
    (Module['studioFonts'] || []).forEach(function (font, i) {
      font.then(function (bytes) { PWStudio.fontBytes[i] = bytes; });
    });
  },

  // Hands font `which` (0: studio-ui-font.otf, 1: studio-font.otf) over once, when it
  // has arrived: malloc'ed bytes (kept by C++ for the atlas) and their size.
  pw_studio_js_font__deps: ['$PWStudio'],
  pw_studio_js_font: function (which, sizePtr) {
    var bytes = PWStudio.fontBytes[which];
    if (!bytes) return 0;
    var p = _malloc(bytes.length);
    HEAPU8.set(bytes, p);
    HEAP32[sizePtr >> 2] = bytes.length;
    PWStudio.fontBytes[which] = null;
    return p;
  },

  pw_studio_js_take_text__deps: ['$PWStudio'],
  pw_studio_js_take_text: function () {
    PWStudio.take();
    if (!PWStudio.text) return 0;
    var p = PWStudio.str(PWStudio.text);
    PWStudio.text = '';
    return p;
  },

  pw_studio_js_text_input__deps: ['$PWStudio'],
  pw_studio_js_text_input: function (want) {
    var input = PWStudio.input;
    if (!input) return;
    if (want) {
      if (document.activeElement !== input) input.focus({ preventScroll: true });
    } else if (document.activeElement === input) {
      input.blur();
    }
  },

  // Dear ImGui's text cursor (CSS px in the canvas): the input method's candidate
  // window opens beside the text being typed.
  pw_studio_js_ime_position__deps: ['$PWStudio'],
  pw_studio_js_ime_position: function (x, y, lineHeight) {
    var input = PWStudio.input;
    if (!input) return;
    var rect = Module['canvas'].getBoundingClientRect();
    input.style.left = (rect.left + x) + 'px';
    input.style.top = (rect.top + y) + 'px';
    input.style.height = lineHeight + 'px';
    input.style.fontSize = lineHeight + 'px';
  },

  pw_studio_js_parse_url__deps: ['$PWStudio'],
  pw_studio_js_parse_url: function (href, base) {
    var u;
    try { u = new URL(UTF8ToString(href), UTF8ToString(base)); } catch (e) { return PWStudio.str('0'); }
    // The same parts the widget hands the core (leave-site.element.js).
    return PWStudio.str(['1', u.protocol, u.hostname, u.port, u.pathname, u.search, u.hash].join('\x1f'));
  },

  pw_studio_js_copy__deps: ['$PWStudio'],
  pw_studio_js_copy: function (text, report) {
    var value = UTF8ToString(text);
    var done = function (ok) { if (report) PWStudio.events.push({ kind: 1, request: 0, ok: ok, text: '' }); };
    try {
      navigator.clipboard.writeText(value).then(function () { done(1); }, function () { done(0); });
    } catch (e) {
      done(0);  // no navigator.clipboard (an http: page other than localhost)
    }
  },

  pw_studio_js_fetch__deps: ['$PWStudio'],
  pw_studio_js_fetch: function (url, request) {
    var fail = function (message) { PWStudio.events.push({ kind: 2, request: request, ok: 0, text: message }); };
    var target;
    try { target = new URL(UTF8ToString(url), location.href); } catch (e) { return fail(UTF8ToString(url)); }
    if (target.origin !== location.origin) return fail(target.href + ' (' + location.origin + ')');
    fetch(target.href, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) return fail(target.href + ' (HTTP ' + r.status + ')');
      return r.text().then(function (text) { PWStudio.events.push({ kind: 2, request: request, ok: 1, text: text }); });
    }, function (e) { fail(target.href + ' (' + e.message + ')'); });
  },

  // One of the suite's share-card font files by its name in this build's asset list
  // (the slice index or a slice), from the dist/ folder the studio sits in: manifest.json
  // names the asset list, the asset list the hashed file and its integrity.
  pw_studio_js_fetch_font__deps: ['$PWStudio'],
  pw_studio_js_fetch_font: function (name, request) {
    var wanted = UTF8ToString(name);
    var get = function (file, integrity, as) {
      return fetch(new URL('../' + file, location.href).href, integrity ? { integrity: integrity } : {}).then(function (r) {
        if (!r.ok) throw new Error(file + ' (HTTP ' + r.status + ')');
        return r[as]();
      });
    };
    if (!PWStudio.assets) {
      PWStudio.assets = get('manifest.json', '', 'json').then(function (manifest) {
        var list = manifest.files.filter(function (f) { return /^assets\.[0-9a-f]+\.json$/.test(f.name); })[0];
        if (!list) throw new Error('manifest.json lists no asset list');
        return get(list.name, list.integrity, 'json');
      });
      PWStudio.assets.catch(function () { PWStudio.assets = null; });
    }
    PWStudio.assets.then(function (assets) {
      for (var purpose in assets) {
        var entry = assets[purpose].filter(function (a) { return a.name === wanted; })[0];
        if (entry) return get(entry.file, entry.integrity, 'arrayBuffer');
      }
      throw new Error(wanted + ': not in this build');
    }).then(function (buffer) {
      PWStudio.events.push({ kind: 2, request: request, ok: 1, bytes: new Uint8Array(buffer) });
    }, function (e) {
      PWStudio.events.push({ kind: 2, request: request, ok: 0, text: e.message });
    });
  },

  // The next finished copy or fetch: its text (UTF-8) or bytes, malloc'ed, with their size.
  pw_studio_js_next_event__deps: ['$PWStudio'],
  pw_studio_js_next_event: function (kindPtr, requestPtr, okPtr, sizePtr) {
    var e = PWStudio.events.shift();
    if (!e) return 0;
    HEAP32[kindPtr >> 2] = e.kind;
    HEAP32[requestPtr >> 2] = e.request;
    HEAP32[okPtr >> 2] = e.ok;
    if (e.bytes) {
      var p = _malloc(e.bytes.length || 1);
      HEAPU8.set(e.bytes, p);
      HEAP32[sizePtr >> 2] = e.bytes.length;
      return p;
    }
    HEAP32[sizePtr >> 2] = lengthBytesUTF8(e.text);
    return PWStudio.str(e.text);
  },

  pw_studio_js_hash__deps: ['$PWStudio'],
  pw_studio_js_hash: function () {
    PWStudio.hashChanged = false;
    return PWStudio.str(location.hash);
  },

  pw_studio_js_hash_changed__deps: ['$PWStudio'],
  pw_studio_js_hash_changed: function () { return PWStudio.hashChanged ? 1 : 0; },

  pw_studio_js_publish: function (fragment, snippet) {
    var hash = '#' + UTF8ToString(fragment);
    // replaceState: every edit would otherwise be a history entry, and no hashchange fires.
    if (location.hash !== hash && !(hash === '#' && !location.hash)) {
      history.replaceState(null, '', hash === '#' ? location.pathname + location.search : hash);
    }
    var output = document.getElementById('pw-studio-snippet');
    if (output) output.textContent = UTF8ToString(snippet);
  },

  // A moment for the benchmark: window.pwStudio[name] = performance.now().
  pw_studio_js_mark: function (name) {
    var state = window['pwStudio'] = window['pwStudio'] || {};
    state[UTF8ToString(name)] = performance.now();
  },

  pw_studio_js_frame: function (frames) {
    var state = window['pwStudio'] = window['pwStudio'] || {};
    state['frames'] = frames;
    if (frames === 1) {
      state['firstFrameMs'] = performance.now();
      document.documentElement.setAttribute('data-studio-ready', '');
    }
  },
});
