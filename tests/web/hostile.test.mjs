// Hostile and unusual host pages (issue "Hardening II", item 2 (b)–(e)) and
// privacy (item 3): every widget mounted and used on
//   - a RequireJS page (AMD define/require and CommonJS-looking globals),
//   - a page that includes the script tag three times,
//   - a page under CSP with Trusted Types enforced (script tag and start()),
//   - a page whose own stylesheet resets everything with !important,
// and, on the demo, the requests, cookies and storage the suite leaves.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { MODE, ROOT, decodeQr, manifest, openBrowser, ready } from './helpers.mjs';

const EVERY = '/tests/hostile/every.html';
const WECHAT = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) NetType/WIFI Language/zh_CN';
/** The manifest purpose of module `purpose` in the build the tests run on (PW_TEST_MODE): qrcode or qrcode-js. */
const built = (purpose) => (MODE === 'js' ? `${purpose}-js` : purpose);
// What the demo fetches once used: it has <pw-font-size> and <pw-qrcode>, so the page
// build (core-page) stands in for the core, font-size and QR modules, and its .js
// (purpose core-page, in both modes) carries the core's and both elements' code.
const DEMO_MODULES = [...new Set(['core-page', ...['core-page', 'related', 'share-card'].map(built)])];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: WECHAT };

/** Records the suite's events on the page (init script): window.pwEvents = [{type, detail}]. */
const recordEvents = (page) => page.addInitScript(() => {
  window.pwEvents = [];
  for (const type of ['pw-font-size-change', 'pw-leave-request', 'pw-leave-cancel', 'pw-related-render', 'pw-qrcode-card', 'pw-error']) {
    document.addEventListener(type, (e) => window.pwEvents.push({ type, detail: e.detail }), true);
  }
});

/**
 * Uses every widget on `page` as a reader would and returns what happened:
 * 大 chosen (the first paragraph's size before and after), the QR code read back
 * by two decoders, the related list as rendered from the feed, the leave dialog
 * opened on an external link and answered 放弃, the share card made (a download
 * on a desktop, the overlay on a phone: `card`).
 */
