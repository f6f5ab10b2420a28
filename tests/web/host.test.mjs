// Hosts as webmasters type them (data-site-hosts, data-allow) against Chromium's
// URL parser: the shared table tests/host_cases.json, every code point of its
// runs, and the table's hosts through the script tag. tests/core/host_test.cpp
// checks the core against the same table natively.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { domainToUnicode } from 'node:url';
import { openBrowser, ready, ROOT } from './helpers.mjs';

const table = JSON.parse(readFileSync(join(ROOT, 'tests/host_cases.json'), 'utf8'));
const codePoint = (u) => parseInt(u.slice(2), 16);
/** The host the core compares: the browser's, less one trailing dot. */
const withoutTrailingDot = (host) => (host.length > 1 && host.endsWith('.') ? host.slice(0, -1) : host);
/** One entry per attribute value: an attribute value cannot hold `"`. */
const attr = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

describe('hosts in the configuration', async () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  /** A generated page with the script tag's attributes; collects pw-error events
   *  (and the URLs it requests into `requests`). */
  async function open(name, attrs, requests = []) {
    const url = `${env.url}tests/host/${name}`;
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>主机名</title>
<script>window.events = []; document.addEventListener('pw-error', (e) => window.events.push(e.detail));</script>
<script src="/dist/portal-widgets.js" defer data-site-name="测试县人民政府门户网站" ${attrs}></script></head>
<body><h1>主机名</h1></body></html>`;
    const page = await env.page(null, {
      beforeLoad: (p) => {
        p.on('request', (request) => requests.push(request.url()));
        return p.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
      },
    });
    await page.goto(url);
    return page;
  }

  test('Chromium gives the hosts of tests/host_cases.json; the core takes them as given or refuses them', async () => {
    const page = await env.page('/');
    const hostnames = await page.evaluate((inputs) => inputs.map((h) => {
      try { return new URL(`http://${h}/`).hostname; } catch (e) { return null; }
    }), table.cases.map((c) => c.input));
    table.cases.forEach((c, i) => {
      assert.equal(hostnames[i], c.browser, `new URL("http://${c.input}/").hostname (${c.note})`);
      if (c.core !== null) assert.equal(c.core, withoutTrailingDot(c.browser), `the table's core value for ${c.input}`);
    });
  });

  test('every code point the core maps is mapped the same by Chromium', async () => {
    const page = await env.page('/');
    const checked = await page.evaluate((runs) => {
      const out = [];
      for (const run of runs) {
        const first = parseInt(run.first.slice(2), 16);
        const last = parseInt(run.last.slice(2), 16);
        for (let c = first; c <= last; c++) {
          let host = null;
          try { host = new URL(`http://a${String.fromCodePoint(c)}b.cn/`).hostname; } catch (e) { host = null; }
          out.push(host);
        }
      }
      return out;
    }, table.runs);
    let i = 0;
    const wrong = [];
    for (const run of table.runs) {
      const first = codePoint(run.first);
      for (let c = first; c <= codePoint(run.last); c++, i++) {
        let expected;
        if (run.maps_to === 'ignored') expected = 'ab.cn';
        else {
          const mapped = run.maps_to === 'self' ? c : codePoint(run.maps_to) + (c - first);
          expected = `a${String.fromCodePoint(mapped)}b.cn`;
        }
        const got = checked[i] === null ? null : domainToUnicode(checked[i]);
        if (got !== expected && wrong.length < 20) wrong.push(`U+${c.toString(16).toUpperCase()}: ${checked[i]} (expected ${expected})`);
      }
    }
    assert.ok(i > 80000, `${i} code points checked`);
    assert.deepEqual(wrong, []);
  });

  test('through the script tag: accepted hosts become the browser\'s, refused ones report their id', async () => {
    const accepted = table.cases.filter((c) => c.core !== null);
    const refused = table.cases.filter((c) => c.core === null);
    const page = await open('hosts.html',
      `data-site-hosts="${attr(accepted.map((c) => c.input).join(' '))}" data-allow="${attr(refused.map((c) => c.input).join(' '))}"`);
    await ready(page);
    const { siteHosts, allow, events } = await page.evaluate(() => ({
      siteHosts: window.PortalWidgets.config.siteHosts, allow: window.PortalWidgets.config.allow, events: window.events,
    }));
    for (const c of accepted) assert.ok(siteHosts.includes(c.core), `${c.input} → ${c.core} in ${siteHosts.join(' ')}`);
    assert.deepEqual(events.filter((e) => e.id !== 'pw.config.bad_allow'), []);
    assert.equal(events.length, refused.length, events.map((e) => e.message).join('\n'));
    refused.forEach((c, i) => assert.ok(events[i].message.includes(`"${c.input}"`), `${c.input}: ${events[i].message}`));
    assert.deepEqual(allow, []);
  });

  test('a full-width data-site-hosts and data-allow: links to those hosts no longer ask', async () => {
    const page = await open('full-width.html',
      'data-site-hosts="ｗｗｗ．ｔｅｓｔ．ｇｏｖ．ｃｎ" data-allow="ｗｗｗ.ｇｏｖ.ｃｎ，*.ＧＤ.gov.cn"');
    const result = await ready(page);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    const decisions = await page.evaluate(() => ['https://www.test.gov.cn/a.html', 'https://www.gov.cn/',
      'https://www.gd.gov.cn/', 'https://sz.gd.gov.cn/', 'https://gd.gov.cn/', 'https://www.example.com/']
      .map((href) => { const d = window.PortalWidgets.classifyLink(href); return `${d.action} ${d.reason}`; }));
    assert.deepEqual(decisions, ['pass same-site', 'pass allowlisted', 'pass allowlisted', 'pass allowlisted',
      'confirm external', 'confirm external']);
    assert.deepEqual(await page.evaluate(() => window.events), []);
  });

  // The core every page fetches parses hosts in ASCII only (core/host.h); the
  // full build (IDN, IP addresses) is fetched only for a page whose lists need it.
  test('ASCII host lists never fetch the core\'s full build; an IP address or IDN host does, with the same result', async () => {
    const ascii = [];
    const page = await open('ascii.html', 'data-site-hosts="www.test.gov.cn" data-allow="*.gov.cn, www.example.com"', ascii);
    assert.equal((await ready(page)).ok, true);
    assert.deepEqual(await page.evaluate(() => window.PortalWidgets.config.allow), ['*.gov.cn', 'www.example.com']);
    assert.deepEqual(ascii.filter((url) => /core-full/.test(url)), []);
    assert.ok(ascii.some((url) => /\/core[.-]/.test(url)), ascii.join('\n'));

    for (const [name, attrs, allow] of [['ip.html', 'data-allow="0x7f.1 [0:0::1]"', ['127.0.0.1', '[::1]']],
      ['idn.html', 'data-allow="政府.cn *.XN--MXTQ1M.cn"', ['xn--mxtq1m.cn', '*.xn--mxtq1m.cn']]]) {
      const requests = [];
      const full = await open(name, attrs, requests);
      const result = await ready(full);
      assert.equal(result.ok, true, JSON.stringify(result.errors));
      assert.deepEqual(await full.evaluate(() => window.PortalWidgets.config.allow), allow, name);
      assert.equal(await full.evaluate(() => window.PortalWidgets.classifyLink(`http://${location.host}/a`).action), 'pass');
      assert.ok(requests.some((url) => /core-full/.test(url)), `${name}: ${requests.join('\n')}`);
      assert.deepEqual(await full.evaluate(() => window.events), [], name);
    }
  });
});
