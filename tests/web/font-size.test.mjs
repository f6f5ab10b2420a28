// <pw-font-size> in Chromium: computed sizes at every level on messy CMS
// markup and on the demo, later content, persistence across pages, the early
// apply, adopted doZoom links, the doZoom shim, keyboard, touch targets,
// bad attributes and axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODE, ROOT, axe, holdCore, openBrowser, ready } from './helpers.mjs';

let env;
before(async () => { env = await openBrowser(); });
after(() => env && env.close());

const CMS = '/tests/font-size/cms.html';
const CMS_2 = '/tests/font-size/cms-2.html';
const OWN_DOZOOM = '/tests/font-size/own-dozoom.html';
const BAD = '/tests/font-size/bad.html';

// The contract's rule, written independently of core/font_scale.cpp: size ×
// level/default (never below 12 px when shrinking, unless authored smaller),
// line heights keep their ratio and are at least 1.5 above the default.
function expected({ font, line }, level, authored) {
  if (level === authored) return { font, line };
  const f = level / authored;
  let size = font * f;
  if (f < 1) size = Math.max(size, Math.min(font, 12));
  size = Math.round(size * 100) / 100;
  let lh = line > 0 ? line * size / font : 0;
  if (f > 1) lh = Math.max(lh, 1.5 * size);
  return { font: size, line: lh > 0 ? Math.round(lh * 100) / 100 : line };
}

/** Computed font size and line height (0 = normal) of every element with an id under `root`. */
const snapshot = (page, root) => page.evaluate((sel) => {
  const out = {};
  for (const el of document.querySelectorAll(`${sel} [id], ${sel}`)) {
    const cs = getComputedStyle(el);
    out[el.id] = {
      font: parseFloat(cs.fontSize), line: cs.lineHeight === 'normal' ? 0 : parseFloat(cs.lineHeight),
      width: el.getBoundingClientRect().width, style: el.getAttribute('style'),
    };
  }
  return out;
}, root);

const near = (actual, want, what) => assert.ok(Math.abs(actual - want) < 0.02, `${what}: ${actual} px, expected ${want} px`);

/** Text-bearing ids on cms.html (the ones the widget must scale). */
const CMS_TEXT = ['t-h1', 't-plain', 't-pt', 't-word-span', 't-font4', 't-font2', 't-td', 't-span-nested', 't-b',
  't-rem', 't-em', 't-pct', 't-important', 't-tiny', 't-em-box-text', 't-li', 't-li-link', 't-inner-td', 't-inner-font', 't-icon'];

const shadowButtons = (page, host = 'pw-font-size') => page.evaluate((sel) =>
  [...document.querySelector(sel).shadowRoot.querySelectorAll('button')]
    .map((b) => ({ text: b.textContent, pressed: b.getAttribute('aria-pressed') })), host);

const clickLevel = (page, label, host = 'pw-font-size') =>
  page.locator(host).locator('button', { hasText: new RegExp(`^${label}$`) }).click();

async function freshPage(path, options) {
  const page = await env.page(path, options);
  assert.deepEqual((await ready(page)).ok, true);
  return page;
}

