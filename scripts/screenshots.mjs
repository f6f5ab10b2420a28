#!/usr/bin/env node
// make screenshots: the pictures of README.md and docs/, taken from the demo in Chromium.
// Each shot: {file, path, width, height, fullPage, clip selector, before(page)}.
// Widgets add their own shots to SHOTS below.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DIST, ROOT } from '../tests/web/helpers.mjs';
import { serve } from './serve.mjs';

const OUT = join(ROOT, 'docs/screenshots');

export const SHOTS = [
  { file: 'demo-1280.png', path: '/', width: 1280, height: 900, fullPage: true },
  { file: 'demo-375.png', path: '/', width: 375, height: 812, fullPage: true },
  // <pw-qrcode>: the widget as the demo shows it, and the share card in its overlay
  // (what phones get; a WeChat user agent asks for the overlay on any screen).
  { file: 'qrcode.png', path: '/', width: 1280, height: 900, selector: 'pw-qrcode' },
  {
    file: 'share-card.png', path: '/', width: 800, height: 1100, selector: 'pw-qrcode dialog img',
    before: async (page) => {
      await page.evaluate(() => Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 MicroMessenger/8.0' }));
      await page.locator('pw-qrcode .save').first().click();
      await page.locator('pw-qrcode dialog img').first().waitFor({ state: 'visible' });
    },
  },
  // <pw-related>: the demo's 相关文章 block once the list has arrived.
  { file: 'related.png', path: '/', width: 1280, height: 900, selector: 'section.related' },
  // <pw-font-size>: the top of the demo article at 中 (as authored) and at 大.
  // The article is cut to its first screenful for the picture only.
  ...[['font-size-before.png', '中'], ['font-size-after.png', '大']].map(([file, label]) => ({
    file, path: '/', width: 1000, height: 900, selector: 'article.article',
    before: async (page) => {
      await page.addStyleTag({ content: 'article.article { max-height: 600px; overflow: hidden; }' });
      await page.locator('pw-font-size button', { hasText: label }).click();
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
    },
  })),
  // The studio (docs/studio.md): its 链接测试 panel with a page's links pasted, the
  // snippet beside the canvas.
  {
    file: 'studio.png', width: 1280, height: 760,
    path: '/dist/studio/index.html#site-name=%E6%9F%90%E6%9F%90%E5%8E%BF%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E9%97%A8%E6%88%B7%E7%BD%91%E7%AB%99' +
      '&site-hosts=www.example.gov.cn%20example.gov.cn&allow=*.gov.cn&leave-countdown=5&pw-font-size.target=%23zoom&pw-qrcode.size=200',
    before: async (page) => {
      await page.waitForFunction(() => window.pwStudio && window.pwStudio.fullFontMs > 0, null, { timeout: 60000 });
      const frames = async (n) => {
        const start = await page.evaluate(() => window.pwStudio.frames);
        await page.waitForFunction((m) => window.pwStudio.frames >= m, start + n);
      };
      for (const id of ['tab.links', 'links.input']) {
        const [x, y, w, h] = await page.evaluate((what) => window.pwStudio.inspect(what), `rect:${id}`);
        await page.mouse.move(x + w / 2, y + h / 2);
        await frames(2);
        await page.mouse.down();
        await frames(2);
        await page.mouse.up();
        await frames(2);
      }
      await page.evaluate(() => {
        const data = new DataTransfer();
        data.setData('text/plain', '<ul><li><a href="/art/2026/11/12/art_1229_3488.html">一网通办实施方案解读</a></li>' +
          '<li><a href="https://www.gov.cn/zhengce/">中国政府网</a></li><li><a href="https://www.baidu.com/s?wd=1">百度</a></li>' +
          '<li><a href="mailto:zwgk@example.gov.cn">来信</a></li><li><a href="weixin://dl/business">微信</a></li>' +
          '<li><a href="#top">返回顶部</a></li></ul>');
        document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      });
      await frames(3);
      await page.mouse.move(1000, 700);
      await frames(3);
    },
  },
];
// SHOTS=a.png,b.png takes only those pictures.
const only = process.env.SHOTS ? process.env.SHOTS.split(',') : null;

// A fixed port: the QR codes in the pictures encode the page URL, so a random port
// would change the images on every run.
const { server, url } = await serve({ port: Number(process.env.SCREENSHOT_PORT || 8765), dist: DIST });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
mkdirSync(OUT, { recursive: true });
try {
  for (const shot of SHOTS) {
    if (only && !only.includes(shot.file)) continue;
    const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await context.route((u) => !u.href.startsWith(url), (route) => route.fulfill({ status: 200, body: '' }));
    await page.goto(new URL(shot.path, url).href);
    await page.evaluate(() => window.PortalWidgets && window.PortalWidgets.ready);
    // Lazy widgets render when scrolled near: bring every one into view once.
    await page.evaluate(async () => {
      for (const el of document.querySelectorAll('pw-related, pw-qrcode')) {
        el.scrollIntoView();
        await (el.ready || Promise.resolve());
      }
      window.scrollTo(0, 0);
    });
    if (shot.before) await shot.before(page);
    const target = shot.selector ? page.locator(shot.selector).first() : page;
    await target.screenshot({ path: join(OUT, shot.file), fullPage: shot.selector ? undefined : !!shot.fullPage });
    console.log(`docs/screenshots/${shot.file}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
