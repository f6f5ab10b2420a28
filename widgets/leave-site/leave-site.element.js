// Leave-site confirmation: the page-wide link listener, 友情链接 select jump
// lists, data-leave="mark" markers and PortalWidgets.classifyLink. The
// <pw-leave-dialog role="alertdialog"> it creates on demand lives in
// leave-dialog.element.js, a module of its own fetched on the first request that asks.
//
// Every decision comes from the core (core/leave_site.cpp through
// pw_leave_classify). This file reads the browser's URL parser, listens,
// asks and navigates; it never decides which links ask.

// The dialog's own strings are in leave-dialog.element.js (its module).
PW.addStrings({
  'zh-Hans': {
    'leave.message': '您访问的链接即将离开“{site}”，是否继续？',
    'leave.external': '（外部链接）',
  },
  'zh-Hant': {
    'leave.message': '您訪問的連結即將離開「{site}」，是否繼續？',
    'leave.external': '（外部連結）',
  },
  en: {
    'leave.message': 'The link you chose leaves “{site}”. Continue?',
    'leave.external': ' (external link)',
  },
});

const LEAVE_XLINK = 'http://www.w3.org/1999/xlink';
const LEAVE_REMEMBER_KEY = 'portal-widgets:leave-visit';
const leaveState = {
  options: null,       // {mode, message, countdown, remember} from PW.config
  dialog: null,        // the open <pw-leave-dialog>, if any
  asking: null,        // the latest request waiting for the dialog's module
  marked: new WeakSet(),
  selectValues: new WeakMap(),  // <select> -> its value before the reader changed it
  legacyReported: false,        // pw.leave.legacy_prompt is reported once per page
};

// --- decisions ------------------------------------------------------------------

/** The href a link element holds as written (HTML or SVG <a>, <area>), or null. */
function leaveRawHref(el) {
  if (el.hasAttribute('href')) return el.getAttribute('href');
  if (el.hasAttributeNS(LEAVE_XLINK, 'href')) return el.getAttributeNS(LEAVE_XLINK, 'href');
  return null;
}

/** data-pw-leave="off" on the element or its nearest ancestor that sets data-pw-leave. */
function leaveOptedOut(el) {
  const holder = el.closest && el.closest('[data-pw-leave]');
  return !!holder && holder.getAttribute('data-pw-leave').trim().toLowerCase() === 'off';
}

/** Asks the core. Returns {action, reason, host} plus the resolved href (not part of the public result). */
function leaveDecide(raw, base, optedOut) {
  let url = null;
  if (raw != null) {
    try { url = new URL(raw, base); } catch (e) { url = null; }
  }
  const page = new URL(document.URL);
  const decision = PW.core.call('pw_leave_classify',
    url ? url.protocol : '', url ? url.hostname : '', url ? url.port : '', url ? url.pathname : '',
    url ? url.search : '', url ? url.hash : '', url ? 1 : 0,
    page.protocol, page.hostname, page.port, page.pathname, page.search, optedOut ? 1 : 0);
  return { decision, href: url ? url.href : String(raw == null ? '' : raw) };
}

/** PortalWidgets.classifyLink(hrefOrAnchor) → {action, reason, host}. */
function classifyLink(hrefOrAnchor) {
  if (typeof hrefOrAnchor === 'string') return leaveDecide(hrefOrAnchor, document.baseURI, false).decision;
  const el = hrefOrAnchor;
  if (!el || el.nodeType !== 1 || (el.localName !== 'a' && el.localName !== 'area')) {
    throw new TypeError('PortalWidgets.classifyLink expects an href string or an <a>/<area> element');
  }
  return leaveDecide(leaveRawHref(el), el.baseURI, leaveOptedOut(el)).decision;
}

// --- per-visit memory (data-leave-remember="visit") ------------------------------

