// Readers in every state (docs/accessibility.md): the demo page with every widget in
// every state it can reach, in the light scheme and in the opt-in dark scheme
// (data-color-scheme="auto" with prefers-color-scheme: dark):
//   - axe-core: no violations with the dialog open (dialog and mark modes), at each
//     font level, with the related list loaded, empty and failed, the QR code, the
//     share-card overlay and its download fallback;
//   - a keyboard-only walk that changes the level, opens and dismisses the dialog,
//     opens and closes the share card and follows a related link, with a visible
//     focus indicator (outline or box-shadow) on every stop;
//   - forced colours: every control keeps a visible box, text and edge; the QR code
//     still scans (zbarimg on a screenshot);
//   - 200 % zoom (a 1280 px window at 200 %: 640 CSS px) and a 360 px phone: the
//     widgets stay in the viewport, their controls do not overlap and no text is
//     clipped; screenshots are kept in $OUT/test-results/readers/ (build/ by default);
//   - a phone viewport: every touch target of the widgets is at least 44 x 44 CSS px;
//   - the dark scheme: every text of every widget at least 4.5:1, the QR code dark
//     modules on a light quiet zone; the default stays light.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MODE, ROOT, axe, decodeQr, openBrowser, ready } from './helpers.mjs';

// Test artefacts live with the build output (OUT, as scripts/test.sh sets it), never in the tree.
const SHOTS = resolve(ROOT, process.env.OUT || 'build', 'test-results', 'readers');
mkdirSync(SHOTS, { recursive: true });

const WECHAT = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) NetType/WIFI Language/zh_CN';
const DINGTALK = 'Mozilla/5.0 (Linux; U; Android 12; zh-CN; PEHM00 Build/SKQ1.210216.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 Mobile Safari/537.36 AliApp(DingTalk/7.0.40) DingTalk(7.0.40)';
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const SCHEMES = [
  { name: 'light', attribute: null, media: 'light' },
  // The default stays light even where the reader prefers dark.
  { name: 'light-default-on-dark-system', attribute: null, media: 'dark' },
  { name: 'dark', attribute: 'auto', media: 'dark' },
];

/** Decodes a PNG with zbarimg; returns the text ('' when nothing was found). */
function zbar(png, name) {
  const file = join(SHOTS, `${name}.png`);
  writeFileSync(file, png);
  try {
    return execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8' }).replace(/\n$/, '');
  } catch (error) {
    return '';
  }
}

/**
 * Opens the demo with script-tag attributes added (`attributes`), the related feed
 * answered by `feed` ('ok' as served, 'empty', 'error'), and the related fallback
 * list removed when `noFallback` (so "empty" shows the widget's own message).
 */
async function demo(env, { attributes = {}, feed = 'ok', noFallback = false, media = 'light', context = {}, path = '/' } = {}) {
  const page = await env.page(null, { context: { colorScheme: media, ...context } });
  await page.route((u) => u.pathname === '/' || u.pathname === '/index.html', async (route) => {
    const response = await route.fetch();
    let body = await response.text();
    const extra = Object.entries(attributes).filter(([, v]) => v != null).map(([k, v]) => ` ${k}="${v}"`).join('');
    body = body.replace('data-allow="*.gov.cn"', `data-allow="*.gov.cn"${extra}`);
    if (noFallback) body = body.replace(/<ul class="related-fallback">[\s\S]*?<\/ul>/, '');
    await route.fulfill({ response, body });
  });
  if (feed !== 'ok') {
    await page.route(/\/feeds\/column-zcjd\.json$/, (route) => (feed === 'empty'
      ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1, "articles": []}' })
      : route.fulfill({ status: 500, contentType: 'text/plain', body: 'server error' })));
  }
  await page.goto(new URL(path, env.url).href);
  const result = await ready(page);
  assert.equal(result.mode, MODE);
  await related(page);
  return page;
}

/** Brings <pw-related> near the viewport (it loads lazily) and waits until it has settled. */
async function related(page) {
  await page.evaluate(async () => {
    const el = document.querySelector('pw-related');
    el.scrollIntoView({ block: 'center' });
    await el.ready;
    window.scrollTo(0, 0);
  });
}

