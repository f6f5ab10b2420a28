// Shared helpers for the browser tests (node:test + playwright-core + Debian's chromium).
// Every test file:
//   import { openBrowser } from './helpers.mjs';
//   before(async () => { env = await openBrowser(); });   after(() => env.close());
//   (or openBrowser(t) inside one test: closed when that test ends)
//   const page = await env.page('/');            // a fresh context; console errors collected
// External hosts are intercepted with page.route and never reached.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = resolve(process.env.DIST || join(ROOT, 'dist'));
export const manifest = () => JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
export const coreVersion = () => /#define PW_VERSION "([^"]+)"/.exec(readFileSync(join(ROOT, 'core/version.h'), 'utf8'))[1];

/**
 * The build the browser tests run on: "wasm" (default) or "js" (PW_TEST_MODE=js;
 * scripts/test.sh runs the browser tests once in each mode). In "js" mode every
 * page opened by env.page has data-mode="js" on each portal-widgets.js tag that
 * carries no data-mode of its own (jsModeScript), however the page arrives
 * (served, fulfilled by a route, written by a script). A test about WebAssembly
 * itself skips in "js" mode and says why.
 */
export const MODE = process.env.PW_TEST_MODE === 'js' ? 'js' : 'wasm';

/** The skip option of a test about the .wasm files themselves (bytes, manifest rows): run once, in "wasm" mode. */
export const WASM_ONLY = MODE === 'js' && 'about the .wasm files themselves, not the page: the wasm-mode run checks them';

/** The file a page fetches for module `purpose` in this MODE: its .wasm, or its plain-JS build. */
export const moduleFile = (purpose) => manifest().files
  .find((f) => (MODE === 'js' ? f.purpose === `${purpose}-js` : f.purpose === purpose && f.name.endsWith('.wasm'))).name;

