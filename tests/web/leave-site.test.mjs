// Leave-site confirmation in Chromium: the shared link table against the
// browser's URL parser and PortalWidgets.classifyLink, then the reader's flows
// on the demo and on generated pages (dialog, keyboard, new tabs, select jump
// lists, mark mode, countdown, per-visit memory, cancelled requests, iframes).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axe, openBrowser, ready, ROOT } from './helpers.mjs';

const table = JSON.parse(readFileSync(join(ROOT, 'tests/link_cases.json'), 'utf8'));

const EVENTS_SCRIPT = `<script>
window.events = [];
for (const type of ['pw-leave-request', 'pw-leave-confirm', 'pw-leave-cancel', 'pw-error']) {
  document.addEventListener(type, (e) => {
    const t = e.composedPath()[0];
    window.events.push({ type, detail: e.detail, target: (t && (t.id || t.localName)) || 'document' });
    if (type === 'pw-leave-request' && window.cancelLeave) e.preventDefault();
  });
}
</script>`;

const LINKS = `
<p><a id="ext" href="https://www.example.com/">某某县文旅网</a>
  <a id="ext-blank" href="https://www.example.com/blank" target="_blank">新窗口</a>
  <a id="int" href="https://www.example.gov.cn/x">政务服务</a>
  <a id="gov" href="https://www.ndrc.gov.cn/">国家发展和改革委员会</a>
  <a id="off" href="https://www.example.com/off" data-pw-leave="off">不提示</a>
  <a id="app" href="weixin://dl/business">微信</a></p>
<select id="jump-on" data-pw-leave="on" aria-label="选择网站">
  <option value="">--请选择--</option>
  <option value="https://www.example.com/select">外站</option>
  <option value="https://www.gov.cn/">中国政府网</option>
</select>
<select id="jump-auto" aria-label="市县网站" onchange="if(this.value){window.location.href=this.value}">
  <option value="">--请选择--</option>
  <option value="https://www.example.org/county">邻县</option>
</select>
<select id="jump-off" aria-label="不提示" data-pw-leave="off" onchange="if(this.value){window.location.href=this.value}">
  <option value="">--请选择--</option>
  <option value="https://www.example.org/off">不提示</option>
</select>
<div id="shadow-host"></div>
<script>
  document.getElementById('jump-on').addEventListener('change', function () {
    window.pageHandlerRan = this.value;
    if (this.value) location.href = this.value;
  });
  document.getElementById('shadow-host').attachShadow({ mode: 'open' }).innerHTML =
    '<a id="in-shadow" href="https://www.example.com/shadow">影子链接</a>';
</script>`;

