// Bad input end to end: every script-tag attribute and every element attribute
// with values of each kind a CMS or a webmaster's paste produces (empty, the
// wrong type, huge, HTML, full-width and other Unicode look-alikes, control
// characters). Each bad value gives its documented error: a pw-error with the
// stable id (listed in docs/errors.md) and the same message on the console;
// values that are valid text (a site name with "<", a caption) are shown as
// text. Nothing reaches window.onerror or unhandledrejection, and the page
// keeps working. Feeds: tests/web/related.test.mjs ("an invalid document").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openBrowser, ready, ROOT } from './helpers.mjs';

const SCRIPT = {
  'data-site-name': '某某县人民政府门户网站',
  'data-site-hosts': 'www.example.gov.cn',
  'data-allow': '*.gov.cn',
  'data-leave': 'mark',
  'data-leave-message': '即将离开“{site}”，前往{host}',
  'data-leave-countdown': '5',
  'data-leave-remember': 'visit',
  'data-lang': 'en',
  'data-mode': 'auto',
  'data-color-scheme': 'auto',
};
// Element attributes; target and src stay valid so that every other attribute is read.
const ELEMENTS = {
  'pw-font-size': { levels: '14 16 18', labels: '小 中 大', default: '16', remember: 'off', order: 'desc' },
  'pw-qrcode': { text: 'https://www.example.gov.cn/a.html', size: '200', ecc: 'H', caption: '扫一扫', fg: '#000000', bg: '#ffffff' },
  'pw-related': { limit: '8', sort: 'date', 'days-new': '3', heading: '相关文章', 'show-date': 'on', loading: 'eager' },
};
const FIXED = { 'pw-font-size': 'target="#zoom"', 'pw-qrcode': '', 'pw-related': 'src="/tests/bad-input/feed.json"' };

/** Each kind of bad value, made from the attribute's valid value. */
const KINDS = {
  empty: () => '',
  'wrong type': () => '{"a":1}',
  huge: (v) => `${v} `.repeat(20000),
  HTML: () => '<img src=x onerror="window.__xss=1">',
  'full-width': (v) => [...v].map((c) => {
    const n = c.codePointAt(0);
    return n > 0x20 && n < 0x7f ? String.fromCodePoint(n + 0xfee0) : c;
  }).join(''),
  'look-alike': (v) => v.replace(/a/g, '\u0430').replace(/e/g, '\u0435').replace(/o/g, '\u043e')
    .replace(/[0-9]/g, (d) => String.fromCodePoint(0x1d7ce + Number(d))),  // Cyrillic а е о, 𝟎–𝟗
  'control characters': (v) => `${v.slice(0, 1)}\u0001\u001b${v.slice(1)}`,
};

// What each kind gives, in the order the errors are reported. An empty value
// is the attribute left out (its default), except where docs/errors.md says
// empty is an error. Text attributes (site name, message, caption, heading,
// labels) take HTML and look-alikes as text.
const SCRIPT_ERRORS = {
  empty: ['bad_site_name data-site-name', 'bad_site_host data-site-hosts', 'bad_mode data-mode', 'bad_color_scheme data-color-scheme', 'bad_lang data-lang'],
  'wrong type': ['bad_site_host data-site-hosts', 'bad_mode data-mode', 'bad_color_scheme data-color-scheme', 'bad_lang data-lang', 'bad_allow data-allow',
    'bad_leave data-leave', 'bad_leave_message data-leave-message', 'bad_leave_countdown data-leave-countdown',
    'bad_leave_remember data-leave-remember'],
  huge: ['bad_site_name data-site-name', 'bad_mode data-mode', 'bad_color_scheme data-color-scheme', 'bad_lang data-lang', 'bad_leave data-leave',
    'bad_leave_message data-leave-message', 'bad_leave_countdown data-leave-countdown', 'bad_leave_remember data-leave-remember'],
  // "<img", "src=x" and "onerror=…" are three bad host entries each.
  HTML: ['bad_site_host data-site-hosts', 'bad_site_host data-site-hosts', 'bad_site_host data-site-hosts', 'bad_mode data-mode', 'bad_color_scheme data-color-scheme',
    'bad_lang data-lang', 'bad_allow data-allow', 'bad_allow data-allow', 'bad_allow data-allow', 'bad_leave data-leave',
    'bad_leave_countdown data-leave-countdown', 'bad_leave_remember data-leave-remember'],
  // Full-width hosts are read as the browser reads them (tests/host_cases.json); "＊" is no wildcard.
  'full-width': ['bad_mode data-mode', 'bad_color_scheme data-color-scheme', 'bad_lang data-lang', 'bad_allow data-allow', 'bad_leave data-leave',
    'bad_leave_countdown data-leave-countdown', 'bad_leave_remember data-leave-remember'],
  // "www.еxаmplе.gоv.cn" passes for www.example.gov.cn: refused.
  'look-alike': ['bad_site_host data-site-hosts', 'bad_mode data-mode', 'bad_color_scheme data-color-scheme', 'bad_lang data-lang', 'bad_allow data-allow',
    'bad_leave data-leave', 'bad_leave_message data-leave-message', 'bad_leave_countdown data-leave-countdown'],
  'control characters': ['bad_site_name data-site-name', 'bad_site_host data-site-hosts', 'bad_mode data-mode', 'bad_color_scheme data-color-scheme',
    'bad_lang data-lang', 'bad_allow data-allow', 'bad_leave data-leave', 'bad_leave_message data-leave-message',
    'bad_leave_countdown data-leave-countdown', 'bad_leave_remember data-leave-remember'],
};
// <pw-font-size> reports every bad attribute and keeps the page's text as
// authored (labels are checked once the levels are good); <pw-qrcode> encodes
// any text and falls back to its defaults for the rest.
const FONT = ['font_size.bad_levels levels', 'font_size.bad_default default', 'font_size.bad_remember remember',
  'font_size.bad_order order'];
