// No box moves when the widgets mount, for a first-time reader with
// portal-widgets.css in place: each widget's box and the boxes of the content
// after it are measured with the core held back (the page as the reader first
// sees it, fallbacks and reserved boxes) and again once every element is
// ready. The browser's layout-shift score alone would miss shifts outside the
// viewport and sub-threshold ones; the boxes do not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docExamples, routeExample } from './doc-examples.mjs';
import { assertSameBoxes, boxes, holdCore, openBrowser, pageBoxes } from './helpers.mjs';

const head = (title) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px/1.6 sans-serif;margin:0 auto;max-width:760px;padding:12px} #zoom{font-size:16px;line-height:1.8}</style>
<link rel="stylesheet" href="/dist/portal-widgets.css">
<script src="/dist/portal-widgets.js" defer data-site-name="测试县人民政府"></script></head><body>`;
const ARTICLE = '<div id="zoom"><p id="text">正文第一段。</p><p id="text-2">正文第二段。</p></div>';
const ICON = 'data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 width=%2716%27 height=%2716%27%3E%3Crect width=%2716%27 height=%2716%27 fill=%27%23069%27/%3E%3C/svg%3E';

/**
 * Opens `html` with the core held back, measures `selectors`, lets the core
 * in, waits for PortalWidgets.ready and every element's ready, measures again
 * and asserts that nothing moved.
 */
async function noShift(t, name, html, selectors) {
  const env = await openBrowser(t);
  const { route, release } = holdCore();
  const page = await env.page(null, { beforeLoad: route });
  await page.route(`**/tests/layout/${name}.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(new URL(`/tests/layout/${name}.html`, env.url).href, { waitUntil: 'domcontentloaded' });
  // The page as first painted: parsed, images in, the core still held back.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.waitForTimeout(300);
  const before = await boxes(page, selectors);
  release();
  await page.evaluate(async () => {
    await window.PortalWidgets.ready;
    await Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready));
  });
  assertSameBoxes(before, await boxes(page, selectors), name);
  return page;
}

describe('no layout shift when the widgets mount', () => {
  test('<pw-related> wrapping a server-rendered <ul>: the list\'s collapsing margin is kept', async (t) => {
    const items = ['关于开展冬季安全检查的通知', '县政府召开安全生产工作会议', '安全生产月活动方案']
      .map((title, i) => `<li><a href="/tests/layout/a${i}.html">${title}</a> <span>2026-11-0${i + 1}</span></li>`).join('');
    const html = `${head('关于开展冬季安全检查的通知')}<h1>关于开展冬季安全检查的通知</h1>${ARTICLE}
<div id="related-title">相关文章</div><pw-related loading="eager"><ul>${items}</ul></pw-related>
<p id="after">页面底部</p><div id="footer">主办：测试县人民政府</div></body></html>`;
    await noShift(t, 'related-ul', html, ['pw-related', '#after', '#footer']);
  });

  // The box the element had before mounting (the fallback's, or the reserved
  // one when taller) is the box the list gets: a feed with more items than fit
  // shows the rows that fit; a list shorter than a tall fallback keeps its height.
  const ITEMS = (n, cls = '') => Array.from({ length: n }, (_, i) =>
    `<li${cls}><a href="/tests/layout/b${i}.html">县政府召开第${i + 1}次常务会议</a> <span>2026-10-${String(i + 1).padStart(2, '0')}</span></li>`).join('');
  test('<pw-related> with a short fallback and a feed longer than the reserved rows: the rows that fit', async (t) => {
    const html = `${head('防汛工作会议')}<h1>防汛工作会议</h1>${ARTICLE}
<pw-related src="/feeds/column-zcjd.json" limit="12" loading="eager"><ul>${ITEMS(3)}</ul></pw-related>
<p id="after">页面底部</p><div id="footer">主办：测试县人民政府</div></body></html>`;
    const page = await noShift(t, 'related-longer-feed', html, ['pw-related', '#after', '#footer']);
    const shown = await page.evaluate(() => document.querySelector('pw-related').shadowRoot.querySelectorAll('li').length);
    assert.equal(shown, 8, 'the eight rows portal-widgets.css reserves');
  });

  test('<pw-related> with a fallback taller than the reserved rows: the list keeps the fallback\'s box', async (t) => {
    const html = `${head('防汛工作会议')}<style>.tall li{line-height:3.2em}</style><h1>防汛工作会议</h1>${ARTICLE}
<pw-related src="/feeds/column-zcjd.json" limit="4" loading="eager"><ul class="tall">${ITEMS(12)}</ul></pw-related>
<p id="after">页面底部</p><div id="footer">主办：测试县人民政府</div></body></html>`;
    const page = await noShift(t, 'related-tall-fallback', html, ['pw-related', '#after', '#footer']);
    const shown = await page.evaluate(() => document.querySelector('pw-related').shadowRoot.querySelectorAll('li').length);
    assert.equal(shown, 4, 'limit="4"');
  });

  test('<pw-related> with --pw-related-rows raised to its limit shows every item', async (t) => {
    const html = `${head('防汛工作会议')}<style>pw-related{--pw-related-rows:12}</style><h1>防汛工作会议</h1>${ARTICLE}
<pw-related src="/feeds/column-zcjd.json" limit="12" loading="eager"></pw-related>
<p id="after">页面底部</p></body></html>`;
    const page = await noShift(t, 'related-rows', html, ['pw-related', '#after']);
    const shown = await page.evaluate(() => document.querySelector('pw-related').shadowRoot.querySelectorAll('li').length);
    assert.equal(shown, 12);
  });

  test('<pw-font-size> before it is defined has the height of a line, as its buttons do', async (t) => {
    const html = `${head('字体')}<p id="line"><img src="${ICON}" alt="" width="16" height="16" style="vertical-align:middle"><pw-font-size target="#zoom"></pw-font-size></p>
<p id="after">发布时间：2026-11-20</p>${ARTICLE}</body></html>`;
    await noShift(t, 'font-size-empty', html, ['pw-font-size', '#line', '#after', '#text']);
  });

  test('wrapped legacy links [大][中][小]: the buttons take the box the links had', async (t) => {
    const html = `${head('字体')}<p id="line">【字体：<pw-font-size target="#zoom">[ <a href="javascript:doZoom(18)">大</a> ][ <a href="javascript:doZoom(16)">中</a> ][ <a href="javascript:doZoom(14)">小</a> ]</pw-font-size>】<span id="print">【打印本页】</span></p>
<p id="after">发布时间：2026-11-20</p>${ARTICLE}</body></html>`;
    await noShift(t, 'font-size-links', html, ['pw-font-size', '#print', '#line', '#after', '#text']);
  });

  test('wrapped step controls 【字号：放大 缩小 还原】: the buttons take the box the links had', async (t) => {
    const html = `${head('字号')}<p id="line">【字号：<pw-font-size target="#zoom"><a href="javascript:changeSize(1)">放大</a> <a href="javascript:changeSize(-1)">缩小</a> <a href="javascript:changeSize(0)">还原</a></pw-font-size>】<span id="print">【打印本页】</span></p>
<p id="after">发布时间：2026-11-20</p>${ARTICLE}</body></html>`;
    await noShift(t, 'font-size-steps', html, ['pw-font-size', '#print', '#line', '#after', '#text']);
  });
});