/** A page head with the loader (`script`: its tag) and an article style. */
const head = (script, title = '字体大小') => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px/1.6 sans-serif} #zoom,.TRS_Editor{font-size:16px;line-height:1.8} #zoom h1,article h1{font-size:20px}</style>
<link rel="stylesheet" href="/dist/portal-widgets.css">${script}</head><body>`;
const NO_DEFER = '<script src="/dist/portal-widgets.js"></script>';
const DEFER = '<script src="/dist/portal-widgets.js" defer></script>';

/**
 * Opens `html` served at /tests/font-size/<name>.html with localStorage
 * holding `saved` (null: nothing saved). `options.route(page)` adds routes
 * first (a slow script, a held-back core); `options.wait` false skips ready.
 */
async function routedPage(name, html, saved, options = {}) {
  const page = await env.page(null);
  await page.addInitScript(() => {
    window.pwErrorIds = [];
    document.addEventListener('pw-error', (e) => window.pwErrorIds.push(e.detail.id));
  });
  const path = `/tests/font-size/${name}.html`;
  await page.route(new RegExp(`${path.replace(/[.]/g, '[.]')}$`),
    (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(new URL(CMS_2, env.url).href);
  await ready(page);
  await page.evaluate((v) => (v ? localStorage.setItem('pw-font-size', v) : localStorage.removeItem('pw-font-size')), saved);
  if (options.route) await options.route(page);
  page.consoleErrors.length = 0;
  await page.goto(new URL(path, env.url).href, { waitUntil: options.wait === false ? 'domcontentloaded' : 'load' });
  page.result = options.wait === false ? null : await ready(page);
  return page;
}

const fontOf = (page, id) => page.evaluate((i) => parseFloat(getComputedStyle(document.getElementById(i)).fontSize), id);

// tests/font_size_cases.json, the table tests/core/font_scale_test.cpp runs
// through the core, run here through the loader's ES5 early part (the dist
// loader, with the core held back so only the early part runs): the same
// levels and default where it decides before the core, nothing where it leaves
// the decision to the core, and the same scaled sizes. (The `saved` cases run
// natively only; the early-apply tests below read saved values in Chromium.)
describe('the loader\'s early part agrees with the core on tests/font_size_cases.json', () => {
  const table = JSON.parse(readFileSync(join(ROOT, 'tests/font_size_cases.json'), 'utf8'));
  let page;
  before(async () => {
    const { route } = holdCore();  // never released: the early part alone
    page = await env.page(null, { beforeLoad: route });
    await page.goto(new URL(BAD, env.url).href, { waitUntil: 'domcontentloaded' });
  });

  test('rules: levels and the default level, or no early decision', async () => {
    const got = await page.evaluate((cases) => cases.map((c) => {
      const el = document.createElement('pw-font-size');
      for (const [name, value] of Object.entries(c.attributes)) el.setAttribute(name, value);
      for (const control of c.controls) {
        const a = document.createElement(control.tag || 'a');
        for (const name of ['href', 'onclick', 'title', 'class']) if (name in control) a.setAttribute(name, control[name]);
        a.textContent = control.text || '';
        el.append(a, ' ');
      }
      return window.PortalWidgets.__pw.early.fontSize.levelsOf(el) || null;
    }), table.rules);
    table.rules.forEach((c, i) => {
      const want = c.early ? { levels: c.levels, authored: c.default } : null;
      assert.deepEqual(got[i], want, `${c.note}: the early part ${c.early ? 'decides as the core does' : 'leaves it to the core'}`);
    });
  });

  test('scale: the same sizes as core scale_text', async () => {
    const got = await page.evaluate((cases) => cases.map((c) =>
      window.PortalWidgets.__pw.early.fontSize.scale(c.font, c.line, c.level, c.authored)), table.scale);
    table.scale.forEach((c, i) => assert.deepEqual(got[i], [c.expect.font, c.expect.line], c.note));
  });
});

describe('messy CMS markup', () => {
  test('adopts the doZoom links: levels 12 16 20, buttons 大 中 小, 中 pressed', async () => {
    const page = await freshPage(CMS);
    assert.deepEqual(await shadowButtons(page), [
      { text: '大', pressed: 'false' }, { text: '中', pressed: 'true' }, { text: '小', pressed: 'false' }]);
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 16);
    // The old links are no longer shown (the widget's buttons replace them).
    assert.equal(await page.locator('#legacy-big').isVisible(), false);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('every level gives the expected computed sizes; images, em boxes and the rest of the page stay', async () => {
    const page = await freshPage(CMS);
    const authored = await snapshot(page, 'body');
    for (const [label, level] of [['大', 20], ['小', 12], ['中', 16], ['大', 20]]) {
      await clickLevel(page, label);
      const now = await snapshot(page, 'body');
      for (const id of CMS_TEXT) {
        const want = expected(authored[id], level, 16);
        near(now[id].font, want.font, `${id} font-size at ${level}`);
        if (want.line) near(now[id].line, want.line, `${id} line-height at ${level}`);
        else assert.equal(now[id].line, 0, `${id} line-height stays normal at ${level}`);
        if (level > 16) assert.ok(now[id].line >= 1.5 * now[id].font - 0.02, `${id} line-height ≥ 1.5 at ${level}`);
      }
      for (const id of ['t-img', 't-em-box', 't-outside', 'outside', 'meta', 'content']) {
        assert.equal(now[id].font, authored[id].font, `${id} keeps its size at ${level}`);
        assert.equal(now[id].width, authored[id].width, `${id} keeps its width at ${level}`);
      }
      assert.equal(now['t-img'].style, authored['t-img'].style);
      // An image sized in em inside a line of text follows that text (documented).
      near(now['t-icon-img'].width, now['t-icon'].font, `1em icon in text at ${level}`);
      assert.equal(now['t-icon-img'].style, authored['t-icon-img'].style);
      if (level === 16) {
        // Back at the authored level the page's own inline styles are exactly restored.
        for (const id of Object.keys(authored)) assert.equal(now[id].style, authored[id].style, `${id} style restored`);
      }
    }
    // Spot checks against hand-computed values (12pt = 16 px; <font size=2> = 13 px).
    await clickLevel(page, '小');
    const small = await snapshot(page, 'body');
    near(small['t-pt'].font, 12, '12pt at 小');
    near(small['t-font2'].font, 12, '<font size=2> at 小 (kept readable)');
    near(small['t-tiny'].font, 10, '10 px authored text is not enlarged at 小');
    near(small['t-important'].font, 12, '15px !important at 小');
    await clickLevel(page, '大');
    const big = await snapshot(page, 'body');
    near(big['t-important'].font, 18.75, '15px !important at 大');
    near(big['t-h1'].font, 32.5, 'h1 26 px at 大');
    near(big['t-h1'].line, 48.75, 'h1 line height raised to 1.5');
    near(big['t-word-span'].font, 26.67, '16pt span at 大');
    assert.deepEqual(page.pageErrors, []);
  });

  test('paragraphs inserted later are scaled too; only the added subtrees are written', async () => {
    const page = await freshPage(CMS);
    const authored = await snapshot(page, '#content');
    await clickLevel(page, '大');
    const before = await snapshot(page, '#content');
    const touched = await page.evaluate(async () => {
      // Which elements get their style attribute written from here on.
      const seen = new Set();
      new MutationObserver((records) => { for (const r of records) seen.add(r.target.id || r.target.localName); })
        .observe(document.getElementById('content'), { attributes: true, attributeFilter: ['style'], subtree: true });
      const p = document.createElement('p');
      p.id = 'late';
      p.innerHTML = '后来加载的段落<span id="late-pt" style="font-size:12pt">（12pt）</span>';
      document.getElementById('t-table').after(p);
      // Into an existing (scaled) paragraph: measured against its authored size.
      const span = document.createElement('span');
      span.id = 'late-em';
      span.style.fontSize = '1.5em';
      span.textContent = '（加大）';
      document.getElementById('t-plain').append(span);
      // Into a nested table cell, and text into a container without text of its own.
      document.getElementById('t-inner-span').insertAdjacentHTML('beforeend', '<i id="late-i">附</i>');
      await new Promise(requestAnimationFrame);
      return [...seen].sort();
    });
    const now = await snapshot(page, '#content');
    near(now.late.font, 20, 'inserted paragraph');
    near(now['late-pt'].font, 20, 'inserted 12pt span');
    near(now['late-em'].font, 30, '1.5em span in a 16 px paragraph: 24 px authored, 30 px at 20');
    near(now['late-i'].font, expected({ font: 14, line: 0 }, 20, 16).font, '<i> in a 10.5pt span of a nested cell');
    for (const id of ['t-plain', 't-h1', 't-pt', 't-inner-font', 't-td']) {
      near(now[id].font, before[id].font, `${id} is not scaled twice`);
      assert.equal(now[id].style, before[id].style, `${id}: style attribute as written before`);
    }
    // Written: the three new text elements, and t-plain (its authored size put
    // back for the measurement, then its own text again); nothing else.
    assert.deepEqual(touched, ['late', 'late-em', 'late-i', 'late-pt', 't-plain']);
    await clickLevel(page, '中');
    const back = await snapshot(page, '#content');
    for (const id of Object.keys(authored)) assert.equal(back[id].style, authored[id].style, `${id} style restored`);
    for (const id of ['late', 'late-pt', 'late-i']) assert.equal(back[id].style, id === 'late-pt' ? 'font-size:12pt' : null, `${id} style restored`);
    near(back['late-em'].font, 24, 'the em span back at its authored size');
  });

  test('content added later keeps the page\'s own later inline style changes on the scaled ancestors', async () => {
    const page = await freshPage(CMS);
    await clickLevel(page, '大');
    const state = () => page.evaluate(() => {
      const p = document.getElementById('t-plain');
      const cs = getComputedStyle(p);
      return { style: p.getAttribute('style'), color: cs.color, transform: cs.transform, font: parseFloat(cs.fontSize) };
    });
    // A page script styles the scaled paragraph, then text is added into it.
    const styled = await page.evaluate(() => {
      const p = document.getElementById('t-plain');
      p.style.color = 'red';
      p.style.transform = 'translateX(2px)';
      return p.getAttribute('style');
    });
    assert.match(styled, /color: red/);
    await page.evaluate(async () => {
      const span = document.createElement('span');
      span.id = 'late-em';
      span.style.fontSize = '1.5em';
      span.textContent = '（加大）';
      document.getElementById('t-plain').append(span);
      await new Promise(requestAnimationFrame);
    });
    let now = await state();
    assert.equal(now.style, styled, 'the attribute text as it was before the addition');
    assert.equal(now.color, 'rgb(255, 0, 0)');
    assert.notEqual(now.transform, 'none');
    near(now.font, 20, 't-plain still at 大');
    near(await fontOf(page, 'late-em'), 30, '1.5em span: 24 px authored, 30 px at 20');
    // Back at the authored level only the two properties go; the page's own stay.
    await clickLevel(page, '中');
    now = await state();
    assert.equal(now.style, 'color: red; transform: translateX(2px);');
    assert.equal(now.color, 'rgb(255, 0, 0)');
    near(now.font, 16, 't-plain as authored');
    near(await fontOf(page, 'late-em'), 24, 'the em span as authored');
    assert.deepEqual(page.pageErrors, []);
  });

  test('scaled elements the page drops (a ticker in the article) are not kept alive', async () => {
    const page = await freshPage(CMS);
    await clickLevel(page, '大');
    const sizes = await page.evaluate(async () => {
      const box = document.createElement('div');
      document.getElementById('t-table').after(box);
      const out = [];
      window.dropped = [];
      for (let i = 0; i < 40; i++) {
        const item = document.createElement('p');
        item.innerHTML = `滚动新闻 <span>${i}</span>`;
        box.replaceChildren(item);
        await new Promise(requestAnimationFrame);
        out.push(parseFloat(getComputedStyle(item.firstElementChild).fontSize));
        window.dropped.push(new WeakRef(item), new WeakRef(item.firstElementChild));
      }
      box.replaceChildren();
      await new Promise(requestAnimationFrame);
      return out;
    });
    for (const size of sizes) near(size, 20, 'each ticker item at 大');
    const cdp = await page.context().newCDPSession(page);
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    assert.equal(await page.evaluate(() => window.dropped.filter((ref) => ref.deref()).length), 0,
      'dropped elements still reachable after a full garbage collection');
    near(await fontOf(page, 't-plain'), 20, 'the article stays at 大');
  });

  test('scaled elements moved out of the article, or put back after a while, get the right sizes', async () => {
    const page = await freshPage(CMS);
    const authored = await snapshot(page, 'body');
    await clickLevel(page, '大');
    const atBig = await snapshot(page, 'body');
    const state = (ids) => page.evaluate((list) => Object.fromEntries(list.map((id) => {
      const el = document.getElementById(id);
      return [id, { font: parseFloat(getComputedStyle(el).fontSize), style: el.getAttribute('style') }];
    })), ids);
    const frame = () => page.evaluate(() => new Promise(requestAnimationFrame));
    // Moved out of the target (into the footer): no longer article text, the page's own sizes at once.
    await page.evaluate(() => document.getElementById('outside').append(document.getElementById('t-plain'), document.getElementById('t-pt')));
    await frame();
    let now = await state(['t-plain', 't-pt']);
    near(now['t-plain'].font, 14, 't-plain in the 14 px footer');
    near(now['t-pt'].font, authored['t-pt'].font, '12pt paragraph in the footer');
    assert.equal(now['t-plain'].style, authored['t-plain'].style);
    assert.equal(now['t-pt'].style, authored['t-pt'].style, 'the page\'s own attribute text, byte for byte');
    // Taken out and put back at the same level: the same sizes, not scaled twice.
    await page.evaluate(() => { window.held = document.getElementById('t-font'); window.held.remove(); });
    await frame();
    await page.evaluate(() => document.getElementById('t-word').after(window.held));
    await frame();
    now = await state(['t-font4', 't-font2']);
    for (const id of ['t-font4', 't-font2']) {
      near(now[id].font, atBig[id].font, `${id} put back at 大`);
      assert.equal(now[id].style, atBig[id].style, `${id}: style as written before`);
    }
    // Held out while the level changes, then put back: the new level, from the authored size.
    await page.evaluate(() => { window.heldH1 = document.getElementById('t-h1'); window.heldH1.remove(); window.held.remove(); });
    await frame();
    await clickLevel(page, '小');
    await page.evaluate(() => document.getElementById('content').prepend(window.heldH1, window.held));
    await frame();
    now = await state(['t-h1', 't-font4', 't-font2']);
    for (const id of ['t-h1', 't-font4', 't-font2']) near(now[id].font, expected(authored[id], 12, 16).font, `${id} put back at 小`);
    await page.evaluate(() => { window.heldH1.remove(); });
    await frame();
    await clickLevel(page, '中');
    await page.evaluate(() => document.getElementById('content').prepend(window.heldH1));
    await frame();
    const back = await snapshot(page, 'body');
    for (const id of ['t-h1', 't-font4', 't-font2', 't-pt', 't-td']) {
      near(back[id].font, authored[id].font, `${id} as authored`);
      assert.equal(back[id].style, authored[id].style, `${id} style restored`);
    }
    assert.deepEqual(page.pageErrors, []);
  });

  test('a page script can read and set level; pw-font-size-change reports it', async () => {
    const page = await freshPage(CMS);
    const events = await page.evaluate(async () => {
      const el = document.querySelector('pw-font-size');
      const seen = [];
      document.addEventListener('pw-font-size-change', (e) => seen.push({ ...e.detail, composed: e.composed }));
      el.level = 20;
      el.level = '13px';  // snaps to the nearest level, 12
      return { seen, level: el.level };
    });
    assert.equal(events.level, 12);
    assert.deepEqual(events.seen, [
      { level: 20, index: 2, label: '大', composed: true }, { level: 12, index: 0, label: '小', composed: true }]);
  });
});

describe('legacy doZoom', () => {
  test('the shim routes doZoom(px) where the page has none, and reports bad values', async () => {
    const page = await freshPage(CMS);
    const r = await page.evaluate(() => {
      const errors = [];
      document.addEventListener('pw-error', (e) => errors.push(e.detail.id));
      const el = document.querySelector('pw-font-size');
      const returned = window.doZoom(20);
      const at20 = el.level;
      window.doZoom(17);
      const at17 = el.level;
      window.doZoom('abc');
      return { type: typeof window.doZoom, returned, at20, at17, after: el.level, errors,
        enumerable: Object.keys(window).includes('doZoom') };
    });
    assert.deepEqual(r, { type: 'function', returned: false, at20: 20, at17: 16, after: 16,
      errors: ['pw.font_size.bad_level'], enumerable: false });
    near((await snapshot(page, '#content'))['t-plain'].font, 16, 'doZoom(17) snapped to 16');
    // Old links elsewhere on the page (outside the element) reach the shim too:
    // href="javascript:doZoom(20)" (runs in a task of its own after the click)…
    await page.click('#old-big');
    await page.waitForFunction(() => document.querySelector('pw-font-size').level === 20, null, { timeout: 5000 });
    near((await snapshot(page, '#content'))['t-plain'].font, 20, 'javascript:doZoom(20) outside the element');
    // …and onclick="return doZoom(12)", whose false return keeps the link from being followed.
    await page.click('#old-small');
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 12);
    assert.equal(await page.evaluate(() => location.hash), '', 'the onclick link was not followed');
    assert.deepEqual(page.pageErrors, []);
  });

  test('clicking an adopted link runs the widget, not the link', async () => {
    const page = await freshPage(CMS);
    await page.evaluate(() => document.getElementById('legacy-big').click());
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 20);
    assert.equal(page.url().endsWith(CMS), true);
  });

  test('a page with its own doZoom keeps it; its wrapped links run the widget', async () => {
    const page = await freshPage(OWN_DOZOOM);
    const r = await page.evaluate(() => {
      const el = document.querySelector('pw-font-size');
      const links = [...el.querySelectorAll('a')];
      links[0].click();               // 大: javascript:doZoom(18)
      const afterBig = el.level;
      links[2].click();               // 小: onclick="doZoom(14)"
      return { afterBig, afterSmall: el.level, calls: window.ownDoZoomCalls.slice(),
        own: window.doZoom.toString().includes('ownDoZoomCalls'),
        labels: [...el.shadowRoot.querySelectorAll('button')].map((b) => b.textContent) };
    });
    assert.deepEqual(r, { afterBig: 18, afterSmall: 14, calls: [], own: true, labels: ['大', '中', '小'] });
    // The page's own doZoom elsewhere still runs as it always did.
    // (A javascript: URL runs in a task of its own after the click.)
    await page.click('#outside-call');
    await page.waitForFunction(() => window.ownDoZoomCalls.length > 0, null, { timeout: 5000 });
    assert.deepEqual(await page.evaluate(() => window.ownDoZoomCalls), [22]);
  });
});

describe('the default level with legacy links', () => {
  // Hanweb jcms's default set: 大 16, 中 14, 小 12, on an article authored at 14 px.
  const HANWEB = `${head(DEFER, '汉威')}<div class="bt_content">【字体：<pw-font-size target="#zoom"><a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a></pw-font-size>】</div>