// Remembered per scheme and host ("https://www.gov.cn", "weixin://dl"): a choice
// for one app scheme or for https must not cover another, and a link without a
// host (file:, blob:, about:) is never remembered.
function leaveMemoryKey(href) {
  try {
    const url = new URL(href);
    return url.hostname ? `${url.protocol}//${url.hostname}` : '';
  } catch (e) {
    return '';
  }
}
function leaveRemembered(href) {
  const key = leaveMemoryKey(href);
  if (leaveState.options.remember !== 'visit' || !key) return false;
  try {
    return JSON.parse(sessionStorage.getItem(LEAVE_REMEMBER_KEY) || '[]').includes(key);
  } catch (e) {
    return false;
  }
}
function leaveRemember(href) {
  const key = leaveMemoryKey(href);
  if (leaveState.options.remember !== 'visit' || !key) return;
  try {
    const keys = JSON.parse(sessionStorage.getItem(LEAVE_REMEMBER_KEY) || '[]');
    if (!keys.includes(key)) keys.push(key);
    sessionStorage.setItem(LEAVE_REMEMBER_KEY, JSON.stringify(keys));
  } catch (e) { /* storage disabled: ask again next time */ }
}

// --- asking and following ---------------------------------------------------------

/** Where a link opens: "_self", "_blank", "_top", "_parent" or a frame name. */
function leaveTargetOf(link, event) {
  if (event && (event.type === 'auxclick' || event.ctrlKey || event.metaKey || event.shiftKey)) return '_blank';
  let target = link.getAttribute('target');
  if (target == null) {
    const base = link.ownerDocument.querySelector('base[target]');
    target = base ? base.getAttribute('target') : '';
  }
  target = (target || '').trim();
  const lower = target.toLowerCase();
  if (!target || lower === '_self') return '_self';
  return ['_blank', '_top', '_parent'].includes(lower) ? lower : target;
}

/** Navigates like the link would have: same target; new windows with noopener (and noreferrer when asked). */
function leaveFollow(href, target, rel) {
  if (target === '_self') {
    location.assign(href);
  } else if (target === '_top' || target === '_parent') {
    window.open(href, target);
  } else {
    window.open(href, target, /(^|\s)noreferrer(\s|$)/i.test(rel || '') ? 'noopener,noreferrer' : 'noopener');
  }
}

/**
 * Shows the dialog (in the top window when it is same-origin and runs the
 * suite, else here) and resolves true for 继续访问, false for 放弃.
 */
function leaveAsk(request) {
  try {
    if (window.top !== window) {
      const topShell = window.top.PortalWidgets && window.top.PortalWidgets.__pw;
      if (topShell && typeof topShell.leaveAsk === 'function') return topShell.leaveAsk(request);
    }
  } catch (e) { /* cross-origin top: ask in this frame */ }
  return leaveShowDialog(request);
}

// The dialog's code is a module of its own (leave-dialog.element.js), fetched
// on the first request that asks, not by every page. If it cannot be loaded the
// promise rejects and leaveConfirm follows the link (the suite never traps a reader).
function leaveShowDialog(request) {
  if (leaveState.dialog) leaveState.dialog.close(false);
  const asking = leaveState.asking = {};
  return PW.loadElement('pw-leave-dialog').then((defined) => {
    if (!defined) throw new Error('its module could not be loaded');
    if (leaveState.asking !== asking) return false;  // a later request replaced this one
    if (leaveState.dialog) leaveState.dialog.close(false);
    const dialog = document.createElement('pw-leave-dialog');
    leaveState.dialog = dialog;
    (document.body || document.documentElement).append(dialog);
    return dialog.open(request).finally(() => {
      if (leaveState.dialog === dialog) leaveState.dialog = null;
    });
  });
}

/**
 * How the dialog shows a host ({unicode, ascii, showAscii}). The core decodes
 * IDN labels ("xn--") only in its full build (core/host.h): for such a host it
 * is fetched with the dialog's module.
 */
