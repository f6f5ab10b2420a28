// <pw-related>: the lazy module and feed load when the element nears the
// viewport; hostile but valid feeds render as plain text with no script run and
// no valid item lost; invalid documents keep the server-rendered list; the list
// arrives without layout shift; other sources (inline JSON, the page's own list).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT, axe, manifest, openBrowser, ready, moduleFile, WASM_ONLY } from './helpers.mjs';

const PAGE = '/tests/related/index.html';

/** Serves `body` (string or Buffer) at /tests/related/<name> for this page only. */
const feedRoute = (name, body, status = 200, contentType = 'application/json') => async (page) => {
  await page.route(`**/tests/related/${name}`, (route) =>
    route.fulfill({ status, contentType, body }));
};

/** `text` in GBK or GB18030, by glibc's iconv (TextEncoder only writes UTF-8). */
const encode = (text, encoding) => execFileSync('iconv', ['-f', 'utf-8', '-t', encoding], { input: text, maxBuffer: 1 << 26 });

/** Collects pw-error events (id, source) into window.__pwErrors, pw-related-render details into window.__renders, and what reaches window.onerror or unhandledrejection into window.__hostErrors. */
const collectErrors = async (page) => {
  await page.addInitScript(() => {
    window.__pwErrors = [];
    window.__renders = [];
    document.addEventListener('pw-error', (e) => window.__pwErrors.push({ id: e.detail.id, source: e.detail.source }), true);
    document.addEventListener('pw-related-render', (e) => window.__renders.push(e.detail), true);
    // What would reach the page's own handlers: must stay empty.
    window.__hostErrors = [];
    window.addEventListener('error', (e) => window.__hostErrors.push(`error: ${e.message}`));
    window.addEventListener('unhandledrejection', (e) => window.__hostErrors.push(`unhandledrejection: ${e.reason}`));
  });
};

/** Records the byte size of every WebAssembly memory the page's modules export into window.__memories(). */
const watchWasmMemory = async (page) => {
  await page.addInitScript(() => {
    const memories = [];
    window.__memories = () => memories.map((m) => m.buffer.byteLength);
    const original = WebAssembly.instantiate;
    WebAssembly.instantiate = function (...args) {
      return original.apply(this, args).then((result) => {
        const instance = result.instance || result;
        for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) memories.push(value);
        return result;
      });
    };
    // The plain-JS builds (PW_TEST_MODE=js) hand their instantiate(env) to the
    // loader's shell.provide; their memory is an object with buffer and grow.
    let api;
    Object.defineProperty(window, 'PortalWidgets', {
      configurable: true,
      get: () => api,
      set: (value) => {
        api = value;
        const provide = value.__pw.provide;
        value.__pw.provide = (purpose, handed) => provide(purpose, !/-js$/.test(purpose) ? handed : (env) => {
          const exports = handed(env);
          for (const v of Object.values(exports)) if (v && typeof v.grow === 'function' && v.buffer instanceof ArrayBuffer) memories.push(v);
          return exports;
        });
      },
    });
  });
};

/** Waits for the element's `ready` and returns what it shows. */
const shown = (page, selector = 'pw-related') => page.evaluate(async (sel) => {
  const el = document.querySelector(sel);
  // Before the core module has arrived the element is not upgraded yet and has no `ready`.
  await customElements.whenDefined(el.localName);
  await el.ready;
  const root = el.shadowRoot;
  const links = [...root.querySelectorAll('li a')];
  return {
    fallback: !!root.querySelector('slot'),
    fallbackVisible: el.querySelector('ul') ? el.querySelector('ul').getClientRects().length > 0 : false,
    heading: root.querySelector('h2') ? root.querySelector('h2').textContent : null,
    titles: links.map((a) => a.textContent),
    hrefs: links.map((a) => a.href),
    dates: [...root.querySelectorAll('li')].map((li) => (li.querySelector('time') ? li.querySelector('time').textContent : '')),
    newBadges: root.querySelectorAll('.new').length,
    elementsInList: [...root.querySelectorAll('li *')].map((n) => n.localName).filter((n) => !['span', 'a', 'time'].includes(n)),
    empty: root.querySelector('.empty') ? root.querySelector('.empty').textContent : null,
    rendered: !!root.querySelector('h2, ul, .empty'),
    errors: window.__pwErrors || [],
    renders: window.__renders || [],
  };
}, selector);

