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
    'qrcode.saved': '图片已生成',
    'qrcode.caption': '扫一扫在手机打开当前页',
    'qrcode.overlay.title': '分享图片',
    'qrcode.overlay.hint': '长按图片保存，或发送给朋友',
    'qrcode.overlay.alt': '本页的分享图片：{title}',
    'qrcode.close': '关闭',
  },
  'zh-Hant': {
    'qrcode.label.page': 'QR 碼，用手機掃描可開啟本頁：{url}',
    'qrcode.label.text': 'QR 碼，內容：{text}',
    'qrcode.save': '儲存 QR 碼圖片',
    'qrcode.saving': '正在產生圖片…',
    'qrcode.saved': '圖片已產生',
    'qrcode.caption': '掃一掃在手機開啟當前頁',
    'qrcode.overlay.title': '分享圖片',
    'qrcode.overlay.hint': '長按圖片儲存，或傳送給朋友',
    'qrcode.overlay.alt': '本頁的分享圖片：{title}',
    'qrcode.close': '關閉',
  },
  en: {
    'qrcode.label.page': 'QR code that opens this page on a phone: {url}',
    'qrcode.label.text': 'QR code containing: {text}',
    'qrcode.save': 'Save QR code image',
    'qrcode.saving': 'Making the image…',
    'qrcode.saved': 'Image ready',
    'qrcode.caption': 'Scan to open this page on your phone',
    'qrcode.overlay.title': 'Share image',
    'qrcode.overlay.hint': 'Long-press the image to save it or send it to a friend',
    'qrcode.overlay.alt': 'Share image of this page: {title}',
    'qrcode.close': 'Close',
  },
});

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Fetches one hashed file of this build with its SRI hash: text, JSON or bytes. */
function fetchHashed(entry, as) {
  return fetch(PW.shell.base + entry.file, { integrity: entry.integrity, credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`${entry.file}: HTTP ${response.status}`);
    return as === 'text' ? response.text() : as === 'json' ? response.json() : response.arrayBuffer().then((b) => new Uint8Array(b));
  });
}

/** This build's lazy assets ({purpose: [{name, file, integrity}]}), fetched once (web/package.mjs). */
let assetList = null;
/** Fetches one hashed asset of this build (font slices, their index) with its SRI hash. */
function fetchAsset(purpose, name, as) {
  if (!assetList) {
    assetList = fetchHashed(PW.shell.files.assetList, 'json');
    assetList.catch(() => { assetList = null; });  // a later click may retry
  }
  return assetList.then((assets) => {
    const entry = (assets[purpose] || []).find((a) => a.name === name);
    if (!entry) throw new Error(`this build has no ${purpose} file ${name}`);
    return fetchHashed(entry, as);
  });
}

/** The share-card module with its font index read (memoised). */
let shareCardModule = null;
function shareCard() {
  if (!shareCardModule) {
    shareCardModule = Promise.all([PW.loadModule('share-card'), fetchAsset('font-index', 'share-card-fonts.txt', 'text')])
      .then(([module, index]) => {
        const result = module.call('pw_share_card_set_index', index);
        if (result.errors.length) throw Object.assign(new Error(result.errors[0].message), { pw: result.errors[0] });
        return module;
      });
    shareCardModule.catch(() => { shareCardModule = null; });  // a later click may retry
  }
  return shareCardModule;
}

/** Saves the card at `url` (blob:) as qrcode.png. */
function saveFile(url) {
  PW.h('a', { href: url, download: 'qrcode.png' }).click();
}

/** The bytes of `blob` as a data: URL. */
function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error || new Error('the card could not be read back'));
    reader.readAsDataURL(blob);
  });
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

/** The page's title for the card: ArticleTitle, else the first <h1>, else document.title. */
function pageTitle() {
  return PW.currentArticle().title;
}

class QrCodeElement extends PW.BaseElement {
  static get observedAttributes() {
    return ['text', 'size', 'ecc', 'caption', 'fg', 'bg', 'logo', 'download', 'strip-params', 'render'];
  }