const QR = ['qrcode.bad_size size', 'qrcode.bad_ecc ecc', 'qrcode.bad_color fg', 'qrcode.bad_color bg'];
const RELATED = ['related.bad_loading loading', 'related.bad_limit limit', 'related.bad_sort sort', 'related.bad_days_new days-new'];
const ELEMENT_ERRORS = {
  empty: { 'pw-font-size': [], 'pw-qrcode': [], 'pw-related': [] },
  'wrong type': { 'pw-font-size': FONT, 'pw-qrcode': QR, 'pw-related': RELATED },
  huge: { 'pw-font-size': FONT, 'pw-qrcode': [...QR, 'qrcode.data_too_long text'], 'pw-related': RELATED },
  HTML: { 'pw-font-size': FONT, 'pw-qrcode': QR, 'pw-related': RELATED },
  'full-width': { 'pw-font-size': FONT, 'pw-qrcode': QR, 'pw-related': RELATED },
  // "H" and "on" have no letter to swap; 𝟐𝟎𝟎 is no size.
  'look-alike': { 'pw-font-size': FONT, 'pw-qrcode': ['qrcode.bad_size size', 'qrcode.bad_color fg'], 'pw-related': RELATED },
  'control characters': { 'pw-font-size': FONT, 'pw-qrcode': QR, 'pw-related': RELATED },
};

const documented = new Set([...readFileSync(join(ROOT, 'docs/errors.md'), 'utf8').matchAll(/`(pw\.[a-z_]+\.[a-z_]+)`/g)].map((m) => m[1]));
const attr = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

// Records pw-error events with their target and everything that reaches the
// page's own error handlers.
const WATCH = `<script>
window.pwErrors = []; window.hostErrors = [];
document.addEventListener('pw-error', function (e) {
  var t = e.composedPath()[0];
  window.pwErrors.push({ id: e.detail.id, source: e.detail.source, message: e.detail.message, target: t.localName || 'document' });
}, true);
window.addEventListener('error', function (e) { window.hostErrors.push('error: ' + e.message); });
window.addEventListener('unhandledrejection', function (e) { window.hostErrors.push('unhandledrejection: ' + e.reason); });
</script>`;

const FEED = JSON.stringify({ version: 1, articles: [
  { title: '关于印发某某县政务公开工作要点的通知', url: '/art/1.html', date: '2024-05-01' },
  { title: '某某县2024年防汛工作方案', url: '/art/2.html', date: '2024-05-02' }] });

