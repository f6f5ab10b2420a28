// The loader's leave-site part (web/loader.js, "the held click") in Chromium:
// before the core runs, a plain same-tab click on a link that may leave the
// site is held, the core is requested at once and decides; held at most 3 s,
// followed at once when the core fails; a click the page cancelled is never
// followed; new-tab and modified clicks are not held. Also: nothing but the
// loader (and the host CSS) is fetched before the load event.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST, openBrowser, ready, ROOT } from './helpers.mjs';

const table = JSON.parse(readFileSync(join(ROOT, 'tests/link_cases.json'), 'utf8'));
const CORE = /\/dist\/core[.][0-9a-f]+[.](js|wasm)$/;
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

describe('held click', async () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  /**
   * Opens `html` at `url` (any origin: served by the route, as are /dist/ files
   * under it). `core`: 'serve' | 'hang' | 'fail' | a delay in ms.
   */
  async function open(url, html, { core = 'serve', waitUntil = 'load' } = {}) {
    const origin = new URL(url).origin;
    const page = await env.page(null, {
      beforeLoad: async (p) => {
        p.requests = [];
        p.on('request', (r) => p.requests.push({ url: r.url(), at: Date.now() }));
        await p.route(`${origin}/**`, async (route) => {
          const { pathname } = new URL(route.request().url());
          if (route.request().url().split('#')[0] === url.split('#')[0]) {
            return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
          }
          if (!pathname.startsWith('/dist/')) {
            return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>elsewhere</title>' });
          }
          if (CORE.test(pathname)) {
            if (core === 'hang') return;  // never answered
            if (core === 'fail') return route.fulfill({ status: 404, body: 'gone' });
            if (typeof core === 'number') await new Promise((r) => setTimeout(r, core));
          }
          const file = join(DIST, pathname.slice('/dist/'.length));
          return route.fulfill({ contentType: TYPES[extname(file)] || 'application/octet-stream', body: readFileSync(file) });
        });
      },
    });
    page.loadedAt = 0;
    await page.goto(url, { waitUntil });
    return page;
  }

  const tag = (attrs) => `<script src="/dist/portal-widgets.js" defer ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(' ')}></script>`;

  test('every "confirm" case of tests/link_cases.json is held; held "pass" cases are only other hosts of the site', async () => {
    const links = table.cases.map((c, i) => `<a id="c${i}" href="${escapeAttr(c.href)}"${c.opted_out ? ' data-pw-leave="off"' : ''}>${i}</a>`).join('\n');
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>链接</title>${tag(table.attributes)}
<script>
document.addEventListener('DOMContentLoaded', function () {
  // After the loader's own listener (registered when the deferred loader ran).
  window.addEventListener('click', function (e) { window.lastPrevented = e.defaultPrevented; e.preventDefault(); });
});
</script></head><body>${links}</body></html>`;
    const page = await open(table.page, html, { core: 'hang' });
    const results = await page.evaluate((n) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const link = document.getElementById(`c${i}`);
        link.click();
        const held = window.PortalWidgets.__pw.takeHeld();
        out.push({ prevented: window.lastPrevented, held: !!held && held.link === link });
      }
      return out;
    }, table.cases.length);
    const pageHost = new URL(table.page).hostname;
    let confirms = 0;
    table.cases.forEach((c, i) => {
      const r = results[i];
      assert.equal(r.prevented, r.held, `${c.href}: prevented exactly when held`);
      if (c.action === 'confirm') {
        confirms += 1;
        assert.equal(r.held, true, `${JSON.stringify(c.href)} (${c.reason}) must be held before the core runs`);
      } else if (r.held) {
        // The browser's host as written (a trailing dot included): no host rules in ES5.
        assert.ok(['same-site', 'allowlisted'].includes(c.reason) && c.parts.host !== pageHost,
          `${JSON.stringify(c.href)} (${c.reason}) held although it cannot leave to another host`);
      }
    });
    assert.ok(confirms >= 40);
  });

  const LOCAL = () => `${env.url}tests/held/article.html`;
  const ARTICLE = (extra = '') => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>文章</title>
${tag({ 'data-site-name': '测试县人民政府门户网站' })}</head><body><h1>文章</h1>
<p><a id="ext" href="https://www.example.com/out">外站</a>
<a id="cancelled" href="https://www.example.com/cancelled" onclick="return false">取消</a>
<a id="blank" href="https://www.example.com/blank" target="_blank">新窗口</a>
<a id="nr" href="https://www.example.com/nr" referrerpolicy="no-referrer" ping="/ping-here">无来源</a>
<a id="own" href="/tests/held/other.html">本站</a></p>${extra}</body></html>`;

  test('only the loader (and the host CSS) is fetched before the load event; a page without elements gets the core when idle', async () => {
    const page = await open(LOCAL(), ARTICLE('<link rel="stylesheet" href="/dist/portal-widgets.css">'));
    const loadAt = await page.evaluate(() => performance.timing.loadEventStart + 0);
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    const timing = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: performance.timeOrigin + e.startTime })));
    const before = timing.filter((e) => e.start < loadAt && e.name.includes('/dist/')).map((e) => e.name.replace(/^.*\/dist\//, ''));
    assert.deepEqual(before.sort(), ['portal-widgets.css', 'portal-widgets.js']);
    assert.ok(timing.some((e) => CORE.test(new URL(e.name).pathname) && e.start >= loadAt), 'core fetched after load');
  });

  test('a click made the instant the page is interactive waits for a slow core (1.2 s), which asks', async () => {
    const page = await open(LOCAL(), ARTICLE(), { core: 1200, waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.PortalWidgets && window.PortalWidgets.__pw);
    await page.click('#ext');
    await page.waitForSelector('pw-leave-dialog', { timeout: 5000 });
    assert.equal(page.url(), LOCAL(), 'still on the article');
    await page.locator('pw-leave-dialog').getByRole('button', { name: '放弃' }).click();
    await page.waitForTimeout(300);
    assert.equal(page.url(), LOCAL(), '放弃 keeps the reader here');
    assert.equal((await ready(page)).ok, true);
  });

  test('held at most 3 s: with a core that never arrives the link is followed', async () => {
    const page = await open(LOCAL(), ARTICLE(), { core: 'hang' });
    const t0 = Date.now();
    await page.click('#ext');
    await page.waitForURL('https://www.example.com/out', { timeout: 6000 });
    const waited = Date.now() - t0;
    assert.ok(waited >= 2500 && waited < 5000, `followed after ${waited} ms`);
  });

  test('a core that cannot load: the held link is followed at once', async () => {
    const page = await open(LOCAL(), ARTICLE(), { core: 'fail' });
    const t0 = Date.now();
    await page.click('#ext');
    await page.waitForURL('https://www.example.com/out', { timeout: 6000 });
    assert.ok(Date.now() - t0 < 2500, 'not waiting for the hold to run out');
  });

  test('a click the page cancelled is never followed; new-tab clicks are not held', async () => {
    const page = await open(LOCAL(), ARTICLE(), { core: 'hang' });
    await page.click('#cancelled');
    await page.waitForTimeout(3500);
    assert.equal(page.url(), LOCAL());
    assert.equal(await page.evaluate(() => window.PortalWidgets.__pw.takeHeld()), null);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#blank')]);
    assert.ok(popup, 'target=_blank opens at once');
    const modified = await page.evaluate(() => {
      let prevented = null;
      window.addEventListener('click', (e) => { prevented = e.defaultPrevented; e.preventDefault(); }, { once: true });
      document.getElementById('ext').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
      return prevented;
    });
    assert.equal(modified, false, 'a Ctrl-click is not held');
  });

  test('a followed link keeps its referrerpolicy and ping, after a hold and after 继续访问', async () => {
    for (const core of ['hang', 'serve']) {
      const page = await open(LOCAL(), ARTICLE(), { core });
      const seen = [];
      page.on('request', (r) => seen.push({ url: r.url(), referer: r.headers().referer, method: r.method() }));
      if (core === 'serve') await ready(page);
      await page.click('#nr');
      if (core === 'serve') await page.locator('pw-leave-dialog').getByRole('button', { name: '继续访问' }).click();
      await page.waitForURL('https://www.example.com/nr', { timeout: 6000 });
      const nav = seen.find((r) => r.url === 'https://www.example.com/nr');
      assert.equal(nav.referer, undefined, `${core}: no Referer sent (referrerpolicy="no-referrer")`);
      await page.waitForTimeout(300);
      assert.ok(seen.some((r) => r.url.endsWith('/ping-here') && r.method === 'POST'), `${core}: the ping was sent`);
    }
  });
});
