// Hostile and unusual host pages (issue "Hardening II", item 2 (b)–(e)) and
// privacy (item 3): every widget mounted and used on
//   - a RequireJS page (AMD define/require and CommonJS-looking globals),
//   - a page that includes the script tag three times,
//   - a page under CSP with Trusted Types enforced (script tag and start()),
//   - a page whose own stylesheet resets everything with !important,
// and, on the demo, the requests, cookies and storage the suite leaves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, decodeQr, manifest, openBrowser, ready } from './helpers.mjs';

const EVERY = '/tests/hostile/every.html';
const WECHAT = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) NetType/WIFI Language/zh_CN';
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
    const bytes = await page.evaluate(async () => {
      const img = document.querySelector('pw-qrcode').shadowRoot.querySelector('dialog img');
      await img.decode();
      return Array.from(new Uint8Array(await (await fetch(img.src)).arrayBuffer()));
    });
    facts.card = decodeQr(Buffer.from(bytes));
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
  }
  return facts;
}

/** The checks every page shares on useEveryWidget's facts. */
function assertEveryWidgetWorked(facts, what) {
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
    for (const purpose of ['core', 'qrcode', 'related', 'share-card']) {
      const files = manifest().files.filter((f) => f.purpose === purpose).map((f) => f.name);
      assert.ok(Object.keys(fetched).some((url) => files.some((name) => url.endsWith(`/${name}`))), `${purpose} was fetched`);
    }
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleErrors, []);
  });
});
