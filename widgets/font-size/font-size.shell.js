  // --- font-size: the DOM side of <pw-font-size>, in ES5 --------------------
  // Runs inside the loader's shell, before the core module is even fetched:
  // a returning reader's saved level is applied at once, so the article does
  // not first show at the authored size and then jump. The same functions
  // (target lookup, text-element walk, style writes and their undo) are used
  // by the element later (widgets/font-size/font-size.element.js), so both
  // change exactly the same elements in the same way. The maths mirrors
  // core/font_scale.cpp (scale_text, the attribute rules, the saved format),
  // with every limit injected from core/font_scale.h at build time
  // (__PW_CORE_<name>__, web/package.mjs); tests/font_size_cases.json is one
  // table of cases that both the core's tests and this part's Chromium tests
  // run. When anything here is unsure (bad attributes, odd saved value) it
  // does nothing and leaves the decision to the core.
  early.fontSize = (function () {
    var KEY = __PW_CORE_kFontLevelStorageKey__;
    var LARGER = __PW_CORE_kLargerLevelsPx__;
    // Where article text lives when <pw-font-size> names no target, in order.
    var TARGETS = ['#zoom', '.TRS_Editor', '.article-content', 'article'];
    // Never descended into: no article text of ours inside.
    var SKIP = { script: 1, style: 1, noscript: 1, template: 1, img: 1, picture: 1, video: 1, audio: 1,
      canvas: 1, iframe: 1, object: 1, embed: 1, svg: 1, math: 1, input: 1, select: 1, textarea: 1,
      option: 1, br: 1, hr: 1, 'pw-font-size': 1 };
    var LIST_SEP = /[\s,\uFF0C\u3001;\uFF1B\u3000]+/;
    var NUMBER = /^(\d{1,6}(?:\.\d+)?)(?:px)?$/i;
    var ZOOM_CALL = /(?:^|[^A-Za-z0-9_$])doZoom\s*\(\s*(['"]?)(\d{1,6}(?:\.\d+)?)(?:[pP][xX])?\1\s*[),]/;
    var OTHER_CALL = /(?:^|[^A-Za-z0-9_$])(?:dozoom|setfontsize|changefontsize|changefs|changesize|fontzoom|setfont|zoomfont)\s*\(/i;
    // Our writes, by element: {target, el, early, era, attr (the style
    // attribute before), font/line: [value, priority], written}. Weakly held,
    // so an element the page drops (a ticker's old item) is not kept alive by
    // us; restore() finds the entries by walking the target instead. A
    // target's era is a new object at each restore of it: an entry of an older
    // era is left from before (the page held the element detached meanwhile).
    var entryOf = new WeakMap();  // el -> its entry
    var eras = new WeakMap();     // target -> its current era
    var targets = [];             // the targets that may hold entries

    function trim(s) { return (s || '').trim(); }  // \s and trim() both include U+3000
    function round2(x) { return Math.round(x * 100) / 100; }

    /** {el, error}: the element `selector` names, else the first of TARGETS
     *  present; error is 'invalid' (not a selector) or 'missing'. */
    function findTarget(selector) {
      selector = trim(selector);
      if (selector) {
        try {
          var named = d.querySelector(selector);
          return { el: named, error: named ? '' : 'missing' };
        } catch (e) {
          return { el: null, error: 'invalid' };
        }
      }
      for (var i = 0; i < TARGETS.length; i++) {
        var el = d.querySelector(TARGETS[i]);
        if (el) return { el: el, error: '' };
      }
      return { el: null, error: 'missing' };
    }

    /** The elements whose text the level scales: every element inside `target`
     *  (and the target itself) with text of its own, plus list items (their
     *  markers). Containers without text keep their size, so boxes sized in em
     *  and images stay as they are. */
    function textElements(target) {
      var out = [];
      if (SKIP[target.localName]) return out;
      (function walk(el) {
        var own = el.localName === 'li';
        for (var n = el.firstChild; n; n = n.nextSibling) {
          if (n.nodeType === 3) {
            if (!own && /\S/.test(n.data)) own = true;
          } else if (n.nodeType === 1 && !SKIP[n.localName]) {
            walk(n);
          }
        }
        if (own) out.push(el);
      })(target);
      return out;
    }

    /** Computed [font px, line-height px (0 = normal)] of each element. */
    function measure(elements) {
      var metrics = [];
      for (var i = 0; i < elements.length; i++) {
        var cs = w.getComputedStyle(elements[i]);
        metrics.push([parseFloat(cs.fontSize) || 0, cs.lineHeight === 'normal' ? 0 : parseFloat(cs.lineHeight) || 0]);
      }
      return metrics;
    }

    /** Writes sizes[i] = [font px, line-height px or 0 (as authored)] on
     *  elements[i], keeping the page's own inline values for restore().
     *  `early` marks the early apply's writes (undone by undoEarly()). */
    function write(target, elements, sizes, early) {
      for (var i = 0; i < elements.length; i++) {
        var el = elements[i];
        var s = el.style;
        var entry = entryOf.get(el);
        if (!entry) {
          if (!eras.get(target)) eras.set(target, {});
          entry = { target: target, el: el, early: !!early, era: eras.get(target), attr: el.getAttribute('style'),
            font: [s.getPropertyValue('font-size'), s.getPropertyPriority('font-size')],
            line: [s.getPropertyValue('line-height'), s.getPropertyPriority('line-height')] };
          entryOf.set(el, entry);
          if (targets.indexOf(target) < 0) targets.push(target);
        }
        // !important: inline beats the page's stylesheet rules, even !important ones.
        s.setProperty('font-size', sizes[i][0] + 'px', 'important');
        if (sizes[i][1] > 0) s.setProperty('line-height', sizes[i][1] + 'px', 'important');
        else put(s, 'line-height', entry.line);
        entry.written = el.getAttribute('style');
      }
    }

    function put(style, name, saved) {
      if (saved[0]) style.setProperty(name, saved[0], saved[1]);
      else style.removeProperty(name);
    }

    /** Puts back the page's own inline font-size and line-height of the
     *  element of entry `e`, and forgets the entry. */
    function undo(e) {
      entryOf['delete'](e.el);
      if (e.el.getAttribute('style') === e.written) {
        // Untouched since: the page's own attribute text, byte for byte.
        if (e.attr === null) e.el.removeAttribute('style');
        else e.el.setAttribute('style', e.attr);
      }
      // A page script changed other properties meanwhile, or a CSP whose
      // style-src lacks 'unsafe-inline' ignored the attribute (our sizes would
      // stay and compound): put the two properties back through the CSSOM.
      if (e.el.style.getPropertyValue('font-size') !== e.font[0] ||
          e.el.style.getPropertyValue('line-height') !== e.line[0]) {
        put(e.el.style, 'font-size', e.font);
        put(e.el.style, 'line-height', e.line);
      }
    }

    /** undo() for each entry in `root` and below for which which(entry) holds. */
    function undoIn(root, which) {
      var all = root.getElementsByTagName('*');
      for (var i = -1; i < all.length; i++) {
        var e = entryOf.get(i < 0 ? root : all[i]);
        if (e && which(e)) undo(e);
      }
    }

    /** Puts back the page's own inline font-size and line-height on every
     *  element written for `target` (all targets when omitted; only the early
     *  apply's writes when `target` is the string 'early'). */
    function restore(target) {
      var list = target && target !== 'early' ? [target] : targets.slice();
      for (var i = 0; i < list.length; i++) {
        undoIn(list[i], function (e) { return target === 'early' ? e.early : !target || e.target === target; });
        eras.set(list[i], {});  // what is still written for it elsewhere is from before now
        var at = target === 'early' ? -1 : targets.indexOf(list[i]);
        if (at >= 0) targets.splice(at, 1);
      }
    }

    /** Subtrees removed from `target` (`nodes`: removed nodes) that are no
     *  longer inside it get the page's own sizes back at once: moved elsewhere
     *  on the page, they are not article text any more; dropped, they are
     *  measured as new should the page put them back. */
    function forget(target, nodes) {
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].nodeType === 1 && !target.contains(nodes[i])) {
          undoIn(nodes[i], function (e) { return e.target === target; });
        }
      }
    }

    /** The text elements in the subtrees added under `target` (`nodes`: added
     *  nodes; a text node stands for its parent) that have no size of ours
     *  yet, measured as if every ancestor were at its authored size:
     *  {elements, metrics}; none when `scaled` is false (the target is at its
     *  authored level). Only those ancestors are put back for the
     *  measurement and rewritten at once, so a live counter or a carousel in
     *  the article costs its own few elements, not the whole article. Sizes
     *  in the added subtrees written before the target's last restore (or for
     *  another target) are put back first. */
    function added(target, nodes, scaled) {
      var elements = [];
      var seen = new Set();  // the loader only runs where Set/WeakMap exist
      var i, el, x;
      for (i = 0; i < nodes.length; i++) {
        el = nodes[i].nodeType === 1 ? nodes[i] : nodes[i].nodeType === 3 ? nodes[i].parentNode : null;
        if (!el || el.nodeType !== 1 || !target.contains(el)) continue;
        for (x = el; x && x !== target; x = x.parentNode) if (SKIP[x.localName]) break;
        if (x !== target) continue;  // inside something never scaled (svg, script, a control)
        if (el === nodes[i]) undoIn(el, function (e) { return e.target !== target || e.era !== eras.get(target); });
        if (!scaled) continue;
        var found = textElements(el);
        for (var k = 0; k < found.length; k++) {
          if (!entryOf.get(found[k]) && !seen.has(found[k])) { seen.add(found[k]); elements.push(found[k]); }
        }
      }
      if (!elements.length) return { elements: elements, metrics: [] };
      // Ancestors carrying our sizes: back to the authored values while measuring.
      var lifted = [];
      var up = new Set();
      for (i = 0; i < elements.length; i++) {
        for (x = elements[i].parentNode; x && x.nodeType === 1 && !up.has(x); x = x === target ? null : x.parentNode) {
          up.add(x);
          var e = entryOf.get(x);
          if (e) lifted.push(e);
        }
      }
      var now = [];
      for (i = 0; i < lifted.length; i++) {
        var s = lifted[i].el.style;
        now.push([s.getPropertyValue('font-size'), s.getPropertyPriority('font-size'),
          s.getPropertyValue('line-height'), s.getPropertyPriority('line-height'),
          lifted[i].el.getAttribute('style')]);
        put(s, 'font-size', lifted[i].font);
        put(s, 'line-height', lifted[i].line);
      }
      var metrics = measure(elements);
      for (i = 0; i < lifted.length; i++) {
        var l = lifted[i];
        // The attribute text exactly as it was a moment ago: ours, plus
        // whatever the page has changed in it since (a colour, a carousel's
        // transform), which must survive. Where a CSP ignores style
        // attributes, the two properties through the CSSOM too.
        var before = now[i][4];
        if (before === null) l.el.removeAttribute('style');
        else l.el.setAttribute('style', before);
        if (l.el.style.getPropertyValue('font-size') !== now[i][0] ||
            l.el.style.getPropertyValue('line-height') !== now[i][2]) {
          put(l.el.style, 'font-size', [now[i][0], now[i][1]]);
          put(l.el.style, 'line-height', [now[i][2], now[i][3]]);
          // Still our text alone: restore() may put the page's own text back
          // byte for byte. Changed by the page: restore() takes its CSSOM path.
          if (before === l.written) l.written = l.el.getAttribute('style');
        }
      }
      return { elements: elements, metrics: metrics };
    }

    /** core/font_scale.cpp scale_text, in ES5 (for the early apply only). */
    function scale(font, line, level, authored) {
      if (!(level > 0) || !(authored > 0) || !(font >= 0) || Math.abs(level - authored) < 0.005) {
        return [font, line > 0 ? line : 0];
      }
      var factor = level / authored;
      var size = font * factor;
      if (factor < 1) size = Math.max(size, Math.min(font, __PW_CORE_kMinReadablePx__));
      size = round2(size);
      var lh = line > 0 ? (font > 0 ? line * size / font : line * factor) : 0;
      if (factor > 1) lh = Math.max(lh, __PW_CORE_kLargeTextLineHeight__ * size);
      return [size, round2(lh)];
    }

    function number(text) {
      var m = NUMBER.exec(text);
      return m ? round2(parseFloat(m[1])) : -1;
    }

    // The levels and authored level of `el` as core parse_font_size_config
    // decides them, or null whenever the attributes are not plainly valid.
    function levelsOf(el) {
      var levels = [];
      var attr = trim(el.getAttribute('levels'));
      var fromLinks = false;
      var plainLinks = true;  // no link, or every one a doZoom(px) link
      var i;
      if (attr) {
        var tokens = attr.split(LIST_SEP);
        for (i = 0; i < tokens.length; i++) levels.push(number(tokens[i]));
      } else {
        var links = el.querySelectorAll('a[href], [onclick]');
        for (i = 0; i < links.length; i++) {
          var code = (links[i].getAttribute('href') || '') + ' ' + (links[i].getAttribute('onclick') || '');
          var m = ZOOM_CALL.exec(code);
          // Another family's size call (setFontSize('18px'), changefs(16)…): the core decides.
          if (!m && OTHER_CALL.test(code)) return null;
          if (!m) { levels = []; plainLinks = false; break; }
          var px = round2(parseFloat(m[2]));
          if (levels.indexOf(px) < 0) levels.push(px);
        }
        fromLinks = links.length >= 2 && levels.length > 0;
        if (!fromLinks) levels = __PW_CORE_kDefaultLevelsPx__;
        levels.sort(function (a, b) { return a - b; });
      }
      if (levels.length < __PW_CORE_kMinLevels__ || levels.length > __PW_CORE_kMaxLevels__) return null;
      for (i = 0; i < levels.length; i++) {
        if (!(levels[i] >= __PW_CORE_kMinLevelPx__ && levels[i] <= __PW_CORE_kMaxLevelPx__) || (i && levels[i] <= levels[i - 1])) return null;
      }
      // The rest of the attributes too: an element the core will refuse must
      // not have its text scaled first.
      var labels = trim(el.getAttribute('labels'));
      if (labels && labels.split(LIST_SEP).length !== levels.length) return null;
      if (!/^(on|off|)$/i.test(trim(el.getAttribute('remember')))) return null;
      if (!/^(asc|desc|)$/i.test(trim(el.getAttribute('order')))) return null;
      // The default level, as core parse_font_size_config states the rule.
      var def = trim(el.getAttribute('default'));
      var authored;
      if (def) authored = number(def);
      else if (fromLinks && levels.length % 2) authored = levels[levels.length >> 1];  // 中 of 大 中 小
      else if (fromLinks) return null;  // two legacy sizes: the core weighs the article's own size
      else authored = levels.indexOf(__PW_CORE_kPreferredDefaultPx__) >= 0 ? __PW_CORE_kPreferredDefaultPx__ : levels[(levels.length - 1) >> 1];
      if (levels.indexOf(authored) < 0) return null;
      // At the top level (no levels attribute): one larger level, so 大 enlarges.
      if (!attr && authored === levels[levels.length - 1] && levels.length < __PW_CORE_kMaxLevels__) {
        if (!plainLinks) return null;  // whether the core adds one depends on how the links map
        for (i = 0; i < LARGER.length; i++) {
          if (LARGER[i] > authored) { levels.push(LARGER[i]); break; }
        }
      }
      return { levels: levels, authored: authored };
    }

    // --- the early apply ------------------------------------------------------
    // With the saved level known, scale the target's text before the reader
    // sees it. Included with defer (or at the end of <body>), the article is
    // parsed already: apply once. Included without defer in <head>, it is not:
    // follow the parser and scale each parsed chunk in a mutation callback,
    // which runs before the browser paints that chunk.
    var plan = null;      // {host, target, level, authored}
    var applied = null;   // {host, target, level}: what the element finds done
    var follower = null;  // the parse-time MutationObserver

    /** core restore_font_level's reading of a saved value ("1:<px>"): the px
     *  wanted, or 0 when the value is not one this version writes (the core
     *  then reports it and shows the default level). */
    function savedPx(saved) {
      var want = saved && saved.slice(0, 2) === '1:' ? number(saved.slice(2)) : 0;
      return want >= __PW_CORE_kMinLevelPx__ && want <= __PW_CORE_kMaxLevelPx__ ? want : 0;
    }

    function makePlan(want) {
      var host = d.querySelector('pw-font-size');
      if (!host || trim(host.getAttribute('remember')).toLowerCase() === 'off') return null;
      var target = findTarget(host.getAttribute('target')).el;
      // While parsing, the element's own links must be complete: it has to
      // come before the target, not inside or around it.
      if (!target) return null;
      if (d.readyState === 'loading' &&
          (host.contains(target) || !(host.compareDocumentPosition(target) & 4 /* FOLLOWING */))) return null;
      var rules = levelsOf(host);
      if (!rules) return false;
      var level = rules.levels[0];
      for (var i = 1; i < rules.levels.length; i++) {  // nearest; a tie goes to the larger
        if (Math.abs(rules.levels[i] - want) <= Math.abs(level - want)) level = rules.levels[i];
      }
      return level === rules.authored ? false : { host: host, target: target, level: level, authored: rules.authored };
    }

    function applyPlan() {
      restore(plan.target);
      var elements = textElements(plan.target);
      var metrics = measure(elements);
      var sizes = [];
      for (var k = 0; k < metrics.length; k++) sizes.push(scale(metrics[k][0], metrics[k][1], plan.level, plan.authored));
      write(plan.target, elements, sizes, true);
      applied = { host: plan.host, target: plan.target, level: plan.level };
    }

    function stop() {
      if (follower) follower.disconnect();
      follower = null;
    }

    /** Stops the early apply and puts back what it wrote. `applied` stays for
     *  the record (tests and the element read which level was applied). */
    function undoEarly() {
      stop();
      restore('early');
    }

    try {
      var want = savedPx(w.localStorage.getItem(KEY));
      if (want) {
        plan = makePlan(want);
        if (plan) applyPlan();
        if (plan !== false && d.readyState === 'loading') {
          follower = new MutationObserver(function (records) {
            try {
              if (!plan) {
                plan = makePlan(want);
                if (plan === false) stop();
                if (!plan) return;
              } else {
                var inside = false;
                for (var r = 0; r < records.length && !inside; r++) inside = plan.target.contains(records[r].target);
                if (!inside) return;
              }
              applyPlan();
            } catch (e) {
              stop();
            }
          });
          follower.observe(d.documentElement, { childList: true, subtree: true });
          d.addEventListener('DOMContentLoaded', function () {
            if (!follower) return;
            stop();
            try {
              // The whole document is there now: a default target chosen while
              // parsing (article, before #zoom inside it was parsed) may no
              // longer be the first of TARGETS. Undo and re-plan then, in this
              // same task, so the reader never sees both.
              var again = makePlan(want);
              if (plan && (!again || again.target !== plan.target || again.host !== plan.host)) {
                restore('early');
                applied = null;
              }
              plan = again;
              if (plan) applyPlan();
            } catch (e) {
              restore('early');  // the element decides
              applied = null;
            }
          });
        }
      }
    } catch (e) {
      stop();
      restore();  // storage blocked or an odd page: the element decides later
      applied = null;
    }

    // module: while a level applied early stands, the core loads the font-size
    // module even when no <pw-font-size> is left to take it over (boot.js).
    return { module: 'font-size', key: KEY, targets: TARGETS, findTarget: findTarget, textElements: textElements, measure: measure,
      write: write, restore: restore, forget: forget, added: added, scale: scale, undoEarly: undoEarly,
      // The early rule, for tests/font_size_cases.json (tests/web/font-size.test.mjs).
      levelsOf: levelsOf,
      // The loader calls undo() when the core cannot start: the page is left as it was.
      undo: function () { stop(); restore(); applied = null; },
      get applied() { return applied; } };
  })();