/** Opens the leave dialog by clicking an external link; returns the link's locator. */
async function openDialog(page) {
  const link = page.locator('a[href="https://www.example.com/"]');
  await link.click();
  await page.locator('pw-leave-dialog .cancel').waitFor();
  return link;
}

/** Opens the share card's overlay (WeChat shows the card as an image to long-press). */
async function openOverlay(page) {
  await page.locator('pw-qrcode .save').click();
  await page.locator('pw-qrcode dialog').waitFor({ state: 'visible' });
}

/**
 * Colour arithmetic run in the page (WCAG 2.x relative luminance and contrast ratio):
 * parse a computed colour, composite the translucent backgrounds behind an element
 * up through shadow roots to the first opaque one (the canvas is white below all).
 * Passed to page.evaluate as source (in-page helpers cannot be imported).
 */
function colourKit() {
  const parse = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
  };
  const parent = (node) => node.parentElement || (node.parentNode && node.parentNode.host) || null;
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = parent(node)) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let out = { r: 255, g: 255, b: 255 };
    for (const c of layers.reverse()) out = { r: c.r * c.a + out.r * (1 - c.a), g: c.g * c.a + out.g * (1 - c.a), b: c.b * c.a + out.b * (1 - c.a) };
    return out;
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  return { parse, parent, background, ratio };
}

/** Runs `fn(colourKit())` in the page. */
const withColours = (page, fn) => page.evaluate(`(${fn})((${colourKit})())`);

/**
 * Every control and text run the widgets draw, measured in the page: for each, its
 * box, its colours, the colour behind it, its contrast and its overflow, and
 * `covered` when a modal (the leave dialog, the share card's overlay) is open and the
 * element is not in it (behind the backdrop: neither read nor touched then).
 */
const widgetFacts = (page) => withColours(page, ({ parse, background, ratio }) => {
  const hosts = [...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related, pw-leave-dialog')];
  const modal = document.querySelector('pw-leave-dialog') ||
    hosts.map((h) => h.shadowRoot && h.shadowRoot.querySelector('dialog[open]')).find(Boolean) || null;
  const out = [];
  for (const host of hosts) {
    const root = host.shadowRoot;
    if (!root) continue;
    const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    for (const el of root.querySelectorAll('*')) {
      if (!visible(el) || el.closest('svg') || el.classList.contains('pw-visually-hidden')) continue;
      const direct = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join('');
      const control = el.matches('a[href], button, select, input, [tabindex]');
      if (!direct && !control) continue;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const fg = parse(s.color);
      const bg = background(el);
      out.push({
        widget: host.localName,
        tag: el.localName + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''),
        text: direct.slice(0, 24),
        control,
        box: { x: r.x, y: r.y, w: r.width, h: r.height },
        contrast: direct && fg ? Math.round(ratio(fg, bg) * 100) / 100 : null,
        color: s.color,
        background: `rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)})`,
        clipped: s.textOverflow !== 'ellipsis' && (el.scrollWidth > el.clientWidth + 1 && ['hidden', 'clip'].includes(s.overflowX)),
        ellipsis: s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1,
        name: el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent.trim(),
        border: s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) > 0 ? s.borderTopColor : null,
        covered: !!modal && !(modal.localName === 'pw-leave-dialog' ? host === modal : modal.contains(el)),
      });
    }
  }
  return out;
});

/**
 * The focused element, through shadow roots, with its focus indicator and, for an
 * outline, the indicator's contrast against what is around the element (the outline
 * is drawn outside it, over its parent's background).
 */