<div id="zoom" style="font-size:14px"><p id="p">正文为十四像素。</p></div></body></html>`;

  test('Hanweb doZoom(16)大 doZoom(14)中 doZoom(12)小: 中 is pressed, 大 enlarges and 小 shrinks', async () => {
    const page = await routedPage('hanweb', HANWEB, null);
    assert.equal(page.result.ok, true);
    assert.deepEqual(await shadowButtons(page),
      [{ text: '大', pressed: 'false' }, { text: '中', pressed: 'true' }, { text: '小', pressed: 'false' }]);
    near(await fontOf(page, 'p'), 14, 'as authored');
    await clickLevel(page, '大');
    near(await fontOf(page, 'p'), 16, '大 enlarges 14 px text to 16 px');
    await clickLevel(page, '小');
    near(await fontOf(page, 'p'), 12, '小 shrinks it to 12 px');
  });

  test('two legacy sizes at the article\'s own size: one larger level is added, labelled 特大', async () => {
    const html = `${head(DEFER, '两级')}【字体：<pw-font-size target="#zoom"><a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(12)">小</a></pw-font-size>】
<div id="zoom" style="font-size:16px"><p id="p">正文为十六像素。</p></div></body></html>`;
    const page = await routedPage('two-sizes', html, null);
    assert.deepEqual((await shadowButtons(page)).map((b) => `${b.text}:${b.pressed}`), ['特大:false', '大:true', '小:false']);
    await page.evaluate(() => document.querySelector('pw-font-size a').click());  // the page's own 大: its size, 16
    near(await fontOf(page, 'p'), 16, 'the legacy 大 link selects its own size');
    await clickLevel(page, '特大');
    near(await fontOf(page, 'p'), 18, '特大 enlarges');
  });

  test('step controls 放大 缩小 还原 (changeSize(±1)): adopted as one step from the default', async () => {
    const html = `${head(DEFER, '步进')}【字号：<pw-font-size target="#zoom"><a href="javascript:changeSize(1)">放大</a> <a href="javascript:changeSize(-1)">缩小</a> <a href="javascript:changeSize(0)">还原</a></pw-font-size>】