async function useEveryWidget(page, { card = 'download' } = {}) {
  const result = await ready(page);
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  await page.evaluate(() => Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready)));
  const facts = { mode: result.mode };

  // 大: the largest level's button.
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('first')).fontSize));
  const authored = await size();
  const largest = await page.evaluate(() => Math.max(...[...document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button')]
    .map((b) => Number(b.dataset.level))));
  await page.locator(`pw-font-size button[data-level="${largest}"]`).first().click();
  facts.font = { authored, chosen: await size(), level: await page.evaluate(() => document.querySelector('pw-font-size').level), largest };

  // The QR code as drawn on screen.
  const code = page.locator('pw-qrcode .code').first();
  await code.scrollIntoViewIfNeeded();
  facts.qr = decodeQr(await code.screenshot());
  facts.pageUrl = await page.evaluate(() => location.href.replace(/#.*$/, ''));

  // The related list, rendered from the feed.
  facts.related = await page.evaluate(() => [...document.querySelector('pw-related').shadowRoot.querySelectorAll('li a')]
    .map((a) => ({ title: a.textContent, href: a.href })));

  // The leave dialog: opened by an external link, answered 放弃.
  const before = page.url();
  await page.locator('#out').click();
  await page.locator('pw-leave-dialog .cancel').waitFor();
  facts.dialogs = await page.locator('pw-leave-dialog').count();
  facts.dialogText = await page.locator('pw-leave-dialog').evaluate((d) => d.shadowRoot.textContent);
  await page.locator('pw-leave-dialog .cancel').click();
  await page.locator('pw-leave-dialog').waitFor({ state: 'detached' });
  facts.stayed = page.url() === before;

  // The share card.
  const save = page.locator('pw-qrcode .save').first();
  if (card === 'download') {
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    facts.card = decodeQr(readFileSync(await download.path()));
  } else {
    await save.tap();
    const overlay = page.locator('pw-qrcode dialog');
    await overlay.waitFor({ state: 'visible' });
    // A data: URL (read here, not fetched: a page's connect-src need not allow data:).
    const src = await page.evaluate(async () => {
      const img = document.querySelector('pw-qrcode').shadowRoot.querySelector('dialog img');
      await img.decode();
      return img.src;
    });
    assert.match(src, /^data:image\/png;base64,/);
    facts.card = decodeQr(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'));
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
  }
  return facts;
}

/** The checks every page shares on useEveryWidget's facts. */
function assertEveryWidgetWorked(facts, what) {
  assert.equal(facts.mode, MODE, `${what}: the ${MODE} build ran`);
  assert.ok(facts.font.chosen > facts.font.authored, `${what}: 大 enlarges the text (${facts.font.authored} → ${facts.font.chosen} px)`);
  assert.equal(facts.font.level, facts.font.largest, `${what}: the level property follows the click`);
  assert.equal(facts.qr, facts.pageUrl, `${what}: the QR code carries the page's URL`);
  assert.ok(facts.related.length >= 3, `${what}: the related list rendered from the feed (${facts.related.length} items)`);
  for (const item of facts.related) assert.match(item.href, /^http:\/\/127\.0\.0\.1:\d+\//, `${what}: related link ${item.href}`);
  assert.equal(facts.dialogs, 1, `${what}: one leave dialog`);
  assert.match(facts.dialogText, /www\.example\.com/, `${what}: the dialog names the host`);
  assert.equal(facts.stayed, true, `${what}: 放弃 stays on the page`);
  assert.equal(facts.card, facts.pageUrl, `${what}: the share card's code carries the page's URL`);
}

/** Requests of the page whose URL matches `re`, by URL: {url: count}. */
function requestCounter(page, re) {
  const counts = {};
  page.on('request', (request) => {
    const url = request.url();
    if (re.test(url)) counts[url] = (counts[url] || 0) + 1;
  });
  return counts;
}

/** every.html with the hostile stylesheet after the page's own: served by route
 *  at every.html's own URL, so its QR code carries the same URL. */
const styledHtml = () => readFileSync(join(ROOT, 'tests/web/pages/hostile/every.html'), 'utf8')
  .replace('<link rel="stylesheet" href="/tests/hostile/page.css">',
    '<link rel="stylesheet" href="/tests/hostile/page.css">\n<link rel="stylesheet" href="/tests/hostile/hostile.css">');
/** Opens every.html with the hostile stylesheet; `html` rewrites the page first. */
async function openStyled(env, options = {}, html = (text) => text) {
  const url = new URL(EVERY, env.url).href;
  const page = await env.page(null, options);
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html(styledHtml()) }));
  await page.goto(url);
  return page;
}

/**
 * Screenshots of each widget's box as a reader first sees it, then of the font
 * size control at 大 and of the leave dialog's panel: {name: PNG buffer}.
 */
async function widgetShots(page) {
  assert.equal((await ready(page)).ok, true);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready)));
  await page.mouse.move(0, 0);
  const shots = {};
  for (const [name, selector] of [['font-size', '#fs'], ['related', '#related'], ['qrcode', '#qr']]) {
    const box = page.locator(selector);
    await box.scrollIntoViewIfNeeded();
    shots[name] = await box.screenshot({ animations: 'disabled', caret: 'hide' });
  }
  // The 新 badge the kept list of #ranked gets (its first item is from the day before the reader's date).
  const badge = page.locator('#ranked .pw-related-new');
  await badge.scrollIntoViewIfNeeded();
  shots['related 新 badge'] = await badge.screenshot({ animations: 'disabled' });
  await page.locator('#fs button').first().click();
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.mouse.move(0, 0);
  shots['font-size at 大'] = await page.locator('#fs').screenshot({ animations: 'disabled' });
  await page.locator('#out').click();
  await page.locator('pw-leave-dialog .cancel').waitFor();
  shots['leave dialog'] = await page.locator('pw-leave-dialog .panel').screenshot({ animations: 'disabled', caret: 'hide' });
  await page.locator('pw-leave-dialog .cancel').click();
  await page.locator('pw-leave-dialog').waitFor({ state: 'detached' });
  return shots;
}

/**
 * Compares two PNG screenshots pixel by pixel: {sizes, differing (share of
 * pixels), diff (PNG, differing pixels red)}. A pixel differs when no pixel
 * within one pixel of it in the other image has every channel within
 * `tolerance`, either way round: the same glyph drawn at another sub-pixel
 * position (the box sits elsewhere on the hostile page) only moves its
 * anti-aliased edge. With `centreHeight`, images of one width but different
 * heights are compared on their middle rows.
 */
