// <pw-qrcode>: the rendered code scans (zbarimg and ZXingReader read screenshots),
// with a logo too; the download and the overlay both yield a share card that scans;
// bad attributes give the contract's errors; axe-core finds no violations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axe, decodeQr as decode, DIST, manifest, openBrowser, ready, WASM_ONLY } from './helpers.mjs';

const WECHAT = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) NetType/WIFI Language/zh_CN';
const DINGTALK = 'Mozilla/5.0 (Linux; U; Android 12; zh-CN; PEHM00 Build/SKQ1.210216.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 Mobile Safari/537.36 AliApp(DingTalk/7.0.40) DingTalk(7.0.40)';

describe('pw-qrcode', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  test('the demo page code decodes to the page URL', async () => {
    const page = await env.page('/?utm_source=newsletter#comments');
    const result = await ready(page);
    // Other widgets on the demo are not this file's business; no QR code error is.
    assert.deepEqual(result.errors.filter((e) => e.id.startsWith('pw.qrcode')), []);
    const expected = await page.evaluate(() => {
      const u = new URL(location.href);
      u.hash = '';
      u.searchParams.delete('utm_source');
      return u.href.replace(/\?$/, '');
    });
    const shot = await page.locator('pw-qrcode .code').first().screenshot();
    assert.equal(decode(shot), expected);
    assert.deepEqual(page.pageErrors, []);
  });

  test('a same-site canonical link wins; Chinese text, a logo and colours all scan', async () => {
    const page = await env.page('/tests/qrcode/basic.html?utm_medium=x#top');
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    const origin = new URL(env.url).origin;
    assert.equal(decode(await page.locator('#page .code').screenshot()), `${origin}/tests/qrcode/basic.html?id=42`);
    assert.equal(decode(await page.locator('#chinese .code').screenshot()), '扫一扫在手机打开当前页：测试县人民政府');
    assert.equal(decode(await page.locator('#logo .code').screenshot()), `${origin}/tests/qrcode/basic.html?id=42`);
    assert.equal(decode(await page.locator('#colours .code').screenshot()), `${origin}/tests/qrcode/basic.html?id=42`);
    const facts = await page.evaluate(() => {
      const el = document.getElementById('logo');
      const code = el.shadowRoot.querySelector('.code');
      return {
        role: code.getAttribute('role'),
        label: code.getAttribute('aria-label'),
        width: el.getBoundingClientRect().width,
        chineseWidth: document.getElementById('chinese').getBoundingClientRect().width,
        logoSlotted: el.shadowRoot.querySelector('slot[name="logo"]').assignedElements().length,
        forced: getComputedStyle(code).forcedColorAdjust,
        caption: el.shadowRoot.querySelector('.caption').textContent,
      };
    });
    assert.equal(facts.role, 'img');
    assert.match(facts.label, /^二维码，用手机扫描可打开本页：http/);
    assert.equal(facts.width, 240);
    assert.equal(facts.chineseWidth, 200);
    assert.equal(facts.logoSlotted, 1);
    assert.equal(facts.forced, 'none');
    assert.equal(facts.caption, '带标志');
    assert.deepEqual(page.consoleErrors, []);
  });

  test('the box is reserved before the core loads: no element moves or resizes when the code appears', async () => {
    // The core arrives late on purpose, so the page is laid out and painted without it.
    const page = await env.page(null, {
      beforeLoad: (p) => p.route(/\/dist\/core\.[0-9a-f]+\.(js|wasm)$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      }),
    });
    await page.goto(new URL('/tests/qrcode/basic.html', env.url).href, { waitUntil: 'domcontentloaded' });
    const boxes = () => page.evaluate(() => ({
      defined: !!customElements.get('pw-qrcode'),
      drawn: [...document.querySelectorAll('pw-qrcode')].filter((el) => el.shadowRoot && el.shadowRoot.querySelector('svg')).length,
      boxes: [...document.querySelectorAll('pw-qrcode, h1, #after')].map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.id || el.localName}: ${r.x},${r.y} ${r.width}x${r.height}`;
      }),
    }));
    const before = await boxes();
    assert.equal(before.defined, false, 'measured before the core arrived');
    await ready(page);
    const after = await boxes();
    assert.equal(after.drawn, 5);
    assert.deepEqual(after.boxes, before.boxes);
  });

  test('forced colours keep it scannable; print keeps the code and hides the button', async () => {
    const page = await env.page('/tests/qrcode/basic.html');
    await ready(page);
    const origin = new URL(env.url).origin;
    await page.emulateMedia({ forcedColors: 'active' });
    assert.equal(decode(await page.locator('#colours .code').screenshot()), `${origin}/tests/qrcode/basic.html?id=42`);
    await page.emulateMedia({ forcedColors: 'none', media: 'print' });
    const printed = await page.evaluate(() => {
      const el = document.getElementById('page');
      const box = (node) => node.getBoundingClientRect();
      return { code: box(el.shadowRoot.querySelector('.code')).width, button: getComputedStyle(el.shadowRoot.querySelector('.save')).display };
    });
    assert.equal(printed.button, 'none');
    assert.equal(printed.code, 160);
  });

  test('download saves a share card that scans', async () => {
    const page = await env.page('/tests/qrcode/basic.html');
    await ready(page);
    const card = page.evaluate(() => new Promise((resolve) =>
      document.getElementById('page').addEventListener('pw-qrcode-card', (e) => resolve(e.detail), { once: true })));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#page .save').click()]);
    assert.equal(download.suggestedFilename(), 'qrcode.png');
    const file = await download.path();
    const png = readFileSync(file);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    const detail = await card;
    assert.equal(detail.method, 'download');
    assert.equal(detail.missingGlyphs, 0);
    // The event and every field it carries are typed in portal-widgets.d.ts.
    const types = readFileSync(join(DIST, 'portal-widgets.d.ts'), 'utf8');
    assert.match(types, /'pw-qrcode-card': CustomEvent<PwQrcodeCardDetail>/);
    const typed = /interface PwQrcodeCardDetail \{([\s\S]*?)\n\}/.exec(types);
    assert.ok(typed, 'PwQrcodeCardDetail is declared');
    for (const key of Object.keys(detail)) assert.match(typed[1], new RegExp(`\\b${key}:`), `d.ts types detail.${key}`);
    assert.equal(decode(png), `${new URL(env.url).origin}/tests/qrcode/basic.html?id=42`);
    // Only this build's files were fetched: the share-card module, its index and a few slices.
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const slices = fetched.filter((u) => /font-slice\./.test(u));
    assert.ok(slices.length >= 1 && slices.length < 20, `fetched ${slices.length} font slices`);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('in WeChat on a phone the card opens in an overlay to long-press', async () => {
    const page = await env.page('/tests/qrcode/basic.html', {
      context: {
        viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
        userAgent: WECHAT,
      },
    });
    await ready(page);
    await page.locator('#page .save').tap();
    const dialog = page.locator('#page dialog');
    await dialog.waitFor({ state: 'visible' });
    const bytes = await page.evaluate(async () => {
      const img = document.getElementById('page').shadowRoot.querySelector('dialog img');
      await img.decode();
      const buffer = await (await fetch(img.src)).arrayBuffer();
      return { data: Array.from(new Uint8Array(buffer)), alt: img.alt, modal: img.closest('dialog').matches(':modal') };
    });
    assert.equal(bytes.modal, true);
    assert.match(bytes.alt, /^本页的分享图片：测试县人民政府/);
    assert.equal(decode(Buffer.from(bytes.data)), `${new URL(env.url).origin}/tests/qrcode/basic.html?id=42`);
    const violations = await axe(page, '#page');
    assert.deepEqual(violations, []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const focused = await page.evaluate(() => document.getElementById('page').shadowRoot.activeElement?.className);
    assert.equal(focused, 'save');
  });

  // What the reader long-presses in an in-app browser: the <img> of each code on the page.
  const imageFacts = (page) => page.evaluate(() => [...document.querySelectorAll('pw-qrcode')].map((el) => {
    const img = el.shadowRoot.querySelector('.code > img');
    const code = el.shadowRoot.querySelector('.code');
    return {
      id: el.id,
      img: !!img,
      svg: !!el.shadowRoot.querySelector('.code > svg'),
      src: img ? img.src : '',
      alt: img ? img.alt : '',
      role: code && code.getAttribute('role'),
      label: code && code.getAttribute('aria-label'),
      natural: img ? img.naturalWidth : 0,
      shown: img ? img.getBoundingClientRect().width : 0,
      modules: el.shadowRoot.querySelector('.code > svg') ? Number(el.shadowRoot.querySelector('svg').getAttribute('viewBox').split(' ')[2]) : 0,
    };
  }));
  const pngOf = (src) => Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');

  for (const [app, userAgent] of [['WeChat', WECHAT], ['DingTalk', DINGTALK]]) {
    test(`in ${app} the code is a PNG <img> that decodes to the page URL, with the SVG's accessible name`, async () => {
      const page = await env.page('/tests/qrcode/basic.html', {
        context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent },
      });
      const result = await ready(page);
      assert.equal(result.ok, true, JSON.stringify(result.errors));
      const url = `${new URL(env.url).origin}/tests/qrcode/basic.html?id=42`;
      const facts = await imageFacts(page);
      for (const f of facts) {
        assert.equal(f.img, true, `#${f.id} is an image`);
        assert.equal(f.svg, false, `#${f.id} has no SVG`);
        assert.match(f.src, /^data:image\/png;base64,/);
        assert.equal(f.role, null, 'the name is on the image, not on a wrapper');
        // At least 4 device pixels per module, and at least as many pixels as the screen shows.
        assert.ok(f.natural >= f.shown * 3, `#${f.id}: ${f.natural} px for ${f.shown} CSS px at 3x`);
      }
      const byId = Object.fromEntries(facts.map((f) => [f.id, f]));
      assert.equal(decode(pngOf(byId.page.src)), url);
      assert.equal(decode(pngOf(byId.chinese.src)), '扫一扫在手机打开当前页：测试县人民政府');
      assert.equal(decode(await page.locator('#page .code').screenshot()), url);
      assert.equal(decode(await page.locator('#logo .code').screenshot()), url);
      // The same accessible name as the SVG rendering gives.
      const svgPage = await env.page('/tests/qrcode/basic.html');
      await ready(svgPage);
      const svgFacts = Object.fromEntries((await imageFacts(svgPage)).map((f) => [f.id, f]));
      for (const f of facts) {
        assert.equal(svgFacts[f.id].svg, true);
        assert.equal(f.alt, svgFacts[f.id].label, `#${f.id}`);
        // Whole pixels per module, at least 4 (the SVG's viewBox counts the modules).
        const perModule = f.natural / svgFacts[f.id].modules;
        assert.ok(Number.isInteger(perModule) && perModule >= 4, `#${f.id}: ${perModule} px per module`);
      }
      // The image is what the accessibility tree names (role img, the page's URL in its name).
      assert.equal(await page.locator('#page').getByRole('img', { name: byId.page.alt, exact: true }).count(), 1);
      assert.match(byId.page.alt, /^二维码，用手机扫描可打开本页：http/);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(axeClean(await axe(page)), []);
    });
  }

  /** axe's findings that concern the widgets (the test page itself is not this file's business). */
  const axeClean = (violations) => violations.filter((v) => v.nodes.some((n) => /pw-qrcode/.test(n)));

  test('render="svg" forces SVG in WeChat, render="img" an image in a desktop browser; a bad value is reported', async () => {
    const make = (page) => page.evaluate(async () => {
      const out = {};
      for (const render of ['svg', 'img', 'auto', 'png']) {
        const el = document.createElement('pw-qrcode');
        el.setAttribute('text', `render ${render}`);
        el.setAttribute('render', render);
        const errors = [];
        el.addEventListener('pw-error', (e) => errors.push(e.detail.id));
        document.body.append(el);
        await el.ready;
        const img = el.shadowRoot.querySelector('.code > img');
        if (img) await img.decode();
        out[render] = {
          kind: img ? 'img' : el.shadowRoot.querySelector('.code > svg') ? 'svg' : 'none',
          natural: img ? img.naturalWidth : 0,
          errors,
        };
      }
      return out;
    });
    const wechat = await env.page('/tests/qrcode/basic.html', { context: { userAgent: WECHAT } });
    await ready(wechat);
    const inApp = await make(wechat);
    assert.equal(inApp.svg.kind, 'svg');
    assert.equal(inApp.img.kind, 'img');
    assert.equal(inApp.auto.kind, 'img');
    assert.equal(inApp.png.kind, 'img');
    assert.deepEqual(inApp.png.errors, ['pw.qrcode.bad_render']);
    const desktop = await env.page('/tests/qrcode/basic.html');
    await ready(desktop);
    const plain = await make(desktop);
    assert.equal(plain.svg.kind, 'svg');
    assert.equal(plain.img.kind, 'img');
    assert.equal(plain.auto.kind, 'svg');
    assert.equal(plain.png.kind, 'svg');
    // "render img": version 1 (21 modules + 8 of quiet zone) filling 160 CSS px at 1x: ceil(160 / 29) = 6 px per module.
    assert.equal(plain.img.natural, 29 * 6);
    assert.deepEqual(plain.img.errors, []);
    // Switching the attribute redraws.
    const switched = await desktop.evaluate(async () => {
      const el = document.getElementById('page');
      el.setAttribute('render', 'img');
      await new Promise((r) => setTimeout(r, 50));
      return !!el.shadowRoot.querySelector('.code > img');
    });
    assert.equal(switched, true);
  });

  test('a same-origin logo URL is drawn over a code that still scans, and nothing else is fetched', async () => {
    const page = await env.page('/tests/qrcode/basic.html');
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    const origin = new URL(env.url).origin;
    const facts = await page.evaluate(async () => {
      const img = document.getElementById('logourl').shadowRoot.querySelector('.logo img');
      await img.decode();
      return { src: img.src, width: img.naturalWidth, alt: img.alt };
    });
    assert.equal(facts.src, `${origin}/images/emblem.svg`);
    assert.ok(facts.width > 0, 'the logo loaded');
    assert.equal(facts.alt, '');
    assert.equal(decode(await page.locator('#logourl .code').screenshot()), `${origin}/tests/qrcode/basic.html?id=42`);
    const images = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.initiatorType === 'img').map((e) => e.name));
    assert.deepEqual(images, [`${origin}/images/emblem.svg`]);
    assert.deepEqual(page.externalRequests, []);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('a redraw that fails shows the fallback, never the code of the earlier text; a valid text draws again', async () => {
    const page = await env.page('/tests/qrcode/bad.html');
    await ready(page);
    const state = (id) => page.evaluate((target) => {
      const el = document.getElementById(target);
      return {
        svg: !!el.shadowRoot.querySelector('svg'),
        fallback: el.querySelector('img') ? el.querySelector('img').getBoundingClientRect().width > 0 : null,
        errors: window.pwErrors.filter((e) => e.target === target).map((e) => e.id),
      };
    }, id);
    // #long never drew (its text was too long): a valid text now draws a code.
    await page.evaluate(() => document.getElementById('long').setAttribute('text', '第二版：测试县人民政府'));
    assert.equal((await state('long')).svg, true);
    assert.equal(decode(await page.locator('#long .code').screenshot()), '第二版：测试县人民政府');
    // A drawn code whose text becomes too long: the fallback comes back, no code for the old text.
    await page.evaluate(() => document.getElementById('long').setAttribute('text', 'y'.repeat(3000)));
    const broken = await state('long');
    assert.equal(broken.svg, false);
    assert.equal(broken.fallback, true);
    assert.deepEqual(broken.errors, ['pw.qrcode.data_too_long', 'pw.qrcode.data_too_long']);
    await page.evaluate(() => document.getElementById('long').setAttribute('text', '第三版'));
    assert.equal(decode(await page.locator('#long .code').screenshot()), '第三版');
    // Removing size returns the element to the default size (its inline size
    // goes too), or to the page's own inline --pw-qr-size when it had one.
    const resized = (style) => page.evaluate(async (ownStyle) => {
      const el = document.createElement('pw-qrcode');
      if (ownStyle) el.setAttribute('style', ownStyle);
      el.setAttribute('size', '240');
      el.setAttribute('text', 'size');
      document.body.append(el);
      await el.ready;
      const sized = el.getBoundingClientRect().width;
      el.removeAttribute('size');
      return { sized, unsized: el.getBoundingClientRect().width, style: el.getAttribute('style') };
    }, style);
    assert.deepEqual(await resized(null), { sized: 240, unsized: 160, style: '' });
    const own = await resized('--pw-qr-size: 180px');
    assert.deepEqual(own, { sized: 240, unsized: 180, style: '--pw-qr-size: 180px;' });
    assert.deepEqual(page.pageErrors, []);
  });

  test('under a strict CSP the overlay needs img-src data: only; without it a download button is offered', async (t) => {
    const base = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
      "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types portal-widgets";
    let imgSrc = '';
    const strict = await openBrowser(t, { headers: (path) => (path.endsWith('.html') ? { 'content-security-policy': `${base}; ${imgSrc}` } : {}) });
    const open = async () => {
      const page = await strict.page('/tests/qrcode/basic.html', {
        context: {
          viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
          userAgent: WECHAT,
        },
        beforeLoad: (p) => p.addInitScript(() => {
          window.cspViolations = [];
          window.pwErrors = [];
          document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective));
          document.addEventListener('pw-error', (e) => window.pwErrors.push(e.detail.id));
        }),
      });
      assert.equal((await ready(page)).ok, true);
      await page.locator('#page .save').tap();
      await page.locator('#page dialog').waitFor({ state: 'visible' });
      return page;
    };
    const url = `${new URL(strict.url).origin}/tests/qrcode/basic.html?id=42`;

    imgSrc = "img-src 'self' data:";
    const allowed = await open();
    const src = await allowed.evaluate(async () => {
      const img = document.getElementById('page').shadowRoot.querySelector('dialog img');
      await img.decode();
      return img.src;
    });
    assert.match(src, /^data:image\/png;base64,/);
    assert.equal(decode(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')), url);
    assert.deepEqual(await allowed.evaluate(() => [window.cspViolations, window.pwErrors]), [[], []]);
    assert.equal(await allowed.evaluate(() => document.querySelectorAll('pw-qrcode').length), 5);
    assert.equal(await allowed.evaluate(() => [...document.querySelectorAll('pw-qrcode')]
      .filter((el) => el.shadowRoot.querySelector('.code > img')).length), 5, 'img-src data: lets the images show');
    assert.deepEqual(allowed.consoleErrors, []);

    imgSrc = "img-src 'self'";
    const blocked = await open();
    const link = blocked.locator('#page dialog p button');
    await link.waitFor();
    assert.equal(await link.textContent(), '保存二维码图片');
    // In WeChat each code is an image first: blocked too, so each is drawn as SVG and says why.
    assert.deepEqual(await blocked.evaluate(() => window.pwErrors),
      [...Array(5).fill('pw.qrcode.img_blocked'), 'pw.qrcode.card_blocked']);
    assert.equal(await blocked.evaluate(() => [...document.querySelectorAll('pw-qrcode')]
      .filter((el) => el.shadowRoot.querySelector('.code > svg') && !el.shadowRoot.querySelector('.code > img')).length), 5);
    assert.equal(decode(await blocked.locator('#page .code').screenshot()), url);
    assert.ok((await blocked.evaluate(() => window.cspViolations)).includes('img-src'));
    assert.equal(await blocked.locator('#page dialog img').count(), 0);
    const [download] = await Promise.all([blocked.waitForEvent('download'), link.tap()]);
    assert.equal(decode(readFileSync(await download.path())), url);
    assert.deepEqual(blocked.pageErrors, []);
  });

  test('only the qrcode module links the QR encoder: not the core every page fetches, not the share card (it draws the matrix the qrcode module made)', { skip: WASM_ONLY }, () => {
    // The first row of the ISO/IEC 18004 error correction table (codewords per block at
    // level L, versions 1-9), as int8 data: in every linked copy of qrcodegen and of core/qr.cpp.
    const table = Buffer.from([7, 10, 15, 20, 26, 18, 20, 24, 30]);
    const count = (purpose) => {
      const file = manifest().files.find((f) => f.purpose === purpose && f.name.endsWith('.wasm'));
      const bytes = readFileSync(join(DIST, file.name));
      let n = 0;
      for (let i = bytes.indexOf(table); i >= 0; i = bytes.indexOf(table, i + 1)) n++;
      return n;
    };
    assert.ok(count('qrcode') >= 1, 'the pattern is found where the encoder is');
    assert.equal(count('core'), 0);
    assert.equal(count('share-card'), 0);
  });

  test('axe-core reports no violations', async () => {
    const page = await env.page('/tests/qrcode/basic.html');
    await ready(page);
    for (const id of ['#page', '#chinese', '#logo', '#colours', '#logourl']) {
      assert.deepEqual(await axe(page, id), [], id);
    }
  });

  test('bad attributes: the contract errors, defaults used, fallback kept when nothing can be drawn', async () => {
    const page = await env.page('/tests/qrcode/bad.html');
    const result = await ready(page);
    const ids = (target) => result.errors.filter((e) => e.source && target(e)).map((e) => e.id);
    const byId = await page.evaluate(() => window.pwErrors);
    const of = (id) => byId.filter((e) => e.target === id).map((e) => e.id);
    assert.deepEqual(of('contrast'), ['pw.qrcode.bad_size', 'pw.qrcode.bad_ecc', 'pw.qrcode.low_contrast']);
    assert.deepEqual(of('inverted'), ['pw.qrcode.low_contrast']);
    assert.deepEqual(of('cross'), ['pw.qrcode.bad_logo']);
    assert.deepEqual(of('long'), ['pw.qrcode.data_too_long']);
    assert.equal(result.ok, false, 'an element that could draw no code did not mount');
    assert.ok(ids(() => true).length >= 6);
    const contrast = byId.find((e) => e.id === 'pw.qrcode.low_contrast' && e.target === 'contrast');
    assert.equal(contrast.message, 'fg="#bbb" on bg="#fff" has a contrast of 1.9:1; expected at least 4.5:1; using #000 on #fff');
    const facts = await page.evaluate(() => {
      const get = (id) => document.getElementById(id);
      const path = (id) => get(id).shadowRoot.querySelector('path');
      return {
        contrastFill: path('contrast').getAttribute('fill'),
        invertedBg: get('inverted').shadowRoot.querySelector('rect').getAttribute('fill'),
        crossImages: get('cross').shadowRoot.querySelectorAll('img').length,
        longHasSvg: !!get('long').shadowRoot.querySelector('svg'),
        longFallbackVisible: get('long').querySelector('img').getBoundingClientRect().width > 0,
      };
    });
    assert.equal(facts.contrastFill, '#000');
    assert.equal(facts.invertedBg, '#fff');
    assert.equal(facts.crossImages, 0);
    assert.equal(facts.longHasSvg, false);
    assert.equal(facts.longFallbackVisible, true);
    assert.deepEqual(page.pageErrors, []);
    // The cross-origin logo was never requested.
    assert.deepEqual(page.externalRequests, []);
  });
});
