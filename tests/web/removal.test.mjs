// Every widget removed while it is busy: whatever it started (listeners on the
// document, timers, fetches, a share card being made, scaled text) stops when
// it leaves the page, nothing navigates or downloads afterwards, and nothing
// reaches the page's error handlers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openBrowser, ready } from './helpers.mjs';

// Counts what the page's scripts start: document focusin listeners, live
// intervals and timeouts; records errors that reach the page and every event
// of the suite.
const WATCH = `<script>
(function () {
  window.watch = { focusin: 0, intervals: new Set(), errors: [], events: [] };
  var add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  var focusin = new Set();
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (this === document && type === 'focusin') { focusin.add(fn); watch.focusin = focusin.size; }
    return add.apply(this, arguments);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    if (this === document && type === 'focusin') { focusin.delete(fn); watch.focusin = focusin.size; }
    return remove.apply(this, arguments);
  };
  var setI = window.setInterval, clearI = window.clearInterval;
  window.setInterval = function () { var id = setI.apply(window, arguments); watch.intervals.add(id); return id; };
  window.clearInterval = function (id) { watch.intervals.delete(id); return clearI.call(window, id); };
  window.addEventListener('error', function (e) { watch.errors.push('error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) { watch.errors.push('unhandledrejection: ' + (e.reason && e.reason.message || e.reason)); });
  ['pw-error', 'pw-leave-request', 'pw-leave-confirm', 'pw-leave-cancel', 'pw-related-render', 'pw-qrcode-card',
    'pw-font-size-change'].forEach(function (type) {
    document.addEventListener(type, function (e) { watch.events.push(type + (e.detail && e.detail.id ? ' ' + e.detail.id : '')); }, true);
  });
})();
</script>`;