// Every placement the widget pages and the embed page show: each HTML example
// with a widget in it, in the page docs.test.mjs runs it in, with
// portal-widgets.css linked, for a first-time reader (nothing saved).
describe('no layout shift in any placement the docs show', () => {
  const PAGES = ['docs/embed.md', 'docs/font-size.md', 'docs/qrcode.md', 'docs/related.md', 'docs/leave-site.md'];
  const placements = docExamples().filter((e) => PAGES.includes(e.file) && e.lang === 'html' && !e.skip &&
    /<pw-(font-size|qrcode|related)\b/.test(e.code));
  test('the docs show placements of every widget', () => {
    for (const name of ['pw-font-size', 'pw-qrcode', 'pw-related']) {
      assert.ok(placements.some((e) => e.code.includes(`<${name}`)), `no example places <${name}>`);
    }
  });
  for (const example of placements) {
    test(`${example.file}:${example.line}`, async (t) => {
      const env = await openBrowser(t);
      let release;
      const gate = new Promise((resolve) => { release = resolve; });
      const page = await env.page(null, { beforeLoad: (p) => routeExample(p, example, { gate, css: true }) });
      await page.goto(new URL('/docs-example.html', env.url).href, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => window.__exampleDone === true && [...document.images].every((img) => img.complete));
      await page.waitForTimeout(300);
      const before = await pageBoxes(page);
      assert.ok(Object.keys(before).some((k) => /pw-(font-size|qrcode|related):\d+$/.test(k)), 'the widgets are measured');
      release();
      await page.evaluate(async () => {
        await window.PortalWidgets.ready;
        await Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready));
      });
      // Lazy elements further down: scrolled into view (and back) so they render too.
      await page.evaluate(async () => {
        for (const el of document.querySelectorAll('pw-qrcode, pw-related')) el.scrollIntoView();
        window.scrollTo(0, 0);
        await Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready));
      });
      const rendered = await page.evaluate(() => [...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')]
        .map((el) => `${el.localName}: ${el.shadowRoot && !el.shadowRoot.querySelector('slot') ? 'rendered' : 'fallback'}`));
      t.diagnostic(rendered.join(', '));
      assertSameBoxes(before, await pageBoxes(page), `${example.file}:${example.line}`);
      assert.deepEqual(page.pageErrors, [], 'page errors');
    });
  }
});
