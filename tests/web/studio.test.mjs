// The studio (dist/studio/) in Chromium: opened with a fragment it draws its first
// frame and mirrors the snippet into <output id="pw-studio-snippet">; real mouse and
// keyboard input (and an input method through the DevTools protocol) edit the
// settings, and the fragment and snippet follow; the snippet pasted into a blank
// page mounts every widget with that configuration.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { MODE, manifest, openBrowser } from './helpers.mjs';

const SCRIPT = '/dist/portal-widgets.js';
const FRAGMENT = [
  'site-name=' + encodeURIComponent('某某县人民政府门户网站'),
  'allow=' + encodeURIComponent('*.gov.cn'),
  'pw-font-size.target=' + encodeURIComponent('#zoom'),
  'pw-qrcode.size=200',
  'pw-related.src=' + encodeURIComponent('/feeds/column-zcjd.json'),
  'script=' + encodeURIComponent(SCRIPT),
].join('&');
const SNIPPET =
  '<link rel="stylesheet" href="/dist/portal-widgets.css">\n' +
  '<script src="/dist/portal-widgets.js" defer data-site-name="某某县人民政府门户网站" data-allow="*.gov.cn"></script>\n' +
  '<pw-font-size target="#zoom"></pw-font-size>\n' +
  '<pw-qrcode size="200"></pw-qrcode>\n' +
  '<pw-related src="/feeds/column-zcjd.json"></pw-related>\n';

let env;
before(async () => { env = await openBrowser(); });
after(() => env && env.close());

async function openStudio(fragment = FRAGMENT) {
  const page = await env.page(`/dist/studio/index.html#${fragment}`);
  await page.waitForFunction(() => window.pwStudio && window.pwStudio.frames > 3, null, { timeout: 30000 });
  return page;
}
const snippet = (page) => page.locator('#pw-studio-snippet').textContent();
const hash = (page) => page.evaluate(() => location.hash);

/**
 * Clicks the centre of a tracked item of the studio (ids as in studio_ui.cpp) as a
 * hand does: move, press, release, each seen by at least one frame.
 */
async function clickItem(page, id) {
  const box = await page.locator('canvas').boundingBox();
  const rect = await page.evaluate((what) => window.pwStudio.inspect(what), `rect:${id}`);
  assert.ok(rect, `${id} is drawn`);
  await page.mouse.move(box.x + rect[0] + rect[2] / 2, box.y + rect[1] + rect[3] / 2);
  await nextFrames(page, 2);
  await page.mouse.down();
  await nextFrames(page, 2);
  await page.mouse.up();
  await nextFrames(page);
}
async function nextFrames(page, count = 3) {
  const start = await page.evaluate(() => window.pwStudio.frames);
  await page.waitForFunction((n) => window.pwStudio.frames >= n, start + count);
}
/**
 * Selects the focused field's text (Ctrl+A) and types over it with real key events.
 * Ctrl+A is held across frames as a hand holds it: Dear ImGui 1.86 reads which keys
 * are down once per frame, so a press and release within one long frame (the atlas
 * growing as the full font arrives) would never be seen.
 */
async function retype(page, id, text) {
  await clickItem(page, id);
  await page.keyboard.down('Control');
  await page.keyboard.down('a');
  await nextFrames(page, 2);
  await page.keyboard.up('a');
  await page.keyboard.up('Control');
  await nextFrames(page, 1);
  await page.keyboard.type(text, { delay: 10 });
  await nextFrames(page);
}

test('the studio is in the manifest as purpose "studio" and never fetched by the loader', () => {
  const files = manifest().files.filter((f) => f.purpose === 'studio').map((f) => f.name).sort();
  assert.deepEqual(files, ['studio/index.html', 'studio/studio-font.otf', 'studio/studio-ui-font.otf', 'studio/studio.js', 'studio/studio.wasm']);
  for (const f of manifest().files.filter((x) => x.purpose === 'studio')) assert.equal(f.eager, false);
});

