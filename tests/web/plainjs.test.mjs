// The plain-JS build (issue "Hardening II"): where WebAssembly cannot run, the
// wasm2js build of the same modules takes over and every widget behaves the same.
//   (a) a CSP without 'wasm-unsafe-eval'; data-mode="js"; an engine without WebAssembly
//   (f) the .wasm files served as a 404, truncated, altered in transit (all: the
//       plain-JS build, one pw-error), and as text/plain (no fallback needed:
//       the runtime instantiates the SRI-checked bytes, never the response)
// Each page runs the same script of reader actions (font size 大, both QR codes,
// the share card, the related list, the leave dialog) and must give exactly what
// the WebAssembly build gives on the same page.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MODE, ROOT, manifest, openBrowser, ready } from './helpers.mjs';

const PAGE = '/tests/plainjs/widgets.html';
const CSP = "script-src 'self'; style-src 'self'; object-src 'none'";
const WASM = /\/dist\/[a-z-]+\.[0-9a-f]{10}\.wasm$/;
// Every page here sets data-mode itself (auto or js): the js-mode run of the suite would repeat this file.
const SKIP = MODE === 'js' && 'every page here sets data-mode itself (auto or js); the js-mode run would repeat this file';
const fallbackFiles = () => manifest().files.filter((f) => f.when === 'fallback').map((f) => f.name);

/** Init script: counts every call of a WebAssembly function (and `new`), and collects pw-error ids and CSP violations. */
function watch() {
  window.wasmCalls = [];
  window.pwErrors = [];
  window.cspViolations = [];
  document.addEventListener('pw-error', (e) => window.pwErrors.push(e.detail.id));
  document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  const W = window.WebAssembly;
  if (!W) return;
  for (const name of Object.getOwnPropertyNames(W)) {
    const fn = W[name];
    if (typeof fn !== 'function') continue;
    Object.defineProperty(W, name, {
      configurable: true,
      writable: true,
      value: new Proxy(fn, {
        apply: (target, self, args) => { window.wasmCalls.push(name); return Reflect.apply(target, self, args); },
        construct: (target, args, newTarget) => { window.wasmCalls.push(`new ${name}`); return Reflect.construct(target, args, newTarget); },
      }),
    });
  }
}

/** The test page with data-mode set on its script tag. */
const pageWithMode = (mode) => readFileSync(join(ROOT, 'tests/web/pages/plainjs/widgets.html'), 'utf8')
  .replace('<script src="/dist/portal-widgets.js" defer', `<script src="/dist/portal-widgets.js" defer data-mode="${mode}"`);

/**
 * Opens the page (data-mode `mode`), with `setup(page)` run before it loads,
 * and runs the reader actions. Returns {ready, requests (dist file names), wasmCalls,
 * pwErrors, cspViolations, widgets} where widgets is what the actions produced.
 */
async function exercise(env, { mode = 'auto', setup, headers = {} } = {}) {
  const requests = [];
  const page = await env.page(PAGE, {
    beforeLoad: async (p) => {
      p.on('request', (r) => { if (r.url().includes('/dist/')) requests.push(r.url().replace(/^.*\/dist\//, '')); });
      await p.route(new URL(PAGE, env.url).href, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: pageWithMode(mode), headers }));
      await p.addInitScript(watch);
      if (setup) await setup(p);
    },
  });
  const result = await ready(page);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('pw-font-size, pw-related, pw-qrcode')].map((el) => el.ready)));
  const widgets = {};
  widgets.qr = await page.evaluate(() => [...document.querySelectorAll('pw-qrcode')].map((el) => el.shadowRoot.querySelector('.code').innerHTML));
  widgets.related = await page.evaluate(() => [...document.querySelector('pw-related').shadowRoot.querySelectorAll('a')]
    .map((a) => `${a.textContent.trim()} ${a.getAttribute('href')}`));
  await page.locator('pw-font-size button', { hasText: '大' }).click();
  widgets.fontSize = await page.evaluate(() => [...document.querySelectorAll('#zoom p')].map((p) => getComputedStyle(p).fontSize));
  const card = page.evaluate(() => new Promise((resolve) =>
    document.getElementById('page').addEventListener('pw-qrcode-card', (e) => resolve(e.detail), { once: true })));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#page .save').click()]);
  widgets.card = { detail: await card, png: createHash('sha256').update(readFileSync(await download.path())).digest('hex') };
  await page.click('#out');
  await page.locator('pw-leave-dialog .continue').waitFor();
  widgets.leave = await page.evaluate(() => document.querySelector('pw-leave-dialog').shadowRoot.textContent.replace(/\s+/g, ' ').trim());
  await page.locator('pw-leave-dialog .cancel').click();
  const seen = await page.evaluate(() => ({ wasmCalls: window.wasmCalls, pwErrors: window.pwErrors, cspViolations: window.cspViolations }));
  assert.deepEqual(page.pageErrors, []);
  return { ready: result, requests, ...seen, widgets, page };
}

