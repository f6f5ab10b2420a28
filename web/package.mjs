#!/usr/bin/env node
// Packages dist/ from a WASM build: ships every module's .wasm alone with a
// table of its import/export names (no Emscripten glue: web/runtime/wasm.js
// instantiates them), composes the core file (runtime + every widget's element
// code, one closure: no global, no AMD define()), content-hashes the files the
// loader fetches, writes the loader with their names and SRI hashes, and lists
// every file in manifest.json with when pages fetch it. The types and custom-elements.json are generated
// from web/elements.json (web/elements.mjs).
//
//   node web/package.mjs --build build/wasm --out dist
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * When a page fetches each purpose's files (DESIGN.md, "manifest"): critical
 * (before the load event), idle (on every page after it), element (only when
 * its element is on the page), interaction (on a reader's action), fallback
 * (only where WebAssembly cannot run), never (not fetched by pages).
 * `eager` in the manifest is `when == "critical"`.
 */
const WHEN = {
  loader: 'critical', 'host-css': 'critical',
  core: 'idle',
  // The core's build with the full host parser (IDN, IP addresses; core/host.h):
  // fetched only when the core meets a host it cannot parse, in the page's
  // data-site-hosts or data-allow (at boot) or a link's IDN host the leave dialog
  // shows (web/runtime/boot.js, leave-site.element.js).
  'core-full': 'interaction',
  // The page build (CMakeLists.txt): the core with the font-size and QR modules'
  // exports, fetched instead of their .wasm on a page that has both elements.
  'core-page': 'element',
  // The plain-JS builds (wasm2js of each module's .wasm, see plainJsBuild):
  // fetched only where WebAssembly cannot run, or with data-mode="js".
  'core-js': 'fallback', 'core-full-js': 'fallback', 'core-page-js': 'fallback', 'font-size-js': 'fallback', 'qrcode-js': 'fallback', 'related-js': 'fallback', 'share-card-js': 'fallback',
  qrcode: 'element', related: 'element', 'font-size': 'element', 'element-base': 'element',
  'leave-dialog': 'interaction', 'share-card': 'interaction', 'font-index': 'interaction', 'font-slice': 'interaction',
  // portal-widgets.mjs is the npm entry: a bundler builds it into the page's own
  // script; a page using the script tag never fetches it.
  types: 'never', notices: 'never', studio: 'never', 'custom-elements': 'never', 'module-entry': 'never',
};
const whenOf = (purpose) => {
  if (!WHEN[purpose]) throw new Error(`purpose ${purpose}: say when pages fetch it in WHEN (web/package.mjs)`);
  return WHEN[purpose];
};

// Files in a fixed order: the runtime first, then each widget's element code.
// The element base class (element.js) is a module of its own, element-base, loaded
// with the first element module (boot.js).
const RUNTIME = ['pw.js', 'wasm.js', 'boot.js'].map((f) => join(ROOT, 'web/runtime', f));
const ELEMENT_BASE = join(ROOT, 'web/runtime/element.js');
const widgetDirs = (existsSync(join(ROOT, 'widgets')) ? readdirSync(join(ROOT, 'widgets'), { withFileTypes: true }) : [])
  .filter((d) => d.isDirectory()).map((d) => join(ROOT, 'widgets', d.name)).sort();
const filesIn = (dirs, suffix) => dirs.flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f)));
const widgetFiles = (suffix) => filesIn(widgetDirs, suffix);
/**
 * Which widgets' element code is in the core file: the same rule as the core
 * module's C++ (CMakeLists.txt): a widget room with widgets/<name>/<name>_exports.cpp
 * is part of the core every page fetches (leave-site). Every other room's element
 * code ships as <name>.<hash>.js beside its module's .wasm (purpose <name>), and
 * the core fetches it only when one of its elements is on the page (boot.js).
 */
// In such a room only <name>.element.js is in the core: another element file
// there (leave-dialog.element.js) ships as a module of its own, named after the
// file, which the core fetches when it needs that element (the leave dialog on
// the first click that asks: when "interaction").
const inCore = (dir) => existsSync(join(dir, `${basename(dir)}_exports.cpp`));
const CORE_ELEMENT_FILES = widgetDirs.filter(inCore).map((dir) => join(dir, `${basename(dir)}.element.js`))
  .filter((path) => existsSync(path));
