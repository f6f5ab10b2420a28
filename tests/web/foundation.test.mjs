// Foundation: the loader, the core module, config errors, host-page rules.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axe, coreVersion, manifest, openBrowser, ready } from './helpers.mjs';

describe('foundation', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  test('the demo loads, ready resolves {ok: true, mode: "wasm"} with no console errors', async () => {
    const page = await env.page('/');
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assert.equal(result.mode, 'wasm');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.externalRequests, []);
  });

  test('version comes from the C++ core and config from the script tag', async () => {
    const page = await env.page('/');
    await ready(page);
    const { version, config } = await page.evaluate(() => ({ version: PortalWidgets.version, config: PortalWidgets.config }));
    assert.equal(version, coreVersion());
    assert.equal(config.siteName, '某某县人民政府门户网站');
    assert.deepEqual(config.siteHosts, ['127.0.0.1', 'www.example.gov.cn', 'example.gov.cn']);
    assert.equal(config.lang, 'zh-Hans');
    assert.equal(config.leave, 'dialog');
    assert.deepEqual(config.allow, ['*.gov.cn']);
    assert.equal(config.leaveCountdown, 0);
    assert.equal(config.leaveRemember, 'off');
  });

  test('page metadata supplies the defaults', async () => {
    const page = await env.page('/tests/foundation/basic.html');
    await ready(page);
    const config = await page.evaluate(() => PortalWidgets.config);
    assert.equal(config.siteName, '测试县人民政府门户网站');
    assert.deepEqual(config.siteHosts, ['127.0.0.1', 'www.example.gov.cn']);
  });

  test('the script included twice (defer, async, blocking) still works once', async () => {
    const page = await env.page('/tests/foundation/twice.html');
    const result = await ready(page);
    assert.equal(result.ok, true);
    const info = await page.evaluate(() => ({
      name: PortalWidgets.config.siteName,
      cores: [...document.querySelectorAll('script')].filter((s) => /\/core\.[0-9a-f]+\.js$/.test(s.src)).length,
    }));
    assert.equal(info.cores, 1, 'the core module is fetched once');
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.pageErrors, []);
  });

  test('bad script-tag attributes: one console.error each and a pw-error with a stable id', async () => {
    const page = await env.page('/tests/foundation/bad-attrs.html');
    const result = await ready(page);
    assert.equal(result.ok, true, 'config errors do not stop the widgets');
    const events = await page.evaluate(() => window.pwErrors);
    const ids = events.map((e) => `${e.id} ${e.source}`).sort();
    assert.deepEqual(ids, [
      'pw.config.bad_lang data-lang',
      'pw.config.bad_site_host data-site-hosts',
      'pw.config.unknown_attribute data-site-host',
    ]);
    assert.equal(page.consoleErrors.length, 3);
    assert.ok(page.consoleErrors.some((m) => m.includes('data-lang="fr"') && m.includes('expected one of zh-Hans, zh-Hant, en')));
    assert.ok(page.consoleErrors.some((m) => m.includes('"https://www.example.gov.cn/"') && m.includes('expected host names')));
    const config = await page.evaluate(() => PortalWidgets.config);
    assert.deepEqual(config.siteHosts, ['127.0.0.1', 'ok.example.gov.cn']);
    assert.equal(config.lang, 'zh-Hans');
  });

  test('no global but PortalWidgets; no AMD define() on RequireJS pages', async () => {
    let page = await env.page('/tests/foundation/globals.html');
    await ready(page);
    const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !window.globalsBefore.includes(n) && n !== 'globalsBefore'));
    assert.deepEqual(added, ['PortalWidgets']);
    page = await env.page('/tests/foundation/amd.html');
    const result = await ready(page);
    assert.equal(result.ok, true);
    assert.equal(await page.evaluate(() => window.defineCalls), 0);
    assert.equal(await page.evaluate(() => PortalWidgets.config.lang), 'en');
    assert.deepEqual(page.pageErrors, []);
  });

  test('when the core cannot load, ready resolves {ok: false, mode: "none"} and the page is untouched', async () => {
    const core = manifest().files.find((f) => f.purpose === 'core').name;
    const page = await env.page('/tests/foundation/basic.html', {
      beforeLoad: (p) => p.route(`**/${core}`, (route) => route.fulfill({ status: 404, body: 'missing' })),
    });
    const result = await ready(page);
    assert.equal(result.ok, false);
    assert.equal(result.mode, 'none');
    assert.equal(result.errors[0].id, 'pw.core.load_failed');
    assert.equal(await page.evaluate(() => PortalWidgets.version), undefined);
    assert.equal(await page.textContent('#host-text'), 'host content');
    assert.deepEqual(page.pageErrors, []);
  });

  test('when the core\'s .wasm is missing, ready resolves {ok: false, mode: "none"} without unhandled errors', async () => {
    const wasm = manifest().files.find((f) => f.purpose === 'core' && f.name.endsWith('.wasm')).name;
    const page = await env.page('/tests/foundation/basic.html', {
      beforeLoad: (p) => p.route(`**/${wasm}`, (route) => route.fulfill({ status: 404, body: 'missing' })),
    });
    const result = await ready(page);
    assert.equal(result.ok, false);
    assert.equal(result.mode, 'none');
    assert.equal(result.errors[0].id, 'pw.core.load_failed');
    assert.match(result.errors[0].message, /could not load .*\.wasm/);
    assert.deepEqual(page.pageErrors, []);
  });

  test('when the core cannot start, a returning reader\'s early font size is undone (page left as it was)', async () => {
    const wasm = manifest().files.find((f) => f.purpose === 'core' && f.name.endsWith('.wasm')).name;
    const authored = await (async () => {
      const page = await env.page('/');
      await ready(page);
      return page.evaluate(() => [...document.querySelectorAll('#zoom p, #zoom h2, #zoom td')].map((el) => getComputedStyle(el).fontSize));
    })();
    const page = await env.page('/', {
      beforeLoad: async (p) => {
        await p.addInitScript(() => localStorage.setItem('pw-font-size', '1:18'));
        await p.route(`**/${wasm}`, (route) => route.fulfill({ status: 404, body: 'missing' }));
      },
    });
    const result = await ready(page);
    assert.equal(result.mode, 'none');
    const after = await page.evaluate(() => ({
      sizes: [...document.querySelectorAll('#zoom p, #zoom h2, #zoom td')].map((el) => getComputedStyle(el).fontSize),
      styled: [...document.querySelectorAll('#zoom [style]')].filter((el) => /font-size|line-height/.test(el.getAttribute('style'))).length,
    }));
    assert.deepEqual(after.sizes, authored);
    assert.equal(after.styled, 0, 'no font-size or line-height left in style attributes');
    assert.deepEqual(page.pageErrors, []);
  });

  test('a tampered core fails its SRI check and the page is left as it was', async () => {
    const core = manifest().files.find((f) => f.purpose === 'core').name;
    const page = await env.page('/tests/foundation/basic.html', {
      beforeLoad: (p) => p.route(`**/${core}`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.pwned = 1;' })),
    });
    const result = await ready(page);
    assert.equal(result.mode, 'none');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
  });

  test('old engines: without custom elements the loader does nothing and throws nothing', async () => {
    const page = await env.page(null);
    await page.addInitScript(() => { delete window.customElements; Object.defineProperty(window, 'customElements', { value: undefined }); });
    await page.goto(new URL('/tests/foundation/basic.html', env.url).href);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => typeof window.PortalWidgets), 'undefined');
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('strict CSP with Trusted Types: no unsafe-inline, no unsafe-eval, only wasm-unsafe-eval', async (t) => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
      "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types portal-widgets";
    const strict = await openBrowser(t, { headers: (path) => (path.endsWith('.html') ? { 'content-security-policy': csp } : {}) });
    const page = await strict.page('/tests/foundation/basic.html', {
      beforeLoad: (p) => p.addInitScript(() => {
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      }),
    });
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('strict CSP (no unsafe-inline styles): switching font sizes back and forth does not compound', async (t) => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'";
    const strict = await openBrowser(t, { headers: (path) => (path.endsWith('.html') ? { 'content-security-policy': csp } : {}) });
    const page = await strict.page('/tests/font-size/cms.html');
    await ready(page);
    const sizes = [];
    for (const level of [20, 16, 20, 16, 20]) {
      sizes.push(await page.evaluate(async (px) => {
        document.querySelector('pw-font-size').level = px;
        await new Promise((r) => requestAnimationFrame(r));
        return ['t-plain', 't-pt', 't-h1'].map((id) => getComputedStyle(document.getElementById(id)).fontSize).join(' ');
      }, level));
    }
    assert.equal(sizes[2], sizes[0], sizes.join(' | '));
    assert.equal(sizes[4], sizes[0], sizes.join(' | '));
    assert.equal(sizes[3], sizes[1], sizes.join(' | '));
  });

  test('the demo page has no accessibility violations (axe-core)', async () => {
    const page = await env.page('/');
    await ready(page);
    assert.deepEqual(await axe(page), []);
  });
});
