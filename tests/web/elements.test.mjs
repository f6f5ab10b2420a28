// web/elements.json, the one description of the elements, checked against the
// elements themselves: observedAttributes, the attributes each element reads,
// the CSS parts and slots in its shadow root (in states that show them all),
// the custom properties its stylesheet reads, the script-tag attributes the core
// knows; and the generated d.ts and custom-elements.json agree with it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT, openBrowser, ready } from './helpers.mjs';
import { loadElements, optionName } from '../../web/elements.mjs';

const description = loadElements();
const byTag = Object.fromEntries(description.elements.map((e) => [e.tag, e]));
const names = (list) => list.map((x) => x.name).sort();
const WECHAT = {
  viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) NetType/WIFI Language/zh_CN',
};

/** What an element's shadow root shows now: part names, slot names, custom properties its stylesheets read. */
const inspect = (page, selector) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  const root = el.shadowRoot;
  const parts = new Set();
  for (const node of root.querySelectorAll('[part]')) for (const p of node.part) parts.add(p);
  const slots = [...root.querySelectorAll('slot')].map((s) => s.name);
  const css = root.adoptedStyleSheets.map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n') +
    [...root.querySelectorAll('style')].map((s) => s.textContent).join('\n');
  const vars = [...new Set([...css.matchAll(/var\((--pw-[a-z0-9-]+)/g)].map((m) => m[1]))];
  return { parts: [...parts], slots, vars };
}, selector);

describe('web/elements.json against the elements in Chromium', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  const seen = {};  // tag -> {parts:Set, slots:Set, vars:Set}
  const record = (tag, found) => {
    const s = seen[tag] = seen[tag] || { parts: new Set(), slots: new Set(), vars: new Set() };
    for (const k of ['parts', 'slots', 'vars']) for (const v of found[k]) s[k].add(v);
  };

  // Each element's code arrives with its module: when one of its kind is on the
  // page, the leave dialog's on the first click that asks (docs/embed.md). Gets
  // every element defined.
  const defineAll = async (page) => {
    await page.click('#external');
    await page.locator('pw-leave-dialog').waitFor({ state: 'attached' });
    await page.keyboard.press('Escape');
    await page.evaluate((tags) => {
      for (const tag of tags) {
        if (customElements.get(tag) || tag === 'pw-leave-dialog') continue;
        const el = document.createElement(tag);
        el.hidden = true;
        document.body.append(el);
      }
      return Promise.all(tags.map((tag) => customElements.whenDefined(tag)));
    }, Object.keys(byTag));
  };

  test('each element\'s observedAttributes are exactly the attributes described as observed', async () => {
    const page = await env.page('/tests/elements/all.html');
    await ready(page);
    await defineAll(page);
    const observed = await page.evaluate((tags) => Object.fromEntries(tags.map((t) =>
      [t, [...(customElements.get(t).observedAttributes || [])].sort()])), Object.keys(byTag));
    for (const el of description.elements) {
      assert.deepEqual(observed[el.tag], el.attributes.filter((a) => a.observed).map((a) => a.name).sort(), el.tag);
    }
  });

  test('the page-authored elements show their fallback through the default slot before mounting', async () => {
    const page = await env.page('/tests/elements/all.html');
    await ready(page);
    await defineAll(page);
    for (const el of description.elements.filter((e) => e.slots.some((s) => s.name === ''))) {
      const slots = await page.evaluate((tag) => [...document.createElement(tag).shadowRoot.querySelectorAll('slot')].map((s) => s.name), el.tag);
      assert.deepEqual(slots, [''], el.tag);
    }
  });

  test('font-size, QR code (with logo, caption, download) and related (list, badge, empty) show the described parts', async () => {
    const page = await env.page('/tests/elements/all.html');
    await ready(page);
    await page.evaluate(async () => {
      const d = new Date();
      const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const feed = (articles) => `<script type="application/json">${JSON.stringify({ version: 1, articles })}</script>`;
      document.getElementById('related').innerHTML =
        `<pw-related id="list" loading="eager">${feed([
          { title: '森林防火工作会议召开', url: '/a/1.html', date: today, keywords: ['森林防火'] },
          { title: '春季森林防火检查', url: '/a/2.html', date: '2020-01-01', keywords: ['森林防火'] }])}</pw-related>` +
        `<pw-related id="empty" loading="eager">${feed([{ title: '关于做好森林防火工作的通知', url: location.href }])}</pw-related>`;
      await Promise.all([...document.querySelectorAll('pw-related')].map(async (el) => {
        await customElements.whenDefined('pw-related');
        await el.ready;
      }));
    });
    for (const [tag, selector] of [['pw-font-size', 'pw-font-size'], ['pw-qrcode', '#qr'], ['pw-related', '#list'], ['pw-related', '#empty']]) {
      record(tag, await inspect(page, selector));
    }
    assert.ok(seen['pw-related'].parts.has('new') && seen['pw-related'].parts.has('empty'), 'the related states did not render');
  });

  test('the share card overlay (WeChat on a phone) shows the overlay part', async () => {
    const page = await env.page('/tests/elements/all.html', { context: WECHAT });
    await ready(page);
    await page.locator('#qr').evaluate((el) => el.ready);
    await page.locator('#qr .save').tap();
    await page.locator('#qr dialog').waitFor({ state: 'visible' });
    record('pw-qrcode', await inspect(page, '#qr'));
  });

  test('the leave dialog with a countdown shows the described parts', async () => {
    const page = await env.page('/tests/elements/all.html');
    await ready(page);
    await page.click('#external');
    await page.locator('pw-leave-dialog').waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.querySelector('pw-leave-dialog').shadowRoot.querySelector('[part~="dialog"]'));
    record('pw-leave-dialog', await inspect(page, 'pw-leave-dialog'));
    await page.keyboard.press('Escape');
  });

  test('parts, named slots and custom properties seen are exactly the described ones', () => {
    for (const el of description.elements) {
      const s = seen[el.tag];
      assert.ok(s, `${el.tag} was never inspected`);
      assert.deepEqual([...s.parts].sort(), names(el.parts), `${el.tag}: parts`);
      assert.deepEqual([...s.slots].filter(Boolean).sort(), names(el.slots).filter(Boolean), `${el.tag}: named slots`);
      assert.deepEqual([...s.vars].sort(), names(el.cssProperties), `${el.tag}: custom properties read by its stylesheet`);
    }
  });

  test('the script-tag attributes are exactly those the core knows', async () => {
    // The core names every attribute it knows when it meets an unknown one that looks like its own.
    const probe = await env.page(null, {
      beforeLoad: (p) => p.route('**/tests/elements/probe.html', (route) => route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><title>t</title><script src="/dist/portal-widgets.js" data-pw-probe="1"></script>',
      })),
    });
    await probe.goto(new URL('/tests/elements/probe.html', env.url).href);
    const result = await probe.evaluate(() => window.PortalWidgets.ready);
    const unknown = result.errors.find((e) => e.id === 'pw.config.unknown_attribute');
    assert.ok(unknown, JSON.stringify(result.errors));
    const listed = /expected one of ([^.]+)\./.exec(unknown.message)[1].split(', ').sort();
    assert.deepEqual(listed, names(description.script.attributes));
  });
});

