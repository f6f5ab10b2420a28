// No box moves when the widgets mount, for a first-time reader with
// portal-widgets.css in place: each widget's box and the boxes of the content
// after it are measured with the core held back (the page as the reader first
// sees it, fallbacks and reserved boxes) and again once every element is
// ready. The browser's layout-shift score alone would miss shifts outside the
// viewport and sub-threshold ones; the boxes do not.
import { describe, test } from 'node:test';
import { assertSameBoxes, boxes, holdCore, openBrowser } from './helpers.mjs';

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
});
