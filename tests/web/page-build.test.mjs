// The page build (issue "Weight"): a page with <pw-font-size> and <pw-qrcode>
// when the core is requested fetches one .wasm (core-page: the core, font-size
// and QR modules linked together) instead of three, or its one plain-JS build,
// and one .js (the core's runtime with both elements' code) instead of four;
// a page with only one of them, or none, fetches the modules it needs as before.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeQr, manifest, MODE, openBrowser, ready } from './helpers.mjs';

/** The module files (.wasm, or plain-JS builds in js mode) of this build, by name → purpose. */
function moduleFiles() {
  const files = manifest().files.filter((f) => (MODE === 'js' ? f.when === 'fallback' : f.name.endsWith('.wasm') && f.when !== 'never'));
  return new Map(files.map((f) => [f.name, MODE === 'js' ? f.purpose.replace(/-js$/, '') : f.purpose]));
}

describe('the page build', async () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  /** The suite's own .js files (not the plain-JS builds), by name → purpose. */
  const scriptFiles = () => new Map(manifest().files.filter((f) => f.name.endsWith('.js') && f.when !== 'fallback' && f.when !== 'never')
    .map((f) => [f.name, f.name === 'portal-widgets.js' ? 'loader' : f.purpose]));

  /** A generated page with `body` (and script-tag `attributes`); returns the page, the module purposes it fetched (in order)
   *  and the purposes of its .js files. */
  async function open(name, body, attributes = '') {
    const url = `${env.url}tests/page-build/${name}`;
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面</title>
<script src="/dist/portal-widgets.js" defer data-site-name="测试县人民政府门户网站" ${attributes}></script></head>
<body><h1>页面</h1><div id="zoom"><p>正文。</p></div>${body}</body></html>`;
    const files = moduleFiles();
    const scripts = scriptFiles();
    const fetched = [];
    const js = [];
    const page = await env.page(null, {
      beforeLoad: (p) => {
        p.on('request', (request) => {
          const file = new URL(request.url()).pathname.split('/').pop();
          if (files.has(file)) fetched.push(files.get(file));
          if (scripts.has(file)) js.push(scripts.get(file));
        });
        return p.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
      },
    });
    await page.goto(url);
    return { page, fetched, js };
  }

  test('both elements: one module for the page, and both widgets and the leave-site confirmation work on it', async () => {
    const { page, fetched, js } = await open('both.html',
      '<pw-font-size target="#zoom"></pw-font-size><pw-qrcode text="https://www.example.gov.cn/a.html" loading="eager"></pw-qrcode>' +
      '<a id="out" href="https://www.xn--exmple-4nf.com/">外链</a>');
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assert.equal(result.mode, MODE);
    await page.waitForFunction(() => document.querySelector('pw-qrcode').shadowRoot.querySelector('svg, img'));
    assert.deepEqual(fetched, ['core-page']);
    // One .js too: the page build's carries the core, the element base class and both
    // elements' code (web/package.mjs), so neither the core's .js nor theirs is fetched.
    assert.deepEqual(js, ['loader', 'core-page']);
    const levels = await page.evaluate(() => document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button').length);
    assert.ok(levels >= 3, `${levels} font-size buttons`);
    await page.evaluate(() => document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button')[0].click());
    assert.equal(await page.evaluate(() => window.PortalWidgets.classifyLink(document.getElementById('out')).action), 'confirm');
    // The page build parses hosts in ASCII only, as the core does: an IDN host's
    // display is the core's full build's, fetched on the click that shows it.
    await page.click('#out');
    await page.waitForFunction(() => document.querySelector('pw-leave-dialog'));
    assert.match(await page.evaluate(() => document.querySelector('pw-leave-dialog').shadowRoot.textContent), /www\.ex\u0430mple\.com \(www\.xn--exmple-4nf\.com\)/);
    assert.deepEqual(fetched, ['core-page', 'core-full']);
    assert.deepEqual(js, ['loader', 'core-page', 'leave-dialog']);
    assert.deepEqual(page.pageErrors, []);
  });

  test('both elements and IDN or IP site hosts: the configuration from the core\'s full build, both widgets on the page build', async () => {
    const { page, fetched, js } = await open('both-idn.html',
      '<link rel="canonical" href="https://政府.cn/canon.html?utm_source=feed">' +
      '<pw-font-size target="#zoom"></pw-font-size><pw-qrcode loading="eager"></pw-qrcode>' +
      '<a id="same" href="https://xn--mxtq1m.cn/b.html">本站</a><a id="out" href="https://www.example.com/">外链</a>',
      'data-site-hosts="政府.cn 127.0.0.1" data-allow="0x7f.1"');
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assert.deepEqual(await page.evaluate(() => window.PortalWidgets.config.siteHosts), ['127.0.0.1', 'xn--mxtq1m.cn']);  // the page's own host first
    assert.deepEqual(await page.evaluate(() => window.PortalWidgets.config.allow), ['127.0.0.1']);
    assert.deepEqual(await page.evaluate(() => ['same', 'out'].map((id) => window.PortalWidgets.classifyLink(document.getElementById(id)).action)),
      ['pass', 'confirm']);
    await page.waitForFunction(() => document.querySelector('pw-qrcode').shadowRoot.querySelector('svg, img'));
    assert.deepEqual(fetched, ['core-page', 'core-full']);
    // The code carries the canonical URL, same-site by the IDN site host: the
    // page build's QR export reads the hosts the full build resolved.
    assert.equal(decodeQr(await page.locator('pw-qrcode .code').screenshot()), 'https://xn--mxtq1m.cn/canon.html');
    const levels = await page.evaluate(() => document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button').length);
    assert.ok(levels >= 3, `${levels} font-size buttons`);
    assert.deepEqual(fetched, ['core-page', 'core-full']);
    assert.deepEqual(js, ['loader', 'core-page']);
    assert.deepEqual(page.pageErrors, []);
  });

  test('one of them, or none: the core and the module it needs, as before', async () => {
    const fontSize = await open('font-size.html', '<pw-font-size target="#zoom"></pw-font-size>');
    assert.equal((await ready(fontSize.page)).ok, true);
    assert.deepEqual(fontSize.fetched.sort(), ['core', 'font-size']);
    assert.deepEqual(fontSize.js.sort(), ['core', 'element-base', 'font-size', 'loader']);
    const none = await open('none.html', '');
    assert.equal((await ready(none.page)).ok, true);
    assert.deepEqual(none.fetched, ['core']);
    assert.deepEqual(none.js, ['loader', 'core']);
  });
});
