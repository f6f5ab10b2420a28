// Added to every page of the page-cost bench (tests/bench/page-cost.mjs) before
// the page's own scripts: records, in page time (ms from navigation start),
// what the bench reads at the end of a load. Sets window.__pageCost.
//   longTasks     [[start, duration]] of main-thread tasks over 50 ms
//   layoutShift   the layout-shift score without recent input (CLS)
//   ready         {widget: ms} when each widget was ready (see `widgets` below)
//   memories      every WebAssembly.Memory the page instantiated
//   done          resolves 5 s after the load event (the end of the window)
// The probe itself runs a few hundred microseconds of script on either page.
(function () {
  'use strict';
  const AFTER_LOAD_MS = 5000;
  const probe = { longTasks: [], layoutShift: 0, ready: {}, memories: [], load: null };
  window.__pageCost = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) probe.layoutShift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) { /* an engine without these entry types: the figures stay empty */ }

  // Every memory of every instantiated module (exported or imported).
  const keep = (result) => {
    const instance = result && (result.instance || result);
    if (instance && instance.exports) {
      for (const value of Object.values(instance.exports)) {
        if (value instanceof WebAssembly.Memory && !probe.memories.includes(value)) probe.memories.push(value);
      }
    }
    return result;
  };
  if (typeof WebAssembly === 'object') {
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      if (typeof original === 'function') {
        WebAssembly[name] = function () { return original.apply(this, arguments).then(keep); };
      }
    }
  }

  const mark = (widget) => { if (!(widget in probe.ready)) probe.ready[widget] = performance.now(); };
  probe.done = new Promise((resolve) => {
    addEventListener('load', () => {
      probe.load = performance.now();
      // The reader scrolls to the end of the article at once (the QR code and
      // the related list sit below it), so lazy widgets load too.
      setTimeout(() => scrollTo(0, document.documentElement.scrollHeight), 0);
      setTimeout(resolve, AFTER_LOAD_MS);
    });
  });

  document.addEventListener('DOMContentLoaded', () => {
    // The suite: each element's `ready`, and PortalWidgets.ready (the core
    // loaded: the leave-site confirmation is active).
    if (window.PortalWidgets) {
      window.PortalWidgets.ready.then(() => mark('PortalWidgets.ready'));
      for (const el of document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')) {
        customElements.whenDefined(el.localName).then(() => el.ready).then(() => mark(el.localName));
      }
    }
    // The jQuery page: its widgets are ready once its $(document).ready
    // handler has drawn the QR code (it binds the leave-site handler first; the
    // doZoom links and the related list are in the HTML).
    const qr = document.getElementById('qrcode');
    if (qr) {
      const seen = () => { if (qr.querySelector('canvas, table')) { mark('jquery.qrcode'); return true; } return false; };
      if (!seen()) {
        const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
        observer.observe(qr, { childList: true, subtree: true });
      }
    }
  });
})();