const wasmRequests = (run) => run.requests.filter((name) => name.endsWith('.wasm'));
const fallbackRequests = (run) => run.requests.filter((name) => fallbackFiles().includes(name));

describe('the plain-JS build', { skip: SKIP }, () => {
  let env;
  let reference;  // the WebAssembly build on the same page
  before(async () => {
    if (SKIP) return;  // a skipped suite still runs its hooks
    env = await openBrowser();
    reference = await exercise(env);
  });
  after(() => env && env.close());

  test('with WebAssembly, the plain-JS builds are never fetched and ready says "wasm"', () => {
    assert.deepEqual({ ok: reference.ready.ok, mode: reference.ready.mode, errors: reference.ready.errors }, { ok: true, mode: 'wasm', errors: [] });
    assert.deepEqual(fallbackRequests(reference), [], 'no when "fallback" file in the request log');
    // The page has <pw-font-size> and <pw-qrcode>: the page build stands in for the core, font-size and QR modules.
    assert.deepEqual(wasmRequests(reference).map((n) => n.replace(/\..*/, '')).sort(), ['core-page', 'related', 'share-card']);
    // The reference itself is sound: both codes, five related articles, the card, 大 applied.
    assert.equal(reference.widgets.qr.length, 2);
    assert.ok(reference.widgets.qr.every((svg) => /<path /.test(svg)));
    assert.equal(reference.widgets.related.length, 5);
    assert.equal(reference.widgets.card.detail.missingGlyphs, 0);
    assert.notDeepEqual(reference.widgets.fontSize, ['16px', '16px']);
    assert.match(reference.widgets.leave, /www\.example\.com/);
  });

  test('data-mode="js": no .wasm request and no WebAssembly call; every widget as with WebAssembly', async () => {
    const run = await exercise(env, { mode: 'js' });
    assert.deepEqual({ ok: run.ready.ok, mode: run.ready.mode, errors: run.ready.errors }, { ok: true, mode: 'js', errors: [] });
    assert.deepEqual(wasmRequests(run), []);
    assert.deepEqual(run.wasmCalls, []);
    assert.deepEqual(fallbackRequests(run).map((n) => n.replace(/\..*/, '')).sort(), ['core-page-js', 'related-js', 'share-card-js']);
    assert.deepEqual(run.widgets, reference.widgets);
    assert.deepEqual(run.pwErrors, []);
  });

  test('an engine without WebAssembly runs the plain-JS build (no pw-error: nothing for the site to fix)', async () => {
    const run = await exercise(env, { setup: (p) => p.addInitScript(() => { delete window.WebAssembly; }) });
    assert.deepEqual({ ok: run.ready.ok, mode: run.ready.mode, errors: run.ready.errors }, { ok: true, mode: 'js', errors: [] });
    assert.deepEqual(wasmRequests(run), []);
    assert.deepEqual(run.widgets, reference.widgets);
  });

  // (f) the .wasm files damaged on the way: every one of them, as a proxy or a bad deploy would.
  const damaged = {
    'served as a 404': (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
    truncated: async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      route.fulfill({ response, body: body.subarray(0, body.length >> 1) });
    },
    'altered in transit (one byte, same length)': async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length >> 1] ^= 0x40;
      route.fulfill({ response, body });
    },
  };
  for (const [how, handler] of Object.entries(damaged)) {
    test(`(f) every .wasm ${how}: the plain-JS build takes over, ready says "js", one pw-error says why`, async () => {
      const run = await exercise(env, { setup: (p) => p.route(WASM, handler) });
      assert.equal(run.ready.ok, true, JSON.stringify(run.ready.errors));
      assert.equal(run.ready.mode, 'js');
      assert.deepEqual(run.ready.errors.map((e) => e.id), ['pw.core.wasm_fallback']);
      assert.deepEqual(run.pwErrors, ['pw.core.wasm_fallback'], 'exactly one pw-error, on document');
      const core = manifest().files.find((f) => f.purpose === 'core-page' && f.name.endsWith('.wasm')).name;  // the page build
      assert.match(run.ready.errors[0].message, new RegExp(core.replace(/\./g, '\\.')), 'the message names the file');
      // A 404's body fails the SRI check before its status is read: the fetch rejects as a network error.
      assert.match(run.ready.errors[0].message, /could not load .*\.wasm \((HTTP \d+|network error)/);
      assert.match(run.ready.errors[0].message, /plain-JS build/);
      assert.deepEqual(wasmRequests(run), [core], 'after the core\'s .wasm failed, no other .wasm is requested');
      assert.deepEqual(run.widgets, reference.widgets);
    });
  }

  test('(f) the .wasm served as text/plain still runs as WebAssembly (instantiated from its SRI-checked bytes, not streamed)', async () => {
    const run = await exercise(env, {
      setup: (p) => p.route(WASM, async (route) => {
        const response = await route.fetch();
        route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'text/plain; charset=utf-8' } });
      }),
    });
    assert.deepEqual({ ok: run.ready.ok, mode: run.ready.mode, errors: run.ready.errors }, { ok: true, mode: 'wasm', errors: [] });
    assert.deepEqual(fallbackRequests(run), []);
    assert.deepEqual(run.widgets, reference.widgets);
  });

  test('a lazy module\'s .wasm missing: that module falls back alone (one pw-error), the core stays on WebAssembly', async () => {
    const run = await exercise(env, {
      setup: (p) => p.route(/\/dist\/related\.[0-9a-f]{10}\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' })),
    });
    assert.equal(run.ready.mode, 'wasm');
    assert.deepEqual(run.pwErrors, ['pw.core.wasm_fallback']);
    assert.ok(fallbackRequests(run).some((n) => n.startsWith('related-js.')));
    assert.ok(!fallbackRequests(run).some((n) => n.startsWith('core-js.') || n.startsWith('core-page-js.')));
    assert.deepEqual(run.widgets, reference.widgets);
  });
});