function pageHtml(attrs = '', body = LINKS) {
  const allow = attrs.includes('data-allow=') ? '' : 'data-allow="*.gov.cn"';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>离站提示测试</title>
<script src="/dist/portal-widgets.js" defer data-site-name="测试县人民政府门户网站"
  data-site-hosts="www.example.gov.cn" ${allow} ${attrs}></script>${EVENTS_SCRIPT}</head>
<body><main><h1>离站提示测试</h1>${body}</main></body></html>`;
}

describe('leave-site', async () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  /** Opens a generated page on our server at /tests/leave-site/<name>. */
  async function open(name, html, pageOptions = {}) {
    const url = `${env.url}tests/leave-site/${name}`;
    const page = await env.page(null, {
      ...pageOptions,
      beforeLoad: async (p) => {
        await p.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
      },
    });
    await page.goto(url);
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    return page;
  }
  const dialog = (page) => page.locator('pw-leave-dialog');
  const events = (page) => page.evaluate(() => window.events.map((e) => `${e.type} ${e.target}`));
  const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
  const focusedButton = (page) => page.evaluate(() => {
    const d = document.querySelector('pw-leave-dialog');
    return d && d.shadowRoot.activeElement && d.shadowRoot.activeElement.className;
  });

  test('the link table: Chromium gives the parts in tests/link_cases.json and classifyLink the decisions', async () => {
    const page = await env.page(null, {
      beforeLoad: async (p) => {
        const attrs = Object.entries(table.attributes).map(([k, v]) => `${k}="${v}"`).join(' ');
        const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>表</title>
<script src="/dist/portal-widgets.js" defer data-site-name="测试县人民政府门户网站" ${attrs}></script></head>
<body><h1>表</h1><p><a id="lookalike" href="https://www.ex\u0430mple.com/">lookalike</a></p></body></html>`;
        // The page lives at the table's URL; its /dist/ comes from our server.
        await p.route('https://www.example.gov.cn/**', async (route) => {
          const u = new URL(route.request().url());
          if (u.pathname.startsWith('/dist/')) {
            route.fulfill({ response: await route.fetch({ url: env.url + u.pathname.slice(1) }) });
          } else {
            route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
          }
        });
      },
    });
    await page.goto(table.page);
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assert.equal(await page.evaluate(() => document.URL), table.page);
    const seen = await page.evaluate((cases) => cases.map((c) => {
      let parts = null;
      try {
        const u = new URL(c.href, document.URL);
        parts = { scheme: u.protocol.slice(0, -1), host: u.hostname, port: u.port, path: u.pathname,
          query: u.search.slice(1), fragment: u.hash.slice(1) };
      } catch (e) { parts = null; }
      let decision;
      if (c.opted_out) {
        const a = document.createElement('a');
        a.setAttribute('href', c.href);
        a.setAttribute('data-pw-leave', 'off');
        decision = PortalWidgets.classifyLink(a);
      } else {
        decision = PortalWidgets.classifyLink(c.href);
      }
      return { parts, decision };
    }), table.cases);
    assert.equal(seen.length, table.cases.length);
    table.cases.forEach((c, i) => {
      const label = `${JSON.stringify(c.href)} (${c.note})`;
      assert.deepEqual(seen[i].parts, c.parts, `parts of ${label}`);
      assert.deepEqual(seen[i].decision, { action: c.action, reason: c.reason, host: c.host }, `decision for ${label}`);
    });
    // An element honours its own data-pw-leave; a string is resolved against the base URL.
    const element = await page.evaluate(() => PortalWidgets.classifyLink(document.getElementById('lookalike')));
    assert.deepEqual(element, { action: 'confirm', reason: 'external', host: 'www.xn--exmple-4nf.com' });
    // The dialog shows the Unicode form and, for a label that mixes scripts, the Punycode too.
    await page.click('#lookalike');
    await dialog(page).waitFor();
    const text = await page.locator('pw-leave-dialog .destination').textContent();
    assert.equal(text, '目标网站：www.ex\u0430mple.com (www.xn--exmple-4nf.com)');
  });

  test('demo: no prompt in the page until needed; an internal link navigates without a dialog', async () => {
    const page = await env.page('/');
    await ready(page);
    assert.equal(await page.locator('pw-leave-dialog').count(), 0);
    assert.equal(await page.evaluate(() => document.body.innerText.includes('即将离开')), false);
    await Promise.all([
      page.waitForURL('https://www.example.gov.cn/zwfw/'),
      page.click('a[href="https://www.example.gov.cn/zwfw/"]'),
    ]);
  });

  test('demo: an external link opens the dialog; 放弃 keeps the page and returns focus; 继续访问 navigates', async () => {
    const page = await env.page('/');
    await ready(page);
    const start = page.url();
    await page.click('a[href="https://www.example.com/"]');
    await dialog(page).waitFor();
    const info = await page.evaluate(() => {
      const d = document.querySelector('pw-leave-dialog');
      return { role: d.getAttribute('role'), modal: d.getAttribute('aria-modal'), label: d.getAttribute('aria-label'),
        description: d.getAttribute('aria-description'), text: d.shadowRoot.textContent };
    });
    assert.equal(info.role, 'alertdialog');
    assert.equal(info.modal, 'true');
    assert.equal(info.label, '即将离开本站');
    assert.match(info.description, /您访问的链接即将离开“某某县人民政府门户网站”，是否继续？/);
    assert.match(info.text, /目标网站：www\.example\.com/);
    assert.match(info.text, /继续访问/);
    assert.match(info.text, /放弃/);
    assert.equal(await focusedButton(page), 'cancel');
    await page.locator('pw-leave-dialog .cancel').click();
    assert.equal(await dialog(page).count(), 0);
    assert.equal(page.url(), start);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), 'https://www.example.com/');

    await page.click('a[href="https://www.example.com/"]');
    await Promise.all([page.waitForURL('https://www.example.com/'), page.locator('pw-leave-dialog .continue').click()]);
    assert.deepEqual(page.pageErrors, []);
  });

  test('keyboard only: Enter opens, Tab is trapped, Esc cancels and returns focus, Enter on 继续访问 follows', async () => {
    const page = await open('keys.html', pageHtml());
    await page.focus('#ext');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    assert.equal(await focusedButton(page), 'cancel');
    await page.keyboard.press('Tab');
    assert.equal(await focusedButton(page), 'continue');
    await page.keyboard.press('Tab');
    assert.equal(await focusedButton(page), 'cancel');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedButton(page), 'continue');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedButton(page), 'cancel', 'Shift+Tab wraps from the first button to the last');
    await page.keyboard.press('Escape');
    assert.equal(await dialog(page).count(), 0);
    assert.equal(await focusedId(page), 'ext');
    assert.deepEqual(await events(page), ['pw-leave-request ext', 'pw-leave-cancel ext']);

    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedButton(page), 'continue');
    await Promise.all([page.waitForURL('https://www.example.com/'), page.keyboard.press('Enter')]);
  });

  test('allow-listed, same-site, opted-out and shadow-root links; app schemes ask', async () => {
    const page = await open('rules.html', pageHtml());
    const decisions = await page.evaluate(() => ['int', 'gov', 'off', 'app', 'ext'].map((id) =>
      PortalWidgets.classifyLink(document.getElementById(id)).reason));
    assert.deepEqual(decisions, ['same-site', 'allowlisted', 'opted-out', 'other-scheme', 'external']);
    await Promise.all([page.waitForURL('https://www.example.com/off'), page.click('#off')]);
    await page.goBack();
    await ready(page);
    // A link inside some other component's shadow root is caught too.
    await page.locator('#in-shadow').click();
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    // Links added later are caught (delegation), with no mount call needed.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.id = 'late';
      a.href = 'https://late.example/';
      a.textContent = 'late';
      document.querySelector('main').append(a);
    });
    await page.click('#late');
    await dialog(page).waitFor();
    assert.match(await page.locator('pw-leave-dialog .destination').textContent(), /late\.example/);
  });

  test('new tabs: target=_blank, ctrl-click and middle-click open with noopener after 继续访问', async () => {
    const page = await open('tabs.html', pageHtml());
    const context = page.context();
    for (const [how, href] of [['target', 'https://www.example.com/blank'], ['ctrl', 'https://www.example.com/'],
      ['middle', 'https://www.example.com/']]) {
      if (how === 'target') await page.click('#ext-blank');
      else if (how === 'ctrl') await page.click('#ext', { modifiers: ['Control'] });
      else await page.click('#ext', { button: 'middle' });
      await dialog(page).waitFor();
      assert.match(await page.locator('pw-leave-dialog').evaluate((d) => d.shadowRoot.textContent), /将在新窗口中打开/, how);
      const pages = context.pages().length;
      const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('pw-leave-dialog .continue').click()]);
      await popup.waitForLoadState();
      assert.equal(popup.url(), href, how);
      assert.equal(await popup.evaluate(() => window.opener), null, `${how}: noopener`);
      assert.equal(context.pages().length, pages + 1, `${how}: exactly one new tab`);
      assert.ok(page.url().endsWith('/tests/leave-site/tabs.html'), `${how}: the page stays`);
      await popup.close();
    }
  });

  test('select jump lists: opted in and auto-detected ask first; 放弃 restores; off is left alone', async () => {
    const page = await open('select.html', pageHtml());
    // Opted in (data-pw-leave="on"): its addEventListener handler is held back.
    await page.selectOption('#jump-on', 'https://www.example.com/select');
    await dialog(page).waitFor();
    assert.equal(await page.evaluate(() => window.pageHandlerRan), undefined);
    await page.locator('pw-leave-dialog .cancel').click();
    assert.equal(await page.inputValue('#jump-on'), '');
    assert.equal(await focusedId(page), 'jump-on');
    assert.deepEqual(await events(page), ['pw-leave-request jump-on', 'pw-leave-cancel jump-on']);
    // An allow-listed choice passes straight to the page's handler.
    await Promise.all([page.waitForURL('https://www.gov.cn/'), page.selectOption('#jump-on', 'https://www.gov.cn/')]);
    await page.goBack();
    await ready(page);
    // Auto-detected (inline onchange with location), same tab: 继续访问 opens it here.
    await page.selectOption('#jump-auto', 'https://www.example.org/county');
    await dialog(page).waitFor();
    await Promise.all([page.waitForURL('https://www.example.org/county'), page.locator('pw-leave-dialog .continue').click()]);
    await page.goBack();
    await ready(page);
    // data-pw-leave="off": the page's own handler runs, no dialog.
    await Promise.all([page.waitForURL('https://www.example.org/off'), page.selectOption('#jump-off', 'https://www.example.org/off')]);
  });

  test('demo 友情链接 select (window.open): asks, then opens one new window with noopener', async () => {
    const page = await env.page('/');
    await ready(page);
    const context = page.context();
    await page.selectOption('#jump-cities', 'http://www.nonexample.com/');
    await dialog(page).waitFor();
    await page.locator('pw-leave-dialog .cancel').click();
    assert.equal(await page.inputValue('#jump-cities'), '');
    assert.equal(context.pages().length, 1, 'the page handler did not open a window');
    await page.selectOption('#jump-cities', 'http://www.nonexample.com/');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('pw-leave-dialog .continue').click()]);
    await popup.waitForLoadState();
    assert.equal(popup.url(), 'http://www.nonexample.com/');
    assert.equal(await popup.evaluate(() => window.opener), null);
    await page.waitForTimeout(200);
    assert.equal(context.pages().length, 2, 'exactly one new window');
  });

  test('a cancelled pw-leave-request: no dialog and no navigation (the host handles it)', async () => {
    const page = await open('cancel.html', pageHtml());
    await page.evaluate(() => { window.cancelLeave = true; });
    const start = page.url();
    await page.click('#ext');
    await page.waitForTimeout(200);
    assert.equal(await dialog(page).count(), 0);
    assert.equal(page.url(), start);
    assert.deepEqual(await events(page), ['pw-leave-request ext']);
  });

  test('a link another handler already took over (preventDefault) is left alone', async () => {
    const page = await open('taken.html', pageHtml());
    await page.evaluate(() => document.getElementById('ext').addEventListener('click', (e) => e.preventDefault()));
    await page.click('#ext');
    await page.waitForTimeout(200);
    assert.equal(await dialog(page).count(), 0);
    assert.deepEqual(await events(page), []);
  });

  test('a page handler that stops propagation still leaves the link to the dialog, unless it also cancels it', async () => {
    const page = await open('stopped.html', pageHtml());
    await page.evaluate(() => {
      window.seen = [];
      const p = document.getElementById('ext').parentElement;
      p.addEventListener('click', (e) => {
        const mode = window.stopMode;
        if (mode === 'cancelBubble') e.cancelBubble = true; else e.stopPropagation();
        if (mode === 'stop-then-prevent') e.preventDefault();
        if (mode === 'return-value') e.returnValue = false;
        window.seen.push(e.defaultPrevented);
      });
      // A second listener on the same element still runs after stopPropagation.
      p.addEventListener('click', (e) => { if (window.stopMode === 'second-prevents') e.preventDefault(); });
    });
    const start = page.url();
    for (const mode of ['stop', 'cancelBubble']) {
      await page.evaluate((m) => { window.stopMode = m; window.events.length = 0; }, mode);
      await page.click('#ext');
      await dialog(page).waitFor();
      await page.keyboard.press('Escape');
      assert.equal(page.url(), start, mode);
      assert.equal(await focusedId(page), 'ext', mode);
      assert.deepEqual(await events(page), ['pw-leave-request ext', 'pw-leave-cancel ext'], mode);
    }
    assert.deepEqual(await page.evaluate(() => window.seen), [false, false], 'the page sees only its own preventDefault');
    for (const mode of ['stop-then-prevent', 'return-value', 'second-prevents']) {
      await page.evaluate((m) => { window.stopMode = m; window.events.length = 0; }, mode);
      await page.click('#ext');
      await page.waitForTimeout(200);
      assert.equal(await dialog(page).count(), 0, mode);
      assert.equal(page.url(), start, mode);
      assert.deepEqual(await events(page), [], mode);
    }
    // An internal link under the same handler navigates natively, untouched.
    await page.evaluate(() => { window.stopMode = 'stop'; });
    await page.evaluate(() => document.getElementById('ext').parentElement.append(document.getElementById('int')));
    await Promise.all([page.waitForURL('https://www.example.gov.cn/x'), page.click('#int')]);
  });

  test('an inline onclick that stops propagation and returns false keeps the link (old 友情链接 templates)', async () => {
    const page = await open('stopped-inline.html', pageHtml('', `${LINKS}
<p><a id="inline-cancel-bubble" href="https://www.example.com/a" onclick="window.did=(window.did||0)+1; event.cancelBubble=true; return false;">甲</a>
<a id="inline-stop" href="https://www.example.com/b" onclick="event.stopPropagation(); window.did=(window.did||0)+1; return false">乙</a>
<a id="inline-stop-only" href="https://www.example.com/c" onclick="event.cancelBubble=true">丙</a></p>
<div id="menu"><ul id="menu-list"><li><a id="menu-link" href="https://www.example.com/menu">菜单</a></li></ul></div>
<script>
  document.getElementById('menu-list').addEventListener('click', function (e) { e.stopPropagation(); this.remove(); });
</script>`));
    const start = page.url();
    for (const id of ['inline-cancel-bubble', 'inline-stop']) {
      await page.click(`#${id}`);
      await page.waitForTimeout(200);
      assert.equal(await dialog(page).count(), 0, id);
      assert.equal(page.url(), start, id);
    }
    assert.equal(await page.evaluate(() => window.did), 2, 'the page\'s handlers ran');
    assert.deepEqual(await events(page), []);
    assert.deepEqual(await page.evaluate(() => ['inline-cancel-bubble', 'inline-stop'].map((id) =>
      /return false/.test(String(document.getElementById(id).onclick)))), [true, true], 'handlers restored');
    await page.click('#inline-stop-only');
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    assert.deepEqual(await events(page), ['pw-leave-request inline-stop-only', 'pw-leave-cancel inline-stop-only']);
    // A menu that removes its links: the request goes to the nearest node still in
    // the page, so a document listener can still take it over.
    await page.evaluate(() => { window.events.length = 0; window.cancelLeave = true; });
    await page.click('#menu-link');
    await page.waitForTimeout(200);
    assert.equal(await dialog(page).count(), 0);
    assert.equal(page.url(), start);
    assert.deepEqual(await events(page), ['pw-leave-request menu']);
  });

  test('a stopped click is followed after 继续访问 like any other', async () => {
    const page = await open('stopped-continue.html', pageHtml());
    await page.evaluate(() => document.getElementById('ext').parentElement
      .addEventListener('click', (e) => e.stopPropagation()));
    await page.click('#ext');
    await dialog(page).waitFor();
    await Promise.all([page.waitForURL('https://www.example.com/'), page.locator('pw-leave-dialog .continue').click()]);
  });

  test('data-leave="mark": external links get an icon and a hidden "(外部链接)", and no dialog', async () => {
    const page = await open('mark.html', pageHtml('data-leave="mark"'));
    const marks = await page.evaluate(() => [...document.querySelectorAll('a')].filter((a) =>
      a.querySelector(':scope > [data-pw-external]')).map((a) => a.id));
    assert.deepEqual(marks.sort(), ['app', 'ext', 'ext-blank']);
    const name = await page.locator('#ext').evaluate((a) => a.querySelector('[data-pw-external]').shadowRoot.textContent);
    assert.equal(name, '（外部链接）');
    const snapshot = await page.locator('#ext').ariaSnapshot();
    assert.match(snapshot, /link "某某县文旅网 ?（外部链接）"/);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('#ext-blank')]);
    await popup.waitForLoadState();
    assert.equal(popup.url(), 'https://www.example.com/blank');
    assert.equal(await dialog(page).count(), 0);
    assert.deepEqual(await events(page), [], 'mark mode fires no pw-leave-request');
  });

  test('data-leave="off": nothing asks, classifyLink still answers', async () => {
    const page = await open('off.html', pageHtml('data-leave="off"'));
    assert.equal((await page.evaluate(() => PortalWidgets.classifyLink('https://www.example.com/'))).action, 'confirm');
    await Promise.all([page.waitForURL('https://www.example.com/'), page.click('#ext')]);
  });

  test('countdown: a same-tab link continues by itself; a new-tab link waits for 继续访问', async () => {
    const page = await open('countdown.html', pageHtml('data-leave-countdown="2"'));
    await page.click('#ext-blank');
    await dialog(page).waitFor();
    assert.equal(await page.locator('pw-leave-dialog .countdown').count(), 0);
    await page.waitForTimeout(2500);
    assert.equal(await dialog(page).count(), 1, 'still waiting');
    await page.keyboard.press('Escape');
    await page.click('#ext');
    await dialog(page).waitFor();
    assert.equal(await page.locator('pw-leave-dialog .countdown').textContent(), '2 秒后自动继续访问，按任意键或点按此框可停止。');
    await page.waitForURL('https://www.example.com/', { timeout: 5000 });
  });

  test('countdown: any key or touch on the dialog stops it; the dialog then waits', async () => {
    const page = await open('countdown-stop.html', pageHtml('data-leave-countdown="2"'));
    const start = page.url();
    await page.click('#ext');
    await dialog(page).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('pw-leave-dialog .countdown').textContent(), '已停止自动继续访问，请选择。');
    assert.equal(await focusedButton(page), 'continue', 'Tab still moves between the buttons');
    await page.waitForTimeout(2500);
    assert.equal(await dialog(page).count(), 1, 'still waiting');
    assert.equal(page.url(), start);
    await page.keyboard.press('Escape');
    await page.click('#ext');
    await dialog(page).waitFor();
    await page.locator('pw-leave-dialog .message').click();
    assert.equal(await page.locator('pw-leave-dialog .countdown').textContent(), '已停止自动继续访问，请选择。');
    await page.waitForTimeout(2500);
    assert.equal(await dialog(page).count(), 1);
    await Promise.all([page.waitForURL('https://www.example.com/'), page.locator('pw-leave-dialog .continue').click()]);
  });

  test('data-leave-remember="visit": a host confirmed once is not asked again this visit', async () => {
    const page = await open('remember.html', pageHtml('data-leave-remember="visit"'));
    const context = page.context();
    await page.click('#ext-blank');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('pw-leave-dialog .continue').click()]);
    await popup.close();
    assert.deepEqual(await page.evaluate(() => JSON.parse(sessionStorage.getItem('portal-widgets:leave-visit'))), ['https://www.example.com']);
    // The choice covers that scheme and host only: an app link to the same host still asks.
    await page.evaluate(() => {
      const a = Object.assign(document.createElement('a'), { href: 'weixin://www.example.com/x', id: 'app', textContent: 'app' });
      document.querySelector('main').append(a);
    });
    await page.click('#app');
    await dialog(page).waitFor();
    await page.locator('pw-leave-dialog .cancel').click();
    await Promise.all([page.waitForURL('https://www.example.com/'), page.click('#ext')]);
  });

  test('bad options: one pw-error each with a stable id, the valid entries still apply', async () => {
    const page = await open('bad.html', pageHtml('data-leave="popup" data-leave-countdown="soon" data-allow="*.gov.cn evil*.cn https://x.cn"'));
    const errors = await page.evaluate(() => window.events.filter((e) => e.type === 'pw-error').map((e) => `${e.detail.id} ${e.detail.source}`));
    assert.deepEqual(errors.sort(), ['pw.config.bad_allow data-allow', 'pw.config.bad_allow data-allow',
      'pw.config.bad_leave data-leave', 'pw.config.bad_leave_countdown data-leave-countdown']);
    assert.equal(page.consoleErrors.length, 4);
    assert.match(page.consoleErrors.join('\n'), /"evil\*\.cn" has a "\*" that is not a leading "\*\."/);
    assert.equal((await page.evaluate(() => PortalWidgets.classifyLink('https://www.gov.cn/'))).reason, 'allowlisted');
    await page.click('#ext');  // default mode: dialog
    await dialog(page).waitFor();
  });

  test('a page in a same-origin iframe asks in the top window', async () => {
    const child = pageHtml();
    const top = pageHtml('', '<iframe id="frame" title="内嵌页面" src="/tests/leave-site/child.html" width="600" height="400"></iframe>');
    const page = await env.page(null, {
      beforeLoad: async (p) => {
        await p.route(`${env.url}tests/leave-site/child.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: child }));
        await p.route(`${env.url}tests/leave-site/top.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: top }));
      },
    });
    await page.goto(`${env.url}tests/leave-site/top.html`);
    await ready(page);
    const frame = page.frameLocator('#frame');
    await frame.locator('#ext').waitFor();
    await page.frames()[1].waitForFunction(() => window.PortalWidgets && window.PortalWidgets.classifyLink);
    await frame.locator('#ext').click();
    await dialog(page).waitFor();
    assert.equal(await frame.locator('pw-leave-dialog').count(), 0, 'not inside the frame');
    await page.locator('pw-leave-dialog .continue').click();
    await page.frames()[1].waitForURL('https://www.example.com/');
    assert.ok(page.url().endsWith('/tests/leave-site/top.html'), 'the top page stays');
  });

  test('the dialog at 360 px and at 200% zoom: fits, 44×44 targets; axe finds no violations', async () => {
    for (const viewport of [{ width: 360, height: 640 }, { width: 640, height: 450 }]) {
      const page = await open(`small-${viewport.width}.html`, pageHtml(), { context: { viewport } });
      await page.click('#ext');
      await dialog(page).waitFor();
      const boxes = await page.evaluate(() => {
        const root = document.querySelector('pw-leave-dialog').shadowRoot;
        const rect = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
        return { panel: rect(root.querySelector('.panel')), buttons: [...root.querySelectorAll('button')].map(rect),
          scroll: document.documentElement.scrollWidth };
      });
      assert.ok(boxes.panel.x >= 0 && boxes.panel.x + boxes.panel.w <= viewport.width, JSON.stringify(boxes.panel));
      for (const b of boxes.buttons) assert.ok(b.w >= 44 && b.h >= 44, JSON.stringify(b));
      const violations = await axe(page);
      assert.deepEqual(violations, []);
    }
  });
});
