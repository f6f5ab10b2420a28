// The share card (save-as-image) of <pw-qrcode download>: the code that builds
// the card (core/share_card.cpp, through the share-card module) and hands it
// over as a download or an overlay to long-press. Not in qrcode.<hash>.js: the
// element fetches this file on the first click of its save button
// (qrcode.element.js, loadShareCard), so a page that shows a code but is never
// asked for a card does not carry it. The share-card .wasm, its plain-JS build,
// its name table and the font slices' list are named here, not in the element's
// file (web/package.mjs, "lazy parts").
//
// This file's body runs as a function of PW (web/package.mjs); what it returns
// is what loadShareCard() resolves to: makeCard(element, cancelled), which
// resolves once the card is saved or shown, and rejects with the error to
// report (its stable id in error.pw when the share-card module gave one).

PW.addStrings({
  'zh-Hans': {
    'qrcode.saved': '图片已生成',
    'qrcode.caption': '扫一扫在手机打开当前页',
    'qrcode.overlay.title': '分享图片',
    'qrcode.overlay.hint': '长按图片保存，或发送给朋友',
    'qrcode.overlay.alt': '本页的分享图片：{title}',
    'qrcode.close': '关闭',
  },
  'zh-Hant': {
    'qrcode.saved': '圖片已產生',
    'qrcode.caption': '掃一掃在手機開啟當前頁',
    'qrcode.overlay.title': '分享圖片',
    'qrcode.overlay.hint': '長按圖片儲存，或傳送給朋友',
    'qrcode.overlay.alt': '本頁的分享圖片：{title}',
    'qrcode.close': '關閉',
  },
  en: {
    'qrcode.saved': 'Image ready',
    'qrcode.caption': 'Scan to open this page on your phone',
    'qrcode.overlay.title': 'Share image',
    'qrcode.overlay.hint': 'Long-press the image to save it or send it to a friend',
    'qrcode.overlay.alt': 'Share image of this page: {title}',
    'qrcode.close': 'Close',
  },
});

// The overlay's rules, added to the element's shadow root beside its own
// stylesheet when the overlay first opens (the dark palette's custom
// properties are already on the element's :host).
const OVERLAY_CSS = /* css */ `
dialog { max-width: min(92vw, 480px); max-height: 92vh; padding: 16px; border: 0; border-radius: 8px;
  background: var(--pw-surface, #fff); color: var(--pw-text, #1a1a1a); box-shadow: 0 8px 32px rgba(0,0,0,.35); overflow: auto; }
dialog::backdrop { background: rgba(0,0,0,.6); }
dialog img { display: block; width: 100%; height: auto; -webkit-touch-callout: default; user-select: auto; }
dialog h2 { margin: 0 0 8px; font-size: 1.125em; }
dialog p { margin: 8px 0; line-height: 1.5; }
dialog .close { min-height: 44px; min-width: 88px; border: 1px solid currentColor; border-radius: 4px;
  background: var(--pw-surface, #fff); color: var(--pw-text, #1a1a1a); }
@media print { dialog { display: none !important; } }
@media (forced-colors: active) { dialog .close { border-color: ButtonText; } }
`;

/** Adds the overlay's stylesheet to `root` once (a <style> where constructable stylesheets are missing). */
function addOverlayStyles(root) {
  const sheet = PW.sheet(OVERLAY_CSS);
  if (sheet && 'adoptedStyleSheets' in root) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (![...root.querySelectorAll('style')].some((style) => style.textContent === OVERLAY_CSS)) {
    root.append(PW.h('style', null, OVERLAY_CSS));
  }
}

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

/** The card as an image to long-press in `el`'s shadow root; `fileUrl` (blob:) backs the link shown if the image is blocked. */
function showOverlay(el, url, fileUrl, title) {
  addOverlayStyles(el.shadowRoot);
  const close = PW.h('button', { type: 'button', class: 'close', onclick: () => dialog.close() }, PW.t('qrcode.close'));
  const heading = PW.h('h2', { id: 'pw-qr-overlay-title' }, PW.t('qrcode.overlay.title'));
  const hint = PW.h('p', null, PW.t('qrcode.overlay.hint'));
  const img = PW.h('img', { alt: PW.t('qrcode.overlay.alt', { title }) });
  img.addEventListener('error', () => {
    // Most often a Content-Security-Policy whose img-src leaves out data:.
    PW.reportError(el, {
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
    if (el._saveButton) el._saveButton.focus();
  });
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
  el.shadowRoot.append(dialog);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  close.focus();
}

/**
 * Builds the share card of the code `el` shows (el._code, el._qr) and hands it
 * over: a download, or an overlay to long-press. Stops quietly once
 * cancelled() (the element left the page: no file offered, no overlay).
 */
async function makeCard(el, cancelled) {
  const { result } = el._code;  // the code on screen when the reader asked
  const module = await shareCard();
  if (cancelled()) return;
  const title = PW.currentArticle().title;
  const caption = el.getAttribute('caption') || PW.t('qrcode.caption');
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
    for (const error of card.errors) PW.reportError(el, error);
    return;
  }
  const png = module.bytes(card.ptr, card.length);
  const blob = new Blob([png], { type: 'image/png' });
  const coarse = !!(window.matchMedia && window.matchMedia('(pointer: coarse)').matches);
  const method = el._qr.string('pw_qrcode_save_method', navigator.userAgent, coarse);
  if (el._url) URL.revokeObjectURL(el._url);
  el._url = URL.createObjectURL(blob);
  if (method === 'download') {
    saveFile(el._url);
  } else {
    // A data: URL, not the blob: one: in-app browsers' long-press "save image" fetches
    // the image's URL again outside the page, which a blob: URL does not survive.
    // The page's CSP must allow it: img-src data: (docs/embed.md, docs/qrcode.md).
    const url = await dataUrl(blob);
    if (cancelled()) return;
    showOverlay(el, url, el._url, title);
  }
  el._status.textContent = PW.t('qrcode.saved');
  PW.fire(el, 'pw-qrcode-card', { method, width: card.width, height: card.height, bytes: card.length, missingGlyphs: card.missing });
}

return makeCard;
