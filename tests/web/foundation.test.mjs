// Foundation: the loader, the core module, config errors, host-page rules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MODE, ROOT, axe, coreUnavailable, coreVersion, manifest, openBrowser, ready } from './helpers.mjs';

const WIDGETS_PAGE = readFileSync(join(ROOT, 'tests/web/pages/foundation/widgets.html'), 'utf8');

/** The page text in GBK (the encoding of many county portals), by Python's codec. */
function encodeGbk(text) {
  return execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode("utf-8").encode("gbk"))'],
    { input: Buffer.from(text, 'utf8') });
}

/** What a reader sees of each widget's UI strings: font-size group label, related
 *  heading, the leave dialog's title and buttons (after a click on an external link). */
async function widgetStrings(page) {
  await page.evaluate(() => Promise.all([...document.querySelectorAll('pw-font-size, pw-related')].map((el) => el.ready)));
  const strings = await page.evaluate(() => ({
    group: document.querySelector('pw-font-size').shadowRoot.querySelector('[role="group"]').getAttribute('aria-label'),
    related: document.querySelector('pw-related').shadowRoot.querySelector('h2').textContent,
  }));
  await page.click('#out');
  await page.locator('pw-leave-dialog .continue').waitFor();
  Object.assign(strings, await page.evaluate(() => {
    const root = document.querySelector('pw-leave-dialog').shadowRoot;
    return { title: root.querySelector('h2').textContent, continue: root.querySelector('.continue').textContent,
      cancel: root.querySelector('.cancel').textContent };
  }));
  return strings;
}