const focusFacts = (page) => withColours(page, ({ parse, parent, background, ratio }) => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const hasOutline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const outline = hasOutline ? `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : '';
  const shadow = s.boxShadow !== 'none' ? s.boxShadow : '';
  const r = el.getBoundingClientRect();
  const host = el.getRootNode().host;
  const around = parent(el) ? background(parent(el)) : { r: 255, g: 255, b: 255 };
  return {
    tag: el.localName,
    text: (el.getAttribute('aria-label') || el.textContent || el.getAttribute('alt') || el.value || '').trim().slice(0, 30),
    widget: host ? host.localName : null,
    cls: typeof el.className === 'string' ? el.className : '',
    href: el.getAttribute('href'),
    indicator: outline || shadow,
    indicatorContrast: hasOutline && parse(s.outlineColor) ? Math.round(ratio(parse(s.outlineColor), around) * 100) / 100 : null,
    inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
  };
});

/** Presses Tab until `match(focus)` holds (at most `limit` presses); checks every stop shows focus. */
async function tabTo(page, match, stops, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusFacts(page);
    if (!focus) continue;
    stops.push(focus);
    if (match(focus)) return focus;
  }
  throw new Error(`Tab never reached the wanted control; stops: ${stops.slice(-8).map((s) => `${s.tag} ${s.text}`).join(' | ')}`);
}

/** The widgets' controls smaller than 44 x 44 CSS px, as "widget tag "text" WxH". */
const smallTargets = (facts) => facts.filter((f) => f.control && (f.box.w < 44 || f.box.h < 44))
  .map((f) => `${f.widget} ${f.tag} "${f.text}" ${Math.round(f.box.w)}x${Math.round(f.box.h)}`);

const rectsOverlap = (a, b) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;

describe('readers in every state', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  /** The surfaces a scheme gives: the inline widgets' boxes, and the panels of the two dialogs. */
  const DARK = 'rgb(32, 33, 36)';
  const surfacesOf = (page) => page.evaluate(() => {
    const bg = (el) => (el ? getComputedStyle(el).backgroundColor : null);
    const root = (name) => document.querySelector(name) && document.querySelector(name).shadowRoot;
    return {
      widgets: ['pw-font-size', 'pw-qrcode', 'pw-related'].map((n) => bg(document.querySelector(n))),
      dialog: bg(root('pw-leave-dialog') && root('pw-leave-dialog').querySelector('.panel')),
      overlay: bg(root('pw-qrcode').querySelector('dialog')),
      config: window.PortalWidgets.config.colorScheme,
    };
  });

  /**
   * The QR code as the reader's phone sees it: an <img> whose PNG (a data: URL) decodes
   * to the page's URL (zbarimg and ZXingReader, tests/web/helpers.mjs), drawn only in
   * black and white with a white quiet zone (its corner pixels), whatever the scheme.
   */
  async function assertQrImage(page, label) {
    const facts = await page.locator('pw-qrcode .code > img').evaluate(async (img) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
      const at = (x, y) => { const i = (y * canvas.width + x) * 4; return `${data[i]},${data[i + 1]},${data[i + 2]}`; };
      const w = canvas.width - 1;
      const h = canvas.height - 1;
      return { src: img.src, colours: [...colours].sort(), corners: [at(0, 0), at(w, 0), at(0, h), at(w, h)] };
    });
    assert.match(facts.src, /^data:image\/png;base64,/, label);
    assert.deepEqual(facts.colours, ['0,0,0,255', '255,255,255,255'], `${label}: black modules on white, nothing else`);
    assert.deepEqual(facts.corners, Array(4).fill('255,255,255'), `${label}: a light quiet zone`);
    const png = Buffer.from(facts.src.slice(facts.src.indexOf(',') + 1), 'base64');
    writeFileSync(join(SHOTS, `qr-image-${label.replace(/[^a-z0-9]+/gi, '-')}.png`), png);
    assert.equal(decodeQr(png), await page.evaluate(() => location.href), `${label}: the image decodes to the page's URL`);
  }

  /** The widgets' texts below 4.5:1 against what is behind them (computed, see widgetFacts). */
  async function assertContrast(page, label, atLeast = 1) {
    const facts = await widgetFacts(page);
    const measured = facts.filter((f) => f.contrast !== null && !f.covered);
    assert.ok(measured.length >= atLeast, `${label}: ${measured.length} texts measured`);
    assert.deepEqual(measured.filter((f) => f.contrast < 4.5), [], `${label}: texts below 4.5:1`);
  }

  // One test per scheme; every state of that scheme on as few pages as it can:
  // axe-core, the computed contrast of every widget text, and the scheme's colours.
  for (const scheme of SCHEMES) {
    const dark = scheme.attribute === 'auto' && scheme.media === 'dark';
    // The in-app browser the code is an image in: WeChat in the light schemes, DingTalk in the dark one.
    const [app, userAgent] = dark ? ['DingTalk', DINGTALK] : ['WeChat', WECHAT];
    test(`every state, ${scheme.name}: axe-core finds nothing, every text at least 4.5:1, ${dark ? 'dark' : 'light'} surfaces`, async () => {
      const options = { attributes: { 'data-color-scheme': scheme.attribute }, media: scheme.media };
      const page = await demo(env, options);
      const check = async (p, state, atLeast) => {
        assert.deepEqual(await axe(p), [], `${scheme.name}: ${state}`);
        await assertContrast(p, `${scheme.name}: ${state}`, atLeast);
      };
      await check(page, 'first view: QR code, related list loaded', 10);
      const first = await surfacesOf(page);
      assert.equal(first.config, scheme.attribute || 'light');
      assert.deepEqual(first.widgets, Array(3).fill(dark ? DARK : 'rgba(0, 0, 0, 0)'), 'the widgets\' surfaces');
      // The SVG code keeps dark modules on its light quiet zone, and scans.
      assert.deepEqual(await page.evaluate(() => {
        const root = document.querySelector('pw-qrcode').shadowRoot;
        return { bg: root.querySelector('.code rect').getAttribute('fill'), fg: root.querySelector('.code path').getAttribute('fill') };
      }), { bg: '#fff', fg: '#000' });
      assert.equal(zbar(await page.locator('pw-qrcode .code').screenshot(), `qr-${scheme.name}`), await page.evaluate(() => location.href));
      const levels = await page.locator('pw-font-size button').count();
      assert.ok(levels >= 3);
      for (let i = 0; i < levels; i++) {
        await page.locator('pw-font-size button').nth(i).click();
        await check(page, `font level ${i + 1} of ${levels}`, 10);
      }
      await openDialog(page);
      await check(page, 'leave dialog open', 4);
      assert.equal((await surfacesOf(page)).dialog, dark ? DARK : 'rgb(255, 255, 255)', 'the dialog\'s panel');
      await page.screenshot({ path: join(SHOTS, `dialog-${scheme.name}.png`) });
      await page.context().close();

      const mark = await demo(env, { ...options, attributes: { ...options.attributes, 'data-leave': 'mark' } });
      assert.equal(await mark.locator('a[href="https://www.example.com/"] [data-pw-external]').count(), 1, 'the external link is marked');
      assert.equal(await mark.evaluate(() => getComputedStyle(document.querySelector('[data-pw-external]')).backgroundColor), 'rgba(0, 0, 0, 0)', 'the mark follows the link');
      await check(mark, 'mark mode', 10);
      await mark.context().close();

      const empty = await demo(env, { ...options, feed: 'empty', noFallback: true });
      assert.equal(await empty.locator('pw-related .empty').count(), 1, 'the empty message is shown');
      await check(empty, 'related list empty');
      await empty.context().close();
      const failed = await demo(env, { ...options, feed: 'error' });
      assert.ok(await failed.locator('pw-related .related-fallback a').count() > 0, 'the fallback list stays');
      await check(failed, 'related feed failed');
      assert.equal(await failed.evaluate(() => getComputedStyle(document.querySelector('pw-related')).backgroundColor), 'rgba(0, 0, 0, 0)',
        'the page\'s fallback list keeps the page\'s colours');
      await failed.context().close();

      const phone = await demo(env, { ...options, context: { ...PHONE, userAgent } });
      assert.equal(await phone.locator('pw-qrcode .code > img').count(), 1, `the code is an image in ${app}`);
      assert.equal(await phone.locator('pw-qrcode .code svg').count(), 0, `no SVG in ${app}`);
      await assertQrImage(phone, `${app} ${scheme.name}`);
      await check(phone, `QR image in ${app}`);
      await openOverlay(phone);
      await phone.locator('pw-qrcode dialog img').evaluate((img) => img.decode());
      await check(phone, 'share-card overlay', 3);
      assert.equal((await surfacesOf(phone)).overlay, dark ? DARK : 'rgb(255, 255, 255)', 'the overlay\'s surface');
      await phone.screenshot({ path: join(SHOTS, `overlay-${scheme.name}.png`) });
      await phone.context().close();
    });
  }

  test('the download fallback when CSP blocks data: images, in every scheme: axe-core, contrast, 44 px targets', async (t) => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self'";
    const strict = await openBrowser(t, { headers: (path) => (path === '/' || path.endsWith('.html') ? { 'content-security-policy': csp } : {}) });
    for (const scheme of SCHEMES) {
      const page = await demo(strict, { attributes: { 'data-color-scheme': scheme.attribute }, media: scheme.media, context: { ...PHONE, userAgent: WECHAT } });
      // The code's image is blocked too: it is drawn as SVG.
      assert.equal(await page.locator('pw-qrcode .code > svg').count(), 1);
      await openOverlay(page);
      await page.locator('pw-qrcode dialog p button').waitFor();
      assert.deepEqual(await axe(page), [], `${scheme.name}: download fallback`);
      await assertContrast(page, `${scheme.name}: download fallback`, 3);
      assert.deepEqual(smallTargets(await widgetFacts(page)), [], `${scheme.name}: download fallback`);
      await page.screenshot({ path: join(SHOTS, `download-fallback-${scheme.name}.png`) });
      await page.context().close();
    }
  });

  test('the dark scheme follows the reader\'s system while the page is open, only when opted in', async () => {
    const page = await demo(env, { attributes: { 'data-color-scheme': 'auto' }, media: 'light' });
    const light = Array(3).fill('rgba(0, 0, 0, 0)');
    assert.deepEqual((await surfacesOf(page)).widgets, light, 'auto on a light system: light');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual((await surfacesOf(page)).widgets, Array(3).fill(DARK), 'the system turns dark: dark');
    await assertContrast(page, 'auto, turned dark', 10);
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual((await surfacesOf(page)).widgets, light, 'and back');
    await page.context().close();
  });

  for (const scheme of [SCHEMES[0], SCHEMES[2]]) {
    test(`keyboard only: every task, with visible focus at every stop (${scheme.name})`, async () => {
      // WeChat's user agent, so the share card opens in its overlay (a keyboard can close it).
      const page = await demo(env, { attributes: { 'data-color-scheme': scheme.attribute }, media: scheme.media, context: { userAgent: WECHAT } });
      const stops = [];
      // 1. Change the level: 大.
      const before = await page.evaluate(() => document.querySelector('pw-font-size').level);
      await tabTo(page, (f) => f.widget === 'pw-font-size' && f.text.startsWith('大'), stops);
      await page.keyboard.press('Enter');
      const larger = await page.evaluate(() => document.querySelector('pw-font-size').level);
      assert.ok(larger > before, `the level went from ${before} to ${larger}`);
      // 2. Open the leave dialog from an external link and dismiss it; focus comes back.
      await tabTo(page, (f) => f.href === 'https://www.example.com/', stops, 400);
      await page.keyboard.press('Enter');
      await page.locator('pw-leave-dialog .cancel').waitFor();
      const inDialog = await focusFacts(page);
      stops.push(inDialog);
      assert.equal(inDialog.widget, 'pw-leave-dialog');
      await page.keyboard.press('Tab');
      stops.push(await focusFacts(page));
      assert.equal(stops.at(-1).widget, 'pw-leave-dialog', 'Tab stays in the dialog');
      await page.keyboard.press('Escape');
      await page.locator('pw-leave-dialog').waitFor({ state: 'detached' });
      assert.equal((await focusFacts(page)).href, 'https://www.example.com/');
      assert.equal(page.url(), new URL('/', env.url).href, 'dismissed: the page stayed');
      // 3. Open and close the share card (Shift+Tab back up to it).
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Shift+Tab');
        const f = await focusFacts(page);
        if (f) stops.push(f);
        if (f && f.widget === 'pw-qrcode' && f.cls.includes('save')) break;
      }
      assert.equal(stops.at(-1).cls, 'save');
      await page.keyboard.press('Enter');
      await page.locator('pw-qrcode dialog').waitFor({ state: 'visible' });
      stops.push(await focusFacts(page));
      assert.equal(stops.at(-1).cls, 'close', 'focus moves to 关闭');
      await page.keyboard.press('Escape');
      await page.locator('pw-qrcode dialog').waitFor({ state: 'detached' });
      assert.equal((await focusFacts(page)).cls, 'save', 'focus returns to the button');
      // 4. Follow a related link.
      const link = await tabTo(page, (f) => f.widget === 'pw-related' && f.tag === 'a', stops);
      await Promise.all([page.waitForURL((u) => u.pathname !== '/'), page.keyboard.press('Enter')]);
      assert.equal(new URL(page.url()).pathname, new URL(link.href, env.url).pathname);
      // Every stop had a visible focus indicator and was scrolled into view.
      const unseen = stops.filter((s) => !s.indicator || !s.inView);
      assert.deepEqual(unseen, [], `${scheme.name}: stops without a visible focus indicator`);
      // The widgets' own focus ring stands out from what is around it: at least 3:1 (WCAG 1.4.11).
      const widgetStops = stops.filter((s) => s.widget);
      assert.ok(widgetStops.length >= 6, `${widgetStops.length} stops in the widgets`);
      const faint = widgetStops.filter((s) => s.indicatorContrast === null || s.indicatorContrast < 3);
      assert.deepEqual(faint, [], `${scheme.name}: widget focus rings below 3:1`);
      assert.ok(stops.length > 20, `${stops.length} stops`);
    });
  }

  test('forced colours: every control keeps a visible box, text and edge; the QR code scans', async () => {
    const page = await demo(env, { context: { userAgent: WECHAT } });
    await page.emulateMedia({ forcedColors: 'active' });
    const url = await page.evaluate(() => location.href);
    assert.equal(zbar(await page.locator('pw-qrcode .code').screenshot(), 'qr-forced-colors-img'), url);
    const svgPage = await demo(env);
    await svgPage.emulateMedia({ forcedColors: 'active' });
    assert.equal(zbar(await svgPage.locator('pw-qrcode .code').screenshot(), 'qr-forced-colors-svg'), url);
    await openDialog(svgPage);
    await svgPage.screenshot({ path: join(SHOTS, 'forced-colors-dialog.png') });
    const facts = await widgetFacts(svgPage);
    const controls = facts.filter((f) => f.control);
    assert.ok(controls.length >= 10, `${controls.length} controls`);
    for (const f of controls) {
      assert.ok(f.box.w >= 1 && f.box.h >= 1, `${f.widget} ${f.tag} "${f.text}" has a box`);
      assert.notEqual(f.color, f.background, `${f.widget} ${f.tag} "${f.text}": its text is not the colour behind it`);
    }
    // Buttons keep an edge (a border in a system colour) so they read as buttons.
    for (const f of controls.filter((c) => c.tag.startsWith('button') && c.widget !== 'pw-font-size')) {
      assert.ok(f.border, `${f.widget} ${f.tag} "${f.text}" has a border`);
    }
    const texts = facts.filter((f) => f.contrast !== null && f.contrast < 4.5);
    assert.deepEqual(texts, [], 'every text readable in forced colours');
    // The share card's overlay (WeChat): its 关闭 keeps a box, text and edge.
    await openOverlay(page);
    await page.screenshot({ path: join(SHOTS, 'forced-colors-overlay.png') });
    const overlay = (await widgetFacts(page)).filter((f) => f.control && f.tag.startsWith('button.close'));
    assert.equal(overlay.length, 1, 'the overlay\'s 关闭 is measured');
    for (const f of overlay) {
      assert.ok(f.box.w >= 44 && f.box.h >= 44 && f.border && f.color !== f.background && f.contrast >= 4.5, `关闭 in forced colours: ${JSON.stringify(f)}`);
    }
  });

  const layouts = [
    // A 1280 x 900 window zoomed to 200 %: the page lays out in 640 x 450 CSS px.
    { name: 'zoom-200', context: { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 } },
    // WeChat's user agent: the code is an image and the share card opens in its overlay.
    { name: 'phone-360', context: { ...PHONE, userAgent: WECHAT } },
  ];
  for (const layout of layouts) {
    for (const scheme of [SCHEMES[0], SCHEMES[2]]) {
      test(`${layout.name} (${scheme.name}): widgets in the viewport, no overlap, no clipped text`, async () => {
        const page = await demo(env, { attributes: { 'data-color-scheme': scheme.attribute }, media: scheme.media, context: layout.context });
        const check = async (state) => {
          const facts = await widgetFacts(page);
          const width = await page.evaluate(() => document.documentElement.clientWidth);
          const label = `${layout.name} ${scheme.name} ${state}`;
          for (const f of facts) {
            assert.ok(f.box.x >= -0.5 && f.box.x + f.box.w <= width + 0.5, `${label}: ${f.widget} ${f.tag} "${f.text}" is outside the viewport (${JSON.stringify(f.box)})`);
            assert.equal(f.clipped, false, `${label}: ${f.widget} ${f.tag} "${f.text}" is clipped`);
            // A title cut with an ellipsis keeps its full text as the link's name.
            if (f.ellipsis) assert.ok(f.name.length > 0, `${label}: ${f.tag} is cut and unnamed`);
          }
          const controls = facts.filter((f) => f.control && !f.covered);
          for (let i = 0; i < controls.length; i++) {
            for (let j = i + 1; j < controls.length; j++) {
              assert.ok(!rectsOverlap(controls[i].box, controls[j].box), `${label}: ${controls[i].widget} "${controls[i].text}" overlaps "${controls[j].text}"`);
            }
          }
          return facts;
        };
        for (const selector of ['pw-font-size', 'pw-related', 'pw-qrcode']) {
          await page.locator(selector).scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(SHOTS, `${layout.name}-${scheme.name}-${selector}.png`) });
        }
        await check('page');
        // The widest level.
        await page.locator('pw-font-size button').first().click();
        await check('largest level');
        await page.locator('pw-font-size').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `${layout.name}-${scheme.name}-largest.png`) });
        await page.locator('pw-font-size button').last().click();
        await openDialog(page);
        await check('leave dialog');
        const panel = await page.evaluate(() => {
          const r = document.querySelector('pw-leave-dialog').shadowRoot.querySelector('.panel').getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight };
        });
        assert.ok(panel.x >= 0 && panel.x + panel.w <= panel.vw && panel.y >= 0 && panel.y + panel.h <= panel.vh, `the dialog fits: ${JSON.stringify(panel)}`);
        await page.screenshot({ path: join(SHOTS, `${layout.name}-${scheme.name}-dialog.png`) });
        if (layout.name.startsWith('phone')) {
          await page.keyboard.press('Escape');
          await page.locator('pw-leave-dialog').waitFor({ state: 'detached' });
          await openOverlay(page);
          await page.locator('pw-qrcode dialog img').evaluate((img) => img.decode());
          await check('share-card overlay');
          const overlay = await page.evaluate(() => {
            const d = document.querySelector('pw-qrcode').shadowRoot.querySelector('dialog');
            const r = d.getBoundingClientRect();
            const img = d.querySelector('img').getBoundingClientRect();
            return { x: r.x, y: r.y, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight, img: { x: img.x, w: img.width } };
          });
          assert.ok(overlay.x >= 0 && overlay.x + overlay.w <= overlay.vw && overlay.y >= 0 && overlay.y + overlay.h <= overlay.vh, `the overlay fits: ${JSON.stringify(overlay)}`);
          assert.ok(overlay.img.x >= overlay.x && overlay.img.x + overlay.img.w <= overlay.x + overlay.w + 0.5, `the card image is not cut: ${JSON.stringify(overlay)}`);
          await page.screenshot({ path: join(SHOTS, `${layout.name}-${scheme.name}-overlay.png`) });
        }
        await page.context().close();
      });
    }
  }

  test('phone: every touch target of the widgets is at least 44 x 44 CSS px', async () => {
    const page = await demo(env, { context: { ...PHONE, userAgent: WECHAT } });
    const first = await widgetFacts(page);
    assert.ok(first.filter((f) => f.control).length >= 10);
    assert.deepEqual(smallTargets(first), [], 'page');
    await openDialog(page);
    assert.deepEqual(smallTargets(await widgetFacts(page)), [], 'leave dialog');
    await page.keyboard.press('Escape');
    await page.locator('pw-leave-dialog').waitFor({ state: 'detached' });
    await openOverlay(page);
    assert.deepEqual(smallTargets(await widgetFacts(page)), [], 'share-card overlay');
  });
});