const ELEMENT_MODULES = [  // {purpose, sources}
  { purpose: 'element-base', sources: [ELEMENT_BASE] },
  ...widgetDirs.filter((dir) => !inCore(dir) && filesIn([dir], '.element.js').length)
    .map((dir) => ({ purpose: basename(dir), sources: filesIn([dir], '.element.js') })),
  ...filesIn(widgetDirs.filter(inCore), '.element.js').filter((path) => !CORE_ELEMENT_FILES.includes(path))
    .map((path) => ({ purpose: basename(path, '.element.js'), sources: [path] })),
];
/**
 * Lazy parts: code an element fetches on a reader's action, not with the
 * element (widgets/<room>/<name>.lazy.js, e.g. the QR code's share card, fetched
 * on the first click of its save button). Each ships as <name>.<hash>.js,
 * purpose <name> (so when WHEN[<name>]), and is named, with its SRI hash, by
 * its room's element module (by the core file for a room in the core): a page
 * fetches the name only with the element that may ask for it. Its body runs as
 * a function of PW; what it returns is what PW.shell.load(<name>) hands the
 * element once called with PW. The .wasm files it loads travel in it, as for
 * element modules.
 */
const LAZY_PARTS = widgetDirs.flatMap((dir) => filesIn([dir], '.lazy.js')
  .map((path) => ({ purpose: basename(path, '.lazy.js'), room: dir, sources: [path] })));
const definedElements = (paths) => paths.flatMap((path) =>
  [...read(path).matchAll(/PW\.defineElement\('(pw-[a-z-]+)'/g)].map((m) => m[1]));

/**
 * One home for each rule: JS that needs a limit of the core writes
 * __PW_CORE_<name>__, and the value comes from the `constexpr` of that name in
 * core/*.h: a number or a product of numbers (`= 2 * 1024 * 1024;`), an array
 * of numbers (`kName[] = {18, 20, 24};` → [18,20,24]) or a string literal
 * without escapes (→ a quoted JS string). The loader's shell parts, the
 * loader and the element code all get them. Fails on a name no header defines.
 */
const CORE_HEADERS = readdirSync(join(ROOT, 'core')).filter((f) => f.endsWith('.h')).map((f) => read(join(ROOT, 'core', f)));
function coreConstant(name) {
  const number = (text) => {
    const value = text.split('*').reduce((product, factor) => product * Number(factor.trim()), 1);
    if (!Number.isFinite(value)) throw new Error(`core constant ${name}: ${text.trim()} is not a number`);
    return value;
  };
  for (const header of CORE_HEADERS) {
    let m = new RegExp(`constexpr\\s+[\\w:]+\\s+${name}\\s*=\\s*([0-9.\\s*]+);`).exec(header);
    if (m) return String(number(m[1]));
    m = new RegExp(`constexpr\\s+[\\w:]+\\s+${name}\\s*\\[\\s*\\d*\\s*\\]\\s*=\\s*\\{([0-9.,\\s*]+)\\};`).exec(header);
    if (m) return JSON.stringify(m[1].split(',').filter((item) => item.trim()).map(number));
    m = new RegExp(`constexpr\\s+const\\s+char\\s*\\*\\s*${name}\\s*=\\s*"([^"\\\\]*)";`).exec(header);
    if (m) return JSON.stringify(m[1]);
  }
  throw new Error(`__PW_CORE_${name}__: no "constexpr … ${name} = <number>;", "${name}[] = {<numbers>};" or "${name} = \"<text>\";" in core/*.h`);
}
const injectCoreConstants = (source, path) => source.replace(/__PW_CORE_(\w+)__/g, (m, name) => {
  try {
    return coreConstant(name);
  } catch (error) {
    throw new Error(`${path}: ${error.message}`);
  }
});

/**
 * A module's import and export names, read from what Emscripten built:
 * {imports: {module: {name: function id}}, exports: {name: minified}, memory}.
 * Emscripten minifies the names ("a", "b", …); its JS glue is the only place
 * that says which is which. The glue itself is not shipped: web/runtime/wasm.js
 * instantiates every module with this table (issue "Weight": −2.1 KB gzip per
 * module). Fails when the glue's shape changed or the module imports a
 * function the runtime does not provide.
 */
const RUNTIME_LIBRARY = new Set(['abort', 'emscripten_resize_heap', 'pw_number']);
function wasmTable(purpose) {
  const jsPath = join(BUILD, 'modules', `${purpose}.js`);
  const wasmPath = join(BUILD, 'modules', `${purpose}.wasm`);
  if (!existsSync(jsPath) || !existsSync(wasmPath)) throw new Error(`${jsPath} or its .wasm is missing: build the wasm preset first`);
  const js = read(jsPath);
  const library = /asmLibraryArg\s*=\s*\{([^}]*)\}/.exec(js);
  const memory = /wasmMemory\s*=\s*Module\["asm"\]\["([^"]+)"\]/.exec(js);
  if (!library || !memory) throw new Error(`${jsPath}: Emscripten's glue no longer has the shape web/package.mjs reads (asmLibraryArg, wasmMemory)`);
  const byMinified = Object.fromEntries([...library[1].matchAll(/"([^"]+)"\s*:\s*_([A-Za-z0-9_]+)/g)].map((m) => [m[1], m[2]]));
  const imports = {};
  for (const { module, name, kind } of WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath)))) {
    const id = byMinified[name];
    if (kind !== 'function' || !RUNTIME_LIBRARY.has(id)) {
      throw new Error(`${wasmPath} imports ${module}.${name} (${id || kind}); web/runtime/wasm.js provides only ${[...RUNTIME_LIBRARY].join(', ')}`);
    }
    (imports[module] = imports[module] || {})[name] = id;
  }
  const exports = Object.fromEntries([...js.matchAll(/Module\["_([A-Za-z0-9_]+)"\]\s*=\s*Module\["asm"\]\["([^"]+)"\]/g)]
    .map((m) => [m[1], m[2]]));
  for (const needed of ['malloc', 'free']) {
    if (!exports[needed]) throw new Error(`${jsPath}: no export ${needed} found in the glue`);
  }
  return { imports, exports, memory: memory[1] };
}