test('opened with a fragment: first frame drawn, canvas not blank, <output> holds the snippet', async () => {
  const page = await openStudio();
  assert.ok(await page.evaluate(() => window.pwStudio.firstFrameMs > 0));
  const png = PNG.sync.read(await page.locator('canvas').screenshot());
  const colours = new Set();
  for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
  assert.ok(colours.size > 8, `the canvas shows the UI (${colours.size} colours sampled)`);
  assert.equal(await snippet(page), SNIPPET);
  assert.equal(await hash(page), `#${FRAGMENT}`);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('the first frame needs only studio-ui-font.otf; the rest of the font follows and is rasterised', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const page = await env.page(null);
  await page.route('**/studio/studio-font.otf', async (route) => { await held; await route.continue(); });
  await page.goto(new URL(`/dist/studio/index.html#${FRAGMENT}`, env.url).href);
  await page.waitForFunction(() => window.pwStudio && window.pwStudio.frames > 3, null, { timeout: 30000 });
  const glyphs = () => page.evaluate(() => window.pwStudio.inspect('glyphs:站鸭'));
  assert.deepEqual((await glyphs()).has, [true, false], 'the UI is drawn, a common hanzi no UI string has waits');
  assert.equal(await page.evaluate(() => window.pwStudio.fullFontMs), undefined);
  assert.equal(await snippet(page), SNIPPET);
  release();
  await page.waitForFunction(() => window.pwStudio.fullFontMs > 0, null, { timeout: 30000 });
  const full = await glyphs();
  assert.deepEqual(full.has, [true, true]);
  assert.ok(full.atlas > 3800, `the whole font is in the atlas (${full.atlas} glyphs)`);
  assert.deepEqual(page.pageErrors, []);
});

test('a font file that cannot be fetched is named in the status line beside the canvas', async () => {
  const page = await env.page(null);
  await page.route('**/studio/studio-font.otf', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(new URL(`/dist/studio/index.html#${FRAGMENT}`, env.url).href);
  await page.waitForFunction(() => window.pwStudio && window.pwStudio.frames > 3, null, { timeout: 30000 });
  await page.waitForFunction(() => {
    const status = document.getElementById('pw-studio-status');
    return !status.hidden && status.textContent === 'studio-font.otf: HTTP 404';
  }, null, { timeout: 30000 });
  assert.equal(await snippet(page), SNIPPET, 'the studio still works with its UI font');
});

test('the canvas follows the page size at the device pixel ratio (crisp on HiDPI screens)', async () => {
  const page = await env.page(`/dist/studio/index.html#${FRAGMENT}`, { context: { deviceScaleFactor: 2 } });
  await page.waitForFunction(() => window.pwStudio && window.pwStudio.frames > 3, null, { timeout: 30000 });
  const size = () => page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    const rect = canvas.getBoundingClientRect();
    return { css: [Math.round(rect.width), Math.round(rect.height)], backing: [canvas.width, canvas.height] };
  });
  let s = await size();
  assert.deepEqual(s.backing, [s.css[0] * 2, s.css[1] * 2]);
  await page.setViewportSize({ width: 900, height: 700 });
  await page.waitForFunction(() => document.getElementById('canvas').height === 1400, null, { timeout: 30000 });
  s = await size();
  assert.equal(s.css[1], 700);
  assert.deepEqual(s.backing, [s.css[0] * 2, s.css[1] * 2]);
  // The UI is laid out in CSS px: a tab sits where it would at ratio 1.
  const rect = await page.evaluate(() => window.pwStudio.inspect('rect:tab.site'));
  assert.ok(rect[0] < 40 && rect[1] < 60, `tab.site at ${rect}`);
});

test('real mouse and keyboard input: the fragment and the snippet follow an edit', async () => {
  const page = await openStudio();
  await clickItem(page, 'tab.site');
  await retype(page, 'attr.leave-countdown', '5');
  assert.match(await snippet(page), /data-allow="\*\.gov\.cn" data-leave-countdown="5"><\/script>/);
  assert.match(await hash(page), /&leave-countdown=5&/);
  // A bad value: the core's own message in the UI; the snippet still says what was typed.
  await retype(page, 'attr.leave-countdown', '5s');
  assert.match(await snippet(page), /data-leave-countdown="5s"/);
  await clickItem(page, 'tab.qr');
  await retype(page, 'attr.pw-qrcode.size', '240');
  assert.match(await snippet(page), /<pw-qrcode size="240"><\/pw-qrcode>/);
  assert.match(await hash(page), /pw-qrcode\.size=240/);
});

test('Chinese typed through an input method (CDP Input.imeSetComposition / Input.insertText) reaches the field', async () => {
  const page = await openStudio('');
  await clickItem(page, 'tab.site');
  await clickItem(page, 'attr.site-name');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'pw-studio-ime',
    'a text field focuses the hidden input the input method writes into');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'mou', selectionStart: 3, selectionEnd: 3 });
  await nextFrames(page);
  assert.doesNotMatch(await snippet(page), /data-site-name/, 'nothing is typed while composing');
  await cdp.send('Input.insertText', { text: '某某县' });
  await nextFrames(page);
  await cdp.send('Input.imeSetComposition', { text: 'zf', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '政府' });
  await nextFrames(page);
  assert.match(await snippet(page), /data-site-name="某某县政府"/);
  assert.match(await hash(page), new RegExp(`site-name=${encodeURIComponent('某某县政府')}`));
});

