// The npm package as a developer gets it: one version everywhere, `npm pack`
// of the product's package.json with dist/, installed into an empty folder
// with no network, then used both ways in Chromium: a script tag from
// node_modules/portal-widgets/dist/, and `import { start } from
// "portal-widgets"` bundled by esbuild with dist/ served from another folder
// through `base`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DIST, MODE, ROOT, coreVersion, jsModeScript, manifest } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const VERSION = coreVersion();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('one version everywhere: core/version.h, package.json, manifest.json, the banners, the changelog', () => {
  assert.match(VERSION, /^\d+\.\d+\.\d+$/);
  assert.equal(pkg.version, VERSION, 'package.json');
  assert.equal(manifest().version, VERSION, 'dist/manifest.json');
  for (const file of ['portal-widgets.js', 'portal-widgets.mjs']) {
    assert.match(readFileSync(join(DIST, file), 'utf8'), new RegExp(`^/\\*! portal-widgets ${VERSION.replace(/\./g, '\\.')} \\|`), file);
  }
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  const first = /^## \[([^\]]+)\]/m.exec(changelog);
  assert.ok(first, 'CHANGELOG.md has no release heading');
  assert.ok(first[1] === VERSION || first[1] === 'Unreleased', `CHANGELOG.md's first heading is ${first[1]}`);
  assert.match(changelog, new RegExp(`^## \\[${VERSION.replace(/\./g, '\\.')}\\]`, 'm'), `CHANGELOG.md has no ## [${VERSION}]`);
});