function leaveDisplayHost(host) {
  const display = PW.core.call('pw_leave_display_host', host);
  if (!display.full) return Promise.resolve(display);
  return PW.loadModule('core-full').then((full) => full.call('pw_leave_display_host', host));
}

/**
 * The common path for links and selects once the core said "confirm":
 * fire pw-leave-request (cancelable), ask, then follow or restore.
 */
function leaveConfirm({ source, href, host, reason, target, rel, link, onCancel }) {
  // A link is followed through a copy of itself (PW.shell.follow), so target,
  // download, ping, rel and referrerpolicy act as if the click had not been held;
  // a select's URL is opened as its page handler would have.
  const go = () => (link ? PW.shell.follow(link, target === '_self' ? '' : target) : leaveFollow(href, target, rel));
  leaveDisplayHost(host || '').then((display) => leaveAsk({
    href,
    host: display.unicode || host || href.split(':')[0] + ':',
    ascii: display.showAscii ? display.ascii : '',
    siteName: PW.config.siteName,
    message: leaveState.options.message || PW.t('leave.message'),
    newWindow: target !== '_self' && target !== '_top' && target !== '_parent',
    countdown: target === '_self' ? leaveState.options.countdown : 0,
    returnFocus: source,
  })).then((go) => {
    if (go) {
      leaveRemember(href);
      PW.fire(source, 'pw-leave-confirm', { href });
      go();
    } else {
      PW.fire(source, 'pw-leave-cancel', { href });
      if (onCancel) onCancel();
    }
  }).catch((error) => {
    PW.reportError(document, { id: 'pw.leave.dialog_failed', source: 'pw-leave-dialog',
      message: `the leave-site dialog could not be shown (${error && error.message}); following the link` });
    go();
  });
}

// --- the page-wide link listener ---------------------------------------------------

// Two listeners on window. The bubble one runs after the page's own handlers,
// so a link another handler already took over (preventDefault, return false)
// is left alone. A page handler that stops propagation (a menu closing itself,
// say) would keep the click from ever reaching it, so the capture one watches
// for that: it wraps the event's stop methods, and when one is called on a
// link that needs confirmation it holds the navigation back and decides once
// the dispatch is over, when it knows whether the page also cancelled it. An
// inline handler's `return false` cancels without calling preventDefault, so
// the on<type> handlers on the path are wrapped for the dispatch to see it.
const leaveClicks = new WeakMap();  // click event -> {link, path, handled, inlineFalse}

/** The <a>/<area> with an href that the event activates, or undefined. */
function leaveLinkOf(event) {
  return event.composedPath().find((node) => node.nodeType === 1 &&
    (node.localName === 'a' || node.localName === 'area') && leaveRawHref(node) != null);
}

/**
 * Fires pw-leave-request and, unless a host script cancels it, asks. Events
 * go to the link, or, when a page handler removed it (a menu that closed), to
 * the nearest node of the click's path still in the page.
 */
function leaveRequest(link, decision, href, event, path = [link]) {
  const source = link.isConnected ? link : path.find((node) => node.nodeType === 1 && node.isConnected) || document;
  const detail = { href, host: decision.host, reason: decision.reason };
  if (!PW.fire(source, 'pw-leave-request', detail, true)) return;  // a host script handles it itself
  leaveConfirm({ source, href, host: decision.host, reason: decision.reason,
    target: leaveTargetOf(link, event), rel: link.getAttribute('rel'), link });
}

/** Records an inline handler's `return false` on the path until the dispatch ends. */
function leaveWatchInlineHandlers(event, state) {
  const prop = `on${event.type}`;
  const wrapped = [];
  for (const node of state.path) {
    const original = node[prop];
    if (typeof original !== 'function') continue;
    // Setting an event handler's value keeps its place among the listeners.
    const wrapper = function (...args) {
      const result = original.apply(this, args);
      if (result === false) state.inlineFalse = true;
      return result;
    };
    node[prop] = wrapper;
    wrapped.push([node, original, wrapper]);
  }
  if (!wrapped.length) return;
  state.restore = () => {
    for (const [node, original, wrapper] of wrapped) if (node[prop] === wrapper) node[prop] = original;
    state.restore = null;
  };
  setTimeout(() => { if (state.restore) state.restore(); }, 0);
}

