// <pw-qrcode text size ecc caption fg bg logo download strip-params render>
// "扫一扫在手机打开当前页": the page's URL as a crisp SVG QR code (or a PNG <img>
// where in-app browsers recognise codes only in images), and on request a
// share card (PNG) a reader can keep. Rules live in core/qr.cpp and
// core/share_card.cpp; this file builds DOM and moves bytes.

PW.addStrings({
  'zh-Hans': {
    'qrcode.label.page': '二维码，用手机扫描可打开本页：{url}',
    'qrcode.label.text': '二维码，内容：{text}',
    'qrcode.save': '保存二维码图片',
    'qrcode.saving': '正在生成图片…',
  },
  'zh-Hant': {
    'qrcode.label.page': 'QR 碼，用手機掃描可開啟本頁：{url}',
    'qrcode.label.text': 'QR 碼，內容：{text}',
    'qrcode.save': '儲存 QR 碼圖片',
    'qrcode.saving': '正在產生圖片…',
  },
  en: {
    'qrcode.label.page': 'QR code that opens this page on a phone: {url}',
    'qrcode.label.text': 'QR code containing: {text}',
    'qrcode.save': 'Save QR code image',
    'qrcode.saving': 'Making the image…',
  },
});

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The share card's code (share-card.lazy.js), fetched on the first click of a
 *  save button and run once: resolves to makeCard(element, cancelled). */
let shareCardPart = null;
function loadShareCard() {
  if (!shareCardPart) shareCardPart = PW.shell.load('share-card').then((provide) => provide(PW));
  return shareCardPart;
}

/**
 * The core's code as a PNG data: URL: its module path filled on a canvas at
 * result.scale whole pixels per module (quiet zone included), so every edge falls
 * on a pixel boundary. The browser encodes the PNG (core/qr.h, qr_image_scale, says
 * why not the core's encoder).
 */
function pngCode(result) {
  const side = result.modules * result.scale;
  const canvas = PW.h('canvas', { width: side, height: side });
  const context = canvas.getContext('2d');
  context.fillStyle = result.bg;
  context.fillRect(0, 0, side, side);
  context.setTransform(result.scale, 0, 0, result.scale, 0, 0);
  context.fillStyle = result.fg;
  context.fill(new Path2D(result.path));
  return canvas.toDataURL('image/png');
}

class QrCodeElement extends PW.BaseElement {
  static get observedAttributes() {
    return ['text', 'size', 'ecc', 'caption', 'fg', 'bg', 'logo', 'download', 'strip-params', 'render'];
  }

  static get css() {
    return /* css */ `
:host { display: inline-block; width: var(--pw-qr-size, 160px); max-width: 100%; text-align: center; vertical-align: top; }
.code { position: relative; width: 100%; aspect-ratio: 1 / 1; forced-color-adjust: none; }
.code svg, .code img { display: block; width: 100%; height: 100%; }
.code img { image-rendering: pixelated; -webkit-touch-callout: default; user-select: auto; }
.logo { position: absolute; pointer-events: none; display: flex; align-items: center; justify-content: center; overflow: hidden;
  border-radius: 8%; box-sizing: border-box; padding: 1.5%; }
.logo img, .logo ::slotted(img), .logo ::slotted(svg) { display: block; max-width: 100%; max-height: 100%; width: 100%; height: 100%; object-fit: contain; }
.caption { margin: 0.4em 0 0; line-height: 1.5; font-size: 0.875em; overflow-wrap: anywhere; }
.save { margin-top: 0.4em; min-height: 44px; min-width: 44px; padding: 0 0.9em; border: 1px solid currentColor;
  border-radius: 4px; background: transparent; color: inherit; line-height: 1.4; }
.save[disabled] { cursor: progress; opacity: 0.75; }
@media print { .save { display: none !important; } }
@media (forced-colors: active) { .save { border-color: ButtonText; } }
`;
  }

  attributeChangedCallback() {
    // Before the first mount the attributes are read there; after it (drawn or not)
    // every change redraws, so fixing a bad `text` draws a code.
    if (!this._mountTried) return;
    try {
      this.update();
    } catch (error) {  // never into the host page's handlers
      this.showFallback();
      PW.reportError(this, { id: 'pw.qrcode.render_failed', source: 'pw-qrcode', message: `<pw-qrcode> could not be redrawn: ${error.message}` });
    }
  }