test('package.json is the product\'s: entry points exist in dist/, test tooling only in devDependencies', () => {
  assert.equal(pkg.name, 'portal-widgets');
  assert.equal(pkg.private, undefined);
  assert.equal(pkg.dependencies, undefined);
  assert.deepEqual(pkg.files, ['dist']);
  assert.equal(pkg.license, 'MIT');
  const targets = [pkg.exports['.'].types, pkg.exports['.'].default, pkg.module, pkg.types, pkg.customElements, pkg.unpkg, pkg.jsdelivr];
  for (const target of targets) {
    assert.match(target, /^\.\/dist\//);
    assert.ok(existsSync(join(DIST, target.slice('./dist/'.length))), `${target} is not in dist/`);
  }
  assert.equal(pkg.exports['./dist/*'], './dist/*');
});

describe('npm pack, installed offline, used both ways in Chromium', () => {
  let dir, app, web, browser;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pw-pack-'));
    // Pack the repository's package.json with this build's dist/ (DIST may live elsewhere).
    const stage = join(dir, 'stage');
    mkdirSync(stage);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) cpSync(join(ROOT, f), join(stage, f));
    cpSync(DIST, join(stage, 'dist'), { recursive: true });
    const npm = (args, cwd) => execFileSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error',
      `--cache=${join(dir, 'npm-cache')}`], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/' } });
    const packed = JSON.parse(npm(['pack', '--json', `--pack-destination=${dir}`], stage))[0];
    assert.equal(packed.name, 'portal-widgets');
    assert.equal(packed.version, VERSION);
    const outside = packed.files.map((f) => f.path).filter((p) => !p.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(p));
    assert.deepEqual(outside, [], 'files in the tarball outside dist/');
    // An empty project, no network (the registry points at a closed port).
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"name": "app", "private": true}\n');
    npm(['install', join(dir, packed.filename)], app);
    const installed = join(app, 'node_modules/portal-widgets');
    assert.ok(existsSync(join(installed, 'dist/portal-widgets.js')));
    // The bundler way: esbuild bundles the entry; dist/ is copied to /static/pw/ and
    // passed as base. A second bundle placed inside that folder relies on the default base.
    web = join(dir, 'web');
    mkdirSync(join(web, 'app'), { recursive: true });
    cpSync(join(installed, 'dist'), join(web, 'static/pw'), { recursive: true });
    writeFileSync(join(app, 'entry.js'), `import { start } from 'portal-widgets';
window.__started = start({ siteName: '打包测试站', siteHosts: ['www.example.gov.cn', 'example.gov.cn'], allow: '*.gov.cn',
  leaveCountdown: 3, base: '/static/pw/' });
`);
    writeFileSync(join(app, 'entry-bad.js'), `import { start } from 'portal-widgets';
window.__started = start({ lang: 'klingon', siteHost: 'www.example.gov.cn', base: '/static/pw' });
`);
    writeFileSync(join(app, 'entry-default.js'), `import { start } from 'portal-widgets';
window.__started = start({ siteName: '默认路径' });
`);
    const esbuild = (entry, out) => execFileSync('/usr/bin/esbuild', [entry, '--bundle', '--format=esm', `--outfile=${out}`, '--log-level=warning'], { cwd: app });
    esbuild('entry.js', join(web, 'app/app.js'));
    esbuild('entry-bad.js', join(web, 'app/bad.js'));
    esbuild('entry-default.js', join(web, 'static/pw/app-default.js'));
    const body = '<pw-font-size target="#zoom"></pw-font-size><div id="zoom"><p>正文</p></div><pw-qrcode text="https://www.example.gov.cn/"></pw-qrcode>';
    writeFileSync(join(web, 'script.html'), `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>t</title>
<script src="/node_modules/portal-widgets/dist/portal-widgets.js" defer data-site-name="脚本标签测试站"></script>${body}`);
    for (const [name, src] of [['module.html', '/app/app.js'], ['bad.html', '/app/bad.js'], ['default.html', '/static/pw/app-default.js']]) {
      writeFileSync(join(web, name), `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>t</title>
<script type="module" src="${src}"></script>${body}`);
    }
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `path` on a server of `mounts`; returns what the page ended up with. */
  async function visit(mounts, path, expression) {
    const { server, url } = await serve({ port: 0, mounts });
    const context = await browser.newContext();
    if (MODE === 'js') await context.addInitScript(jsModeScript);
    const requests = [];
    try {
      const page = await context.newPage();
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(new URL(path, url).href);
      const result = await page.evaluate(expression);
      return { result, requests, pageErrors: errors };
    } finally {
      await context.close();
      await new Promise((r) => server.close(r));
    }
  }
  const shown = async () => {
    const r = await (window.__started || window.PortalWidgets.ready);
    const qr = document.querySelector('pw-qrcode');
    await qr.ready;
    return { ok: r.ok, mode: r.mode, errors: r.errors.map((e) => `${e.id} ${e.source} ${e.message}`),
      version: window.PortalWidgets.version, config: window.PortalWidgets.config,
      qr: !!qr.shadowRoot.querySelector('svg path'), buttons: document.querySelector('pw-font-size').shadowRoot.querySelectorAll('button').length };
  };

  test('a script tag from node_modules/portal-widgets/dist/', async () => {
    const { result, pageErrors } = await visit([['/node_modules/', join(app, 'node_modules')], ['/', web]], '/script.html', shown);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(result.errors, []);
    assert.equal(result.ok, true);
    assert.equal(result.mode, MODE);
    assert.equal(result.version, VERSION);
    assert.equal(result.config.siteName, '脚本标签测试站');
    assert.equal(result.qr, true);
    assert.equal(result.buttons, 3);
  });

  test('the ES module bundled by esbuild, dist/ served from another folder through base', async () => {
    const { result, requests, pageErrors } = await visit([['/', web]], '/module.html', shown);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(result.errors, []);
    assert.equal(result.ok, true);
    assert.equal(result.version, VERSION);
    assert.equal(result.config.siteName, '打包测试站');
    for (const host of ['www.example.gov.cn', 'example.gov.cn']) assert.ok(result.config.siteHosts.includes(host), result.config.siteHosts.join(' '));
    assert.deepEqual(result.config.allow, ['*.gov.cn']);
    assert.equal(result.config.leaveCountdown, 3);
    assert.equal(result.qr, true);
    const suite = requests.filter((p) => /portal-widgets|core[.-]/.test(p));  // core-js: the plain-JS build
    assert.ok(suite.length >= 3 && suite.every((p) => p.startsWith('/static/pw/')), suite.join(' '));
  });

  test('start() settings are validated by the core with the script tag\'s errors', async () => {
    const { result } = await visit([['/', web]], '/bad.html', shown);
    assert.equal(result.ok, true);  // bad settings fall back to defaults; the suite runs
    assert.equal(result.errors.length, 2, result.errors.join('\n'));
    assert.match(result.errors.find((e) => e.startsWith('pw.config.bad_lang')), /^pw\.config\.bad_lang data-lang .*klingon/);
    assert.match(result.errors.find((e) => e.startsWith('pw.config.unknown_attribute')), /did you mean data-site-hosts\?/);
  });

  test('without base, start() finds dist/ next to the bundle (import.meta.url)', async () => {
    const { result } = await visit([['/', web]], '/default.html', shown);
    assert.deepEqual(result.errors, []);
    assert.equal(result.config.siteName, '默认路径');
    assert.equal(result.qr, true);
  });

  test('a wrong base resolves ready with mode "none" and a pw.core.load_failed naming the URL', async () => {
    writeFileSync(join(web, 'app/wrong.js'), readFileSync(join(web, 'app/app.js'), 'utf8').replace("base: \"/static/pw/\"", 'base: "/nowhere/"'));
    writeFileSync(join(web, 'wrong.html'), '<!doctype html><meta charset="utf-8"><title>t</title><script type="module" src="/app/wrong.js"></script>');
    const { result } = await visit([['/', web]], '/wrong.html', async () => {
      const r = await window.__started;
      return { mode: r.mode, ok: r.ok, errors: r.errors.map((e) => `${e.id} ${e.message}`) };
    });
    assert.equal(result.mode, 'none');
    assert.match(result.errors[0], /^pw\.core\.load_failed .*\/nowhere\/portal-widgets\.js/);
  });
});