  static get css() {
    return `
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
dialog { max-width: min(92vw, 480px); max-height: 92vh; padding: 16px; border: 0; border-radius: 8px;
  background: var(--pw-surface, #fff); color: var(--pw-text, #1a1a1a); box-shadow: 0 8px 32px rgba(0,0,0,.35); overflow: auto; }
dialog::backdrop { background: rgba(0,0,0,.6); }
dialog img { display: block; width: 100%; height: auto; -webkit-touch-callout: default; user-select: auto; }
dialog h2 { margin: 0 0 8px; font-size: 1.125em; }
dialog p { margin: 8px 0; line-height: 1.5; }
dialog .close { min-height: 44px; min-width: 88px; border: 1px solid currentColor; border-radius: 4px;
  background: var(--pw-surface, #fff); color: var(--pw-text, #1a1a1a); }
@media print { .save, dialog { display: none !important; } }
@media (forced-colors: active) { .save, dialog .close { border-color: ButtonText; } }
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

  /** Builds the share card and hands it over: a download, or an overlay to long-press. */
  async saveCard() {
    if (!this._code || this._busy) return;
    const { result } = this._code;  // the code on screen when the reader asked
    // Removing the element cancels the card (unmount clears _cardRun): what is
    // still loading is dropped, no file is offered and no overlay opens.
    const run = this._cardRun = {};
    const cancelled = () => this._cardRun !== run;
    this._busy = true;
    const button = this._saveButton;
    button.disabled = true;
    this._status.textContent = PW.t('qrcode.saving');
    try {
      const module = await shareCard();
      if (cancelled()) return;
      const title = pageTitle();
      const caption = this.getAttribute('caption') || PW.t('qrcode.caption');
      const site = (PW.config && PW.config.siteName) || '';
      const missing = module.call('pw_share_card_missing_slices', `${site}${title}${caption}`);
      const slices = await Promise.all(missing.map((s) => fetchAsset('font-slice', s.file).then((bytes) => [s, bytes])));
      if (cancelled()) return;
      for (const [slice, bytes] of slices) {
        const ptr = module.raw._malloc(bytes.length);
        if (!ptr) throw new Error(`no memory for font slice ${slice.file} (${bytes.length} bytes)`);
        module.raw.HEAPU8.set(bytes, ptr);
        module.number('pw_share_card_add_font', slice.index, ptr, bytes.length);
      }
      const card = module.call('pw_share_card_render', result.matrix, result.version, title, caption, site, result.fg, result.bg, 720);
      if (!card.ok) {
        if (card.errors.some((e) => e.id === 'pw.sharecard.bad_font')) module.number('pw_share_card_drop_fonts');
        for (const error of card.errors) PW.reportError(this, error);
        return;
      }
      const png = module.bytes(card.ptr, card.length);
      const blob = new Blob([png], { type: 'image/png' });
      const coarse = !!(window.matchMedia && window.matchMedia('(pointer: coarse)').matches);
      const method = this._qr.string('pw_qrcode_save_method', navigator.userAgent, coarse);
      if (this._url) URL.revokeObjectURL(this._url);
      this._url = URL.createObjectURL(blob);
      if (method === 'download') {
        saveFile(this._url);
      } else {
        // A data: URL, not the blob: one: in-app browsers' long-press "save image" fetches
        // the image's URL again outside the page, which a blob: URL does not survive.
        // The page's CSP must allow it: img-src data: (README, "Deploying dist/").
        const url = await dataUrl(blob);
        if (cancelled()) return;
        this.showOverlay(url, this._url, title);
      }
      this._status.textContent = PW.t('qrcode.saved');
      PW.fire(this, 'pw-qrcode-card', { method, width: card.width, height: card.height, bytes: card.length, missingGlyphs: card.missing });
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

  /** The card as an image to long-press; `fileUrl` (blob:) backs the link shown if the image is blocked. */
  showOverlay(url, fileUrl, title) {
    const close = PW.h('button', { type: 'button', class: 'close', onclick: () => dialog.close() }, PW.t('qrcode.close'));
    const heading = PW.h('h2', { id: 'pw-qr-overlay-title' }, PW.t('qrcode.overlay.title'));
    const hint = PW.h('p', null, PW.t('qrcode.overlay.hint'));
    const img = PW.h('img', { alt: PW.t('qrcode.overlay.alt', { title }) });
    img.addEventListener('error', () => {
      // Most often a Content-Security-Policy whose img-src leaves out data:.
      PW.reportError(this, {
        id: 'pw.qrcode.card_blocked', source: 'download',
        message: 'the share card image could not be shown, most likely because the page\'s Content-Security-Policy does not allow data: images; expected img-src to include data: (img-src \'self\' data:). A download link is offered instead',
      });
      img.remove();
      // A detached link, as for the desktop download (a link inside the shadow root's dialog
      // does not start a download in Chromium).
      hint.replaceChildren(PW.h('button', { type: 'button', class: 'close', onclick: () => saveFile(fileUrl) }, PW.t('qrcode.save')));
    }, { once: true });
    img.src = url;
    const dialog = PW.h('dialog', { 'aria-labelledby': 'pw-qr-overlay-title', part: 'overlay' },
      heading, img, hint, close);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (this._saveButton) this._saveButton.focus();
    });
    dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
    this.shadowRoot.append(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    close.focus();
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