function comparePngs(a, b, { tolerance = 64, centreHeight = false } = {}) {
  let x = PNG.sync.read(a);
  let y = PNG.sync.read(b);
  let sizes = `${x.width}×${x.height}${x.width !== y.width || x.height !== y.height ? ` vs ${y.width}×${y.height}` : ''}`;
  if (centreHeight && x.width === y.width && x.height !== y.height) {
    const height = Math.min(x.height, y.height);
    [x, y] = [cropCentre(x, height), cropCentre(y, height)];
    sizes += `, the middle ${height} rows compared`;
  } else if (Math.abs(x.width - y.width) <= 1 && Math.abs(x.height - y.height) <= 1 && (x.width !== y.width || x.height !== y.height)) {
    // A box at another sub-pixel position covers one pixel row or column
    // more: the larger one is cut at either edge, the better match counts.
    const width = Math.min(x.width, y.width);
    const height = Math.min(x.height, y.height);
    let best = null;
    for (const left of [0, 1]) {
      for (const top of [0, 1]) {
        const result = comparePngs(PNG.sync.write(crop(x, width, height, left, top)), PNG.sync.write(crop(y, width, height, left, top)), { tolerance });
        if (!best || result.differing < best.differing) best = result;
      }
    }
    return { ...best, sizes: `${sizes}, ${width}×${height} compared` };
  }
  if (x.width !== y.width || x.height !== y.height) return { sizes, differing: 1 };
  const { width, height } = x;
  const near = (p, q, i, j) => Math.abs(p.data[i] - q.data[j]) <= tolerance && Math.abs(p.data[i + 1] - q.data[j + 1]) <= tolerance &&
    Math.abs(p.data[i + 2] - q.data[j + 2]) <= tolerance;
  const matched = (p, q, px, py) => {
    const i = (py * width + px) * 4;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const qx = px + dx;
        const qy = py + dy;
        if (qx >= 0 && qy >= 0 && qx < width && qy < height && near(p, q, i, (qy * width + qx) * 4)) return true;
      }
    }
    return false;
  };
  let differing = 0;
  const diff = new PNG({ width, height });
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const i = (py * width + px) * 4;
      const off = !matched(x, y, px, py) || !matched(y, x, px, py);
      if (off) differing++;
      diff.data[i] = off ? 255 : x.data[i] / 3 + 170;
      diff.data[i + 1] = off ? 0 : x.data[i + 1] / 3 + 170;
      diff.data[i + 2] = off ? 0 : x.data[i + 2] / 3 + 170;
      diff.data[i + 3] = 255;
    }
  }
  return { sizes, differing: differing / (width * height), diff: PNG.sync.write(diff) };
}

/** `width` × `height` pixels of a decoded PNG, from its left or right edge (`right`) and its top or bottom (`bottom`). */
function crop(png, width, height, right = 0, bottom = 0) {
  const x0 = right ? png.width - width : 0;
  const y0 = bottom ? png.height - height : 0;
  const out = new PNG({ width, height });
  for (let row = 0; row < height; row++) {
    const start = ((y0 + row) * png.width + x0) * 4;
    png.data.copy(out.data, row * width * 4, start, start + width * 4);
  }
  return out;
}

/** The middle `height` rows of a decoded PNG. */
function cropCentre(png, height) {
  const top = Math.floor((png.height - height) / 2);
  const out = new PNG({ width: png.width, height });
  png.data.copy(out.data, 0, top * png.width * 4, (top + height) * png.width * 4);
  return out;
}

/**
 * Computed style of every host element (not the suite's elements, their
 * children — fallback content the widget replaces — or scripts), in document
 * order: [{el: 'tag#id.class', style: {property: value}}]. Used sizes (width,
 * height and what follows from them) are left out: the widgets' own boxes set
 * them, which the layout-shift tests cover.
 */
const hostStyles = (page) => page.evaluate(() => {
  const USED = new Set(['width', 'height', 'inline-size', 'block-size', 'transform-origin', 'perspective-origin']);
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.localName === 'script' || el.closest('pw-font-size, pw-qrcode, pw-related, pw-leave-dialog, [data-pw-external]')) continue;
    const computed = getComputedStyle(el);
    const style = {};
    for (let i = 0; i < computed.length; i++) {
      const name = computed[i];
      if (!USED.has(name)) style[name] = computed.getPropertyValue(name);
    }
    out.push({ el: el.localName + (el.id ? `#${el.id}` : '') + (el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''),
      inTarget: !!el.closest('#zoom') && el.id !== 'zoom', style });
  }
  return out;
});