<div id="zoom" style="font-size:16px"><p id="p">正文为十六像素。</p></div></body></html>`;
    const page = await routedPage('steps', html, null);
    assert.equal(page.result.ok, true);
    assert.deepEqual((await shadowButtons(page)).map((b) => `${b.text}:${b.pressed}`), ['大:false', '中:true', '小:false']);
    const viaLink = async (n) => {
      await page.evaluate((i) => document.querySelectorAll('pw-font-size a')[i].click(), n);
      return fontOf(page, 'p');
    };
    near(await viaLink(0), 18, '放大 selects the level above the default');
    near(await viaLink(1), 14, '缩小 the level below');
    near(await viaLink(2), 16, '还原 the default');
  });
});

describe('remembering the reader', () => {
  test('the choice persists to a second page of the same origin (snapped to its levels)', async () => {
    const page = await freshPage(CMS);
    await clickLevel(page, '大');
    assert.equal(await page.evaluate(() => localStorage.getItem('pw-font-size')), '1:20');
    await page.goto(new URL(CMS_2, env.url).href);
    await ready(page);
    const r = await page.evaluate(() => ({
      level: document.querySelector('pw-font-size').level,
      early: window.PortalWidgets.__pw.early.fontSize.applied && window.PortalWidgets.__pw.early.fontSize.applied.level,
      pressed: [...document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button')]
        .map((b) => `${b.textContent}:${b.getAttribute('aria-pressed')}`).join(' '),
    }));
    assert.deepEqual(r, { level: 18, early: 18, pressed: '大:true 中:false 小:false' });
    near((await snapshot(page, '#zoom'))['p2-body'].font, 18, 'body text on the second page');
  });

  test('the early apply gives the core\'s sizes before the core arrives, so nothing moves when it does', async () => {
    const { route, release } = holdCore();
    const page = await env.page(null);
    await page.goto(new URL(CMS_2, env.url).href);
    await page.evaluate(() => localStorage.setItem('pw-font-size', '1:20'));
    await route(page);
    await page.evaluate(() => {
      window.shifts = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts.push(e.value); })
        .observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(new URL(CMS, env.url).href, { waitUntil: 'domcontentloaded' });
    const early = await snapshot(page, '#content');
    assert.equal(await page.evaluate(() => customElements.get('pw-font-size')), undefined, 'core held back');
    release();
    await ready(page);
    const final = await snapshot(page, '#content');
    for (const id of CMS_TEXT) {
      near(early[id].font, final[id].font, `${id}: early apply vs core`);
      near(early[id].line, final[id].line, `${id}: early line height vs core`);
    }
    near(final['t-plain'].font, 20, 'saved level applied');
  });

  test('an element the page takes out while the early apply waits for the core gets the right size when put back', async () => {
    const { route, release } = holdCore();
    const page = await env.page(null);
    await page.goto(new URL(CMS_2, env.url).href);
    await page.evaluate(() => localStorage.setItem('pw-font-size', '1:20'));
    await route(page);
    await page.goto(new URL(CMS, env.url).href, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.PortalWidgets.__pw.early.fontSize.applied, null, { timeout: 5000 });
    near(await fontOf(page, 't-h1'), 32.5, 'early: h1 26 px at 20/16');
    // Nothing observes the article until the element mounts.
    await page.evaluate(() => { window.held = document.getElementById('t-h1'); window.held.remove(); });
    release();
    assert.equal((await ready(page)).ok, true);
    await clickLevel(page, '中');
    await page.evaluate(() => document.getElementById('content').prepend(window.held));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    near(await fontOf(page, 't-h1'), 26, 'put back at 中: as authored');
    assert.equal(await page.evaluate(() => document.getElementById('t-h1').getAttribute('style')), null);
    await clickLevel(page, '大');
    near(await fontOf(page, 't-h1'), 32.5, 'at 大 again');
  });

  test('a <pw-font-size> removed by the page before the core arrives leaves the article as authored', async () => {
    for (const script of [NO_DEFER, DEFER]) {
      const html = head(script) + `<p id="bar">【字体：<pw-font-size target="#zoom"></pw-font-size>】</p>
