#!/usr/bin/env node
// Packages dist/ from a WASM build: wraps every Emscripten module so it declares
// no global and never calls an AMD define(), composes the eager core file (WASM
// glue + runtime + every widget's element code), content-hashes the files the
// loader fetches, writes the loader with their names and SRI hashes, and lists
// every file in manifest.json. The types and custom-elements.json are generated
// from web/elements.json (web/elements.mjs).
//
//   node web/package.mjs --build build/wasm --out dist
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { customElementsManifest, elementsDts, loadElements } from './elements.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const BUILD = resolve(args.build || join(ROOT, 'build/wasm'));
const OUT = resolve(args.out || join(ROOT, 'dist'));

const read = (path) => readFileSync(path, 'utf8');
const version = /#define PW_VERSION "([^"]+)"/.exec(read(join(ROOT, 'core/version.h')))[1];
const sha = (algo, data, encoding) => createHash(algo).update(data).digest(encoding);
const integrity = (data) => `sha384-${sha('sha384', data, 'base64')}`;
const hashed = (stem, ext, data) => `${stem}.${sha('sha256', data, 'hex').slice(0, 10)}${ext}`;

/** Purposes fetched on every page before any interaction. */
const EAGER = new Set(['loader', 'host-css', 'core']);

// Files in a fixed order: the runtime first, then each widget's element code.
const RUNTIME = ['pw.js', 'wasm.js', 'element.js', 'boot.js'].map((f) => join(ROOT, 'web/runtime', f));
const widgetDirs = (existsSync(join(ROOT, 'widgets')) ? readdirSync(join(ROOT, 'widgets'), { withFileTypes: true }) : [])
  .filter((d) => d.isDirectory()).map((d) => join(ROOT, 'widgets', d.name)).sort();
const widgetFiles = (suffix) => widgetDirs.flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f)));

function glue(purpose) {
  const path = join(BUILD, 'modules', `${purpose}.js`);
  if (!existsSync(path)) throw new Error(`${path} is missing: build the wasm preset first`);
  const factory = `PWModule_${purpose.replace(/-/g, '_')}`;
  // `define`, `exports` and `module` are parameters bound to undefined, so the
  // UMD footer Emscripten appends finds no AMD or CommonJS loader. `fetch` is
  // hidden too: the loader fetches the .wasm (with its SRI hash) and hands the
  // bytes over through instantiateWasm; the glue must never fetch anything.
  return `var factory = (function (define, exports, module, fetch) {\n${read(path)}\nreturn ${factory};\n})();\n`;
}

const banner = `/*! portal-widgets ${version} | MIT | third-party notices: THIRD-PARTY-NOTICES.txt */\n`;

// Module files and the loader ship minified by Debian's esbuild (names, syntax, white space;
// about a third smaller after gzip than the commented source). Its default
// ASCII output matters as much: every non-ASCII character is written as a
// \u escape, so the Chinese UI strings survive on GBK/GB2312 pages that serve
// our files without a charset. The banner comment (/*!) is kept.
function minifyJs(code, target = 'es2019') {
  return execFileSync('esbuild', ['--minify', `--target=${target}`, '--legal-comments=inline', '--log-level=warning'],
    { input: code, maxBuffer: 256 << 20 }).toString();
}

function coreFile() {
  const parts = [...RUNTIME, ...widgetFiles('.element.js')].map((path) =>
    `// ---- ${path.slice(ROOT.length + 1)}\n${read(path)}`);
  return `${banner}(function () {\n${glue('core')}(function () {\n'use strict';\n` +
    `const shell = window.PortalWidgets && window.PortalWidgets.__pw;\nif (!shell) return;\n` +
    `${parts.join('\n')}\n` +
    // The last resort for anything PW.boot's own catches did not handle: the same
    // rule as there (boot.js): "none" only while nothing of the suite is on the page.
    `shell.provide('core', () => PW.boot(factory).catch((error) => {\n` +
    `  const touched = PW.touched;\n` +
    `  PW.reportError(document, { id: touched ? 'pw.core.boot_failed' : 'pw.core.load_failed', source: 'portal-widgets.js', message: 'portal-widgets: the core failed to start: ' + (error && error.message) });\n` +
    `  shell.resolveReady({ ok: false, mode: touched ? 'wasm' : 'none', errors: PW.errors.slice() });\n}));\n` +
    `})();\n})();\n`;
}

function lazyFile(purpose, ownAssets) {
  const addAssets = ownAssets ? `Object.assign(api.__pw.files.assets, ${JSON.stringify(ownAssets)});\n` : '';
  return `${banner}(function () {\n${glue(purpose)}var api = window.PortalWidgets;\n` +
    `if (!api || !api.__pw) return;\n${addAssets}api.__pw.provide(${JSON.stringify(purpose)}, factory);\n})();\n`;
}

function minifyCss(css) {
  return css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}').trim() + '\n';
}

// --- assemble -----------------------------------------------------------------
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const entries = [];  // {name, purpose, data}
const files = { modules: {}, assets: {} };
const add = (name, purpose, data) => {
  writeFileSync(join(OUT, name), data);
  entries.push({ name, purpose, data: Buffer.from(data) });
};