const page = (attrs, body) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>移除测试</title>
${WATCH}<script src="/dist/portal-widgets.js" defer data-site-name="测试县人民政府门户网站" ${attrs}></script></head>
<body><main><h1>移除测试</h1>${body}</main></body></html>`;

/** A route answer held back until release(); `arrived` resolves when the request came. */
function held() {
  let release, arrive;
  const gate = new Promise((resolve) => { release = resolve; });
  const arrived = new Promise((resolve) => { arrive = resolve; });
  return { gate, arrived, arrive: () => arrive(), release: () => release() };
}

describe('widgets removed while busy', async () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  async function open(name, html, beforeLoad) {
    const url = `${env.url}tests/removal/${name}`;
    const p = await env.page(null, {
      beforeLoad: async (pg) => {
        await pg.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
        if (beforeLoad) await beforeLoad(pg);
      },
    });
    await p.goto(url);
    return p;
  }
  const watched = (p) => p.evaluate(() => ({ focusin: watch.focusin, intervals: watch.intervals.size, errors: watch.errors, events: watch.events }));

  test('the leave dialog removed during its countdown: the timer and the focus trap stop, nothing navigates', async () => {
    const p = await open('dialog.html', page('data-leave-countdown="1"',
      '<p><a id="ext" href="https://www.example.com/">外站</a> <input id="search" aria-label="搜索"></p>'));
    await ready(p);
    const start = p.url();
    const idle = await watched(p);
    await p.click('#ext');
    await p.locator('pw-leave-dialog').waitFor();
    const open1 = await watched(p);
    assert.equal(open1.focusin, idle.focusin + 1, 'the dialog keeps focus with a document focusin listener');
    assert.equal(open1.intervals, idle.intervals + 1, 'the countdown runs');
    await p.evaluate(() => document.querySelector('pw-leave-dialog').remove());
    const removed = await watched(p);
    assert.equal(removed.focusin, idle.focusin, 'focusin listener removed');
    assert.equal(removed.intervals, idle.intervals, 'countdown stopped');
    await p.waitForTimeout(2000);  // twice the countdown
    assert.equal(p.url(), start, 'nothing navigated');
    assert.deepEqual(p.externalRequests, []);
    await p.focus('#search');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'search', 'focus is the reader\'s again');
    const end = await watched(p);
    assert.deepEqual(end.errors, []);
    assert.deepEqual(end.events, ['pw-leave-request', 'pw-leave-cancel']);
    // The next link asks again with a fresh dialog, which still works.
    await p.click('#ext');
    await p.locator('pw-leave-dialog').waitFor();
    await p.keyboard.press('Escape');
    assert.equal(await p.locator('pw-leave-dialog').count(), 0);
    assert.deepEqual((await watched(p)).intervals, idle.intervals);
  });

  test('the leave dialog removed without a countdown, and the dialog moved elsewhere in the page', async () => {
    const p = await open('dialog-plain.html', page('',
      '<p><a id="ext" href="https://www.example.com/">外站</a></p><div id="elsewhere"></div>'));
    await ready(p);
    const start = p.url();
    const idle = await watched(p);
    await p.click('#ext');
    await p.locator('pw-leave-dialog').waitFor();
    // A page script that re-parents it: it leaves the page, so it answers 放弃.
    await p.evaluate(() => document.getElementById('elsewhere').append(document.querySelector('pw-leave-dialog')));
    await p.waitForTimeout(300);
    assert.equal(p.url(), start);
    const end = await watched(p);
    assert.equal(end.focusin, idle.focusin);
    assert.deepEqual(end.errors, []);
    assert.deepEqual(end.events, ['pw-leave-request', 'pw-leave-cancel']);
  });

  test('<pw-qrcode> removed while its share card is being made: no download, no overlay, no error', async () => {
    const gate = held();
    const p = await open('qrcode.html', page('', '<pw-qrcode id="qr" caption="扫一扫在手机打开当前页" download></pw-qrcode>'),
      (pg) => pg.route(/share-card/, async (route) => { gate.arrive(); await gate.gate; await route.continue(); }));
    await ready(p);
    const downloads = [];
    p.on('download', (d) => downloads.push(d.suggestedFilename()));
    await p.locator('#qr .save').click();
    await gate.arrived;
    const qr = await p.evaluateHandle(() => document.getElementById('qr'));
    await p.evaluate((el) => el.remove(), qr);
    gate.release();
    await p.waitForTimeout(2000);
    assert.deepEqual(downloads, []);
    assert.equal(await p.evaluate((el) => el.shadowRoot.querySelector('dialog'), qr), null, 'no overlay');
    const end = await watched(p);
    assert.deepEqual(end.errors, []);
    assert.deepEqual(end.events, []);
    // Put back, it makes the card again.
    await p.evaluate((el) => document.querySelector('main').append(el), qr);
    await p.evaluate((el) => el.ready, qr);
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('#qr .save').click()]);
    assert.equal(download.suggestedFilename(), 'qrcode.png');
  });

  test('<pw-related> removed while its feed loads: nothing renders, the page\'s list is left as it was', async () => {
    const gate = held();
    const feed = JSON.stringify({ version: 1, articles: [{ title: '关于印发某某县政务公开工作要点的通知', url: '/art/1.html', date: '2024-05-01' }] });
    const p = await open('related.html', page('',
      '<pw-related id="rel" src="/tests/removal/feed.json" loading="eager"><ul><li><a href="/a.html">服务端列表</a></li></ul></pw-related>'),
      (pg) => pg.route('**/tests/removal/feed.json', async (route) => {
        gate.arrive();
        await gate.gate;
        await route.fulfill({ contentType: 'application/json', body: feed });
      }));
    await gate.arrived;
    const rel = await p.evaluateHandle(() => document.getElementById('rel'));
    await p.evaluate((el) => el.remove(), rel);
    gate.release();
    await ready(p);
    await p.waitForTimeout(500);
    assert.equal(await p.evaluate((el) => el.shadowRoot.querySelector('ul, p'), rel), null, 'nothing rendered');
    assert.equal(await p.evaluate((el) => el.querySelector('a').textContent, rel), '服务端列表');
    const end = await watched(p);
    assert.deepEqual(end.errors, []);
    assert.deepEqual(end.events, []);
  });

  test('<pw-font-size> removed right after a change: the text goes back, later paragraphs and calls change nothing', async () => {
    const p = await open('font-size.html', page('',
      '<pw-font-size id="fs" target="#zoom" remember="off"></pw-font-size><div id="zoom"><p id="p1" style="font-size:16px">正文第一段。</p></div>'));
    await ready(p);
    const size = (id) => p.evaluate((i) => getComputedStyle(document.getElementById(i)).fontSize, id);
    assert.equal(await size('p1'), '16px');
    const fs = await p.evaluateHandle(() => document.getElementById('fs'));
    // The click and the removal in one task: the change is still being applied.
    await p.evaluate((el) => { el.shadowRoot.querySelector('button[data-level="18"]').click(); el.remove(); }, fs);
    assert.equal(await size('p1'), '16px', 'the authored size is back');
    await p.evaluate((el) => {
      const para = document.createElement('p');
      para.id = 'p2';
      para.style.fontSize = '16px';
      para.textContent = '后来加入的段落。';
      document.getElementById('zoom').append(para);
      el.level = 18;
      if (typeof window.doZoom === 'function') window.doZoom(18);
    }, fs);
    await p.waitForTimeout(200);
    assert.equal(await size('p1'), '16px');
    assert.equal(await size('p2'), '16px');
    const end = await watched(p);
    assert.deepEqual(end.errors, []);
    assert.deepEqual(end.events, ['pw-font-size-change']);
  });
});