<div id="zoom"><h1 id="h">标题</h1><p id="p">正文内容。</p><p id="pt" style="font-size:12pt">十二磅。</p></div></body></html>`;
      const { route, release } = holdCore();
      const page = await routedPage('removed-early', html, '1:18', { wait: false, route });
      await page.waitForFunction(() => window.PortalWidgets.__pw.early.fontSize.applied, null, { timeout: 5000 });
      near(await fontOf(page, 'p'), 18, `${script}: early apply`);
      // A page script re-renders the header without the control.
      await page.evaluate(() => { document.getElementById('bar').textContent = '【字体】'; });
      release();
      const result = await ready(page);
      assert.equal(result.ok, true, JSON.stringify(result.errors));
      near(await fontOf(page, 'p'), 16, `${script}: body text as authored`);
      near(await fontOf(page, 'h'), 20, `${script}: h1 as authored`);
      near(await fontOf(page, 'pt'), 16, `${script}: 12pt as authored`);
      assert.deepEqual(await page.evaluate(() => ['h', 'p', 'pt'].map((id) => document.getElementById(id).getAttribute('style'))),
        [null, null, 'font-size:12pt'], `${script}: the page's own style attributes`);
      assert.deepEqual(await page.evaluate(() => window.pwErrorIds), []);
      assert.deepEqual(page.consoleErrors, []);
    }
  });

  test('layout shift: none for a first-time reader; none for a returning one with the script in <head> without defer', async () => {
    // The same page with the loader where the contract puts it (defer, in
    // <head>), at the end of <body>, and in <head> without defer; each on the
    // CMS page as it is and with what article templates carry inside the
    // article: an inline script and a slow external one (a visit counter).
    const plain = readFileSync(join(ROOT, 'tests/web/pages/font-size/cms.html'), 'utf8');
    const tag = /<script src="\/dist\/portal-widgets.js" defer([^>]*)><\/script>/;
    assert.match(plain, tag);
    const scripted = plain.replace('<table border="1" cellspacing="0" id="t-table">',
      '<script>var articleViews = 1;</script>\n<script src="/tests/font-size/counter.js"></script>\n<table border="1" cellspacing="0" id="t-table">');
    assert.notEqual(scripted, plain);
    const placements = (html) => ({
      'defer in <head>': html,
      'end of <body>': html.replace(tag, '').replace('</body>', '<script src="/dist/portal-widgets.js"$1></script>\n</body>'),
      '<head> without defer': html.replace(tag, '<script src="/dist/portal-widgets.js"$1></script>'),
    });
    const cls = {};
    for (const [pageName, html] of [['plain', plain], ['scripts in the article', scripted]]) {
      for (const [name, body] of Object.entries(placements(html))) {
        const page = await env.page(null);
        await page.addInitScript(() => {
          window.shifts = [];
          new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts.push(e.value); })
            .observe({ type: 'layout-shift', buffered: true });
        });
        await page.route(/\/tests\/font-size\/cms\.html$/, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
        await page.route(/\/tests\/font-size\/counter\.js$/, async (route) => {
          await new Promise((r) => setTimeout(r, 400));
          await route.fulfill({ contentType: 'text/javascript', body: 'window.counted = 1;', headers: { 'cache-control': 'no-store' } });
        });
        const key = `${pageName}, ${name}`;
        cls[key] = {};
        for (const saved of [null, '1:20']) {
          const runs = [];
          for (let i = 0; i < 4; i++) {
            await page.goto(new URL(CMS, env.url).href);
            await page.evaluate((v) => (v ? localStorage.setItem('pw-font-size', v) : localStorage.removeItem('pw-font-size')), saved);
            await page.reload();
            assert.equal((await ready(page)).ok, true, key);
            await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
            near((await snapshot(page, '#content'))['t-plain'].font, saved ? 20 : 16, `${key}: body text`);
            if (html === scripted) assert.equal(await page.evaluate(() => window.counted), 1, 'the counter ran');
            runs.push(await page.evaluate(() => window.shifts.reduce((a, b) => a + b, 0)));
          }
          cls[key][saved ? 'returning' : 'first'] = Math.max(...runs);
        }
        console.log(`# layout shift (worst of 4 loads), ${pageName}, script ${name}: first-time reader ${cls[key].first.toFixed(4)}, ` +
          `returning reader at 大 ${cls[key].returning.toFixed(4)}`);
        assert.ok(cls[key].first < 0.001, `${key}: a first-time reader's page shifted (${cls[key].first})`);
        assert.ok(cls[key].returning < 0.1, `${key}: returning reader CLS ${cls[key].returning} (0.1 is "good")`);
      }
      assert.ok(cls[`${pageName}, <head> without defer`].returning < 0.001, `${pageName}: applied while parsing: no shift at all`);
    }
  });

  test('script in <head> without defer, a slow script between the control and #zoom: mounted once parsed, links adopted, scaled once', async () => {
    // A parser-blocking counter script (统计) between the element and the
    // article lets the core arrive while the article is not parsed yet.
    const html = head(NO_DEFER) + `<p>【字体：<pw-font-size target="#zoom"><a href="javascript:doZoom(20)">大</a>
<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a></pw-font-size>】</p>
<script src="/tests/font-size/slow-counter.js"></script>
<div id="zoom"><h1 id="h">标题</h1><p id="p">正文内容。</p><p id="pt" style="font-size:12pt">十二磅。</p></div></body></html>`;
    const page = await routedPage('slow-script', html, '1:20', {
      route: (p) => p.route(/slow-counter[.]js$/, async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.fulfill({ contentType: 'text/javascript', body: 'window.counted = 1;' });
      }),
    });
    assert.equal(page.result.ok, true, JSON.stringify(page.result.errors));
    assert.deepEqual(await page.evaluate(() => window.pwErrorIds), []);
    assert.equal(await page.evaluate(() => window.counted), 1);
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 20);
    assert.deepEqual(await shadowButtons(page), [
      { text: '大', pressed: 'true' }, { text: '中', pressed: 'false' }, { text: '小', pressed: 'false' }]);
    near(await fontOf(page, 'p'), 20, 'body text at 20, scaled once');
    near(await fontOf(page, 'pt'), 20, '12pt text at 20');
    near(await fontOf(page, 'h'), 25, 'h1 20 px at 20/16');
    await clickLevel(page, '中');
    near(await fontOf(page, 'p'), 16, 'back to the authored size');
    near(await fontOf(page, 'h'), 20, 'h1 back to the authored size');
    assert.deepEqual(page.consoleErrors, []);
  });

  test('no target, script without defer: an <article> parsed before the #zoom inside it does not get the level twice', async () => {
    // While parsing, the inline script lets the loader see <article> before
    // #zoom exists; the default target is #zoom once the page is parsed.
    const html = head(NO_DEFER) + `<p>【字体：<pw-font-size></pw-font-size>】</p>
<article><h1 id="h">标题</h1><script>var viewCount = 1;</script>
<div id="zoom"><p id="p">正文内容。</p><p id="pt" style="font-size:12pt">十二磅。</p></div></article></body></html>`;
    const { route, release } = holdCore();
    const page = await routedPage('article-zoom', html, '1:20', { wait: false, route });
    // The loader alone, once the page is parsed: #zoom at 18 (20 snapped to 14 16 18), the h1 as authored.
    assert.equal(await page.evaluate(() => customElements.get('pw-font-size')), undefined, 'core held back');
    near(await fontOf(page, 'p'), 18, 'early: body text');
    near(await fontOf(page, 'h'), 20, 'early: the h1 outside #zoom');
    release();
    assert.equal((await ready(page)).ok, true);
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 18);
    near(await fontOf(page, 'p'), 18, 'body text at 18, not 18 × 18/16');
    near(await fontOf(page, 'pt'), 18, '12pt text');
    near(await fontOf(page, 'h'), 20, 'the h1 outside #zoom keeps its size');
    await page.evaluate(() => { document.querySelector('pw-font-size').level = 16; });
    near(await fontOf(page, 'p'), 16, 'the authored size comes back');
    near(await fontOf(page, 'h'), 20, 'h1 still authored');
    assert.equal(await page.evaluate(() => document.getElementById('p').getAttribute('style')), null, 'no style left');
  });

  for (const [attr, id] of [['labels="小 大"', 'pw.font_size.bad_labels'], ['order="up"', 'pw.font_size.bad_order'],
    ['remember="maybe"', 'pw.font_size.bad_remember']]) {
    test(`${attr} with a saved level: the error is reported and the article stays as authored`, async () => {
      for (const script of [DEFER, NO_DEFER]) {
        const html = head(script) + `<p>【字体：<pw-font-size target="#zoom" ${attr}><a href="#" id="kept">字体</a></pw-font-size>】</p>
<div id="zoom"><h1 id="h">标题</h1><p id="p">正文内容。</p></div></body></html>`;
        const page = await routedPage('bad-saved', html, '1:18');
        assert.equal(page.result.ok, false);
        assert.deepEqual(await page.evaluate(() => window.pwErrorIds), [id]);
        near(await fontOf(page, 'p'), 16, `${script}: body text as authored`);
        near(await fontOf(page, 'h'), 20, `${script}: h1 as authored`);
        assert.equal(await page.evaluate(() => document.getElementById('p').getAttribute('style')), null);
        assert.equal(await page.locator('#kept').isVisible(), true);
      }
    });
  }

  test('remember="off" neither reads nor writes; corrupt values fall back with an error', async () => {
    const page = await env.page(null);
    await page.addInitScript(() => {
      window.pwErrorIds = [];
      document.addEventListener('pw-error', (e) => window.pwErrorIds.push(e.detail.id));
    });
    await page.goto(new URL(CMS_2, env.url).href);
    await page.evaluate(() => localStorage.setItem('pw-font-size', '{"level":18}'));
    await page.reload();
    await ready(page);
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 16);
    assert.deepEqual(await page.evaluate(() => window.pwErrorIds), ['pw.font_size.bad_saved_level']);
    assert.ok(page.consoleErrors.some((m) => m.includes('saved font level "{\\"level\\":18}"') || m.includes('saved font level')),
      page.consoleErrors.join('\n'));
    await page.evaluate(() => {
      const el = document.createElement('pw-font-size');
      el.setAttribute('remember', 'off');
      el.setAttribute('target', '#zoom');
      el.id = 'second';
      document.body.prepend(el);
      return el.ready;
    });
    await page.evaluate(() => localStorage.setItem('pw-font-size', '1:18'));
    await clickLevel(page, '小', '#second');
    assert.equal(await page.evaluate(() => localStorage.getItem('pw-font-size')), '1:18');
  });
});