const banner = `/*! portal-widgets ${version} | MIT | third-party notices: THIRD-PARTY-NOTICES.txt */\n`;

/**
 * The plain-JS build of a module: Binaryen's wasm2js run on the same optimised
 * .wasm, so both modes run one program. `--emscripten` gives
 * `function instantiate(env)` returning the module's exports under their
 * minified names (the memory as {buffer, grow}), with the data segments inside
 * as base64: the one file carries everything and its SRI hash covers it. The
 * runtime calls it with the same import table (web/runtime/wasm.js,
 * jsExports). The file hands the function over with shell.provide, as the core
 * file hands over its boot function; no eval, no new Function (asserted by
 * tests/web/dist.test.mjs). -O2 measured against -O3 and -Oz in
 * docs/architecture.md ("The plain-JS build").
 */
const WASM2JS_FLAGS = ['-O2', '--emscripten'];
function plainJsBuild(purpose, wasmPath) {
  const js = execFileSync('wasm2js', [wasmPath, ...WASM2JS_FLAGS], { maxBuffer: 256 << 20 }).toString();
  if (!/^function instantiate\(asmLibraryArg\) \{/m.test(js)) {
    throw new Error(`wasm2js ${wasmPath}: the output no longer starts with "function instantiate(asmLibraryArg)"`);
  }
  if (/\beval\b|\bFunction\s*\(/.test(js)) throw new Error(`wasm2js ${wasmPath}: the output uses eval or Function()`);
  return `${banner}(function () {\n'use strict';\n` +
    `const shell = window.PortalWidgets && window.PortalWidgets.__pw;\nif (!shell) return;\n` +
    `${js}\nshell.provide(${JSON.stringify(`${purpose}-js`)}, instantiate);\n})();\n`;
}

// Module files and the loader ship minified by Debian's esbuild (names, syntax, white space;
// about a third smaller after gzip than the commented source). Its default
// ASCII output matters as much: every non-ASCII character is written as a
// \u escape, so the Chinese UI strings survive on GBK/GB2312 pages that serve
// our files without a charset. The banner comment (/*!) is kept.
function minifyJs(code, target = 'es2019') {
  return execFileSync('esbuild', ['--minify', `--target=${target}`, '--legal-comments=inline', '--log-level=warning'],
    { input: code, maxBuffer: 256 << 20 }).toString();
}

/**
 * Our module files (the core's, the page build's, element modules, lazy
 * parts) are minified with their private properties renamed: by the house
 * convention a property that starts with "_" and a lower-case letter
 * (`this._config`, `el._saveButton`, `_choose()`) is the element's or the
 * runtime's own, never public API, attribute or DOM name. One table for every
 * file (esbuild's mangle cache), so files that share one (the base class's
 * `_mounted`, read by boot.js; the share card's `el._code`) agree; each is
 * renamed to "_" and a letter or two, so it can never meet a DOM property.
 * Kept: `_malloc` and `_free` (the runtime builds the modules' raw exports as
 * '_' + name: web/runtime/wasm.js). The table covers every such name in our
 * JS sources; the build fails if esbuild had to invent a name of its own.
 * Neither the loader (ES5, no such properties), the npm entry nor the
 * plain-JS builds are renamed.
 */
const MANGLE_KEEP = ['_malloc', '_free'];
const mangleCache = (() => {
  const sources = [...RUNTIME, ELEMENT_BASE, ...widgetFiles('.element.js'), ...widgetFiles('.lazy.js')];
  const names = [...new Set(sources.flatMap((path) => read(path).match(/(?<![\w$])_[a-z][A-Za-z0-9_]*/g) || []))]
    .filter((name) => !MANGLE_KEEP.includes(name)).sort();
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const short = (i) => (i < letters.length ? letters[i] : letters[Math.floor(i / letters.length) - 1] + letters[i % letters.length]);
  return Object.fromEntries([...MANGLE_KEEP.map((name) => [name, false]), ...names.map((name, i) => [name, `_${short(i)}`])]);
})();
function minifyModule(code) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-mangle-'));
  try {
    // esbuild reads a mangle cache only when it builds from a file.
    const cacheFile = join(dir, 'cache.json');
    writeFileSync(cacheFile, JSON.stringify(mangleCache));
    writeFileSync(join(dir, 'in.js'), code);
    execFileSync('esbuild', [join(dir, 'in.js'), `--outfile=${join(dir, 'out.js')}`, '--minify', '--target=es2019',
      '--legal-comments=inline', '--log-level=warning', '--mangle-props=^_[a-z]', `--mangle-cache=${cacheFile}`]);
    const out = readFileSync(join(dir, 'out.js'), 'utf8');
    const added = Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8'))).filter((name) => !(name in mangleCache));
    if (added.length) throw new Error(`private properties ${added.join(', ')} are not in the rename table (web/package.mjs, mangleCache)`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A stylesheet in our JS, marked by a comment before its template literal
 * (`/* css *\/ \`:host { … }\``), ships without its layout white space: runs
 * of white space become one space, none around { } ; , nor after a colon that
 * a space follows (only declarations and media features have one: a selector's
 * colon never does, so `.logo ::slotted(img)` keeps its descendant space).
 * A marked literal must be plain text (no ${…}, no escapes).
 */
function compactCssTemplates(source, path) {
  const out = source.replace(/\/\* css \*\/ `([^`$\\]*)`/g, (m, css) => `\`${css.replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':').replace(/;}/g, '}').trim()}\``);
  if (out.includes('/* css */')) throw new Error(`${path}: a /* css */ template literal holds \${…} or an escape; keep it plain text`);
  return out;
}
const sourcePart = (path) => `// ---- ${path.slice(ROOT.length + 1)}\n${compactCssTemplates(injectCoreConstants(read(path), path), path)}`;
// The core file: the runtime, the core widgets' element code (leave-site), the
// modules' name tables and which module defines each other element.
// The other modules' file names and SRI hashes are here, not in the loader every
// page fetches before its load event (this file is SRI-checked itself).
// The page build's file (`purpose` core-page) is the same with the element
// modules it bundles (`bundled`: purpose -> the factory's source), which the
// runtime then takes from PW.bundled instead of fetching (boot.js).
function coreFile(purpose, tables, elementModules, otherModules, pageCovers, bundled = {}) {
  const parts = [...RUNTIME, ...CORE_ELEMENT_FILES].map(sourcePart);
  const factories = Object.entries(bundled).map(([name, factory]) => `${JSON.stringify(name)}: ${factory}`);
  return `${banner}(function () {\n'use strict';\n` +
    `const shell = window.PortalWidgets && window.PortalWidgets.__pw;\nif (!shell) return;\n` +
    `Object.assign(shell.files.modules, ${JSON.stringify(otherModules)});\n` +
    `${parts.join('\n')}\n` +
    `shell.wasmTables = ${JSON.stringify(tables)};\n` +
    (pageCovers.length ? `shell.pageCovers = ${JSON.stringify(pageCovers)};\n` : '') +
    `PW.elementModules = ${JSON.stringify(elementModules)};\n` +
    (factories.length ? `PW.bundled = {\n${factories.join(',\n')}\n};\n` : '') +
    // The last resort for anything PW.boot's own catches did not handle: the same
    // rule as there (boot.js): "none" only while nothing of the suite is on the page.
    `shell.provide(${JSON.stringify(purpose)}, () => PW.boot().catch((error) => {\n` +
    `  const touched = PW.touched;\n` +
    `  PW.reportError(document, { id: touched ? 'pw.core.boot_failed' : 'pw.core.load_failed', source: 'portal-widgets.js', message: 'portal-widgets: the core failed to start: ' + (error && error.message) });\n` +
    `  shell.resolveReady({ ok: false, mode: touched ? PW.mode : 'none', errors: PW.errors.slice() });\n}));\n` +
    `})();\n`;
}

// An element module's file: one widget room's element code as a function of the
// core's runtime (PW), handed to the core when the file runs (boot.js calls it
// once). No global, no AMD define(). `prelude` is code of the build (e.g. where
// the lazy assets' list is).
const moduleFactory = (sources, prelude) => `(PW) => {\n${prelude || ''}${sources.map(sourcePart).join('\n')}\n}`;
function elementModuleFile(purpose, sources, prelude) {
  return `${banner}(function () {\n'use strict';\n` +
    `const shell = window.PortalWidgets && window.PortalWidgets.__pw;\nif (!shell) return;\n` +
    `shell.provide(${JSON.stringify(purpose)}, ${moduleFactory(sources, prelude)});\n})();\n`;
}

function minifyCss(css) {
  return css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}').trim() + '\n';
}

// --- assemble -----------------------------------------------------------------
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const entries = [];  // {name, purpose, data}
const files = { modules: {} };
const add = (name, purpose, data) => {
  writeFileSync(join(OUT, name), data);
  entries.push({ name, purpose, data: Buffer.from(data) });
};

// Lazy assets (font slices, …): <build>/assets/<purpose>/<file>. Their list
// is a hashed JSON file of its own that the core file names (see coreFile).
const assets = {};  // purpose -> [{name, file, integrity}]
const assetsDir = join(BUILD, 'assets');
if (existsSync(assetsDir)) {
  for (const purpose of readdirSync(assetsDir).sort()) {
    const list = assets[purpose] = [];
    for (const file of readdirSync(join(assetsDir, purpose)).sort()) {
      const data = readFileSync(join(assetsDir, purpose, file));
      const ext = extname(file);
      const name = hashed(`${purpose}.${basename(file, ext)}`, ext, data);
      add(name, purpose, data);
      list.push({ name: file, file: name, integrity: integrity(data) });
    }
  }
}

// Every module ships as its .wasm alone (hashed, with its SRI hash in the
// loader); their name tables go into the core file.
const modulePurposes = readdirSync(join(BUILD, 'modules')).filter((f) => f.endsWith('.wasm'))
  .map((f) => basename(f, '.wasm')).sort();
const tables = {};
for (const purpose of modulePurposes) {
  tables[purpose] = wasmTable(purpose);
  const wasmPath = join(BUILD, 'modules', `${purpose}.wasm`);
  const wasm = readFileSync(wasmPath);
  const wasmName = hashed(purpose, '.wasm', wasm);
  add(wasmName, purpose, wasm);
  files.modules[purpose] = { wasm: { file: wasmName, integrity: integrity(wasm) } };
  const js = minifyJs(plainJsBuild(purpose, wasmPath));
  const jsName = hashed(`${purpose}-js`, '.js', js);
  add(jsName, `${purpose}-js`, js);
  files.modules[`${purpose}-js`] = { file: jsName, integrity: integrity(js) };
}
{
  // The share card's asset list (font slices) is named by the qrcode element's
  // module file, the only one that fetches it.
  const list = JSON.stringify(assets);
  const listName = hashed('assets', '.json', list);
  add(listName, 'share-card', list);
  const assetList = { file: listName, integrity: integrity(list) };
  // Modules whose JS needs its .wasm at once: their .wasm entries and name
  // tables stay beside their .js entry (in the loader or the core file), and
  // the loader fetches a .wasm its entry names when it requests the .js.
  const PREFETCH = ['core', 'font-size'];
  const elementModules = {};  // element name -> purpose of the module that defines it
  const coreTables = { ...tables };
  // The page build stands in for every module whose exports it all has (the
  // core, font-size, qrcode; not core-full); the loader picks it when the page has
  // an element of each element module that loads one of them (web/loader.js).
  const loadsOf = (sources) => [...new Set(sources.flatMap((path) => [...read(path).matchAll(/PW\.loadModule\('([a-z-]+)'\)/g)].map((m) => m[1])))];
  let pageCovers = [];
  if (files.modules['core-page']) {
    const names = (purpose) => Object.keys(tables[purpose].exports).filter((n) => !['malloc', 'free', '__wasm_call_ctors'].includes(n));
    const own = new Set(names('core-page'));
    // Not core-full: the page build parses hosts in ASCII only, as the core does,
    // and hands over to core-full the same way (CMakeLists.txt).
    pageCovers = modulePurposes.filter((m) => m !== 'core-page' && m !== 'core-full' && names(m).every((n) => own.has(n)));
  }
  // The element modules the page build's file bundles: the element base class
  // and each element module that loads a module the page build covers.
  const bundledModules = ELEMENT_MODULES.filter(({ purpose, sources }) => purpose === 'element-base' ||
    loadsOf(sources).some((m) => pageCovers.includes(m)));
  const bundled = {};  // purpose -> factory source, for the page build's file
  /**
   * The prelude of a module file whose `sources` load .wasm files later
   * (PW.loadModule): their names, SRI hashes and name tables, and their
   * plain-JS builds, travel in this file, not in the core every page fetches
   * (and leave files.modules and the core's tables). With `skip`, the modules
   * it names are left out and nothing is changed (the page build's copy: the
   * page build stands in for them).
   */
  const lazyPrelude = (sources, skip) => {
    const lazy = loadsOf(sources)
      .filter((m) => !PREFETCH.includes(m) && files.modules[m] && files.modules[m].wasm && !(skip || []).includes(m)).sort();
    const lazyWasm = Object.fromEntries(lazy.map((m) => [m, files.modules[m].wasm]));
    const lazyTables = Object.fromEntries(lazy.map((m) => [m, tables[m]]));
    const lazyPlainJs = Object.fromEntries(lazy.filter((m) => files.modules[`${m}-js`]).map((m) => [`${m}-js`, files.modules[`${m}-js`]]));
    if (!skip) {
      for (const m of lazy) {
        delete files.modules[m].wasm;
        delete files.modules[`${m}-js`];
        delete coreTables[m];
      }
    }
    let prelude = lazy.length ? `Object.assign(shell.wasmTables, ${JSON.stringify(lazyTables)});\n` +
      `Object.assign(shell.files.modules, ${JSON.stringify(lazyPlainJs)});\n` +
      `for (const [purpose, wasm] of Object.entries(${JSON.stringify(lazyWasm)})) (shell.files.modules[purpose] = shell.files.modules[purpose] || {}).wasm = wasm;\n` : '';
    if (lazy.includes('share-card')) prelude += `shell.files.assetList = ${JSON.stringify(assetList)};\n`;
    return prelude;
  };
  const partsOf = {};  // room -> {purpose: {file, integrity}} of its lazy parts
  for (const { purpose, room, sources } of LAZY_PARTS) {
    whenOf(purpose);
    const data = minifyModule(elementModuleFile(purpose, sources, lazyPrelude(sources)));
    const name = hashed(purpose, '.js', data);
    add(name, purpose, data);
    const entry = { file: name, integrity: integrity(data) };
    if (inCore(room)) {
      files.modules[purpose] = { ...files.modules[purpose], ...entry };
    } else {
      if (!ELEMENT_MODULES.some((m) => m.purpose === basename(room))) throw new Error(`${sources[0]}: no element module in its room to name it`);
      (partsOf[room] = partsOf[room] || {})[purpose] = entry;
    }
  }
  for (const { purpose, sources } of ELEMENT_MODULES) {
    for (const name of definedElements(sources)) elementModules[name] = purpose;
    // The lazy parts of this room: named here (merged into an entry their own
    // prelude may add a .wasm to).
    const parts = partsOf[join(ROOT, 'widgets', purpose)];
    const partsPrelude = parts ? `for (const [purpose, part] of Object.entries(${JSON.stringify(parts)})) ` +
      `Object.assign(shell.files.modules[purpose] = shell.files.modules[purpose] || {}, part);\n` : '';
    if (bundledModules.some((m) => m.purpose === purpose)) bundled[purpose] = moduleFactory(sources, lazyPrelude(sources, pageCovers) + partsPrelude);
    const data = minifyModule(elementModuleFile(purpose, sources, lazyPrelude(sources) + partsPrelude));
    const name = hashed(purpose, '.js', data);
    add(name, purpose, data);
    const entry = files.modules[purpose] = files.modules[purpose] || {};
    entry.file = name;
    entry.integrity = integrity(data);
  }
  const { core, 'core-page': pageBuild, ...otherModules } = files.modules;
  for (const m of Object.keys(otherModules)) if (!Object.keys(otherModules[m]).length) delete otherModules[m];
  let page = null;
  if (pageBuild) {
    const elements = ELEMENT_MODULES.filter(({ sources }) => loadsOf(sources).some((m) => pageCovers.includes(m)))
      .map(({ sources }) => definedElements(sources).join(','));
    const prefetched = PREFETCH.filter((m) => files.modules[m]);
    if (!prefetched.every((m) => pageCovers.includes(m)) || elements.length < 2) {
      throw new Error(`the core-page module covers ${pageCovers.join(', ')}: expected ${prefetched.join(', ')} (the modules the loader prefetches) and two element modules`);
    }
    // The page build's own file: the core file with the element modules it
    // bundles, naming only what a page running on the page build may fetch
    // (not the modules it stands in for, nor the bundled modules' files).
    const covered = (m) => pageCovers.includes(m.replace(/-js$/, '')) || m in bundled;
    const pageOther = Object.fromEntries(Object.entries(otherModules).filter(([m]) => !covered(m)));
    const pageTables = Object.fromEntries(Object.entries(coreTables).filter(([m]) => !pageCovers.includes(m)));
    const pageData = minifyModule(coreFile('core-page', pageTables, elementModules, pageOther, pageCovers, bundled));
    const pageName = hashed('core-page', '.js', pageData);
    add(pageName, 'core-page', pageData);
    page = { file: pageName, integrity: integrity(pageData), wasm: pageBuild.wasm, elements };
    delete otherModules['core-page-js'];  // named by the page build's file only
  }
  delete coreTables['core-page'];
  const data = minifyModule(coreFile('core', coreTables, elementModules, otherModules, []));
  const name = hashed('core', '.js', data);
  add(name, 'core', data);
  core.file = name;
  core.integrity = integrity(data);
  files.modules = page ? { core, 'core-page': page } : { core };  // what the loader carries
}

// The studio (demo/studio/): a page of its own, copied as built into studio/ with
// fixed names (index.html loads studio.js, which loads studio.wasm and the font).
// No reader's page fetches it; it is listed for its sizes and integrity only.
const studioDir = join(BUILD, 'studio');
if (existsSync(join(studioDir, 'index.html'))) {
  mkdirSync(join(OUT, 'studio'), { recursive: true });
  for (const file of readdirSync(studioDir).sort()) add(`studio/${file}`, 'studio', readFileSync(join(studioDir, file)));
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
// The element names the loader looks for to request the core right after the
// load event: every name a widget's element code defines (one home: the element files).
function elementNames() {
  const names = definedElements(widgetFiles('.element.js'));
  if (!names.length) throw new Error('no PW.defineElement(...) found in widgets/*/*.element.js');
  return names.filter((name) => name !== 'pw-leave-dialog').sort();
}
const shellParts = widgetFiles('.shell.js').map((path) =>
  `// ---- ${path.slice(ROOT.length + 1)}\n${compactShell(injectCoreConstants(read(path), path))}`).join('\n');
const loader = compactShell(injectCoreConstants(read(join(ROOT, 'web/loader.js')), 'web/loader.js')
  // Replacer functions: a "$&" or "$'" inside the inserted text must stay literal.
  .replace('__PW_VERSION__', () => version)
  .replace('__PW_FILES__', () => JSON.stringify(files))
  .replace('__PW_ELEMENTS__', () => JSON.stringify(elementNames()))
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
  ['Dear ImGui (the studio, studio/)', join(ROOT, '.cache/deps/imgui/LICENSE.txt')],
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
    when: whenOf(purpose),
    eager: whenOf(purpose) === 'critical',
    purpose,
  })),
};
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`packaged ${entries.length + 1} files into ${OUT}`);