describe('bad input end to end', async () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  async function open(name, head, body) {
    const url = `${env.url}tests/bad-input/${name}`;
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>错误输入</title>${WATCH}${head}</head>
<body><main><h1>错误输入</h1>${body}<p><a id="ext" href="https://www.example.com/">外站</a></p></main></body></html>`;
    const page = await env.page(null, {
      beforeLoad: async (p) => {
        await p.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
        await p.route('**/tests/bad-input/feed.json', (route) => route.fulfill({ contentType: 'application/json', body: FEED }));
      },
    });
    await page.goto(url);
    return page;
  }

  /** The page's pw-errors, checked against the console and docs/errors.md. */
  async function errorsOf(page) {
    const { pwErrors, hostErrors } = await page.evaluate(() => ({ pwErrors: window.pwErrors, hostErrors: window.hostErrors }));
    assert.deepEqual(hostErrors, [], 'nothing reaches window.onerror or unhandledrejection');
    assert.deepEqual(page.pageErrors, []);
    for (const e of pwErrors) {
      assert.ok(documented.has(e.id), `${e.id} is in docs/errors.md`);
      assert.ok(e.message && page.consoleErrors.some((m) => m.includes(e.message.slice(0, 200))), `console.error for ${e.id}: ${e.message.slice(0, 200)}`);
    }
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no markup from an attribute ran');
    return pwErrors;
  }

  for (const [kind, make] of Object.entries(KINDS)) {
    test(`script-tag attributes, ${kind}`, async () => {
      const attrs = Object.entries(SCRIPT).map(([k, v]) => `${k}="${attr(make(v))}"`).join(' ');
      const page = await open(`script-${kind.replace(/ /g, '-')}.html`, `<script src="/dist/portal-widgets.js" defer ${attrs}></script>`, '');
      const result = await ready(page);
      assert.equal(result.ok, true, 'config errors do not fail the suite');
      const errors = await errorsOf(page);
      assert.deepEqual(errors.map((e) => `${e.id.replace('pw.config.', '')} ${e.source}`), SCRIPT_ERRORS[kind]);
      assert.ok(errors.every((e) => e.target === 'document'));
      // The page still works: the link asks (or is marked) by the effective config.
      const decision = await page.evaluate(() => window.PortalWidgets.classifyLink('https://www.example.com/'));
      assert.equal(decision.action, 'confirm');
      const config = await page.evaluate(() => window.PortalWidgets.config);
      if (kind === 'HTML') {
        // A site name and a message are text: shown as text in the dialog.
        assert.equal(config.siteName, '<img src=x onerror="window.__xss=1">');
        await page.click('#ext');
        const dialog = page.locator('pw-leave-dialog');
        await dialog.waitFor();
        assert.equal(await page.evaluate(() => document.querySelector('pw-leave-dialog').shadowRoot.querySelectorAll('img').length), 0);
        assert.match(await dialog.locator('.message').textContent(), /<img src=x/);
        await page.keyboard.press('Escape');
      }
      if (kind === 'full-width') assert.deepEqual(config.siteHosts.slice(1), ['www.example.gov.cn']);
    });

    test(`element attributes, ${kind}`, async () => {
      const body = Object.entries(ELEMENTS).map(([name, attrs]) => {
        const a = Object.entries(attrs).map(([k, v]) => `${k}="${attr(make(v))}"`).join(' ');
        return `<${name} ${FIXED[name]} ${a}><ul><li><a href="/x.html">服务端列表</a></li></ul></${name}>`;
      }).join('\n') + '<div id="zoom"><p id="text" style="font-size:16px">正文。</p></div>';
      const page = await open(`elements-${kind.replace(/ /g, '-')}.html`, '<script src="/dist/portal-widgets.js" defer></script>', body);
      await ready(page);
      await page.evaluate(() => Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready)));
      const errors = await errorsOf(page);
      for (const name of Object.keys(ELEMENTS)) {
        assert.deepEqual(errors.filter((e) => e.target === name).map((e) => `${e.id.replace('pw.', '')} ${e.source}`),
          ELEMENT_ERRORS[kind][name], `<${name}> with ${kind} values`);
      }
      assert.equal(errors.filter((e) => !Object.keys(ELEMENTS).includes(e.target)).length, 0);
      // The article text is as authored unless the reader chose otherwise.
      assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('text')).fontSize), '16px');
      // HTML in a caption or heading is text.
      if (kind === 'HTML') {
        assert.equal(await page.evaluate(() => document.querySelector('pw-qrcode').shadowRoot.querySelector('.caption').textContent),
          '<img src=x onerror="window.__xss=1">');
      }
    });
  }
});