describe('data-mode as the loader reads it', { skip: SKIP }, () => {
  let env;
  before(async () => { if (!SKIP) env = await openBrowser(); });
  after(() => env && env.close());

  // The loader decides before the core exists, so it repeats the core's rule
  // (core/config.cpp: trimmed of ASCII white space, U+00A0 and U+3000, ASCII
  // case-insensitive): every value the core reads as "js" must give mode "js",
  // every value the core refuses (pw.config.bad_mode, then auto) mode "wasm".
  const CASES = [
    ['js', 'js'], ['JS', 'js'], [' Js\t', 'js'], ['\u3000js\u00a0', 'js'], ['\njs\n', 'js'],
    ['auto', 'wasm'], ['AUTO ', 'wasm'], ['', 'wasm', 'bad'],
    ['jss', 'wasm', 'bad'], ['j s', 'wasm', 'bad'], ['\u2003js', 'wasm', 'bad'], ['ｊｓ', 'wasm', 'bad'], ['wasm', 'wasm', 'bad'],
  ];
  for (const [value, mode, bad] of CASES) {
    test(`data-mode=${JSON.stringify(value)} → ${mode}${bad ? ' (pw.config.bad_mode: the core reads auto)' : ''}`, async () => {
      const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>t</title>
<script src="/dist/portal-widgets.js" defer data-mode="${value.replace(/"/g, '&quot;')}"></script><pw-font-size target="#t"></pw-font-size><p id="t">正文</p>`;
      const page = await env.page('/tests/plainjs/mode.html', {
        beforeLoad: (p) => p.route('**/tests/plainjs/mode.html', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })),
      });
      const result = await ready(page);
      assert.equal(await page.evaluate(() => document.querySelector('script').getAttribute('data-mode')), value);
      assert.equal(result.mode, mode);
      assert.deepEqual(result.errors.map((e) => e.id), bad ? ['pw.config.bad_mode'] : []);
    });
  }
});

describe('(a) a CSP without \'wasm-unsafe-eval\'', { skip: SKIP }, () => {
  let env;
  let reference;
  const headers = { 'content-security-policy': CSP };
  before(async () => {
    if (SKIP) return;
    env = await openBrowser();
    reference = (await exercise(env)).widgets;
  });
  after(() => env && env.close());

  test(`${CSP}: every widget works through the plain-JS build, ready says "js", one pw-error names the CSP, no .wasm fetched`, async () => {
    const run = await exercise(env, { headers });
    assert.equal(run.ready.ok, true, JSON.stringify(run.ready.errors));
    assert.equal(run.ready.mode, 'js');
    assert.deepEqual(run.ready.errors.map((e) => e.id), ['pw.core.wasm_fallback']);
    assert.match(run.ready.errors[0].message, /Content Security Policy|unsafe-eval/);
    assert.deepEqual(run.pwErrors, ['pw.core.wasm_fallback']);
    // One attempt to compile the smallest module tells; the .wasm files are never fetched.
    assert.deepEqual(wasmRequests(run), []);
    assert.equal(run.cspViolations.length, 1, `one violation (the attempt): ${run.cspViolations.join(', ')}`);
    assert.deepEqual(run.widgets, reference);
  });

  test('with data-mode="js" the same page makes no attempt: no violation, no pw-error, no WebAssembly call', async () => {
    const run = await exercise(env, { mode: 'js', headers });
    assert.deepEqual({ ok: run.ready.ok, mode: run.ready.mode, errors: run.ready.errors }, { ok: true, mode: 'js', errors: [] });
    assert.deepEqual(run.cspViolations, []);
    assert.deepEqual(run.wasmCalls, []);
    assert.deepEqual(wasmRequests(run), []);
    assert.deepEqual(run.widgets, reference);
  });
});