/** Init script (js mode): the parser or a script inserts a portal-widgets.js tag → data-mode="js" before the loader reads it. */
export function jsModeScript() {
  const mark = (node) => {
    if (node.localName === 'script' && /(^|\/)portal-widgets\.js([?#]|$)/.test(node.getAttribute('src') || '') &&
        !node.hasAttribute('data-mode')) node.setAttribute('data-mode', 'js');
  };
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        mark(node);
        for (const script of node.getElementsByTagName('script')) mark(script);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader',
  '--font-render-hinting=none'];

/**
 * Starts the static server and Chromium for one test file; closes both when the
 * test context `t` (a node:test suite or test) ends. Options: headers (object or
 * function(pathname) for the server, e.g. CSP), serverPort.
 */
export async function openBrowser(t, options = {}) {
  const { server, url } = await serve({ port: 0, dist: DIST, headers: options.headers });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts = [];
  const env = {
    url,
    browser,
    /** Opens `path` in a fresh context. Returns the page with page.consoleErrors and page.externalRequests. */
    async page(path = '/', pageOptions = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...pageOptions.context });
      contexts.push(context);
      if (MODE === 'js') await context.addInitScript(jsModeScript);
      const page = await context.newPage();
      page.consoleErrors = [];
      page.consoleMessages = [];
      page.pageErrors = [];
      page.externalRequests = [];
      page.on('console', (msg) => {
        page.consoleMessages.push({ type: msg.type(), text: msg.text() });
        if (msg.type() === 'error') page.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (error) => page.pageErrors.push(String(error)));
      // Never reach the network: anything not on our server is answered here.
      await context.route((u) => !u.href.startsWith(url), (route) => {
        page.externalRequests.push(route.request().url());
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>external</title><h1>external</h1>' });
      });
      if (pageOptions.beforeLoad) await pageOptions.beforeLoad(page);
      if (path !== null) await page.goto(new URL(path, url).href);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await new Promise((r) => server.close(r));
    },
  };
  if (t) t.after(() => env.close());
  return env;
}

/**
 * Makes the core unloadable in either mode: its .wasm and its plain-JS build
 * answer 404, and so do the page build's (core-page, which a page with the
 * font-size and QR elements fetches instead) (the runtime file itself still
 * loads). For tests of mode "none".
 */
export function coreUnavailable(page) {
  const names = manifest().files.filter((f) => ['core-js', 'core-page-js', 'core-page'].includes(f.purpose) ||
    (f.purpose === 'core' && f.name.endsWith('.wasm'))).map((f) => f.name);
  return page.route((u) => names.some((name) => u.pathname.endsWith(`/${name}`)), (route) => route.fulfill({ status: 404, body: 'missing' }));
}

/** Waits for PortalWidgets.ready and returns its value. */
export const ready = (page) => page.evaluate(() => window.PortalWidgets.ready);

/** Runs axe-core on the page (or a selector) and returns its violations. */
export async function axe(page, include) {
  const source = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => !!window.axe))) {
    try {
      await page.addScriptTag({ content: source });
    } catch (error) {
      // A page whose CSP refuses inline scripts: serve axe from the page's own origin.
      if (!/Content Security Policy/.test(String(error))) throw error;
      await page.route((u) => u.pathname === '/__axe.min.js', (route) => route.fulfill({ contentType: 'text/javascript', body: source }));
      await page.addScriptTag({ url: '/__axe.min.js' });
    }
  }
  return page.evaluate(async (inc) => {
    const result = await window.axe.run(inc ? { include: [inc] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, include || null);
}

/**
 * Holds the core module back so a test sees the page before the widgets mount:
 * {route(page)} installs the hold, release() lets the core through.
 */
export function holdCore() {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const route = (page) => page.route(/\/dist\/core[.][0-9a-f]+[.]js$/, async (r) => { await gate; await r.continue(); });
  return { route, release };
}

/** {selector: {x, y, width, height}} of the first element each selector matches (absent: null), in page coordinates. */
export const boxes = (page, selectors) => page.evaluate((list) => {
  const out = {};
  for (const sel of list) {
    const el = document.querySelector(sel);
    const r = el && el.getBoundingClientRect();
    out[sel] = r ? { x: Math.round((r.x + scrollX) * 10) / 10, y: Math.round((r.y + scrollY) * 10) / 10,
      width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 } : null;
  }
  return out;
}, selectors);

/**
 * Every box on the page outside the widgets' own content: each pw-* element
 * and every other element of the body that is not inside one, keyed by its
 * path (tag names and child indices), in page coordinates.
 */
export const pageBoxes = (page) => page.evaluate(() => {
  const WIDGETS = 'pw-font-size, pw-qrcode, pw-related';
  const out = {};
  const path = (el) => {
    const parts = [];
    for (let x = el; x && x !== document.body; x = x.parentElement) parts.unshift(`${x.localName}:${[...x.parentElement.children].indexOf(x)}`);
    return parts.join('>');
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (/^(script|style|link|template)$/.test(el.localName)) continue;
    if (el.parentElement.closest(WIDGETS)) continue;
    const r = el.getBoundingClientRect();
    out[path(el)] = { x: Math.round((r.x + scrollX) * 10) / 10, y: Math.round((r.y + scrollY) * 10) / 10,
      width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
  }
  return out;
});

/** Asserts that no box in `after` differs from `before` by more than half a pixel. */
export function assertSameBoxes(before, after, what) {
  for (const [sel, b] of Object.entries(before)) {
    const a = after[sel];
    assert.ok(b && a, `${what}: ${sel} is missing (${JSON.stringify(b)} → ${JSON.stringify(a)})`);
    for (const k of ['x', 'y', 'width', 'height']) {
      assert.ok(Math.abs(a[k] - b[k]) <= 0.5, `${what}: ${sel} moved: ${k} ${b[k]} → ${a[k]} (before ${JSON.stringify(b)}, after ${JSON.stringify(a)})`);
    }
  }
}

/** Decodes a PNG with zbarimg and ZXingReader; both must agree. Returns the text. */
export function decodeQr(png) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-qr-'));
  const file = join(dir, 'shot.png');
  try {
    writeFileSync(file, png);
    let zbar = '';
    try {
      zbar = execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8' }).replace(/\n$/, '');
    } catch (error) {
      zbar = `(zbarimg found no code: exit ${error.status})`;
    }
    const zxing = execFileSync('ZXingReader', ['-format', 'QRCode', '-bytes', file]).toString('utf8');
    assert.equal(zxing, zbar, 'zbarimg and ZXingReader disagree');
    return zbar;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