function leaveOnClickCapture(event) {
  if (leaveState.options.mode !== 'dialog' || leaveClicks.has(event)) return;
  if (event.type === 'click' ? event.button !== 0 : event.button !== 1) return;
  const link = leaveLinkOf(event);
  if (!link) return;
  const state = { link, path: event.composedPath(), handled: false, inlineFalse: false, restore: null };
  leaveClicks.set(event, state);
  const first = leaveDecide(leaveRawHref(link), link.baseURI, leaveOptedOut(link));
  if (first.decision.action !== 'confirm' || leaveRemembered(first.href)) return;  // nothing to hold back
  leaveWatchInlineHandlers(event, state);
  const onStopped = () => {
    // Runs inside the page's own stopPropagation() call: nothing may throw there.
    try {
      if (state.handled || event.defaultPrevented) return;
      const { decision, href } = leaveDecide(leaveRawHref(link), link.baseURI, leaveOptedOut(link));
      if (decision.action !== 'confirm' || leaveRemembered(href)) return;
      state.handled = true;
      leaveHoldBack(event, (hostPrevented) => {
        if (hostPrevented || state.inlineFalse) return;
        // Decided again: the page's handler may have rewritten the href.
        const now = leaveDecide(leaveRawHref(link), link.baseURI, leaveOptedOut(link));
        if (now.decision.action === 'confirm' && !leaveRemembered(now.href)) {
          leaveRequest(link, now.decision, now.href, event, state.path);
        } else {
          const target = leaveTargetOf(link, event);
          PW.shell.follow(link, target === '_self' ? '' : target);
        }
      });
    } catch (error) {
      PW.reportError(document, { id: 'pw.leave.failed', source: event.type,
        message: `leave-site confirmation failed on ${event.type} (${error && error.message}); the page's own behaviour continues` });
    }
  };
  for (const name of ['stopPropagation', 'stopImmediatePropagation']) {
    const original = event[name];
    Object.defineProperty(event, name, { configurable: true, value() {
      original.call(this);
      onStopped();
    } });
  }
  const bubble = Object.getOwnPropertyDescriptor(Event.prototype, 'cancelBubble');
  Object.defineProperty(event, 'cancelBubble', { configurable: true,
    get() { return bubble.get.call(this); },
    set(value) { bubble.set.call(this, value); if (value) onStopped(); } });
}

/**
 * Cancels the browser's navigation now, while page handlers may still run on
 * the current element; they keep seeing only their own preventDefault (and
 * returnValue). After the dispatch, done(hostPrevented) is called.
 */
function leaveHoldBack(event, done) {
  let hostPrevented = false;
  Event.prototype.preventDefault.call(event);
  Object.defineProperties(event, {
    preventDefault: { configurable: true, value() { hostPrevented = true; } },
    defaultPrevented: { configurable: true, get() { return hostPrevented; } },
    returnValue: { configurable: true, get() { return !hostPrevented; },
      set(value) { if (!value) hostPrevented = true; } },
  });
  setTimeout(() => {
    try {
      done(hostPrevented);
    } catch (error) {
      PW.reportError(document, { id: 'pw.leave.failed', source: event.type,
        message: `leave-site confirmation failed on ${event.type} (${error && error.message})` });
    }
  }, 0);
}