describe('attributes and the level property', () => {
  test('remember="off" does not read a saved level, in the element nor in the loader', async () => {
    for (const script of [DEFER, NO_DEFER]) {
      const html = head(script) + `<p>【字体：<pw-font-size target="#zoom" remember="off"></pw-font-size>】</p>
<div id="zoom"><p id="p">正文内容。</p></div></body></html>`;
      const page = await routedPage('remember-off', html, '1:18');
      assert.equal(page.result.ok, true);
      assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 16, script);
      near(await fontOf(page, 'p'), 16, `${script}: body text as authored`);
      assert.equal(await page.evaluate(() => window.PortalWidgets.__pw.early.fontSize.applied), null, `${script}: no early apply`);
      await clickLevel(page, '小');
      assert.equal(await page.evaluate(() => localStorage.getItem('pw-font-size')), '1:18', 'not written either');
      assert.deepEqual(page.consoleErrors, []);
    }
  });

  test('order="asc": buttons 小 中 大, aria-pressed follows the level', async () => {
    const html = head(DEFER) + `<p>【字体：<pw-font-size target="#zoom" order="asc"></pw-font-size>】</p>
<div id="zoom"><p id="p">正文内容。</p></div></body></html>`;
    const page = await routedPage('order-asc', html, null);
    assert.deepEqual(await shadowButtons(page), [
      { text: '小', pressed: 'false' }, { text: '中', pressed: 'true' }, { text: '大', pressed: 'false' }]);
    await clickLevel(page, '大');
    assert.deepEqual(await shadowButtons(page), [
      { text: '小', pressed: 'false' }, { text: '中', pressed: 'false' }, { text: '大', pressed: 'true' }]);
    near(await fontOf(page, 'p'), 18, 'body text at 大');
  });

  test('without target, #zoom wins over a .TRS_Editor that comes first on the page', async () => {
    const html = head(DEFER) + `<p>【字体：<pw-font-size></pw-font-size>】</p>
<div class="TRS_Editor"><p id="trs">编辑器区域。</p></div><div id="zoom"><p id="p">正文内容。</p></div></body></html>`;
    const page = await routedPage('priority', html, null);
    await clickLevel(page, '大');
    near(await fontOf(page, 'p'), 18, '#zoom text');
    near(await fontOf(page, 'trs'), 16, '.TRS_Editor text stays');
  });

  test('level set before the element is mounted is applied when it mounts', async () => {
    // A page without <pw-font-size> at boot: the element's module arrives when
    // a script adds one (docs/embed.md, "When things load"), so the script waits
    // for the definition before it awaits ready. A level set before that, on the
    // not yet defined element, is taken over when it is defined.
    const html = head(DEFER) + '<div id="zoom"><p id="p">正文内容。</p></div></body></html>';
    const page = await routedPage('pending', html, null);
    const r = await page.evaluate(async () => {
      const events = [];
      document.addEventListener('pw-font-size-change', (e) => events.push(e.detail.level));
      const early = document.createElement('pw-font-size');
      early.setAttribute('target', '#zoom');
      early.level = '18px';
      document.body.prepend(early);
      await customElements.whenDefined('pw-font-size');
      await early.ready;
      const defined = { after: early.level, events: events.slice(), saved: localStorage.getItem('pw-font-size') };
      early.remove();
      // Once defined, a new element has its ready and level at once.
      events.length = 0;
      const el = document.createElement('pw-font-size');
      el.setAttribute('target', '#zoom');
      el.level = '14px';
      const before = el.level;
      document.body.prepend(el);
      await el.ready;
      return { defined, before, after: el.level, events };
    });
    assert.deepEqual(r, { defined: { after: 18, events: [18], saved: '1:18' }, before: null, after: 14, events: [14] });
    near(await fontOf(page, 'p'), 14, 'body text');
  });
});