test('the snippet pasted into a blank page mounts every widget with that configuration', async () => {
  const studio = await openStudio();
  // The studio's verdict on two links, from its links panel.
  await clickItem(studio, 'tab.links');
  await clickItem(studio, 'links.input');
  await studio.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'https://www.baidu.com/s?wd=1\nhttps://www.gov.cn/zhengce/\n');
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await nextFrames(studio);
  const rows = await studio.evaluate(() => window.pwStudio.inspect('links'));
  assert.deepEqual(rows.map((r) => [r.href, r.action, r.reason]), [
    ['https://www.baidu.com/s?wd=1', 'confirm', 'external'],
    ['https://www.gov.cn/zhengce/', 'pass', 'allowlisted'],
  ]);
  const code = await snippet(studio);
  const [head, body] = [code.split('\n').slice(0, 2).join('\n'), code.split('\n').slice(2).join('\n')];

  const page = await env.page(null);
  await page.route('**/tests/studio-blank.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>测试文章</title>${head}</head><body>` +
      `<h1>关于乡村振兴的通知</h1><div id="zoom"><p>正文内容。</p></div>` +
      `<a id="out" href="https://www.baidu.com/s?wd=1">外部</a> <a id="gov" href="https://www.gov.cn/zhengce/">政府</a>${body}</body></html>`,
  }));
  await page.goto(new URL('/tests/studio-blank.html', env.url).href);
  const result = await page.evaluate(() => window.PortalWidgets.ready);
  assert.equal(result.mode, MODE);
  assert.deepEqual(result.errors, []);
  assert.equal(await page.evaluate(() => window.PortalWidgets.config.siteName), '某某县人民政府门户网站');
  for (const row of rows) {
    const decision = await page.evaluate((href) => window.PortalWidgets.classifyLink(href), row.href);
    assert.equal(decision.action, row.action, row.href);
    assert.equal(decision.reason, row.reason, row.href);
  }
  await page.evaluate(() => Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode')].map((el) => el.ready)));
  assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button').length), 3);
  const qrSide = await page.evaluate(() => document.querySelector('pw-qrcode').getBoundingClientRect().width);
  assert.ok(qrSide >= 200, `pw-qrcode is 200 px wide or more (${qrSide})`);
  // The link the studio said asks does ask: the leave dialog opens.
  await page.click('#out');
  await page.waitForSelector('pw-leave-dialog');
  assert.equal(page.url(), new URL('/tests/studio-blank.html', env.url).href);
});

test('text outside the studio font typed through the input bridge gets its glyphs from the share-card font slices', async () => {
  const page = await openStudio('');
  const fontFiles = [];
  page.on('request', (r) => { if (/\/(font-index|font-slice)\./.test(r.url())) fontFiles.push(r.url().split('/').pop()); });
  await page.waitForFunction(() => window.pwStudio.fullFontMs > 0, null, { timeout: 60000 });
  await clickItem(page, 'tab.links');
  await clickItem(page, 'links.input');
  // 䶮 and 𬌗 (outside the BMP) are in the 通用规范汉字表 but not among its 3,500 common
  // hanzi; 𠀀 is in no font of the build.
  const glyphs = () => page.evaluate(() => window.pwStudio.inspect('glyphs:䶮𬌗𠀀'));
  const before = await glyphs();
  assert.deepEqual(before.has, [false, false, false]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.insertText', { text: 'https://www.example.gov.cn/刘䶮/𬌗/𠀀' });
  await page.waitForFunction(() => { const g = window.pwStudio.inspect('glyphs:䶮𬌗𠀀'); return g.has[0] && g.has[1]; },
    null, { timeout: 30000 });
  await nextFrames(page);
  const after = await glyphs();
  assert.deepEqual(after.has, [true, true, false]);
  assert.ok(after.atlas > before.atlas, `the atlas grew (${before.atlas} -> ${after.atlas} glyphs)`);
  assert.equal(after.pending, 0);
  assert.equal(after.missing, 1, 'the studio counts the one character no font has (𠀀)');
  assert.equal(fontFiles.filter((f) => f.startsWith('font-index.')).length, 1, fontFiles.join(' '));
  assert.equal(fontFiles.filter((f) => f.startsWith('font-slice.')).length, 2, fontFiles.join(' '));
  const rows = await page.evaluate(() => window.pwStudio.inspect('links'));
  assert.deepEqual(rows.map((r) => r.href), ['https://www.example.gov.cn/刘䶮/𬌗/𠀀']);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('the related panel\'s assoc field: from the fragment into the snippet, and edited with the keyboard', async () => {
  const fragment = 'pw-related.src=' + encodeURIComponent('/feeds/column-zcjd.json') +
    '&pw-related.assoc=' + encodeURIComponent('/feeds/column-zcjd.assoc');
  const page = await openStudio(fragment);
  assert.match(await snippet(page), /<pw-related src="\/feeds\/column-zcjd\.json" assoc="\/feeds\/column-zcjd\.assoc"><\/pw-related>/);
  assert.equal(await hash(page), `#${fragment}`);
  await clickItem(page, 'tab.related');
  await retype(page, 'attr.pw-related.assoc', '/feeds/other.assoc');
  assert.match(await snippet(page), /<pw-related src="\/feeds\/column-zcjd\.json" assoc="\/feeds\/other\.assoc"><\/pw-related>/);
  assert.match(await hash(page), /&pw-related\.assoc=%2Ffeeds%2Fother\.assoc$/);
});
