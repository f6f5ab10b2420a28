// The base class of every pw-* element (howto-components style): an open
// shadow root styled by a constructable stylesheet, a `ready` promise that
// never rejects, listeners removed on disconnect, errors reported not thrown.
//
// A widget subclass implements:
//   static css            its stylesheet text (PW.baseCss is prepended)
//   mount()               render into this.shadowRoot; may return a promise.
//                         Returning false (after reporting why) keeps the fallback
//                         and counts as not mounted in PortalWidgets.ready's ok.
//                         Throwing or rejecting reports pw.<widget>.mount_failed
//                         (hyphens become underscores: pw.font_size.mount_failed)
//                         and keeps the element's light-DOM fallback visible.
//   unmount()             optional: undo listeners added outside the shadow root
//   readyAfterMount       false when `ready` resolves later (call this.settle())
// and uses this.listen(target, type, fn, options) for listeners outside its
// shadow root, so they are removed in disconnectedCallback.

class BaseElement extends HTMLElement {
  constructor() {
    super();
    // An element a script created and set properties on (el.level = 18) before
    // its module defined it: those are plain own properties hiding the class's
    // setters. Take them off and set them again once the subclass is constructed
    // (before mount(), which runs a microtask later), as howto-components'
    // _upgradeProperty does.
    const early = Object.keys(this).map((key) => [key, this[key]]);
    for (const [key] of early) delete this[key];
    if (early.length) Promise.resolve().then(() => { for (const [key, value] of early) this[key] = value; });
    this.ready = new Promise((resolve) => { this._resolveReady = resolve; });
    this._listeners = [];
    this._mounted = null;
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      PW.adoptStyles(root, PW.baseCss + (this.constructor.css || ''));
      // Until the widget renders, the element's own children (a server-rendered
      // fallback) stay visible through the default slot.
      root.append(document.createElement('slot'));
    }
  }

  get readyAfterMount() { return true; }

  connectedCallback() {
    if (this._mounted) return;
    this._markFallback();
    this._mounted = Promise.resolve()
      .then(() => this.mount())
      .then((shown) => { if (this.readyAfterMount) this.settle(); return shown !== false; })
      .catch((error) => {
        this.fail(`pw.${this.localName.slice(3).replace(/-/g, '_')}.mount_failed`, `<${this.localName}> could not be shown: ${error && error.message}`);
        return false;
      });
  }

  disconnectedCallback() {
    for (const [target, type, fn, options] of this._listeners) target.removeEventListener(type, fn, options);
    this._listeners = [];
    try { if (this.unmount) this.unmount(); } catch (e) { /* never into the host */ }
    this._mounted = null;
  }

  /** Adds a listener that is removed when the element leaves the page. */
  listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    this._listeners.push([target, type, fn, options]);
  }

  /** Resolves `ready` (content rendered, or fallback kept). Idempotent. */
  settle() { this._resolveReady(); }

  /** Reports an error for this element and resolves `ready` with its fallback in place. */
  fail(id, message, source) {
    PW.reportError(this, { id, message, source: source || this.localName });
    this.settle();
  }

  /** Replaces the shadow content (keeping the adopted styles). */
  render(...nodes) {
    for (const node of [...this.shadowRoot.childNodes]) if (node.localName !== 'style') node.remove();
    this.shadowRoot.append(...nodes.flat().filter(Boolean));
    this._markFallback();
  }

  /** data-pw-fallback while the page's own children show through the default slot:
   *  the dark palette (PW.darkCss) then leaves the element in the page's colours. */
  _markFallback() {
    const fallback = [...this.shadowRoot.children].some((node) => node.localName === 'slot' && !node.name);
    if (fallback !== this.hasAttribute('data-pw-fallback')) this.toggleAttribute('data-pw-fallback', fallback);
  }
}
PW.BaseElement = BaseElement;