// Lazy assets (font slices, …): <build>/assets/<purpose>/<file>. Their list
// travels in the lazy module that uses them, not in the loader every page
// downloads: when that module's file runs, it adds its list to
// shell.files.assets before handing over its factory.
const ASSET_OWNERS = { 'font-slice': 'share-card', 'font-index': 'share-card' };
const assets = {};  // owner module -> {purpose: [{name, file, integrity}]}
const assetsDir = join(BUILD, 'assets');
if (existsSync(assetsDir)) {
  for (const purpose of readdirSync(assetsDir).sort()) {
    const owner = ASSET_OWNERS[purpose];
    if (!owner) throw new Error(`assets/${purpose}: add its owning module to ASSET_OWNERS in web/package.mjs`);
    assets[owner] = assets[owner] || {};
    const list = assets[owner][purpose] = [];
    for (const file of readdirSync(join(assetsDir, purpose)).sort()) {
      const data = readFileSync(join(assetsDir, purpose, file));
      const ext = extname(file);
      const name = hashed(`${purpose}.${basename(file, ext)}`, ext, data);
      add(name, purpose, data);
      list.push({ name: file, file: name, integrity: integrity(data) });
    }
  }
}

const modulePurposes = readdirSync(join(BUILD, 'modules')).filter((f) => f.endsWith('.js'))
  .map((f) => basename(f, '.js')).sort((a, b) => (a === 'core' ? -1 : b === 'core' ? 1 : a.localeCompare(b)));
for (const purpose of modulePurposes) {
  const data = minifyJs(purpose === 'core' ? coreFile() : lazyFile(purpose, assets[purpose]));
  const name = hashed(purpose, '.js', data);
  add(name, purpose, data);
  files.modules[purpose] = { file: name, integrity: integrity(data) };
  const wasmPath = join(BUILD, 'modules', `${purpose}.wasm`);
  if (existsSync(wasmPath)) {
    const wasm = readFileSync(wasmPath);
    const wasmName = hashed(purpose, '.wasm', wasm);
    add(wasmName, purpose, wasm);
    files.modules[purpose].wasm = { file: wasmName, integrity: integrity(wasm) };
  }
}

// The loader and its shell parts are commented for readers of the source and run
// on every page: they ship without whole-line comments, blank lines and indentation (safe in
// ES5: no template literals, so no line lies inside a multi-line string).
function compactShell(source) {
  let inBlock = false;
  return source.split('\n').map((line) => line.trim()).filter((line) => {
    if (inBlock) { inBlock = !line.includes('*/'); return false; }
    if (line.startsWith('/*') && !line.startsWith('/*!')) {
      if (!line.includes('*/')) { inBlock = true; return false; }
      return !line.endsWith('*/');  // code after a one-line comment stays
    }
    return line !== '' && !line.startsWith('//');
  }).join('\n');
}
const shellParts = widgetFiles('.shell.js').map((path) =>
  `// ---- ${path.slice(ROOT.length + 1)}\n${compactShell(read(path))}`).join('\n');
const loader = compactShell(read(join(ROOT, 'web/loader.js'))
  // Replacer functions: a "$&" or "$'" inside the inserted text must stay literal.
  .replace('__PW_VERSION__', () => version)
  .replace('__PW_FILES__', () => JSON.stringify(files))
  .replace('/*__PW_SHELL_PARTS__*/', () => shellParts));
add('portal-widgets.js', 'loader', minifyJs(loader, 'es5'));  // ES5 in, ES5 out
// The ES module entry for bundlers (start()): not fetched by script-tag pages.
add('portal-widgets.mjs', 'module-entry', minifyJs(read(join(ROOT, 'web/portal-widgets.mjs')).replace('__PW_VERSION__', () => version), 'es2020'));  // import.meta needs ES2020
add('portal-widgets.css', 'host-css', minifyCss(read(join(ROOT, 'web/portal-widgets.css'))));
// Types and the Custom Elements Manifest: the hand-written API types plus what
// web/elements.json (the one description of the elements) generates.
const description = loadElements();
add('portal-widgets.d.ts', 'types', read(join(ROOT, 'web/portal-widgets.d.ts')) + '\n' + elementsDts(description));
add('custom-elements.json', 'custom-elements', JSON.stringify(customElementsManifest(description), null, 2) + '\n');

// Third-party notices: the licences of everything compiled or bundled into dist/.
const notices = [
  ['Emscripten runtime and system libraries (musl, libc++, emmalloc)', '/usr/share/doc/emscripten/copyright'],
  ['nlohmann/json', '/usr/share/doc/nlohmann-json3-dev/copyright'],
  ['stb (stb_truetype, stb_image_write)', '/usr/share/doc/libstb-dev/copyright'],
  ['QR Code generator library (nayuki)', join(ROOT, '.cache/deps/qrcodegen/Readme.markdown')],
  ...(existsSync(join(BUILD, 'assets-licences')) ? readdirSync(join(BUILD, 'assets-licences')).sort()
    .map((f) => [basename(f, extname(f)), join(BUILD, 'assets-licences', f)]) : []),
];
const noticeText = [`portal-widgets ${version} includes the following third-party software.\n`,
  ...notices.map(([title, path]) => {
    if (!existsSync(path)) throw new Error(`licence file ${path} is missing (run scripts/setup.sh)`);
    let text = read(path);
    if (path.endsWith('Readme.markdown')) text = text.slice(text.indexOf('License'));
    return `${'='.repeat(78)}\n${title}\n${'='.repeat(78)}\n${text.trim()}\n`;
  })].join('\n');
add('THIRD-PARTY-NOTICES.txt', 'notices', noticeText);

const manifest = {
  name: 'portal-widgets',
  version,
  files: entries.map(({ name, purpose, data }) => ({
    name,
    bytes: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    integrity: integrity(data),
    eager: EAGER.has(purpose),
    purpose,
  })),
};
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`packaged ${entries.length + 1} files into ${OUT}`);
