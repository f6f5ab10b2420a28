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