  // `ready` is settled by draw(): at mount for a code on or near the screen,
  // later for one further down (its placeholder counts as mounted meanwhile).
  get readyAfterMount() { return false; }

  /**
   * The QR module (a .wasm of its own, issue "Weight") is fetched when the
   * element nears the viewport: at mount when it already is (PortalWidgets.ready
   * then waits for the code), else once the reader scrolls toward it. False (the
   * fallback kept, counted as not mounted in PortalWidgets.ready) when no code
   * could be made.
   */
  mount() {
    const draw = () => PW.loadModule('qrcode').then((qr) => {
      if (!this.isConnected) return true;
      this._qr = qr;
      this._mountTried = true;
      try {
        return this.update();
      } finally {
        this.settle();
      }
    });
    const box = this.getBoundingClientRect();
    const margin = 1.5 * innerHeight;  // as far ahead as <pw-related> looks
    if (typeof IntersectionObserver !== 'function' || (box.top < innerHeight + margin && box.bottom > -margin)) return draw();
    this._observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this._observer.disconnect();
      this._observer = null;
      draw().catch((error) => this.fail('pw.qrcode.mount_failed', `<pw-qrcode> could not be shown: ${error && error.message}`));
    }, { rootMargin: '150% 0px 150% 0px' });
    this._observer.observe(this);
    return true;
  }

  /** Puts the server-rendered fallback back: a code for the previous text must never stay on screen. */
  showFallback() {
    this._code = null;
    this._saveButton = null;
    this.render(document.createElement('slot'));
  }

  /** The text the code carries: the text attribute, else the page's URL. */
  codeText() {
    const text = this.getAttribute('text');
    if (text !== null && text.trim() !== '') return { text, page: false };
    const link = document.querySelector('link[rel~="canonical"][href]');
    const strip = this.hasAttribute('strip-params') ? this.getAttribute('strip-params') : 'utm_*';
    const result = this._qr.call('pw_qrcode_page_url', location.href, link ? link.href : '',
      (PW.config.siteHosts || []).join(' '), strip);
    for (const error of result.errors) PW.reportError(this, error);
    return { text: result.url, page: true };
  }

  /** The logo to overlay: a slotted <img>/<svg>, else a same-origin `logo` URL, else none. */
  logoSource() {
    if (this.querySelector(':scope > [slot="logo"]')) return { slot: true };
    const logo = this.getAttribute('logo');
    if (!logo) return null;
    let url;
    try {
      url = new URL(logo, document.baseURI);
    } catch (e) {
      url = null;
    }
    if (!url || url.origin !== location.origin || !/^https?:$/.test(url.protocol)) {
      PW.reportError(this, {
        id: 'pw.qrcode.bad_logo', source: 'logo',
        message: `logo="${logo}" is not an image on this site; expected a same-origin URL such as "/images/logo.png" (the widget never fetches from other sites), or a child <img slot="logo">`,
      });
      return null;
    }
    return { url: url.href };
  }

  update() {
    const { text, page } = this.codeText();
    const logo = this.logoSource();
    // The side in device pixels, so an <img> code has whole, sharp pixels per module.
    // (`size` may not have resized the element yet; it is only a hint for the resolution.)
    const cssPx = Math.max(this.getBoundingClientRect().width, parseFloat(this.getAttribute('size')) || 0) || 160;
    const devicePx = Math.round(cssPx * (window.devicePixelRatio || 1));
    const result = this._qr.call('pw_qrcode_render', text, this.getAttribute('ecc') || '',
      this.getAttribute('fg') || '', this.getAttribute('bg') || '', this.getAttribute('size') || '', logo ? 1 : 0,
      this.getAttribute('render') || '', navigator.userAgent, devicePx);
    for (const error of result.errors) PW.reportError(this, error);
    if (!result.ok) {  // the server-rendered fallback, never the code of an earlier text
      this.showFallback();
      return false;
    }
    this._code = { text, result };
    // `size` sets the element's inline --pw-qr-size; without it the page's own
    // value (inline or from its CSS) applies again, so a page's inline value
    // is kept aside while `size` is set and put back when `size` goes.
    if (this.hasAttribute('size')) {
      if (!this._sizeSet) this._pageQrSize = this.style.getPropertyValue('--pw-qr-size');
      this.style.setProperty('--pw-qr-size', `${result.size}px`);
      this._sizeSet = true;
    } else if (this._sizeSet) {
      if (this._pageQrSize) this.style.setProperty('--pw-qr-size', this._pageQrSize);
      else this.style.removeProperty('--pw-qr-size');
      this._sizeSet = false;
    }

    const label = page ? PW.t('qrcode.label.page', { url: text }) : PW.t('qrcode.label.text', { text });
    const code = PW.h('div', { class: 'code', part: 'code' });
    let drawn = true;
    if (result.render === 'img') {
      // An image, so that in-app browsers (WeChat, DingTalk, …) offer "recognise the
      // code" on long-press; the same name as the SVG's, on the image itself.
      const side = result.modules * result.scale;
      const img = PW.h('img', { alt: label, width: side, height: side });
      drawn = new Promise((resolve) => {
        img.addEventListener('load', () => resolve(true), { once: true });
        img.addEventListener('error', () => {
          // A Content-Security-Policy whose img-src leaves out data: blocks the image.
          if (img.parentNode === code) {
            PW.reportError(this, {
              id: 'pw.qrcode.img_blocked', source: 'render',
              message: 'the QR code image could not be shown, most likely because the page\'s Content-Security-Policy does not allow data: images; expected img-src to include data: (img-src \'self\' data:). The code is drawn as SVG instead',
            });
            img.replaceWith(this.svgCode(result, code, label));
          }
          resolve(true);
        }, { once: true });
      });
      img.src = pngCode(result);
      code.append(img);
    } else {
      code.append(this.svgCode(result, code, label));
    }
    if (logo) {
      const box = result.logo;
      const n = result.modules;
      const pct = (v) => `${(v / n) * 100}%`;
      const holder = PW.h('div', { class: 'logo', part: 'logo' },
        logo.slot ? PW.h('slot', { name: 'logo' }) : PW.h('img', { src: logo.url, alt: '' }));
      holder.style.cssText = `left:${pct(box.x)};top:${pct(box.y)};width:${pct(box.side)};height:${pct(box.side)};background:${result.bg}`;
      code.append(holder);
    }
    const nodes = [code];
    const caption = this.getAttribute('caption');
    if (caption) nodes.push(PW.h('p', { class: 'caption', part: 'caption' }, caption));
    if (this.hasAttribute('download')) {
      this._saveButton = PW.h('button', { type: 'button', class: 'save', part: 'button', onclick: () => this.saveCard() },
        PW.t('qrcode.save'));
      this._status = PW.h('span', { class: 'pw-visually-hidden', role: 'status' });
      nodes.push(PW.h('div', null, this._saveButton, this._status));
    }
    this.render(...nodes);
    return drawn;
  }

  /** The code as an inline SVG; `holder` (the .code box) carries the accessible name. */
  svgCode(result, holder, label) {
    holder.setAttribute('role', 'img');
    holder.setAttribute('aria-label', label);
    const n = result.modules;
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${n} ${n}`);
    svg.setAttribute('shape-rendering', 'crispEdges');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', n);
    rect.setAttribute('height', n);
    rect.setAttribute('fill', result.bg);
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('fill', result.fg);
    path.setAttribute('d', result.path);
    svg.append(rect, path);
    return svg;
  }

  /** Builds the share card and hands it over: a download, or an overlay to
   *  long-press (share-card.lazy.js, fetched on the first click). */
  async saveCard() {
    if (!this._code || this._busy) return;
    // Removing the element cancels the card (unmount clears _cardRun): what is
    // still loading is dropped, no file is offered and no overlay opens.
    const run = this._cardRun = {};
    const cancelled = () => this._cardRun !== run;
    this._busy = true;
    const button = this._saveButton;
    button.disabled = true;
    this._status.textContent = PW.t('qrcode.saving');
    try {
      const makeCard = await loadShareCard();
      if (!cancelled()) await makeCard(this, cancelled);
    } catch (error) {
      if (cancelled()) return;
      const known = error && error.pw;
      PW.reportError(this, known || {
        id: 'pw.qrcode.card_failed', source: 'download',
        message: `the share card could not be made: ${error && error.message}; expected the share-card module and font files next to portal-widgets.js`,
      });
      this._status.textContent = '';
    } finally {
      this._busy = false;
      button.disabled = false;
    }
  }

  unmount() {
    this._cardRun = null;
    if (this._observer) this._observer.disconnect();
    this._observer = null;
    if (this._url) URL.revokeObjectURL(this._url);
    this._url = null;
    this._mountTried = false;
  }
}

PW.defineElement('pw-qrcode', QrCodeElement);