/** [{el, property, before, after}] where two hostStyles snapshots differ. */
function styleChanges(before, after) {
  assert.deepEqual(after.map((e) => e.el), before.map((e) => e.el), 'the same host elements');
  const changes = [];
  before.forEach((b, i) => {
    for (const [property, value] of Object.entries(b.style)) {
      if (after[i].style[property] !== value) changes.push({ el: b.el, inTarget: b.inTarget, property, before: value, after: after[i].style[property] });
    }
  });
  return changes;
}

/**
 * The storage keys the docs promise: the font level (docs/font-size.md,
 * localStorage) and the per-visit leave choice (docs/leave-site.md,
 * sessionStorage, with data-leave-remember="visit").
 */
function documentedStorage() {
  const fontSize = readFileSync(join(ROOT, 'docs/font-size.md'), 'utf8');
  const leave = readFileSync(join(ROOT, 'docs/leave-site.md'), 'utf8');
  const local = /Saved in `localStorage\["([^"]+)"\]`/.exec(fontSize);
  const session = /sessionStorage key `([^`]+)`/.exec(leave);
  assert.ok(local && session, 'docs/font-size.md and docs/leave-site.md name the storage keys');
  return { local: local[1], session: session[1] };
}

/**
 * Uses every widget of the demo as a reader would: 大, scrolled through (the
 * related list and the QR code load near the viewport), the share card
 * downloaded, an external link answered 放弃, and the 友情链接 select's
 * external site opened (继续访问: a new window, as the page's handler does).
 */
async function useTheDemo(page) {
  const result = await ready(page);
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  await page.locator('pw-font-size button').first().click();
  for (const selector of ['pw-related', 'pw-qrcode']) {
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.locator(selector).evaluate((el) => el.ready);
  }
  await page.waitForFunction(() => document.querySelector('pw-related').shadowRoot.querySelectorAll('li').length > 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('pw-qrcode .save').click()]);
  await download.path();
  await page.locator('a[href="https://www.example.com/"]').click();
  await page.locator('pw-leave-dialog .cancel').click();
  await page.locator('pw-leave-dialog').waitFor({ state: 'detached' });
  await page.selectOption('#jump-cities', 'http://www.nonexample.com/');
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.locator('pw-leave-dialog .continue').click()]);
  await popup.waitForLoadState();
  await popup.close();
}

/** What the page keeps in the browser: cookies, both storages' keys, IndexedDB, caches, service workers. */
const keptInBrowser = async (page) => ({
  cookies: (await page.context().cookies()).map((c) => c.name),
  ...(await page.evaluate(async () => ({
    documentCookie: document.cookie,
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  }))),
});

/** CSP with 'wasm-unsafe-eval' and Trusted Types enforced, allowing only the suite's policy. */
const TRUSTED_TYPES_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types portal-widgets";

/** Collects every securitypolicyviolation (init script) into window.cspViolations. */
const recordViolations = (page) => page.addInitScript(() => {
  window.cspViolations = [];
  const record = (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`.trim());
  document.addEventListener('securitypolicyviolation', record, true);
});