function leaveOnClick(event) {
  const state = leaveClicks.get(event);
  if (state && state.restore) state.restore();  // the dispatch is over for the page's handlers
  if (!state || state.handled || event.defaultPrevented) return;
  state.handled = true;
  const { link } = state;
  const { decision, href } = leaveDecide(leaveRawHref(link), link.baseURI, leaveOptedOut(link));
  if (decision.action !== 'confirm' || leaveRemembered(href)) return;
  event.preventDefault();
  leaveRequest(link, decision, href, event);
}

// --- 友情链接 select jump lists ------------------------------------------------------

/**
 * A select is a jump list when data-pw-leave="on", or (auto-detected) when its
 * inline onchange mentions window.open, location or MM_jumpMenu and the chosen
 * value looks like a URL (a scheme, "//" or "/"). data-pw-leave="off" wins.
 * Returns null or {target}.
 */
function leaveJumpList(select) {
  if (select.localName !== 'select' || select.multiple) return null;
  const flag = (select.getAttribute('data-pw-leave') || '').trim().toLowerCase();
  if (flag === 'off') return null;
  const handler = select.getAttribute('onchange') || '';
  if (flag !== 'on') {
    if (!/window\.open|location|MM_jumpMenu/i.test(handler)) return null;
    if (!/^\s*([a-z][a-z0-9+.-]*:|\/)/i.test(select.value)) return null;
  }
  const form = select.form;
  const newWindow = /\bopen\s*\(|_blank/i.test(handler) || (form && (form.getAttribute('target') || '') === '_blank');
  return { target: newWindow ? '_blank' : '_self' };
}

function leaveOnFocusIn(event) {
  const el = event.composedPath()[0];
  if (el && el.localName === 'select') leaveState.selectValues.set(el, el.value);
}

// Capture phase on window: runs before the page's own change handlers, so they
// can be held back while the reader decides.
function leaveOnChange(event) {
  const select = event.composedPath()[0];
  if (!select || select.localName !== 'select') return;
  const previous = leaveState.selectValues.has(select)
    ? leaveState.selectValues.get(select)
    : ([...select.options].find((o) => o.defaultSelected) || select.options[0] || { value: '' }).value;
  leaveState.selectValues.set(select, select.value);
  if (leaveState.options.mode !== 'dialog' || !select.value.trim()) return;
  const list = leaveJumpList(select);
  if (!list) return;
  const { decision, href } = leaveDecide(select.value, select.baseURI, false);
  if (decision.action !== 'confirm' || leaveRemembered(href)) return;
  event.stopImmediatePropagation();  // the page's handler must not navigate now
  const proceed = PW.fire(select, 'pw-leave-request', { href, host: decision.host, reason: decision.reason }, true);
  if (!proceed) return;
  leaveConfirm({ source: select, href, host: decision.host, reason: decision.reason, target: list.target, rel: '',
    onCancel: () => {
      select.value = previous;
      leaveState.selectValues.set(select, previous);
    } });
}

// --- data-leave="mark" -------------------------------------------------------------

const LEAVE_MARK_CSS = /* css */ `
:host { display: inline !important; }
svg { width: 0.8em; height: 0.8em; margin-inline-start: 0.15em; vertical-align: -0.05em; fill: none;
  stroke: currentColor; stroke-width: 2.2; stroke-linecap: round; stroke-linejoin: round; }
`;

function leaveMarker() {
  const span = document.createElement('span');
  span.setAttribute('data-pw-external', '');
  const root = span.attachShadow({ mode: 'open' });
  PW.adoptStyles(root, PW.baseCss + PW.inlineHostCss + LEAVE_MARK_CSS);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5');
  svg.append(path);
  root.append(svg, PW.h('span', { class: 'pw-visually-hidden' }, PW.t('leave.external')));
  return span;
}

function leaveMarkLinks(root) {
  const links = [];
  if (root.nodeType === 1 && root.localName === 'a') links.push(root);
  if (root.querySelectorAll) links.push(...root.querySelectorAll('a[href]'));
  for (const link of links) {
    if (leaveState.marked.has(link) || link.querySelector(':scope > [data-pw-external]')) continue;
    const raw = leaveRawHref(link);
    if (raw == null) continue;
    leaveState.marked.add(link);
    if (leaveDecide(raw, link.baseURI, leaveOptedOut(link)).decision.action === 'confirm') {
      link.append(leaveMarker());
    }
  }
}

// --- start: once the core and the config are ready (the first scan) ------------------

function leaveStart() {
  // The effective leave options were resolved with the rest of the config
  // (pw_config_resolve, core_exports.cpp), their errors reported at boot.
  const c = PW.config;
  leaveState.options = { mode: c.leave, message: c.leaveMessage, countdown: c.leaveCountdown, remember: c.leaveRemember };
  PW.api.classifyLink = classifyLink;
  PW.shell.leaveAsk = leaveShowDialog;  // lets same-origin frames ask in this window
  const guard = (fn) => (event) => {
    try {
      fn(event);
    } catch (error) {
      PW.reportError(document, { id: 'pw.leave.failed', source: event.type,
        message: `leave-site confirmation failed on ${event.type} (${error && error.message}); the page's own behaviour continues` });
    }
  };
  for (const type of ['click', 'auxclick']) {
    window.addEventListener(type, guard(leaveOnClickCapture), true);
    window.addEventListener(type, guard(leaveOnClick));
  }
  window.addEventListener('focusin', guard(leaveOnFocusIn), true);
  window.addEventListener('change', guard(leaveOnChange), true);
  // From here on these listeners decide; a click the loader held before the
  // core ran (web/loader.js) is decided now.
  PW.shell.leaveLive = true;
  const held = PW.shell.takeHeld && PW.shell.takeHeld();
  if (held) {
    try {
      leaveResume(held.link);
    } catch (error) {
      PW.reportError(document, { id: 'pw.leave.failed', source: 'click',
        message: `leave-site confirmation failed on a held click (${error && error.message}); following the link` });
      PW.shell.follow(held.link);
    }
  }
}

/** Decides a same-tab click the loader held before the core ran: ask, or follow at once. */
function leaveResume(link) {
  const { decision, href } = leaveDecide(leaveRawHref(link), link.baseURI, leaveOptedOut(link));
  if (leaveState.options.mode !== 'dialog' || decision.action !== 'confirm' || leaveRemembered(href)) {
    PW.shell.follow(link);
    return;
  }
  leaveRequest(link, decision, href, null);
}

// A page's own leave prompt on its links (an inline confirm('…即将离开…'), a
// jQuery out_href_warn handler) asks a second time after ours. The page's
// handlers are never edited: the webmaster is told once, with an example link
// and what to remove (the core decides what counts, legacy_leave_prompt).
function leaveFindLegacyPrompt(root) {
  if (leaveState.legacyReported || leaveState.options.mode === 'off' || !root.querySelectorAll) return;
  const links = root.querySelectorAll('a[onclick], a[href^="javascript:" i], a[class]');
  for (const link of links) {
    const code = `${link.getAttribute('onclick') || ''} ${link.getAttribute('href') || ''}`;
    const { remove } = PW.core.call('pw_leave_legacy_prompt', code, link.getAttribute('class') || '');
    if (!remove) continue;
    leaveState.legacyReported = true;
    const example = link.outerHTML.replace(/>[^]*$/, '>').slice(0, 200);
    try {
      console.warn(`portal-widgets: pw.leave.legacy_prompt: this page's links carry their own leave prompt, ` +
        `so readers are asked twice, e.g. ${example}; remove ${remove} (see docs/embed.md, "Retiring a legacy ` +
        `leave script"); portal-widgets' confirmation replaces it`);
    } catch (e) { /* no console */ }
    return;
  }
}

PW.addScanner((root) => {
  if (!leaveState.options) leaveStart();
  if (leaveState.options.mode === 'mark') leaveMarkLinks(root);
  leaveFindLegacyPrompt(root);
});