describe('readers', () => {
  test('keyboard: Tab to a button, Enter chooses it, + and - step; focus is visible', async () => {
    const page = await freshPage(CMS_2);
    await page.locator('pw-font-size button').first().focus();
    await page.keyboard.press('Enter');
    let state = await page.evaluate(() => {
      const el = document.querySelector('pw-font-size');
      const focused = el.shadowRoot.activeElement;
      return { level: el.level, focused: focused && focused.textContent, outline: getComputedStyle(focused).outlineStyle };
    });
    assert.deepEqual(state, { level: 18, focused: '大', outline: 'solid' });
    for (let i = 0; i < 3; i++) await page.keyboard.press('-');  // 16, 14, then clamped at 14
    state = await page.evaluate(() => {
      const el = document.querySelector('pw-font-size');
      return { level: el.level, focused: el.shadowRoot.activeElement.textContent };
    });
    assert.deepEqual(state, { level: 14, focused: '小' }, 'focus follows the pressed button');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => document.querySelector('pw-font-size').level), 16, 'Shift+Tab reaches 中');
  });

  test('a labelled group of toggle buttons; 44×44 px targets on touch screens', async () => {
    const page = await freshPage(CMS_2, { context: { hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } } });
    const r = await page.evaluate(() => {
      const root = document.querySelector('pw-font-size').shadowRoot;
      const group = root.querySelector('[role=group]');
      return { label: group.getAttribute('aria-label'),
        boxes: [...root.querySelectorAll('button')].map((b) => { const r = b.getBoundingClientRect(); return [r.width, r.height]; }) };
    });
    assert.equal(r.label, '字体大小');
    for (const [w, h] of r.boxes) assert.ok(w >= 44 && h >= 44, `button ${w}×${h}`);
  });

  test('axe-core finds no violations on the CMS page at every level, nor on the demo', async () => {
    const page = await freshPage(CMS);
    for (const label of ['中', '大', '小']) {
      await clickLevel(page, label);
      assert.deepEqual(await axe(page), [], `at ${label}`);
    }
    const demo = await freshPage('/');
    await clickLevel(demo, '大');
    assert.deepEqual(await axe(demo, 'pw-font-size'), []);
  });
});