describe('hostile and unusual host pages', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  test('(d) a RequireJS page: every widget works, and no module calls define(), require() or fills module.exports', async () => {
    const page = await env.page('/tests/foundation/amd.html');
    const facts = await useEveryWidget(page);
    assertEveryWidgetWorked(facts, 'RequireJS page');
    const globals = await page.evaluate(() => ({ define: window.defineCalls, require: window.requireCalls,
      exports: Object.keys(window.module.exports).length, same: window.exports === window.module.exports }));
    assert.deepEqual(globals, { define: 0, require: 0, exports: 0, same: true });
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('(e) the script included three times: every widget mounts once, works once, and each file is fetched once', async () => {
    const page = await env.page(null);
    await recordEvents(page);
    const fetched = requestCounter(page, /\/dist\//);
    await page.goto(new URL('/tests/foundation/twice.html', env.url).href);
    const facts = await useEveryWidget(page);
    assertEveryWidgetWorked(facts, 'included-twice page');
    const view = await page.evaluate(() => ({
      groups: document.querySelector('pw-font-size').shadowRoot.querySelectorAll('[role="group"]').length,
      buttons: document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button').length,
      codes: document.querySelector('pw-qrcode').shadowRoot.querySelectorAll('.code').length,
      lists: document.querySelector('pw-related').shadowRoot.querySelectorAll('ul').length,
      events: window.pwEvents.map((e) => e.type),
    }));
    assert.deepEqual({ groups: view.groups, codes: view.codes, lists: view.lists }, { groups: 1, codes: 1, lists: 1 });
    assert.equal(view.buttons, 3);
    const count = (type) => view.events.filter((t) => t === type).length;
    assert.equal(count('pw-font-size-change'), 1, 'one click, one change');
    assert.equal(count('pw-leave-request'), 1, 'one click, one leave request');
    assert.equal(count('pw-leave-cancel'), 1);
    assert.equal(count('pw-related-render'), 1);
    assert.equal(count('pw-qrcode-card'), 1);
    assert.equal(count('pw-error'), 0, JSON.stringify(view.events));
    // The loader itself may be requested by each tag (the browser's cache
    // decides); every other file of the suite once.
    const twice = Object.entries(fetched).filter(([url, n]) => n > 1 && !/\/portal-widgets\.js$/.test(url));
    assert.deepEqual(twice, [], 'no hashed file fetched twice');
    for (const purpose of DEMO_MODULES) {
      const files = manifest().files.filter((f) => f.purpose === purpose).map((f) => f.name);
      assert.ok(Object.keys(fetched).some((url) => files.some((name) => url.endsWith(`/${name}`))), `${purpose} was fetched`);
    }
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleErrors, []);
  });

  for (const [how, path] of [['the script tag', EVERY], ['start() from dist/portal-widgets.mjs', '/tests/hostile/start.html']]) {
    for (const [device, context, card] of [['desktop', undefined, 'download'], ['WeChat phone', PHONE, 'overlay']]) {
      test(`(b) CSP with Trusted Types enforced, ${how}, ${device}: every widget works and no violation is reported`, async (t) => {
        const strict = await openBrowser(t, { headers: (p) => (p.endsWith('.html') ? { 'content-security-policy': TRUSTED_TYPES_CSP } : {}) });
        const page = await strict.page(null, { context });
        await recordViolations(page);
        await page.goto(new URL(path, strict.url).href);
        if (path !== EVERY) {
          const started = await page.evaluate(() => window.started);
          assert.equal(started.ok, true, JSON.stringify(started));
        }
        assert.equal(await page.evaluate(() => typeof window.trustedTypes.createPolicy), 'function', 'Trusted Types are on');
        const facts = await useEveryWidget(page, { card });
        assertEveryWidgetWorked(facts, `Trusted Types, ${how}, ${device}`);
        const render = await page.evaluate(() => (document.querySelector('pw-qrcode').shadowRoot.querySelector('.code > img') ? 'img' : 'svg'));
        assert.equal(render, device === 'desktop' ? 'svg' : 'img');
        assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
        assert.deepEqual(page.consoleErrors, []);
        assert.deepEqual(page.pageErrors, []);
        // The control: a sink used without a policy is refused and reported here.
        const control = await page.evaluate(async () => {
          try { document.createElement('div').innerHTML = '<b>x</b>'; } catch (e) { /* refused */ }
          await new Promise((r) => setTimeout(r, 100));
          return window.cspViolations;
        });
        assert.equal(control.length, 1, JSON.stringify(control));
        assert.match(control[0], /^require-trusted-types-for /);
      });
    }
  }

  test('(b) a trusted-types directive without the name portal-widgets: ready says why, the page is left as it was', async (t) => {
    const csp = TRUSTED_TYPES_CSP.replace('trusted-types portal-widgets', 'trusted-types other-policy');
    const strict = await openBrowser(t, { headers: (p) => (p.endsWith('.html') ? { 'content-security-policy': csp } : {}) });
    const page = await strict.page(null);
    await recordViolations(page);
    await page.goto(new URL(EVERY, strict.url).href);
    const result = await ready(page);
    assert.equal(result.mode, 'none');
    assert.deepEqual(result.errors.map((e) => e.id), ['pw.core.load_failed']);
    assert.match(result.errors[0].message, /trusted-types portal-widgets/);
    assert.deepEqual(await page.evaluate(() => ({ defined: !!customElements.get('pw-related'),
      fallback: document.querySelector('pw-related .fallback').getBoundingClientRect().height > 0 })),
    { defined: false, fallback: true }, 'the server-rendered list stays');
    const violations = await page.evaluate(() => window.cspViolations.map((v) => v.split(' ')[0]));
    assert.ok(violations.includes('trusted-types'), violations.join(', '));
    assert.deepEqual(page.pageErrors, []);
  });

  test('(c) a hostile stylesheet on the page: every widget looks as on the plain page (at most 1 % of pixels differ)', async () => {
    // The reader's date, for the 新 badge.
    const today = { beforeLoad: (p) => p.clock.setFixedTime(new Date('2026-11-24T10:00:00')) };
    const plain = await widgetShots(await env.page(EVERY, today));
    const styledPage = await openStyled(env, today);
    assert.equal(await styledPage.evaluate(() => getComputedStyle(document.querySelector('.hidden-note')).display), 'block',
      'the hostile stylesheet is in force');
    const hostile = await widgetShots(styledPage);
    // data-leave="mark": the marker the suite puts inside an external link.
    const mark = (text) => text.replace('data-site-hosts=', 'data-leave="mark" data-site-hosts=');
    const marker = async (page) => {
      assert.equal((await ready(page)).ok, true);
      return page.locator('#out [data-pw-external]').screenshot({ animations: 'disabled' });
    };
    const plainMark = await env.page(null);
    await plainMark.route(new URL(EVERY, env.url).href, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8',
      body: mark(readFileSync(join(ROOT, 'tests/web/pages/hostile/every.html'), 'utf8')) }));
    await plainMark.goto(new URL(EVERY, env.url).href);
    plain['data-leave="mark" marker'] = await marker(plainMark);
    hostile['data-leave="mark" marker'] = await marker(await openStyled(env, {}, mark));
    const keep = process.env.PW_HOSTILE_SHOTS;
    const report = [];
    for (const name of Object.keys(plain)) {
      // The font size control is one line of the text it sits in high (its
      // buttons take that line's height, docs/embed.md): the hostile page's
      // taller lines make its box taller, with the same content in the middle.
      const result = comparePngs(plain[name], hostile[name], { centreHeight: name.startsWith('font-size') });
      const dir = keep || join(tmpdir(), 'pw-hostile-shots');
      if (keep || result.differing > 0.01) {
        mkdirSync(dir, { recursive: true });
        const file = name.replace(/[^a-z]+/gi, '-');
        writeFileSync(join(dir, `${file}.plain.png`), plain[name]);
        writeFileSync(join(dir, `${file}.hostile.png`), hostile[name]);
        if (result.diff) writeFileSync(join(dir, `${file}.diff.png`), result.diff);
      }
      report.push({ name, line: `${name}: ${result.sizes}, ${(result.differing * 100).toFixed(2)} % of pixels differ`, ok: result.differing <= 0.01 });
    }
    if (keep) console.log(report.map((r) => r.line).join('\n'));
    const failed = report.filter((r) => !r.ok);
    assert.deepEqual(failed.map((r) => r.line), [], `screenshots in ${keep || join(tmpdir(), 'pw-hostile-shots')}`);
  });

  test('(c) a hostile stylesheet on the page: every widget works the same', async () => {
    const page = await openStyled(env);
    const facts = await useEveryWidget(page);
    assertEveryWidgetWorked(facts, 'hostile stylesheet');
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('(c) the suite changes no host element\'s computed style but the article text\'s size at a chosen level', async () => {
    // The page without the suite (its script refused), then with it.
    const bare = await openStyled(env, { beforeLoad: (p) => p.route(/\/dist\/portal-widgets\.js$/, (r) => r.abort()) });
    await bare.waitForLoadState('load');
    const before = await hostStyles(bare);
    const page = await openStyled(env);
    await useEveryWidget(page);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.mouse.move(0, 0);
    // At 大: only text inside the target changed, in font-size and line-height,
    // and lengths the page gave in em (a <p>'s margins) with it.
    const enlarged = styleChanges(before, await hostStyles(page));
    assert.ok(enlarged.some((c) => c.el === 'p#first' && c.property === 'font-size'), 'the level is applied');
    const ratio = (c) => parseFloat(c.after) / parseFloat(c.before);
    const fontRatio = Object.fromEntries(enlarged.filter((c) => c.property === 'font-size').map((c) => [c.el, ratio(c)]));
    const outside = enlarged.filter((c) => !c.inTarget || !(c.property === 'font-size' || c.property === 'line-height' ||
      (/px$/.test(c.before) && Math.abs(ratio(c) - fontRatio[c.el]) < 0.01)));
    assert.deepEqual(outside, [], 'only the article text\'s size');
    // Back at the default level: nothing differs.
    await page.locator('#fs button').nth(1).click();
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 16);
    assert.deepEqual(styleChanges(before, await hostStyles(page)), []);
  });

  test('privacy: on the demo the suite requests only its own files and the feeds the page names', async () => {
    // The demo's own requests, without the suite (its script refused) …
    const bare = await env.page(null);
    const own = new Set();
    bare.on('request', (r) => own.add(r.url()));
    await bare.route(/\/dist\/portal-widgets\.js$/, (r) => r.abort());
    await bare.goto(env.url);
    await bare.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await bare.waitForLoadState('networkidle');
    // … and with it, every widget used.
    const page = await env.page(null);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(env.url);
    await useTheDemo(page);
    await page.waitForLoadState('networkidle');
    const origin = new URL(env.url).origin;
    const files = new Map(manifest().files.map((f) => [`${origin}/dist/${f.name}`, f]));
    const feeds = await page.evaluate(() => [...document.querySelectorAll('pw-related[src], pw-related[assoc]')]
      .flatMap((el) => ['src', 'assoc'].filter((a) => el.hasAttribute(a)).map((a) => new URL(el.getAttribute(a), document.baseURI).href)));
    assert.ok(feeds.length > 0, 'the demo names a feed');
    const suite = requests.filter((url) => !own.has(url));
    const unexpected = suite.filter((url) => !files.has(url) && !feeds.includes(url) && !url.startsWith('blob:') && !url.startsWith('data:'));
    assert.deepEqual(unexpected, [], 'requests that are neither the suite\'s files nor a feed the page names');
    assert.deepEqual(page.externalRequests, ['http://www.nonexample.com/'], 'nothing left the site but the new window the reader chose');
    assert.ok(suite.some((url) => feeds.includes(url)), 'the feed was fetched');
    const purposes = new Set(suite.filter((url) => files.has(url)).map((url) => files.get(url).purpose));
    for (const purpose of DEMO_MODULES.concat('font-slice')) {
      assert.ok(purposes.has(purpose), `${purpose} was fetched`);
    }
    const never = suite.filter((url) => files.has(url) && files.get(url).when === 'never');
    assert.deepEqual(never, [], 'no file a page never needs (types, notices, the studio)');
    const other = suite.filter((url) => files.has(url) && (MODE === 'js' ? url.endsWith('.wasm') : files.get(url).when === 'fallback'));
    assert.deepEqual(other, [], `nothing of the other build (${MODE === 'js' ? 'WebAssembly' : 'plain JS'})`);
  });

  for (const [remember, session] of [['off', []], ['visit', ['session']]]) {
    test(`privacy: no cookies, and storage exactly as the docs say (data-leave-remember="${remember}")`, async () => {
      const keys = documentedStorage();
      const url = new URL('/index.html', env.url).href;
      const html = readFileSync(join(ROOT, 'demo/index.html'), 'utf8')
        .replace('data-allow="*.gov.cn"', `data-allow="*.gov.cn" data-leave-remember="${remember}"`);
      assert.ok(html.includes(`data-leave-remember="${remember}"`));
      const page = await env.page(null);
      await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
      const setCookies = [];
      page.on('response', async (response) => { if (await response.headerValue('set-cookie')) setCookies.push(response.url()); });
      await page.goto(url);
      assert.deepEqual(await keptInBrowser(page), { cookies: [], documentCookie: '', local: [], session: [], indexedDB: [], caches: [], serviceWorkers: 0 },
        'nothing before the reader acts');
      await useTheDemo(page);
      assert.deepEqual(await keptInBrowser(page), {
        cookies: [], documentCookie: '', local: [keys.local], session: session.map((k) => keys[k]), indexedDB: [], caches: [], serviceWorkers: 0,
      });
      assert.deepEqual(setCookies, []);
    });
  }
});