describe('web/elements.json against the element sources', () => {
  const sources = {
    'pw-font-size': 'widgets/font-size/font-size.element.js',
    'pw-qrcode': 'widgets/qrcode/qrcode.element.js',
    'pw-related': 'widgets/related/related.element.js',
    'pw-leave-dialog': 'widgets/leave-site/leave-dialog.element.js',
  };
  test('every attribute an element reads from itself is described, and every described one is read', () => {
    assert.deepEqual(Object.keys(sources).sort(), Object.keys(byTag).sort());
    for (const [tag, file] of Object.entries(sources)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const read = new Set([...text.matchAll(/\bthis\.(?:get|has)Attribute\('([a-z-]+)'\)|\battr\('([a-z-]+)'\)/g)].map((m) => m[1] || m[2]));
      for (const n of (/observedAttributes\(\)\s*{\s*return\s*\[([^\]]*)\]/.exec(text) || [, ''])[1].matchAll(/'([a-z-]+)'/g)) read.add(n[1]);
      // pw-leave-dialog sets its own role and aria-* attributes; it reads none.
      if (tag === 'pw-leave-dialog') read.clear();
      assert.deepEqual([...read].sort(), names(byTag[tag].attributes), tag);
    }
  });
});

describe('generated files', () => {
  test('dist/custom-elements.json lists every element with its attributes, parts, slots, events and custom properties', () => {
    const cem = JSON.parse(readFileSync(join(DIST, 'custom-elements.json'), 'utf8'));
    assert.equal(cem.schemaVersion, '2.0.0');
    const decls = cem.modules.flatMap((m) => m.declarations).filter((d) => d.customElement);
    assert.deepEqual(decls.map((d) => d.tagName).sort(), Object.keys(byTag).sort());
    for (const d of decls) {
      const el = byTag[d.tagName];
      assert.deepEqual(names(d.attributes), names(el.attributes));
      assert.deepEqual(names(d.cssParts), names(el.parts));
      assert.deepEqual(names(d.cssProperties), names(el.cssProperties));
      assert.deepEqual(names(d.events), names(el.events));
      assert.deepEqual(names(d.slots), names(el.slots));
      for (const a of d.attributes) assert.ok(a.type && a.type.text && a.description, `${d.tagName} ${a.name}`);
    }
    const defined = cem.modules.flatMap((m) => m.exports).filter((x) => x.kind === 'custom-element-definition').map((x) => x.name).sort();
    assert.deepEqual(defined, Object.keys(byTag).sort());
  });

  test('dist/portal-widgets.d.ts type-checks, and a page\'s typed use of elements and events compiles (bad values do not)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-dts-'));
    try {
      writeFileSync(join(dir, 'portal-widgets.d.ts'), readFileSync(join(DIST, 'portal-widgets.d.ts')));
      const settings = description.script.attributes.map((a) =>
        `${optionName(a.name)}: ${a.type === 'enum' ? JSON.stringify(a.values[0]) : a.type === 'number' ? 1 : '"x"'}`).join(', ');
      writeFileSync(join(dir, 'good.ts'), `import { start, type PortalWidgetsSettings, type PwQrcodeAttributes } from './portal-widgets';
start({ siteName: '某某县', siteHosts: ['www.example.gov.cn'], base: new URL('https://www.example.gov.cn/static/pw/') }).then((r) => r.ok);
const settings: PortalWidgetsSettings = { ${settings} };
const qr: PwQrcodeAttributes = { size: 200, ecc: 'Q', download: true };
const fs = document.querySelector('pw-font-size');
if (fs) { fs.level = 18; fs.ready.then(() => undefined); }
document.querySelector('pw-related')?.addEventListener('pw-related-render', (e) => { const n: number = e.detail.count; void n; });
document.addEventListener('pw-error', (e) => { const id: string = e.detail.id; void id; });
window.PortalWidgets?.ready.then((r) => r.mode);
void settings; void qr;
`);
      writeFileSync(join(dir, 'bad.ts'), `import type { PortalWidgetsSettings } from './portal-widgets';
const settings: PortalWidgetsSettings = { leave: 'popup' };
void settings;
start({ leaveCountdown: true });
`);
      const tsc = (file) => execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '--strict', '--lib', 'es2020,dom',
        '--target', 'es2020', '--module', 'esnext', '--moduleResolution', 'bundler', file, 'portal-widgets.d.ts'], { cwd: dir, encoding: 'utf8' });
      tsc('good.ts');
      assert.throws(() => tsc('bad.ts'), (error) => /bad\.ts\(2,.*popup/.test(String(error.stdout)) && /bad\.ts\(4,/.test(String(error.stdout)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('web/elements.json against the docs', () => {
  const section = (text, heading) => {
    const start = text.indexOf(`\n## ${heading}\n`);
    if (start < 0) return '';
    const end = text.indexOf('\n## ', start + 1);
    return text.slice(start, end < 0 ? undefined : end);
  };
  test('each widget page has a table row for every attribute, and its Styling section lists exactly the parts and custom properties', () => {
    for (const el of description.elements) {
      const text = readFileSync(join(ROOT, el.docs), 'utf8');
      for (const a of el.attributes) assert.match(text, new RegExp(`^\\| [^|]*\`${a.name}\``, 'm'), `${el.docs}: no row for ${a.name}`);
      const styling = section(text, 'Styling');
      assert.ok(styling, `${el.docs} has no "## Styling" section`);
      assert.deepEqual([...new Set([...styling.matchAll(/`::part\(([a-z-]+)\)`/g)].map((m) => m[1]))].sort(), names(el.parts), `${el.docs}: parts`);
      assert.deepEqual([...new Set([...styling.matchAll(/^\| `(--pw-[a-z0-9-]+)`/gm)].map((m) => m[1]))].sort(), names(el.cssProperties), `${el.docs}: custom properties`);
    }
  });
  test('docs/embed.md has a row for every script-tag attribute', () => {
    const text = readFileSync(join(ROOT, 'docs/embed.md'), 'utf8');
    for (const a of description.script.attributes) assert.match(text, new RegExp(`^\\| [^|]*\`${a.name}\``, 'm'), a.name);
  });
});

test('every custom property and ::part() the docs mention is one web/elements.json describes', () => {
  const vars = new Set(description.elements.flatMap((e) => e.cssProperties.map((c) => c.name)));
  const parts = new Set(description.elements.flatMap((e) => e.parts.map((p) => p.name)));
  const unknown = [];
  for (const file of ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [name] of text.matchAll(/--pw-[a-z0-9-]+/g)) if (!vars.has(name)) unknown.push(`${file}: ${name}`);
    for (const [, list] of text.matchAll(/::part\(([a-z|-]+)\)/g)) {
      for (const name of list.split('|')) if (name !== 'name' && !parts.has(name)) unknown.push(`${file}: ::part(${name})`);
    }
  }
  assert.deepEqual(unknown, []);
});