describe('pw-related', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  test('the related module is a lazy, hashed .wasm and the element\'s .js in the manifest (fetched when its element is on the page)', { skip: WASM_ONLY }, () => {
    const files = manifest().files.filter((f) => f.purpose === 'related');
    assert.equal(files.length, 2, 'the element code and the .wasm: the runtime instantiates it, no Emscripten glue');
    for (const f of files) {
      assert.equal(f.eager, false);
      assert.equal(f.when, 'element');
    }
    assert.deepEqual(files.map((f) => f.name.replace(/\.[0-9a-f]{10}\./, '.<hash>.')).sort(), ['related.<hash>.js', 'related.<hash>.wasm']);
  });

  test('nlohmann/json stays out of the eager core module; the related module has it', { skip: WASM_ONLY }, () => {
    const wasm = (purpose) => readFileSync(join(DIST, manifest().files.find((f) => f.purpose === purpose && f.name.endsWith('.wasm')).name));
    // Texts only nlohmann/json brings: its lexer's messages (the related module reads feeds with
    // the lexer alone, core/json_sax.h, so nlohmann's exception prefix is in no module).
    const marks = ['surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF',
      'invalid string: control character U+0000 (NUL) must be escaped to \\u0000'];
    const core = wasm('core');
    const related = wasm('related');
    for (const mark of marks) {
      assert.ok(related.includes(mark), `the related module has "${mark}" (so the check means something)`);
      assert.ok(!core.includes(mark), `the eager core module has "${mark}": nlohmann/json was linked into it`);
    }
    assert.ok(!core.includes('pw_related_list'), 'the eager core does not export the related list');
  });

  test('the demo loads the list only when it nears the viewport, excluding the page itself', async () => {
    const requests = [];
    const page = await env.page('/', {
      context: { viewport: { width: 1280, height: 400 } },
      beforeLoad: async (p) => {
        p.on('request', (r) => requests.push(new URL(r.url()).pathname));
        await p.addInitScript(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
          }).observe({ type: 'layout-shift', buffered: true });
        });
      },
    });
    await ready(page);
    const relatedModule = moduleFile('related');
    const farAway = await page.evaluate(() => document.querySelector('pw-related').getBoundingClientRect().top > innerHeight * 2.5);
    if (farAway) {
      await page.waitForTimeout(300);
      assert.ok(!requests.some((p) => p.endsWith(relatedModule)), 'module not fetched while far away');
      assert.ok(!requests.some((p) => p.includes('/feeds/')), 'feed not fetched while far away');
    }
    await page.evaluate(() => document.querySelector('pw-related').scrollIntoView());
    const view = await shown(page);
    assert.ok(requests.some((p) => p.endsWith(relatedModule)), 'module fetched');
    assert.equal(view.fallback, false, 'the list replaced the server-rendered one');
    assert.ok(view.titles.length >= 4 && view.titles.length <= 8, `titles: ${view.titles}`);
    assert.ok(!view.titles.includes('关于《某某县促进中小企业高质量发展若干措施》的政策解读'), 'the current article is not listed');
    assert.equal(new Set(view.hrefs).size, view.hrefs.length, 'no duplicates');
    // The policy text itself shares nearly every word of the title and comes first;
    // the duplicate entry of article-2 (same URL but the fragment) is gone.
    assert.equal(view.titles[0], '《某某县促进中小企业高质量发展若干措施》全文');
    assert.ok(view.titles.filter((t) => t.includes("一网通办")).length <= 1, view.titles.join(" | "));
    await page.waitForTimeout(200);
    const shifts = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
    assert.equal(shifts, 0, `layout shift on the demo: ${shifts}`);
    assert.deepEqual(page.pageErrors, []);
  });

  test('loading starts about one and a half viewports ahead, so the list is ready before it is seen', async () => {
    const rendered = [];
    const page = await env.page(`${PAGE}?feed=ahead.json&far=1`, {
      beforeLoad: feedRoute('ahead.json', JSON.stringify([{ title: '防汛应急预案', url: '/a.html', date: '2022-06-01' }])),
    });
    await page.exposeFunction('__rendered', (top) => rendered.push(top));
    await page.evaluate(() => document.addEventListener('pw-related-render', (e) => window.__rendered(e.target.getBoundingClientRect().top)));
    await ready(page);
    await page.waitForTimeout(300);
    assert.equal(rendered.length, 0, 'nothing loaded three viewports away');
    // One viewport short of the element: still out of sight, but within the look-ahead.
    await page.evaluate(() => window.scrollTo(0, document.querySelector('pw-related').offsetTop - 2 * innerHeight));
    await page.waitForFunction(() => document.querySelector('pw-related').shadowRoot.querySelector('li'));
    assert.equal(rendered.length, 1);
    const height = await page.evaluate(() => innerHeight);
    assert.ok(rendered[0] > height, `rendered while still below the fold (top ${rendered[0]} > ${height})`);
  });

  test('hostile but valid JSON renders as plain text; no script runs; no valid item is lost', async () => {
    const pwned = 'window.__pwned=(window.__pwned||0)+1';
    const long = '长'.repeat(480);
    const valid = [
      { title: `<script>${pwned}</script>`, url: '/v/1.html' },
      { title: `<img src=x onerror="${pwned}">`, url: '/v/2.html' },
      { title: `"><svg onload=${pwned}>`, url: 'https://other.gov.cn/v/3.html' },
      { title: '\u202Egnp.exe\u202C 双向\u2066覆盖\u2069', url: '/v/4.html' },
      { title: 'NUL\u0000字符\u0001控制', url: '/v/5.html' },
      { title: long, url: '/v/6.html' },
      { title: '实体不是协议', url: 'javascript&colon;alert(1)' },
      { title: '引号网址', url: '/v/8.html?q="><script>alert(1)</script>' },
      { title: '{{constructor.constructor("alert(1)")()}}', url: '/v/9.html' },
      { title: 'onmouseover=alert(1)', url: '/v/10.html#" onmouseover="alert(1)' },
    ];
    const hostileUrls = ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
      'java\rscript:alert(1)', '\u0001\u0002javascript:alert(1)', '\u0000javascript:alert(1)', 'JAVASCRIPT:alert(1)',
      'vbscript:msgbox(1)', 'VBScript:msgbox(1)', 'data:text/html,<script>alert(1)</script>',
      'DaTa:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'file:///etc/passwd', '  \t javascript:alert(1)  '];
    const articles = [];
    valid.forEach((a, k) => {
      articles.push(a);
      articles.push({ title: `坏链接${k}`, url: hostileUrls[k % hostileUrls.length] });
    });
    for (const url of hostileUrls.slice(valid.length)) articles.push({ title: '坏链接', url });
    const page = await env.page(`${PAGE}?feed=hostile.json&loading=eager&limit=100&rows=${valid.length}`, {
      beforeLoad: async (p) => {
        await collectErrors(p);
        await feedRoute('hostile.json', JSON.stringify({ version: 1, articles }))(p);
        p.on('dialog', (d) => { p.dialogs = (p.dialogs || 0) + 1; d.dismiss(); });
      },
    });
    const view = await shown(page);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned || 0), 0, 'no script ran');
    assert.equal(page.dialogs || 0, 0, 'no dialog opened');
    assert.equal(view.titles.length, valid.length, `every valid item rendered: ${view.titles.join(' | ')}`);
    assert.equal(view.titles[0], '<script>window.__pwned=(window.__pwned||0)+1</script>');
    assert.ok(view.titles.includes('<img src=x onerror="window.__pwned=(window.__pwned||0)+1">'));
    assert.ok(view.titles.includes('gnp.exe 双向覆盖'), 'bidi controls removed');
    assert.ok(view.titles.includes('NUL字符控制'), 'control characters removed');
    assert.ok(view.titles.includes(long), 'a long title is kept whole (the row truncates it visually)');
    assert.deepEqual(view.elementsInList, [], 'no markup from the feed');
    for (const href of view.hrefs) assert.match(href, /^https?:\/\//);
    const badScheme = view.errors.filter((e) => e.id === 'pw.related.bad_url_scheme');
    assert.equal(badScheme.length, hostileUrls.length, JSON.stringify(view.errors));
    // The long title is cut visually, with the full text still in the link.
    const truncated = await page.evaluate(() => {
      const a = [...document.querySelector('pw-related').shadowRoot.querySelectorAll('a')].find((x) => x.textContent.startsWith('长长'));
      return { clipped: a.scrollWidth > a.clientWidth, title: a.title.length };
    });
    assert.ok(truncated.clipped);
    assert.equal(truncated.title, long.length);
    assert.deepEqual(page.pageErrors, []);
  });

  const invalid = [
    ['not JSON', '<!doctype html><h1>404</h1>', 'pw.related.not_json'],
    ['trailing data', '{"articles":[]} {"x":1}', 'pw.related.trailing_data'],
    ['a NUL byte after the value', Buffer.from('{"articles":[]}\u0000[1]'), 'pw.related.trailing_data'],
    ['a lone surrogate escape', '{"articles":[{"title":"\\ud800","url":"/a"}]}', 'pw.related.not_utf8'],
    ['invalid UTF-8 bytes', Buffer.concat([Buffer.from('{"articles":[{"title":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","url":"/a"}]}')]), 'pw.related.bad_charset'],
    ['a raw control byte in a string', '{"articles":[{"title":"a\u0001b","url":"/a"}]}', 'pw.related.not_json'],
    ['nesting too deep', `{"articles":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'pw.related.too_deep'],
    ['the wrong root', '"articles"', 'pw.related.bad_root'],
    ['an unknown version', '{"version":2,"articles":[]}', 'pw.related.bad_version'],
    ['truncated in the middle of a title', '{"version":1,"articles":[{"title":"关于印发', 'pw.related.not_json'],
    ['truncated after a complete article', '{"version":1,"articles":[{"title":"一","url":"/1.html"},', 'pw.related.not_json'],
    ['articles as an object, not an array', '{"version":1,"articles":{"title":"一","url":"/1.html"}}', 'pw.related.no_articles'],
    ['deep nesting inside one article', `{"articles":[{"title":"一","url":"/1.html","x":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}]}`, 'pw.related.too_deep'],
    ['more articles than a column holds', JSON.stringify({ articles: Array.from({ length: 5001 }, (_, k) => ({ title: `第${k}号`, url: `/${k}.html` })) }), 'pw.related.too_many_articles'],
    ['HTTP 404', 'missing', 'pw.related.fetch_failed', 404],
  ];
  for (const [what, body, id, status] of invalid) {
    test(`an invalid document (${what}) keeps the server-rendered list`, async () => {
      const page = await env.page(`${PAGE}?feed=bad.json&loading=eager`, {
        beforeLoad: async (p) => { await collectErrors(p); await feedRoute('bad.json', body, status)(p); },
      });
      const view = await shown(page);
      assert.equal(view.fallback, true, 'fallback slot kept');
      assert.equal(view.fallbackVisible, true, 'server-rendered list visible');
      assert.deepEqual(view.errors.map((e) => e.id), [id]);
      // One console.error of ours (the browser adds its own line for an HTTP error).
      const ours = page.consoleErrors.filter((m) => m.startsWith('portal-widgets'));
      assert.equal(ours.length, 1, page.consoleErrors.join('\n'));
      assert.deepEqual(page.pageErrors, []);
      assert.deepEqual(await page.evaluate(() => window.__hostErrors), []);
    });
  }

  // The related module reads JSON numbers with the browser's Number() and
  // formats nlohmann/json's "<U+%.4X>" itself (widgets/related/related_libc.cpp),
  // instead of the C library's strtod and snprintf: the results must be the
  // C library's (the native core's messages, tests/core/feed_test.cpp).
  test('numbers read by Number() round as strtod does; a control character is named <U+XXXX> as snprintf would', async () => {
    const cases = [
      // 1.0000000000000001 is the double 1: version 1, the list renders.
      ['{"version":1.0000000000000001,"articles":[{"title":"防汛","url":"/n/1.html"},{"title":"防汛会议","url":"/n/2.html"}]}', null, null],
      ['{"version":10e-1,"articles":[{"title":"防汛","url":"/n/1.html"},{"title":"防汛会议","url":"/n/2.html"}]}', null, null],
      // 1.8e308 is beyond a double: Infinity, refused as too large.
      ['{"version":1.8e308,"articles":[]}', 'pw.related.not_json', 'number too large to read'],
      ['{"version":1.0000000000000002,"articles":[]}', 'pw.related.bad_version', '1.0000000000000002'],
      ['{"version":1,"articles":[{"title":"a\u0001b","url":"/a"}]}', 'pw.related.not_json', "'\"a<U+0001>'"],
      ['{"version":1,"articles":[{"title":"\u001f","url":"/a"}]}', 'pw.related.not_json', "'\"<U+001F>'"],
    ];
    for (const [body, id, text] of cases) {
      const page = await env.page(`${PAGE}?feed=numbers.json&loading=eager`, {
        beforeLoad: async (p) => { await collectErrors(p); await feedRoute('numbers.json', body)(p); },
      });
      const view = await shown(page);
      if (!id) {
        assert.deepEqual(view.errors, [], body);
        assert.equal(view.titles.length > 0, true, body);
      } else {
        assert.deepEqual(view.errors.map((e) => e.id), [id], body);
        const ours = page.consoleErrors.filter((m) => m.startsWith('portal-widgets'));
        assert.ok(ours.length === 1 && ours[0].includes(text), `${body}: ${ours.join('\n')}`);
      }
      assert.deepEqual(page.pageErrors, []);
    }
  });

  // A 3 MB feed (over the 2 MiB limit) is refused before its bytes reach the
  // module's memory, which would otherwise grow to hold them for good.
  const big = JSON.stringify({ version: 1, articles: Array.from({ length: 30000 }, (_, k) => ({ title: `防汛应急第${k}号通知`.padEnd(40, '。'), url: `/big/${k}.html` })) });
  const tooLargeCases = [
    ['with a Content-Length', 'src'],
    ['streamed without a Content-Length', 'stream'],
    ['inline', 'inline'],
  ];
  for (const [what, how] of tooLargeCases) {
    test(`a 3 MB feed (${what}) keeps the server-rendered list with pw.related.too_large`, async () => {
      assert.ok(Buffer.byteLength(big) > 3e6, `feed is ${Buffer.byteLength(big)} bytes`);
      const page = await env.page(`${PAGE}?${how === 'inline' ? '' : 'feed=big.json&'}loading=eager`, {
        beforeLoad: async (p) => {
          await collectErrors(p);
          await watchWasmMemory(p);
          await feedRoute('big.json', big)(p);
          if (how === 'stream') {
            // A body without a Content-Length: read in chunks and cut off at the limit.
            await p.addInitScript((length) => {
              const original = window.fetch;
              window.__streamedBytes = 0;
              window.fetch = (url, init) => {
                if (!String(url).endsWith('/big.json')) return original(url, init);
                const chunk = new TextEncoder().encode('['.padEnd(65536, ' '));
                let sent = 0;
                const body = new ReadableStream({
                  pull(controller) {
                    if (sent >= length) { controller.close(); return; }
                    controller.enqueue(chunk);
                    sent += chunk.length;
                    window.__streamedBytes = sent;
                  },
                });
                return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
              };
            }, 3 * 1024 * 1024);
          }
          if (how === 'inline') {
            await p.addInitScript((text) => {
              document.addEventListener('DOMContentLoaded', () => {
                const s = document.createElement('script');
                s.type = 'application/json';
                s.textContent = text;
                document.getElementById('rel').append(s);
              }, { once: true, capture: true });
            }, big);
          }
        },
      });
      const view = await shown(page);
      assert.equal(view.fallback, true, 'fallback slot kept');
      assert.equal(view.fallbackVisible, true, 'server-rendered list visible');
      assert.deepEqual(view.errors.map((e) => e.id), ['pw.related.too_large']);
      assert.deepEqual(view.renders, [], 'no pw-related-render: nothing was rendered');
      const ours = page.consoleErrors.filter((m) => m.startsWith('portal-widgets'));
      assert.equal(ours.length, 1, page.consoleErrors.join('\n'));
      assert.match(ours[0], /expected at most 2097152 bytes/);
      // The error can come before the related module has finished loading (both start together).
      await page.waitForFunction(() => window.__memories().length >= 2, null, { timeout: 10000 });
      const memories = await page.evaluate(() => window.__memories());
      for (const bytes of memories) assert.ok(bytes < 3e6, `a module's memory grew to ${bytes} bytes`);
      if (how === 'stream') {
        const streamed = await page.evaluate(() => window.__streamedBytes);
        assert.ok(streamed < 2.5 * 1024 * 1024, `read no further than the limit (${streamed} bytes pulled)`);
      }
      assert.deepEqual(page.pageErrors, []);
    });
  }

  test('a feed with nothing to show renders 暂无相关文章 without a server list, and keeps the server list otherwise', async () => {
    const opts = { beforeLoad: async (p) => { await collectErrors(p); await feedRoute('none.json', '{"version":1,"articles":[]}')(p); } };
    let page = await env.page(`${PAGE}?feed=none.json&loading=eager&fallback=0`, opts);
    let view = await shown(page);
    assert.equal(view.fallback, false);
    assert.equal(view.empty, '暂无相关文章');
    assert.equal(view.heading, '相关文章');
    assert.deepEqual(view.renders, [{ count: 0 }]);
    assert.deepEqual(view.errors, []);
    page = await env.page(`${PAGE}?feed=none.json&loading=eager`, opts);
    view = await shown(page);
    assert.equal(view.fallback, true, 'the server-rendered list is kept');
    assert.equal(view.fallbackVisible, true);
    assert.equal(view.rendered, false);
    assert.deepEqual(view.renders, [], 'no pw-related-render when the server list is kept');
    assert.deepEqual(view.errors, []);
  });

  test('an error with no server list renders nothing, with one pw-error', async () => {
    const page = await env.page(`${PAGE}?feed=gone.json&loading=eager&fallback=0`, {
      beforeLoad: async (p) => { await collectErrors(p); await feedRoute('gone.json', 'missing', 404)(p); },
    });
    const view = await shown(page);
    assert.equal(view.fallback, true, 'the slot stays (there is nothing in it)');
    assert.equal(view.rendered, false, 'no heading, list or empty message');
    assert.deepEqual(view.errors.map((e) => e.id), ['pw.related.fetch_failed']);
    assert.deepEqual(view.renders, []);
    assert.deepEqual(page.pageErrors, []);
  });

  test('assoc: a table from pw-related --assoc relates articles sharing no character; a bad one is reported and ignored', async () => {
    // The page's article is 防汛工作部署会议召开 (keywords 防汛, 应急).
    const feed = JSON.stringify([
      { title: '植树造林活动', url: '/a/1.html', date: '2022-06-17' },
      { title: '三防指挥部值班安排', url: '/a/2.html', date: '2022-06-01' },
    ]);
    const open = async (assoc, body, status = 200) => {
      const page = await env.page(`${PAGE}?feed=assoc-feed.json&loading=eager&limit=1${assoc ? `&assoc=${assoc}` : ''}`, {
        beforeLoad: async (p) => {
          await collectErrors(p);
          await feedRoute('assoc-feed.json', feed)(p);
          if (assoc) await p.route(`**/tests/related/${assoc}`, (route) => route.fulfill({ status, contentType: 'text/plain', body }));
        },
      });
      return shown(page);
    };
    // Without a table nothing is related: the newest article fills the slot.
    let view = await open(null);
    assert.deepEqual(view.titles, ['植树造林活动']);
    view = await open('site.assoc', 'pw-assoc 1\n防汛\t三防 70\n');
    assert.deepEqual(view.titles, ['三防指挥部值班安排']);
    assert.deepEqual(view.errors, []);
    for (const [body, status] of [['<!doctype html><title>404</title>', 200], ['pw-assoc 1\n防汛\t三防 700\n', 200], ['', 404]]) {
      view = await open('bad.assoc', body, status);
      assert.deepEqual(view.titles, ['植树造林活动'], body);
      assert.deepEqual(view.errors, [{ id: 'pw.related.bad_assoc', source: 'assoc' }], body);
    }
  });

  test('pw-related-render carries the number of items shown', async () => {
    const feed = JSON.stringify(Array.from({ length: 5 }, (_, k) => ({ title: `防汛应急第${k + 1}号通知`, url: `/c/${k}.html` })));
    const page = await env.page(`${PAGE}?feed=count.json&loading=eager&limit=3`, {
      beforeLoad: async (p) => { await collectErrors(p); await feedRoute('count.json', feed)(p); },
    });
    const view = await shown(page);
    assert.equal(view.titles.length, 3);
    assert.deepEqual(view.renders, [{ count: 3 }]);
  });

  test('a link the core accepts but the browser cannot parse is left out (pw.related.bad_url)', async () => {
    // Hosts the core's light host check lets through but the browser's URL
    // parser refuses: an IPv4 address out of range, and a character IDNA forbids.
    const feed = JSON.stringify([
      { title: '防汛应急预案', url: '/1.html' },
      { title: '地址超出范围', url: 'http://999.1.1.1/x.html' },
      { title: 'IDNA 不允许的字符', url: 'http://\u2488.gov.cn/x.html' },
      { title: '防汛物资储备', url: '/2.html' },
    ]);
    const page = await env.page(`${PAGE}?feed=badhost.json&loading=eager`, {
      beforeLoad: async (p) => { await collectErrors(p); await feedRoute('badhost.json', feed)(p); },
    });
    const view = await shown(page);
    assert.deepEqual(view.titles, ['防汛应急预案', '防汛物资储备']);
    assert.deepEqual(view.errors, [{ id: 'pw.related.bad_url', source: 'url' }, { id: 'pw.related.bad_url', source: 'url' }]);
    assert.deepEqual(view.renders, [{ count: 2 }]);
    for (const href of view.hrefs) assert.match(href, /^http:\/\/127\.0\.0\.1:\d+\/\d\.html$/);
  });

  test('bad loading and src values: lazy loading with an error; a src that is no URL keeps the server list', async () => {
    const feed = JSON.stringify([{ title: '防汛应急预案', url: '/1.html' }]);
    let page = await env.page(`${PAGE}?feed=lazy.json&loading=bogus`, {
      beforeLoad: async (p) => { await collectErrors(p); await feedRoute('lazy.json', feed)(p); },
    });
    let view = await shown(page);
    assert.deepEqual(view.titles, ['防汛应急预案']);
    assert.deepEqual(view.errors, [{ id: 'pw.related.bad_loading', source: 'loading' }]);
    page = await env.page(`${PAGE}?feed=${encodeURIComponent('http://[::1')}&loading=eager`, { beforeLoad: collectErrors });
    view = await shown(page);
    assert.equal(view.fallbackVisible, true);
    assert.deepEqual(view.errors, [{ id: 'pw.related.bad_src', source: 'src' }]);
    assert.deepEqual(view.renders, []);
  });

  test('the list arrives without layout shift, and a short list keeps the reserved height', async () => {
    const articles = Array.from({ length: 12 }, (_, k) => ({ title: `防汛应急第${k + 1}号通知`, url: `/n/${k}.html`, date: '2022-06-0' + ((k % 9) + 1) }));
    for (const [count, name] of [[12, 'eight.json'], [2, 'two.json']]) {
      const page = await env.page(`${PAGE}?feed=${name}&loading=eager`, {
        beforeLoad: feedRoute(name, JSON.stringify(articles.slice(0, count))),
      });
      const before = await page.evaluate(() => document.getElementById('after').getBoundingClientRect().top);
      const view = await shown(page);
      assert.equal(view.titles.length, Math.min(count, 8));
      const afterTop = await page.evaluate(() => document.getElementById('after').getBoundingClientRect().top);
      await page.waitForTimeout(200);
      const shifts = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
      assert.equal(shifts, 0, `layout shift ${shifts}`);
      assert.equal(afterTop, before, 'content below the list did not move');
    }
  });

  test('inline JSON and the page\'s own list are sources too', async () => {
    let page = await env.page(`${PAGE}?feed=inline&loading=eager`);
    let view = await shown(page);
    assert.deepEqual(view.titles, ['内联防汛通知']);
    page = await env.page(`${PAGE}?loading=eager&heading=`);
    view = await shown(page);
    assert.deepEqual(view.titles, ['服务器渲染的第一条', '服务器渲染的第二条']);
    assert.deepEqual(view.dates, ['2022-06-01', '2022-05-01']);
    assert.equal(view.heading, null, 'heading="" renders no heading');
  });

  test('attributes: limit, sort, heading, days-new badge; bad values fall back with an error', async () => {
    const feed = JSON.stringify([
      { title: '防汛应急预案', url: '/1.html', date: '2022-06-01' },
      { title: '防汛物资储备', url: '/2.html', date: '2022-06-17' },
      { title: '应急值班安排', url: '/3.html', date: '2022-05-01' },
    ]);
    const opts = {
      beforeLoad: async (p) => {
        await collectErrors(p);
        await p.clock.setFixedTime(new Date('2022-06-18T10:00:00'));
        await feedRoute('attrs.json', feed)(p);
      },
    };
    let page = await env.page(`${PAGE}?feed=attrs.json&loading=eager&sort=date&limit=2&heading=延伸阅读`, opts);
    let view = await shown(page);
    assert.equal(view.heading, '延伸阅读');
    assert.deepEqual(view.titles, ['防汛物资储备（新）', '防汛应急预案']);
    assert.equal(view.newBadges, 1);
    page = await env.page(`${PAGE}?feed=attrs.json&loading=eager&sort=date&days-new=30`, opts);
    view = await shown(page);
    assert.deepEqual(view.titles, ['防汛物资储备（新）', '防汛应急预案（新）', '应急值班安排'], 'days-new=30: 1 and 17 days old are new, 48 days old is not');
    assert.equal(view.newBadges, 2);
    assert.deepEqual(view.errors, []);
    page = await env.page(`${PAGE}?feed=attrs.json&loading=eager&limit=abc&sort=newest&days-new=-1&show-date=off`, opts);
    view = await shown(page);
    assert.deepEqual(view.errors.map((e) => e.id), ['pw.related.bad_limit', 'pw.related.bad_sort', 'pw.related.bad_days_new']);
    assert.equal(view.titles.length, 3);
    assert.deepEqual(view.dates, ['', '', '']);
    assert.equal(view.heading, '相关文章');
  });

  test('a feed is fetched once however many elements use it', async () => {
    let requests = 0;
    const page = await env.page(`${PAGE}?feed=once.json&loading=eager`, {
      beforeLoad: async (p) => {
        await p.route('**/tests/related/once.json', (route) => {
          requests += 1;
          route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([{ title: '防汛应急预案', url: '/1.html' }]) });
        });
      },
    });
    await shown(page);
    const second = await page.evaluate(async () => {
      const el = document.createElement('pw-related');
      el.id = 'second';
      el.setAttribute('src', 'once.json');
      el.setAttribute('loading', 'eager');
      document.body.append(el);
      await el.ready;
      return el.shadowRoot.querySelectorAll('li').length;
    });
    assert.equal(second, 1);
    assert.equal(requests, 1);
  });

  test('no accessibility violations in the rendered list', async () => {
    const page = await env.page(`${PAGE}?feed=a11y.json&loading=eager`, {
      beforeLoad: feedRoute('a11y.json', JSON.stringify([{ title: '防汛应急预案', url: '/1.html', date: '2022-06-01' }])),
    });
    await shown(page);
    assert.deepEqual(await axe(page, 'pw-related'), []);
  });

  // --- Feeds as CMSes serve them: decoded as the Encoding Standard says. ---
  const gbkArticles = [
    { title: '关于做好2022年防汛工作的通知', url: '/g/1.html', date: '2022-06-17' },
    { title: '防汛物资储备情况公示（第二批）', url: '/g/2.html', date: '2022-06-01' },
    { title: '镕𠀀 防汛应急演练', url: '/g/3.html', date: '2022-05-01' },
  ];
  const gbkTitles = ['关于做好2022年防汛工作的通知', '防汛物资储备情况公示（第二批）'];
  const gbkFeed = JSON.stringify({ version: 1, articles: gbkArticles.slice(0, 2) });
  /** Opens the test page with `body` served as `name` with `contentType`, and returns what it shows. */
  const served = async (name, body, contentType) => {
    const page = await env.page(`${PAGE}?feed=${name}&loading=eager&days-new=0`, {
      beforeLoad: async (p) => { await collectErrors(p); await feedRoute(name, body, 200, contentType)(p); },
    });
    const view = await shown(page);
    view.ours = page.consoleErrors.filter((m) => m.startsWith('portal-widgets'));
    view.pageErrors = page.pageErrors;
    return view;
  };

  for (const label of ['gbk', 'GBK', 'gb2312', 'x-gbk', 'chinese', '"gbk"', 'gb18030']) {
    test(`a GBK feed served with charset=${label} renders its titles`, async () => {
      const body = encode(gbkFeed, 'gbk');
      assert.notDeepEqual(body, Buffer.from(gbkFeed), 'the body is GBK, not UTF-8');
      const view = await served('gbk.json', body, `application/json; charset=${label}`);
      assert.deepEqual(view.titles, gbkTitles);
      assert.deepEqual(view.errors, []);
      assert.deepEqual(view.pageErrors, []);
    });
  }

  test('a GB18030 feed with its byte order mark renders, four-byte characters included', async () => {
    const text = JSON.stringify({ version: 1, articles: gbkArticles });
    const body = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), encode(text, 'gb18030')]);
    assert.ok(body.includes(Buffer.from([0x95, 0x32, 0x82, 0x36])), 'U+20000 as four GB18030 bytes');
    const view = await served('gb18030.json', body, 'application/json;charset=GB18030');
    assert.deepEqual(view.titles.sort(), [...gbkTitles, '镕𠀀 防汛应急演练'].sort());
    assert.deepEqual(view.errors, []);
  });

  test('a UTF-8 byte order mark wins over a wrong charset label', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(gbkFeed)]);
    const view = await served('bom.json', body, 'application/json; charset=gbk');
    assert.deepEqual(view.titles, gbkTitles);
    assert.deepEqual(view.errors, []);
  });

  test('an unknown charset label is ignored, as the standard does: the feed is read as UTF-8', async () => {
    const view = await served('unknown.json', Buffer.from(gbkFeed), 'application/json; charset=x-unknown-9');
    assert.deepEqual(view.titles, gbkTitles);
    assert.deepEqual(view.errors, []);
  });

  // Mislabelled, unlabelled, cut off, or labelled with an encoding the standard
  // never decodes: pw.related.bad_charset names the label and the first bad
  // byte, and the server-rendered list stays.
  const gbkBytes = encode(gbkFeed, 'gbk');
  const firstHigh = gbkBytes.findIndex((b) => b >= 0x80);
  const cut = gbkBytes.subarray(0, gbkBytes.indexOf(encode('（', 'gbk')) + 1);  // the first of its two bytes
  const badCharset = [
    ['GBK bytes labelled charset=utf-8', gbkBytes, 'application/json; charset=utf-8',
      new RegExp(`does not decode as utf-8 \\(charset=utf-8\\): byte ${firstHigh} \\(0x${gbkBytes[firstHigh].toString(16).toUpperCase()} 0x[0-9A-F]{2}\\) is not utf-8`)],
    ['GBK bytes with no charset', gbkBytes, 'application/json',
      new RegExp(`does not decode as utf-8 \\(no charset in its Content-Type: the default\\): byte ${firstHigh} `)],
    // Seven characters, 21 bytes of UTF-8: read as GBK, a lead byte is left without its second byte.
    ['UTF-8 bytes labelled charset=gbk', Buffer.from(JSON.stringify([{ title: '防汛通知公示了', url: '/g/1.html' }])), 'application/json; charset=gbk',
      /does not decode as gbk \(charset=gbk\): byte (1[1-9]|2\d|3[01]) \(0x[0-9A-F]{2} 0x[0-9A-F]{2}\) is not gbk/],
    ['a GBK feed cut inside a character', cut, 'application/json; charset=gbk',
      new RegExp(`does not decode as gbk \\(charset=gbk\\): it ends inside a character at byte ${cut.length - 1} \\(0xA3\\)`)],
    ['a UTF-8 feed cut inside a character', Buffer.from(gbkFeed).subarray(0, Buffer.from(gbkFeed).indexOf(Buffer.from('关')) + 2), 'application/json',
      new RegExp(`ends inside a character at byte ${Buffer.from(gbkFeed).indexOf(Buffer.from('关'))} \\(0xE5 0x85\\)`)],
    ['an unknown label on GBK bytes', gbkBytes, 'application/json; charset=x-unknown-9',
      new RegExp(`does not decode as utf-8 \\(charset=x-unknown-9 is not a label the Encoding Standard knows, so the default\\): byte ${firstHigh} `)],
    ['a label of the replacement encoding', gbkBytes, 'application/json; charset=hz-gb-2312',
      /labelled charset=hz-gb-2312, which the Encoding Standard never decodes \(byte 0 on is unreadable\)/],
  ];
  for (const [what, body, contentType, message] of badCharset) {
    test(`${what}: pw.related.bad_charset with the label and the offset; the server list stays`, async () => {
      const view = await served('bad-charset.json', body, contentType);
      assert.equal(view.fallback, true, 'fallback slot kept');
      assert.equal(view.fallbackVisible, true, 'server-rendered list visible');
      assert.deepEqual(view.errors, [{ id: 'pw.related.bad_charset', source: 'feed' }]);
      assert.equal(view.ours.length, 1, view.ours.join('\n'));
      assert.match(view.ours[0], message);
      assert.deepEqual(view.renders, []);
      assert.deepEqual(view.pageErrors, []);
    });
  }

  test('the 2 MiB limit is on the bytes received: a 1.9 MiB GBK feed (2.7 MiB as UTF-8) renders', async () => {
    const articles = Array.from({ length: 5000 }, (_, k) => ({ title: `防汛应急第${k}号通知`.padEnd(180, '。'), url: `/big/${k}.html` }));
    const body = encode(JSON.stringify({ version: 1, articles }), 'gbk');
    assert.ok(body.length < 2 * 1024 * 1024 && body.length > 1.8 * 1024 * 1024, `${body.length} bytes of GBK`);
    assert.ok(Buffer.byteLength(JSON.stringify({ version: 1, articles })) > 2.5 * 1024 * 1024);
    const view = await served('gbk-big.json', body, 'application/json; charset=gbk');
    assert.equal(view.titles.length, 8);
    assert.deepEqual(view.errors, []);
  });

  // --- Server-rendered lists from `pw-related --html` -----------------------
  const cli = join(ROOT, process.env.OUT || 'build', 'native/tools/pw-related/pw-related');
  /**
   * The test page with `fragment` (GBK bytes) where its server-rendered list
   * was, as a CMS's include puts it, and the page's CSS for the fragment's
   * classes (as docs/related.md suggests it); all in GBK, as a GBK site serves it.
   */
  const rankedPage = (fragment) => {
    const template = readFileSync(join(ROOT, 'tests/web/pages/related/index.html'), 'utf8')
      .replace('<meta charset="utf-8">', '<meta charset="gbk">')
      .replace('</style>', `  .pw-related-list { list-style: none; margin: 0; padding: 0; }
  .pw-related-item { display: flex; align-items: center; gap: .75em; height: 2.75em; }
  .pw-related-link { flex: 0 1 auto; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
  .pw-related-date { flex: none; margin-inline-start: auto; color: #595959; }
</style>`);
    const list = /<ul class="fallback">[\s\S]*?<\/ul>\n/.exec(template);
    assert.ok(list, 'the test page has its server-rendered list');
    return Buffer.concat([encode(template.slice(0, list.index), 'gbk'), fragment,
      encode(template.slice(list.index + list[0].length), 'gbk')]);
  };
  /** Runs the CLI on a small GBK site and returns the GBK fragment of /art/1.html. */
  const cliFragment = () => {
    assert.ok(existsSync(cli), `the CLI is built (${cli}; make native)`);
    const dir = mkdtempSync(join(tmpdir(), 'pw-related-html-'));
    try {
      const site = [
        { title: '关于做好2022年防汛工作的通知', url: '/art/1.html', date: '2022-06-10', keywords: ['防汛'] },
        { title: '防汛应急演练顺利开展', url: '/art/2.html', date: '2022-06-18' },
        { title: '县防汛抗旱指挥部召开防汛工作会议', url: '/art/3.html', date: '2022-06-17 09:30' },
        { title: '防汛物资储备情况公示 <b>&</b>', url: '/art/4.html', date: '2022-05-01' },
        { title: '防汛知识宣传进社区', url: '/art/5.html', date: '2022-06-12' },
        { title: '植树节义务植树活动', url: '/art/6.html', date: '2022-03-12' },
      ];
      writeFileSync(join(dir, 'site.jsonl'), encode(site.map((a) => JSON.stringify(a)).join('\n') + '\n', 'gbk'));
      execFileSync(cli, [join(dir, 'site.jsonl'), '--encoding', 'gbk', '--today', '2022-06-18', '--html', join(dir, 'html'), '--quiet']);
      return readFileSync(join(dir, 'html/art/1.html.html'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  /** Boxes of the list's items, the list, the element and the footer below it. */
  const boxes = (page) => page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 100) / 100); };
    const el = document.getElementById('rel');
    return {
      items: [...el.querySelectorAll('li')].map(box),
      list: box(el.querySelector('ul')),
      element: box(el),
      after: box(document.getElementById('after')),
    };
  });

  test('a pw-related --html list in a GBK page: kept in order, not replaced, 新 added, nothing moves', async () => {
    const fragment = cliFragment();
    const html = rankedPage(fragment);
    let feedRequests = 0;
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    const page = await env.page(null, {
      beforeLoad: async (p) => {
        await collectErrors(p);
        await p.clock.setFixedTime(new Date('2022-06-18T10:00:00'));
        await p.route(/\/tests\/related\/ranked-gbk\.html/, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=gbk', body: html }));
        await p.route('**/tests/related/never.json', (r) => { feedRequests += 1; r.fulfill({ status: 200, contentType: 'application/json', body: '[{"title":"不应出现","url":"/x.html"}]' }); });
        // Hold the related module back until the list's boxes are measured.
        await p.route(/\/dist\/related[.][0-9a-f]+[.]js$/, async (r) => { await gate; await r.continue(); });
      },
    });
    await page.goto(new URL('/tests/related/ranked-gbk.html?feed=never.json&loading=eager', env.url).href, { waitUntil: 'domcontentloaded' });
    const expected = await page.evaluate(() => [...document.querySelectorAll('#rel li')].map((li) => {
      li.__original = true;
      return { title: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href') };
    }));
    // The CLI's own order for /art/1.html, as the fragment has it (GBK decoded by the page).
    assert.equal(expected.length, 4, JSON.stringify(expected));  // the unrelated 植树节 article is not listed
    assert.ok(expected.every((e) => e.href !== '/art/1.html'), 'the article does not list itself');
    assert.ok(expected.some((e) => e.title === '防汛物资储备情况公示 <b>&</b>'), 'an escaped title reads as text');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const before = await boxes(page);
    release();
    await shown(page);
    const after = await page.evaluate(() => {
      const el = document.getElementById('rel');
      return {
        slot: !!el.shadowRoot.querySelector('slot') && !el.shadowRoot.querySelector('ul'),
        items: [...el.querySelectorAll('li')].map((li) => ({
          title: li.querySelector('a').textContent,
          href: li.querySelector('a').getAttribute('href'),
          same: li.__original === true,
          badge: li.querySelector('a + .pw-related-new') ? li.querySelector('.pw-related-new').shadowRoot.textContent : null,
        })),
      };
    });
    assert.equal(after.slot, true, 'the shadow root still shows the server-rendered list');
    assert.deepEqual(after.items.map(({ title, href }) => ({ title, href })), expected, 'order and content kept');
    assert.ok(after.items.every((i) => i.same), 'the same <li> elements, not copies');
    const newOnes = { '/art/2.html': true, '/art/3.html': true };  // 2022-06-18 and -17; 06-12 is 6 days old
    assert.deepEqual(after.items.map((i) => i.badge), after.items.map((i) => (newOnes[i.href] ? '新（新）' : null)));
    assert.equal(feedRequests, 0, 'src is not fetched for a ranked list');
    await page.waitForTimeout(200);
    assert.deepEqual(await boxes(page), before, 'no item, the list, the element or the footer moved');
    assert.equal(await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0)), 0);
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(await page.evaluate(() => window.__pwErrors), []);
    assert.deepEqual(await axe(page, 'pw-related'), []);
    await page.screenshot({ path: join(process.env.OUT || join(ROOT, 'build'), 'related-ranked.png'), clip: await page.evaluate(() => {
      const r = document.querySelector('section').getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height + 60 };
    }) }).catch(() => {});
  });

  test('a marked list is not re-ranked; an unmarked one is', async () => {
    // Listed least related first: the widget's ranking would put 防汛 first.
    const list = '<li><a href="/m/1.html">植树节义务植树活动</a> <time datetime="2022-03-12">2022-03-12</time></li>'
      + '<li><a href="/m/2.html">防汛应急预案修订</a> <time datetime="2022-06-17T08:00">2022-06-17</time></li>';
    for (const marked of [true, false]) {
      const page = await env.page(`${PAGE}?loading=eager`, {
        beforeLoad: async (p) => {
          await collectErrors(p);
          await p.clock.setFixedTime(new Date('2022-06-18T10:00:00'));
          await p.addInitScript(([items, mark]) => {
            document.addEventListener('DOMContentLoaded', () => {
              const ul = document.querySelector('#rel ul');
              ul.innerHTML = items;
              if (mark) ul.setAttribute('data-pw-ranked', '');
            }, { once: true, capture: true });
          }, [list, marked]);
        },
      });
      const view = await shown(page);
      if (marked) {
        assert.equal(view.fallbackVisible, true);
        assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#rel li a')].map((a) => a.textContent)),
          ['植树节义务植树活动', '防汛应急预案修订']);
        assert.equal(await page.evaluate(() => document.querySelectorAll('#rel .pw-related-new').length), 1);
      } else {
        assert.deepEqual(view.titles, ['防汛应急预案修订（新）', '植树节义务植树活动']);
      }
      assert.deepEqual(view.errors, []);
    }
  });
});
