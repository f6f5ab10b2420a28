// <pw-font-size>: 【字体：大 中 小】 for the article text of the page.
// Decisions (levels, labels, legacy links, the saved level, each element's new
// size) come from core/font_scale.cpp through font-size_module.cpp; the DOM
// walk and the style writes are the loader's ES5 part (font-size.shell.js),
// shared with the early apply so both touch exactly the same elements.
{
  const dom = PW.shell.early.fontSize;
  // This element's own WASM module (its .wasm was fetched with this file):
  // instantiated once, before any element mounts.
  let fontSize = null;
  const fontSizeModule = PW.loadModule('font-size').then((m) => { fontSize = m; });
  // Without it the element is never defined (boot.js reports it): a level the
  // loader applied early must not stay.
  fontSizeModule.catch(() => { if (dom.applied) dom.undoEarly(); });
  // A legacy 大/中/小 set inside the element: its controls (links, buttons,
  // onclick) and, outside them, bare elements a page script binds (<span>大</span>,
  // <i class="j-fontBig" title="大字体">); the core counts a bare one only when
  // its text, title/aria-label or classes name a size.
  const CONTROLS = 'a[href], button, [onclick], [role=button], input[type=button]';
  const legacyControls = (host) => {
    const found = [];
    for (const el of host.querySelectorAll('*')) {
      if (el.localName === 'script' || el.localName === 'style') continue;
      if (found.some((c) => c.contains(el) && el.closest(CONTROLS) === c)) continue;  // part of a control
      found.push(el);
    }
    return found;
  };
  const packControl = (el) => [
    el.textContent.trim() || (el.localName === 'input' ? el.value : ''),
    `${el.getAttribute('href') || ''} ${el.getAttribute('onclick') || ''}`,
    el.getAttribute('title') || el.getAttribute('aria-label') || '',
    el.getAttribute('class') || '',
    el.matches(CONTROLS) ? '1' : '0',
  ].join('\x1f');
  const instances = new Set();          // mounted elements, for doZoom and syncing
  const SHIM = Symbol('portal-widgets doZoom');

  PW.addStrings({
    'zh-Hans': { 'font-size.group': '字体大小' },
    'zh-Hant': { 'font-size.group': '字體大小' },
    en: { 'font-size.group': 'Text size' },
  });

  const readSaved = () => {
    try { return window.localStorage.getItem(dom.key) || ''; } catch (e) { return ''; }
  };
  const writeSaved = (value) => {
    try { window.localStorage.setItem(dom.key, value); } catch (e) { /* storage blocked: not remembered */ }
  };

  // Old templates call doZoom(px) from links elsewhere on the page. Where the
  // page has no doZoom of its own, route those calls to the first mounted
  // element; the property stays writable so a page script defining doZoom
  // later simply replaces it.
  const installDoZoomShim = () => {
    if ('doZoom' in window) return;
    const doZoom = function doZoom(px) {
      for (const el of instances) {
        if (el.isConnected) { el._ask(String(px), 'doZoom(px)'); break; }
      }
      return false;  // onclick="return doZoom(16)" must not follow the link
    };
    doZoom[SHIM] = true;
    Object.defineProperty(window, 'doZoom', { value: doZoom, writable: true, configurable: true, enumerable: false });
  };

  // The loader may have scaled the text for a <pw-font-size> that a page
  // script removed before the core arrived (a CMS widget re-rendering the
  // header): no element mounts to take it over or undo it, so undo it when
  // boot mounts the page (the first scan), as if the core had not come.
  let bootScan = true;
  PW.addScanner(() => {
    if (!bootScan) return;
    bootScan = false;
    const early = dom.applied;
    if (early && !early.host.isConnected) dom.undoEarly();
  });

  class FontSizeElement extends PW.BaseElement {
    static get css() {
      // Each CJK button is exactly 1.7em wide and one line high, so three fill
      // the 5.1em portal-widgets.css reserves and the text line does not grow.
      return /* css */ `
:host { display: inline-block; white-space: nowrap; line-height: inherit; }
[part=group] { display: inline-flex; }
button { flex: 1 0 auto;  display: inline-block; margin: 0; padding: 0 .35em; min-width: 1.7em; border: 0; border-radius: 2px;
  background: none; color: inherit; line-height: inherit; vertical-align: baseline; }
button:hover { text-decoration: underline; }
button[aria-pressed=true] { font-weight: bold; text-decoration: underline; text-underline-offset: .2em; }
@media (pointer: coarse) { button { min-width: 44px; min-height: 44px; } }
`;
    }

    /** The chosen size in px (null until the element is ready). */
    get level() { return this._config ? this._config.levels[this._index].px : null; }
    set level(value) {
      if (this._config) this._ask(String(value), 'level');
      else this._pending = String(value);
    }

    mount() {
      const attr = (name) => this.getAttribute(name) || '';
      const links = legacyControls(this);
      const packed = links.map(packControl).join('\x1e');
      const found = dom.findTarget(attr('target'));
      // The article's own size decides between two legacy sizes (大 小 without 中).
      const bodyPx = found.el ? parseFloat(getComputedStyle(found.el).fontSize) || 0 : 0;
      const config = fontSize.call('pw_font_size_config', attr('levels'), attr('labels'), attr('default'),
        attr('remember'), attr('order'), PW.lang, packed, bodyPx);
      // The loader may have scaled the text for this element already (a
      // returning reader's level, before the core arrived). If the element
      // cannot mount, that must not stay: the page is left as authored.
      const refuse = () => {
        const early = dom.applied;
        if (early && (early.host === this || !early.host)) dom.undoEarly();
        return false;
      };
      if (!config.ok) {
        // Bad attributes: report each, keep the server-rendered links working.
        for (const error of config.errors) PW.reportError(this, error);
        return refuse();
      }
      if (!found.el) {
        const target = attr('target').trim();
        PW.reportError(this, found.error === 'invalid'
          ? { id: 'pw.font_size.bad_target', source: 'target', message: `target="${target}": not a valid CSS selector; expected a selector such as "#zoom"` }
          : { id: 'pw.font_size.target_not_found', source: 'target', message: target
            ? `target="${target}": no element on the page matches it; expected the selector of the article text container such as "#zoom"`
            : `no target attribute and none of ${dom.targets.join(', ')} is on the page; expected target="<selector of the article text container>"` });
        return refuse();
      }
      // From here on the element scales the text. Every early write goes (its
      // target may differ from this element's); _show() below measures the
      // authored sizes and writes this element's, in the same task.
      dom.undoEarly();
      this._config = config;
      this._target = found.el;
      this._links = links;

      let index = config.defaultIndex;
      if (config.remember) {
        const saved = fontSize.call('pw_font_size_restore', config.canonical.levels, config.canonical.default, readSaved());
        for (const error of saved.errors) PW.reportError(this, error);
        index = saved.index;
      }
      this._index = index;

      this._buttons = config.buttons.map((i) => PW.h('button', {
        type: 'button', part: 'button', 'data-level': config.levels[i].px,
        onclick: () => this._choose(i, true),
      }, config.levels[i].label));
      // The box the fallback (the wrapped links, or the box portal-widgets.css
      // reserved) had, measured before the buttons replace it and kept, so
      // the rest of the line does not move: the buttons share it.
      const fallbackWidth = links.length ? this.getBoundingClientRect().width : 0;
      const group = PW.h('span', { role: 'group', part: 'group', 'aria-label': PW.t('font-size.group') }, this._buttons);
      if (fallbackWidth > 0) group.style.minWidth = `${fallbackWidth}px`;
      this.render(group);
      // Clicks on adopted links (now unslotted, so only script can click them)
      // run the widget instead of their href or onclick.
      this.listen(this, 'click', (event) => this._onLinkClick(event), true);
      this.listen(this, 'keydown', (event) => this._onKey(event));
      // Paragraphs added to the article later get the chosen size too: only
      // the added subtrees are measured and written, in the observer's
      // callback (before the browser paints them), all records at once.
      // Subtrees that leave the article lose our sizes.
      this._observer = new MutationObserver((records) => {
        if (this._config) this._applyAdded(records);
      });
      this._observer.observe(this._target, { childList: true, subtree: true });

      instances.add(this);
      installDoZoomShim();
      this._show(index);
      if (this._pending != null) {
        const pending = this._pending;
        this._pending = null;
        this._ask(pending, 'level');
      }
    }

    unmount() {
      if (this._observer) {
        this._forget(this._observer.takeRecords());
        this._observer.disconnect();
      }
      instances.delete(this);
      if (this._target && ![...instances].some((el) => el._target === this._target)) dom.restore(this._target);
      this._config = null;
    }

    _onLinkClick(event) {
      // The innermost adopted control the click is in (a control's own parts count as it).
      let level = -1;
      for (let el = event.target; el && el !== this && level < 0; el = el.parentElement) {
        const i = this._links.indexOf(el);
        if (i >= 0) level = this._config.linkLevels[i];
      }
      if (level < 0) return;
      event.preventDefault();
      event.stopPropagation();
      this._choose(level, false);
    }

    _onKey(event) {
      // + and - step the level from any button, as zoom keys do.
      const delta = event.key === '+' || event.key === '=' ? 1 : event.key === '-' ? -1 : 0;
      if (!delta || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      const c = this._config.canonical;
      this._choose(fontSize.call('pw_font_size_step', c.levels, c.default, this._index, delta).index, true);
    }

    _ask(text, source) {
      const c = this._config.canonical;
      const r = fontSize.call('pw_font_size_request', c.levels, c.default, this._index, text, source);
      for (const error of r.errors) PW.reportError(this, error);
      if (!r.errors.length) this._choose(r.index, false);
    }

    /** Shows level `index`, remembers it and tells the page. */
    _choose(index, focus) {
      const changed = index !== this._index;
      this._show(index);
      if (this._config.remember) writeSaved(fontSize.call('pw_font_size_save', this.level).saved);
      if (focus) {
        const button = this._buttons[this._config.buttons.indexOf(index)];
        if (button && this.shadowRoot.activeElement !== button) button.focus();
      }
      if (!changed) return;
      const level = this._config.levels[index];
      PW.fire(this, 'pw-font-size-change', { level: level.px, index, label: level.label });
      // Other <pw-font-size> on the page for the same text show the same level.
      for (const other of instances) {
        if (other !== this && other._target === this._target && other._index !== index) other._show(index, false);
      }
    }

    _show(index, apply = true) {
      this._index = index;
      this._buttons.forEach((button, k) => button.setAttribute('aria-pressed', String(this._config.buttons[k] === index)));
      if (apply) this._applyStyles();
    }

    /** Puts back the page's sizes in subtrees that left the target. */
    _forget(records) {
      const nodes = [];
      for (const record of records) nodes.push(...record.removedNodes);
      if (nodes.length) dom.forget(this._target, nodes);
    }

    /** Follows the target's changes since the last write: subtrees that left
     *  it lose our sizes, the text elements in added ones get the level's. */
    _applyAdded(records) {
      this._forget(records);
      const nodes = [];
      for (const record of records) nodes.push(...record.addedNodes);
      const { elements, metrics } = dom.added(this._target, nodes, this._index !== this._config.defaultIndex);
      if (elements.length) dom.write(this._target, elements, this._sizes(metrics));
    }

    /** The chosen level's [font, line] for each measured [font, line]. */
    _sizes(metrics) {
      const config = this._config;
      const levelPx = config.levels[this._index].px;
      const authoredPx = config.levels[config.defaultIndex].px;
      const memo = new Map();  // a page has few distinct (size, line height) pairs
      return metrics.map(([font, line]) => {
        const key = `${font}/${line}`;
        if (!memo.has(key)) memo.set(key, fontSize.call('pw_font_size_scale', font, line, levelPx, authoredPx));
        return memo.get(key);
      });
    }

    /** Back to the authored sizes, measure there, write the chosen level's sizes:
     *  all in one task, so the reader never sees the authored sizes in between. */
    _applyStyles() {
      const config = this._config;
      dom.restore(this._target);  // also undoes the loader's early apply
      if (this._index === config.defaultIndex) return;
      const elements = dom.textElements(this._target);
      const sizes = this._sizes(dom.measure(elements));
      if (this._observer) this._forget(this._observer.takeRecords());
      dom.write(this._target, elements, sizes);
    }
  }

  PW.defineElement('pw-font-size', FontSizeElement, fontSizeModule);
}