describe('foundation', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  test('the demo loads, ready resolves {ok: true, mode: "wasm"} with no console errors', async () => {
    const page = await env.page('/');
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assert.equal(result.mode, MODE);
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

  test('the demo can be clicked through: every same-site link on its pages and in its feed answers 200', async () => {
    const page = await env.page('/');
    await ready(page);
    const urls = new Set();
    for (const path of ['/', '/article-2.html']) {
      await page.goto(new URL(path, env.url).href);
      for (const href of await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href))) {
        const u = new URL(href);
        if (u.origin === new URL(env.url).origin && u.protocol.startsWith('http')) urls.add(u.origin + u.pathname);
      }
    }
    const feedUrl = new URL('/feeds/column-zcjd.json', env.url);
    for (const article of (await (await page.request.get(feedUrl.href)).json()).articles) {
      const u = new URL(article.url, feedUrl);
      urls.add(u.origin + u.pathname);
    }
    assert.ok(urls.size > 15, `${urls.size} links`);
    const broken = [];
    for (const url of urls) {
      const response = await page.request.get(url);
      if (response.status() !== 200) broken.push(`${response.status()} ${url}`);
    }
    assert.deepEqual(broken, []);
    for (const stub of ['/article-7.html', '/files/2026/11/sme-measures.html']) {
      const stubPage = await env.page(stub);
      assert.equal((await ready(stubPage)).ok, true, stub);
      assert.deepEqual(stubPage.consoleErrors, [], stub);
      assert.deepEqual(stubPage.externalRequests, [], stub);
    }
  });

  test('page metadata supplies the defaults', async () => {
    const page = await env.page('/tests/foundation/basic.html');
    await ready(page);
    const config = await page.evaluate(() => PortalWidgets.config);
    assert.equal(config.siteName, '测试县人民政府门户网站');
    assert.deepEqual(config.siteHosts, ['127.0.0.1', 'www.example.gov.cn']);
  });

  test('the script included twice (defer, async, blocking) still works once, with the head tag\'s config', async () => {
    // The blocking copy at the end of <body> runs first and has no attributes;
    // the documented defer tag in <head> carries the configuration.
    const page = await env.page('/tests/foundation/twice.html');
    const result = await ready(page);
    assert.equal(result.ok, true);
    const info = await page.evaluate(() => ({
      config: PortalWidgets.config,
      // The core's .js, or the page build's (this page has <pw-font-size> and <pw-qrcode>).
      cores: [...document.querySelectorAll('script')].filter((s) => /\/core(-page)?\.[0-9a-f]+\.js$/.test(s.src)).length,
    }));
    assert.equal(info.cores, 1, 'the core module is fetched once');
    assert.equal(info.config.siteName, '第一份', 'first non-empty value in document order');
    assert.deepEqual(info.config.siteHosts, ['127.0.0.1', 'www.example.gov.cn'], 'taken from the tag that has it');
    assert.deepEqual(info.config.allow, ['*.gov.cn'], 'an empty value does not hide a later non-empty one');
    const warnings = page.consoleMessages.filter((m) => m.type === 'warning').map((m) => m.text);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /data-site-name/);
    assert.match(warnings[0], /第一份/);
    assert.match(warnings[0], /第二份/);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.pageErrors, []);
  });

  test('a blocking tag at the top of <head>: the title and meta tags parsed after it still count', async () => {
    const page = await env.page('/tests/foundation/head-first.html');
    assert.equal((await ready(page)).ok, true);
    const config = await page.evaluate(() => PortalWidgets.config);
    assert.equal(config.siteName, '测试县人民政府门户网站', '<meta name="SiteName"> below the script');
    assert.equal(config.lang, 'zh-Hans', 'lang="en" with a Chinese <title> below the script');
  });

  for (const [file, name] of [['async-head.html', '异步引用'], ['defer-body.html', '页尾引用']]) {
    test(`${file.replace('.html', '').replace('-', ' in ')}: config read and the element mounted`, async () => {
      const page = await env.page(`/tests/foundation/${file}`);
      const result = await ready(page);
      assert.equal(result.ok, true, JSON.stringify(result.errors));
      assert.equal(await page.evaluate(() => PortalWidgets.config.siteName), name);
      assert.ok(await page.evaluate(() => !!document.querySelector('pw-font-size').shadowRoot.querySelector('[role="group"]')));
      assert.deepEqual(page.consoleErrors, []);
    });
  }

  test('a tag further down the page than the copy that runs first still gives its config', async () => {
    const page = await env.page('/tests/foundation/twice-late.html');
    const result = await ready(page);
    assert.equal(result.ok, true);
    assert.equal(await page.evaluate(() => PortalWidgets.config.siteName), '页脚配置');
    assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'warning'), []);
    assert.deepEqual(page.consoleErrors, []);
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
    const core = manifest().files.find((f) => f.purpose === 'core' && f.name.endsWith('.js')).name;
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

  test('when boot fails after elements were mounted, ready resolves {ok: false, mode: "wasm"}: the suite that runs is whole and consistent', async () => {
    // An artificial late failure: the page-wide MutationObserver cannot start
    // (after every element was defined and the page mounted). A returning reader
    // at 大: the early size must stay, matching the pressed button.
    const refuseObserver = () => {
      const observe = MutationObserver.prototype.observe;
      MutationObserver.prototype.observe = function (target, options) {
        if (target === document.documentElement) throw new Error('observer refused');
        return observe.call(this, target, options);
      };
    };
    const view = (page) => page.evaluate(() => ({
      sizes: [...document.querySelectorAll('#zoom p, #zoom h2, #zoom td')].map((el) => getComputedStyle(el).fontSize),
      pressed: [...document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button')]
        .map((b) => `${b.textContent}:${b.getAttribute('aria-pressed')}`).join(' '),
    }));
    const expected = await (async () => {
      const page = await env.page('/', { beforeLoad: (p) => p.addInitScript(() => localStorage.setItem('pw-font-size', '1:18')) });
      await ready(page);
      return view(page);
    })();
    assert.equal(expected.pressed, '大:true 中:false 小:false');
    const page = await env.page('/', {
      beforeLoad: async (p) => {
        await p.addInitScript(() => localStorage.setItem('pw-font-size', '1:18'));
        await p.addInitScript(refuseObserver);
      },
    });
    const result = await ready(page);
    assert.equal(result.ok, false);
    assert.equal(result.mode, MODE);
    const failed = result.errors.filter((e) => e.id === 'pw.core.boot_failed');
    assert.equal(failed.length, 1, JSON.stringify(result.errors));
    assert.match(failed[0].message, /observer refused/);
    const api = await page.evaluate(() => ({ version: PortalWidgets.version, classify: typeof PortalWidgets.classifyLink,
      config: !!PortalWidgets.config, defined: !!customElements.get('pw-font-size') }));
    assert.deepEqual(api, { version: coreVersion(), classify: 'function', config: true, defined: true });
    await page.evaluate(() => Promise.all([...document.querySelectorAll('pw-font-size')].map((el) => el.ready)));
    assert.deepEqual(await view(page), expected, 'the early 大 stays, and 大 is the pressed button');
    assert.deepEqual(page.pageErrors, []);
  });

  test('when boot fails before anything was mounted, ready resolves {ok: false, mode: "none"} and the page is left as it was', async () => {
    const authored = await (async () => {
      const page = await env.page('/', { beforeLoad: coreUnavailable });
      await ready(page);
      return page.evaluate(() => [...document.querySelectorAll('#zoom p, #zoom h2, #zoom td')].map((el) => getComputedStyle(el).fontSize));
    })();
    // An artificial failure after the core started but before any element was
    // defined: reading the script tags' attributes at boot throws.
    const page = await env.page('/', {
      beforeLoad: async (p) => {
        await p.addInitScript(() => localStorage.setItem('pw-font-size', '1:18'));
        await p.addInitScript(() => {
          let api;
          Object.defineProperty(window, 'PortalWidgets', {
            configurable: true,
            get: () => api,
            set: (value) => {
              api = value;
              value.__pw.ours = () => { throw new Error('page facts refused'); };
            },
          });
        });
      },
    });
    const result = await ready(page);
    assert.equal(result.ok, false);
    assert.equal(result.mode, 'none');
    assert.deepEqual(result.errors.map((e) => e.id), ['pw.core.load_failed']);
    assert.match(result.errors[0].message, /page facts refused/);
    const after = await page.evaluate(() => ({
      version: PortalWidgets.version, config: PortalWidgets.config, classify: typeof PortalWidgets.classifyLink,
      defined: ['pw-font-size', 'pw-qrcode', 'pw-related', 'pw-leave-dialog'].filter((name) => customElements.get(name)),
      sizes: [...document.querySelectorAll('#zoom p, #zoom h2, #zoom td')].map((el) => getComputedStyle(el).fontSize),
      styled: [...document.querySelectorAll('#zoom [style]')].filter((el) => /font-size|line-height/.test(el.getAttribute('style'))).length,
    }));
    assert.deepEqual(after, { version: undefined, config: undefined, classify: 'undefined', defined: [], sizes: authored, styled: 0 });
    assert.deepEqual(page.pageErrors, []);
  });

  test('when the core\'s .wasm and its plain-JS build are both missing, ready resolves {ok: false, mode: "none"} without unhandled errors', async () => {
    const page = await env.page('/tests/foundation/basic.html', { beforeLoad: coreUnavailable });
    const result = await ready(page);
    assert.equal(result.ok, false);
    assert.equal(result.mode, 'none');
    // In "wasm" mode the .wasm fails first (the fallback is reported), then its plain-JS build.
    assert.deepEqual(result.errors.map((e) => e.id), [...(MODE === 'wasm' ? ['pw.core.wasm_fallback'] : []), 'pw.core.load_failed']);
    if (MODE === 'wasm') assert.match(result.errors[0].message, /could not load .*\.wasm/);
    assert.match(result.errors[result.errors.length - 1].message, /could not load .*core-js\.[0-9a-f]{10}\.js/);
    assert.deepEqual(page.pageErrors, []);
  });

  test('when the core cannot start, a returning reader\'s early font size is undone (page left as it was)', async () => {
    const authored = await (async () => {
      const page = await env.page('/');
      await ready(page);
      return page.evaluate(() => [...document.querySelectorAll('#zoom p, #zoom h2, #zoom td')].map((el) => getComputedStyle(el).fontSize));
    })();
    const page = await env.page('/', {
      beforeLoad: async (p) => {
        await p.addInitScript(() => localStorage.setItem('pw-font-size', '1:18'));
        await coreUnavailable(p);
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
    const tamper = (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.pwned = 1;' });
    const core = manifest().files.find((f) => f.purpose === 'core' && f.name.endsWith('.js')).name;
    let page = await env.page('/tests/foundation/basic.html', { beforeLoad: (p) => p.route(`**/${core}`, tamper) });
    assert.equal((await ready(page)).mode, 'none');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    // The core's plain-JS build too (its .wasm missing, so it is needed).
    const plainJs = manifest().files.find((f) => f.purpose === 'core-js').name;
    const wasm = manifest().files.find((f) => f.purpose === 'core' && f.name.endsWith('.wasm')).name;
    page = await env.page('/tests/foundation/basic.html', {
      beforeLoad: async (p) => {
        await p.route(`**/${plainJs}`, tamper);
        await p.route(`**/${wasm}`, (route) => route.fulfill({ status: 404, body: 'missing' }));
      },
    });
    assert.equal((await ready(page)).mode, 'none');
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

  test('strict CSP on a page with every widget: constructable stylesheets in every shadow root, no <style>, no violation', async (t) => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
      "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types portal-widgets";
    const strict = await openBrowser(t, { headers: (path) => (path.endsWith('.html') ? { 'content-security-policy': csp } : {}) });
    const page = await strict.page('/tests/foundation/widgets.html', {
      beforeLoad: (p) => p.addInitScript(() => {
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      }),
    });
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result));
    await widgetStrings(page);  // renders the related list and opens the leave dialog too
    const roots = await page.evaluate(() => [...document.querySelectorAll('pw-font-size, pw-related, pw-qrcode, pw-leave-dialog')]
      .map((el) => ({
        name: el.localName,
        open: !!el.shadowRoot,
        sheets: el.shadowRoot ? el.shadowRoot.adoptedStyleSheets.length : 0,
        styles: el.shadowRoot ? el.shadowRoot.querySelectorAll('style').length : -1,
        rules: el.shadowRoot ? el.shadowRoot.adoptedStyleSheets.reduce((n, s) => n + s.cssRules.length, 0) : 0,
      })));
    assert.deepEqual(roots.map((r) => r.name).sort(), ['pw-font-size', 'pw-leave-dialog', 'pw-qrcode', 'pw-related']);
    for (const root of roots) {
      assert.ok(root.open, `${root.name} has an open shadow root`);
      assert.ok(root.sheets > 0 && root.rules > 0, `${root.name} uses adoptedStyleSheets`);
      assert.equal(root.styles, 0, `${root.name} has no <style> element`);
    }
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(page.consoleErrors, []);
  });

  for (const [name, variant, expected] of [
    ['data-lang="zh-Hant"', { dataLang: 'zh-Hant' },
      { group: '字體大小', related: '相關文章', title: '即將離開本站', continue: '繼續訪問', cancel: '放棄' }],
    ['<html lang="en"> with an English title', { htmlLang: 'en', title: 'Policy interpretation' },
      { group: 'Text size', related: 'Related articles', title: 'You are leaving this site', continue: 'Continue', cancel: 'Stay here' }],
    ['<html lang="zh-CN"> (the default)', {},
      { group: '字体大小', related: '相关文章', title: '即将离开本站', continue: '继续访问', cancel: '放弃' }],
  ]) {
    test(`UI strings on rendered widgets: ${name}`, async () => {
      const url = `${env.url}tests/foundation/widgets-lang.html`;
      let html = WIDGETS_PAGE;
      if (variant.htmlLang) html = html.replace('<html lang="zh-CN">', `<html lang="${variant.htmlLang}">`);
      if (variant.title) html = html.replace(/<title>[^<]*<\/title>/, `<title>${variant.title}</title>`).replace(/<h1>[^<]*<\/h1>/, `<h1>${variant.title}</h1>`);
      if (variant.dataLang) html = html.replace('data-site-hosts=', `data-lang="${variant.dataLang}" data-site-hosts=`);
      const page = await env.page(null, {
        beforeLoad: (p) => p.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })),
      });
      await page.goto(url);
      const result = await ready(page);
      assert.equal(result.ok, true, JSON.stringify(result.errors));
      const lang = { 'data-lang="zh-Hant"': 'zh-Hant' }[name] || (variant.htmlLang === 'en' ? 'en' : 'zh-Hans');
      assert.equal(await page.evaluate(() => PortalWidgets.config.lang), lang);
      assert.deepEqual(await widgetStrings(page), expected);
      assert.deepEqual(page.consoleErrors, []);
    });
  }

  test('a GBK page whose server sends our scripts without a charset still shows the Chinese UI strings', async () => {
    // Many county portals are GB2312/GBK pages; a script without a charset is
    // decoded in the page's encoding, so dist/ scripts must be ASCII.
    const url = `${env.url}tests/foundation/gbk.html`;
    const html = WIDGETS_PAGE.replace('<meta charset="utf-8">', '<meta charset="gbk">');
    const page = await env.page(null, {
      beforeLoad: async (p) => {
        await p.route(url, (route) => route.fulfill({ headers: { 'content-type': 'text/html; charset=gbk' },
          body: encodeGbk(html) }));
        await p.route(/\/dist\/[^/]+\.js$/, async (route) => {
          const response = await route.fetch();
          route.fulfill({ headers: { 'content-type': 'text/javascript' }, body: await response.body() });
        });
      },
    });
    await page.goto(url);
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assert.equal(await page.evaluate(() => document.characterSet), 'GBK');
    assert.equal(await page.evaluate(() => PortalWidgets.config.siteName), '测试县人民政府门户网站');
    assert.deepEqual(await widgetStrings(page),
      { group: '字体大小', related: '相关文章', title: '即将离开本站', continue: '继续访问', cancel: '放弃' });
  });

  test('PortalWidgets.mount(root): a detached subtree, and a root inside a shadow root the observer cannot see', async () => {
    const url = `${env.url}tests/foundation/mount.html`;
    const html = WIDGETS_PAGE.replace('data-site-hosts=', 'data-leave="mark" data-site-hosts=');
    const page = await env.page(null, {
      beforeLoad: (p) => p.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })),
    });
    await page.goto(url);
    assert.equal((await ready(page)).ok, true);
    const detached = await page.evaluate(async () => {
      // Fetched markup parsed elsewhere (DOMParser) and adopted: not upgraded until mounted or attached.
      const parsed = new DOMParser().parseFromString(
        '<div><pw-font-size id="late"></pw-font-size><a id="late-out" href="https://late.example.org/">外部</a></div>', 'text/html');
      const box = document.adoptNode(parsed.body.firstChild);
      const before = box.firstChild instanceof customElements.get('pw-font-size');
      PortalWidgets.mount(box);
      const upgraded = box.firstChild instanceof customElements.get('pw-font-size');
      const markedDetached = box.querySelectorAll('#late-out > [data-pw-external]').length;
      document.body.append(box);
      await box.firstChild.ready;
      await new Promise((r) => setTimeout(r, 50));  // the page's MutationObserver sees the insertion too
      return { before, upgraded, markedDetached, marked: box.querySelectorAll('#late-out > [data-pw-external]').length,
        rendered: !!box.firstChild.shadowRoot.querySelector('[role="group"]') };
    });
    assert.deepEqual(detached, { before: false, upgraded: true, markedDetached: 1, marked: 1, rendered: true });
    const shadow = await page.evaluate(async () => {
      // A host component renders its links inside its own shadow root.
      const host = document.createElement('div');
      document.body.append(host);
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = '<p><a id="in-shadow" href="https://shadow.example.org/">外部</a></p>';
      await new Promise((r) => setTimeout(r, 50));
      const beforeMount = root.querySelectorAll('#in-shadow > [data-pw-external]').length;
      PortalWidgets.mount(root);
      return { beforeMount, afterMount: root.querySelectorAll('#in-shadow > [data-pw-external]').length };
    });
    assert.deepEqual(shadow, { beforeMount: 0, afterMount: 1 });
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
