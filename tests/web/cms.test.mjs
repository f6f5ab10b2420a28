// The CMS corpus (tests/web/pages/cms/): one article page per CMS family that
// government portals run (Hanweb 大汉 jcms, TRS, Lonsun 龙讯, Epoint 新点, NFCMS,
// 开普云 UCAP, the gov.cn template, a tax bureau's own template), written from
// what those templates are known to contain: their markup and class names,
// pt/px inline styles, <font> tags, tables, include-written headers, legacy
// QR containers and 大/中/小 controls, jump selects and the page's own leave
// prompts. The suite is dropped in as docs/embed.md says, and every page gets
// the same checks: ready without errors, every widget renders, the QR code
// decodes to the page URL, 大 enlarges and 小 shrinks the article text,
// off-site links ask and same-site ones do not, a page's own leave prompt is
// reported once, and no box moves when the widgets mount.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MODE, ROOT, assertSameBoxes, boxes, decodeQr, holdCore, openBrowser, pageBoxes } from './helpers.mjs';

const PAGES = readdirSync(join(ROOT, 'tests/web/pages/cms')).filter((f) => f.endsWith('.html')).sort();
const FAMILIES = ['epoint', 'govcn', 'hanweb', 'lonsun', 'nfcms', 'tax', 'trs', 'ucap'];

let env;
before(async () => { env = await openBrowser(); });
after(() => env && env.close());

const fontOf = (page, sel) => page.evaluate((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize), sel);

describe('the CMS corpus', () => {
  test('one page per family', () => {
    assert.deepEqual(PAGES.map((f) => f.replace(/[.]html$/, '')), FAMILIES);
  });

  for (const file of PAGES) {
    test(file, async () => {
      const { route, release } = holdCore();
      const page = await env.page(null, { beforeLoad: route });
      await page.addInitScript(() => {
        document.addEventListener('pw-leave-request', (e) => {
          const seen = JSON.parse(sessionStorage.getItem('leaveRequests') || '[]');
          seen.push(e.target.id || e.target.localName);
          sessionStorage.setItem('leaveRequests', JSON.stringify(seen));
        });
      });
      const url = new URL(`/tests/cms/${file}`, env.url).href;
      await page.goto(url, { waitUntil: 'domcontentloaded' });

      // --- the page as a first-time reader first sees it: the core held back ---
      await page.waitForFunction(() => [...document.images].every((img) => img.complete));
      await page.waitForTimeout(300);
      const selectors = await page.evaluate(() => [
        ...[...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.localName),
        ...[...document.querySelectorAll('[data-probe]')].map((el) => `#${el.id}`),
        '#pw-body', '#ext', '#same']);
      const first = await boxes(page, selectors);
      const firstAll = await pageBoxes(page);
      release();

      // --- ready, no errors, every widget rendered ---
      const result = await page.evaluate(async () => {
        const r = await window.PortalWidgets.ready;
        await Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready));
        return r;
      });
      assert.deepEqual({ ok: result.ok, mode: result.mode, errors: result.errors }, { ok: true, mode: MODE, errors: [] });
      const rendered = await page.evaluate(() => ({
        fontSize: [...document.querySelectorAll('pw-font-size')].map((el) => el.shadowRoot.querySelectorAll('button').length),
        qrcode: [...document.querySelectorAll('pw-qrcode')].map((el) => !!el.shadowRoot.querySelector('svg, img')),
        related: [...document.querySelectorAll('pw-related')].map((el) => el.shadowRoot.querySelectorAll('li a').length),
      }));
      assert.equal(rendered.fontSize.length, 1, 'one <pw-font-size>');
      assert.ok(rendered.fontSize[0] >= 3, `font-size buttons: ${rendered.fontSize}`);
      assert.deepEqual(rendered.qrcode, [true], 'the QR code rendered');
      for (const n of rendered.related) assert.ok(n > 0, 'the related list rendered');

      // --- no box moved when the widgets mounted ---
      assertSameBoxes(first, await boxes(page, selectors), file);
      // …nor any other box on the page: every element outside the widgets' content.
      assertSameBoxes(firstAll, await pageBoxes(page), file);
      assert.deepEqual(page.consoleErrors, [], 'console errors');
      assert.deepEqual(page.pageErrors, [], 'page errors');

      // --- a page's own leave prompt is reported once, naming an example link ---
      const hasLegacy = await page.evaluate(() => !!document.getElementById('ext-legacy'));
      const warnings = page.consoleMessages.filter((m) => m.type === 'warning' && m.text.includes('pw.leave.legacy_prompt'));
      assert.equal(warnings.length, hasLegacy ? 1 : 0, `legacy prompt warnings: ${JSON.stringify(warnings)}`);
      if (hasLegacy) assert.match(warnings[0].text, /id="ext-legacy"/);

      // --- the QR code decodes to the page URL ---
      assert.equal(decodeQr(await page.locator('pw-qrcode').screenshot()), url);

      // --- 大 enlarges and 小 shrinks the article text (buttons largest first) ---
      const authored = await fontOf(page, '#pw-body');
      const buttons = page.locator('pw-font-size').locator('button');
      await buttons.first().click();
      const big = await fontOf(page, '#pw-body');
      await buttons.last().click();
      const small = await fontOf(page, '#pw-body');
      assert.ok(big > authored, `大 enlarges: ${authored} → ${big} px`);
      assert.ok(small < authored, `小 shrinks: ${authored} → ${small} px`);

      // --- off-site links ask, same-site links do not ---
      await page.click('#ext');
      await page.locator('pw-leave-dialog').waitFor();
      await page.locator('pw-leave-dialog .cancel').click();
      assert.equal(page.url(), url);
      await Promise.all([page.waitForNavigation(), page.click('#same')]);
      assert.deepEqual(JSON.parse(await page.evaluate(() => sessionStorage.getItem('leaveRequests'))), ['ext'],
        'only the off-site link asked');
    });
  }
});