describe('the demo page', () => {
  test('each level scales the article (#zoom) proportionally; the rest of the page stays', async () => {
    const page = await freshPage('/');
    const sizes = () => page.evaluate(() => ({
      zoom: [...document.querySelectorAll('#zoom p, #zoom h2, #zoom figcaption')].map((el) => parseFloat(getComputedStyle(el).fontSize)),
      title: parseFloat(getComputedStyle(document.querySelector('.article-title')).fontSize),
    }));
    const authored = await sizes();
    assert.ok(authored.zoom.length > 5);
    for (const [label, level] of [['大', 18], ['小', 14], ['中', 16]]) {
      await clickLevel(page, label);
      const now = await sizes();
      now.zoom.forEach((size, i) => near(size, expected({ font: authored.zoom[i], line: 0 }, level, 16).font, `#zoom text ${i} at ${label}`));
      assert.equal(now.title, authored.title, 'the title outside #zoom keeps its size');
    }
    assert.deepEqual(page.consoleErrors, []);
  });
});

describe('bad attributes', () => {
  test('each misconfigured element reports one clear error and keeps its content', async () => {
    const page = await env.page(BAD);
    const result = await ready(page);
    const errors = await page.evaluate(() => window.pwErrors.map((e) => `${e.id} ${e.source}`));
    assert.deepEqual(errors.sort(), [
      'pw.font_size.bad_default default', 'pw.font_size.bad_levels levels',
      'pw.font_size.bad_target target', 'pw.font_size.target_not_found target'].sort());
    assert.ok(page.consoleErrors.some((m) => m.includes('levels="14 abc": "abc" is not a number; expected 2–6 sizes in px such as "14 16 18"')),
      page.consoleErrors.join('\n'));
    assert.equal(await page.locator('#kept-link').isVisible(), true, 'server-rendered content kept');
    assert.equal(await page.evaluate(() => typeof window.doZoom), 'undefined', 'no shim without a working element');
    near((await snapshot(page, '#zoom'))['body-text'].font, 16, 'article untouched');
    assert.deepEqual(page.pageErrors, []);
    assert.equal(result.ok, false, 'PortalWidgets.ready reports that elements did not mount');
    assert.equal(result.mode, MODE);
  });
});
