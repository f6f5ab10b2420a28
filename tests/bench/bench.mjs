#!/usr/bin/env node
// make bench: speed and size of portal-widgets side by side with JS peers.
//
//   1. QR encode in Chromium: our qrcode module from dist/ (loaded by the real
//      loader), its plain-JS build (wasm2js of the same .wasm) and the JS
//      peers, timed in the same page.
//   2. The same in node: the same dist module file and the same peer bundles.
//   3. Related ranking in Chromium: our lazy `related` module (both builds) vs MiniSearch on
//      generated Chinese feeds of 200 and 2,000 articles, with top-5 agreement.
//   4. Sizes: our files per `when` and per module vs each peer's minified bundle.
//   Reference rows: the same core as native C++ ($OUT/native/tests/bench/pw-bench,
//   built by make native), QR split into encode / SVG path / element rules.
//
// Every peer output is checked (QR matrices decode to the input, with jsQR),
// so the tables compare equal work. Numbers are printed as Markdown tables and
// written to $OUT/bench/results.json and docs/benchmarks.md ("Latest run"); they
// are never test assertions.
//
//   node tests/bench/bench.mjs         (make bench builds dist/ first; DIST and OUT as for make)
//   BENCH_QUICK=1 node tests/bench/bench.mjs   fewer rounds, for trying changes
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import jsQR from 'jsqr';
import { BENCH_OUT, DIST, OUT, ROOT, fmt, manifest, instantiateFromDist, sizes, table, writeDocsSection } from './lib/common.mjs';
import { makeFeed, CURRENT } from './lib/feed.mjs';
import { bundlePeers } from './lib/peers.mjs';

const QUICK = !!process.env.BENCH_QUICK;
// Short batches, many rounds: on a shared machine a short batch often runs
// without being preempted, so the best batch shows the code's own speed and
// the median what a busy machine gets. The bench page is cross-origin isolated
// (COOP/COEP), which gives performance.now() 5 µs resolution in Chromium.
const QR_OPTIONS = QUICK ? { batchMs: 1, rounds: 15, warmupMs: 50 } : { batchMs: 1, rounds: 61, warmupMs: 250 };
const RELATED_ROUNDS = QUICK ? 3 : 11;
const started = Date.now();
const loadBefore = loadavg()[0];

if (!existsSync(join(DIST, 'manifest.json'))) {
  console.error(`bench: ${DIST}/manifest.json is missing; run make bench (it builds dist/ first).`);
  process.exit(1);
}
mkdirSync(BENCH_OUT, { recursive: true });
const read = (rel) => readFileSync(join(ROOT, rel), 'utf8');
const harnessJs = read('tests/bench/lib/harness.js');
const relatedJs = read('tests/bench/lib/related.js');
// The runtime's own module wrapper (strings in, JSON out), so our calls pay
// exactly what the elements pay. It expects PW and shell in scope.
const wrapperJs = (shellExpr) =>
  `(function () {\nconst PW = {};\nconst shell = ${shellExpr};\n${read('web/runtime/wasm.js')}\n` +
  'globalThis.pwBench = Object.assign(globalThis.pwBench || {}, { wrapModule, instantiate });\n})();\n';

// --- inputs -------------------------------------------------------------------
const shortUrl = 'https://www.example.gov.cn/art/2025/6/18/art_1229_3501.html';
const longUrlBase = 'https://www.example.gov.cn/col/col1229/index.html?uid=4011&pageNum=2&keywords=%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB&source=wechat&utm_campaign=';
const QR_INPUTS = [
  { name: 'short URL', text: shortUrl },
  { name: '300-byte URL', text: (longUrlBase + 'x'.repeat(300)).slice(0, 300) },
  { name: 'Chinese text', text: '扫一扫在手机打开当前页：某某县人民政府关于做好2025年秋冬季森林防火工作的通知（县政府办公室，2025年6月30日）' },
];
for (const input of QR_INPUTS) input.bytes = Buffer.byteLength(input.text);

// --- 4. sizes (first: it needs no browser) --------------------------------------
const peers = await bundlePeers(join(BENCH_OUT, 'peers'));
const files = manifest().files;
// Summed file by file, as the manifest and the budgets count them (each file travels compressed on its own).
const ours = (label, entries) => {
  const each = entries.map((e) => sizes(readFileSync(join(DIST, e.name))));
  const sum = (k) => each.reduce((total, s) => total + s[k], 0);
  return { label, files: entries.map((e) => e.name), raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
};
const byPurpose = (p) => files.filter((f) => f.purpose === p);
const sizeRows = [
  ours('portal-widgets before the load event (when: critical; loader + host CSS)', files.filter((f) => f.when === 'critical')),
  ours('portal-widgets script tag only, once ready (critical + idle)', files.filter((f) => f.when === 'critical' || f.when === 'idle')),
  ...['loader', 'host-css', 'core', 'qrcode', 'related', 'share-card', 'font-index',
    'core-js', 'qrcode-js', 'related-js', 'share-card-js'].filter((p) => byPurpose(p).length)
    .map((p) => {
      const list = byPurpose(p);
      const kinds = list.length > 1 ? ` (${list.map((f) => f.name.slice(f.name.lastIndexOf('.'))).join(' + ')})` : '';
      return ours(`portal-widgets ${p}${kinds}, when: ${list[0].when}`, list);
    }),
  ...(byPurpose('font-slice').length ? [ours(`portal-widgets font-slice (${byPurpose('font-slice').length} files), lazy`, byPurpose('font-slice'))] : []),
  ...peers.map((p) => ({ label: `${p.name} ${p.version} (minified bundle)`, files: [p.file.slice(ROOT.length + 1)], ...sizes(p.code) })),
];

// --- 1. + 3. Chromium -----------------------------------------------------------
const { openBrowser } = await import('../web/helpers.mjs');
const env = await openBrowser();
let chromium;
let qrChromium;
let related = [];
let isolated = false;
const notes = [];
const feeds = [];
try {
  chromium = env.browser.version();
  const benchUrl = new URL('bench/', env.url).href;
  // The bench page: the real loader tag, as a portal page has it. Our QR
  // encoder is the `qrcode` module, instantiated below exactly as
  // PW.loadModule('qrcode') does it (the runtime's instantiate and wrapper, the
  // loader's SRI-checked fetch of the hashed .wasm).
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>portal-widgets bench</title>
<script src="/dist/portal-widgets.js" defer data-site-name="测试县人民政府"></script>
<body><h1>bench</h1></body></html>`;
  const page = await env.page('bench/', {
    beforeLoad: (p) => p.route(benchUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html,
      headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } })),
  });
  isolated = await page.evaluate(() => window.crossOriginIsolated);
  const ready = await page.evaluate(() => window.PortalWidgets.ready);
  if (!ready.ok) throw new Error(`PortalWidgets.ready: ${JSON.stringify(ready)}`);
  // The qrcode and related modules' names and tables come with their elements'
  // code (an element module, fetched when the element is on the page).
  await page.evaluate(() => Promise.all(['pw-qrcode', 'pw-related'].map((name) => {
    const el = document.createElement(name);
    el.hidden = true;
    document.body.append(el);
    return customElements.whenDefined(name);
  })));
  for (const content of [harnessJs, relatedJs, wrapperJs('window.PortalWidgets.__pw'), ...peers.map((p) => p.code)]) {
    await page.addScriptTag({ content });
  }
  // Both builds of the qrcode module, each instantiated as the runtime does in
  // its mode: the .wasm, and its plain-JS build (wasm2js of the same .wasm,
  // loaded as a script with its SRI hash, as pages without WebAssembly get it).
  qrChromium = await page.evaluate(async ([inputs, options]) => {
    const load = async (mode) => {
      try { return pwBench.wrapModule(await pwBench.instantiate('qrcode', mode)); } catch (e) {
        window.benchQrErrors = [...(window.benchQrErrors || []), `${mode}: ${e}`];
        return null;
      }
    };
    const qr = await load('wasm');
    const qrJs = await load('js');
    return pwBench.benchQr(qr, window, inputs, options, qrJs);
  }, [QR_INPUTS, QR_OPTIONS]);
  const qrErrors = await page.evaluate(() => window.benchQrErrors);
  if (qrErrors) notes.push(`Chromium: our qrcode module could not be instantiated (${qrErrors.join('; ')}); its rows are missing.`);

  for (const count of [200, 2000]) {
    const feed = makeFeed(count);
    const out = await page.evaluate(async ([text, current, rounds]) => {
      // Exactly PW.loadModule('related'): the loader's file, the runtime's instantiate and wrapper.
      const shell = window.PortalWidgets.__pw;
      const module = shell.files.modules.related ? pwBench.wrapModule(await pwBench.instantiate('related', 'wasm')) : null;
      const moduleJs = shell.files.modules['related-js'] ? pwBench.wrapModule(await pwBench.instantiate('related', 'js')) : null;
      const bytes = new TextEncoder().encode(text);
      const MiniSearch = window.benchMiniSearch;
      const rankers = [
        ...(module ? [{ name: 'portal-widgets related (WASM)', fn: () => pwBench.related.ours(module, bytes, current, 5) }] : []),
        ...(moduleJs ? [{ name: 'portal-widgets related (plain JS)', fn: () => pwBench.related.ours(moduleJs, bytes, current, 5) }] : []),
        { name: 'MiniSearch, CJK bigram tokenizer', fn: () => pwBench.related.minisearch(MiniSearch, bytes, current, 5, true) },
        { name: 'MiniSearch, default tokenizer', fn: () => pwBench.related.minisearch(MiniSearch, bytes, current, 5, false) },
      ];
      const timing = pwBench.measure(rankers, { batchMs: 0, rounds, warmupMs: 50 });
      return rankers.map((r) => ({ ranker: r.name, ...timing[r.name], top5: r.fn() }));
    }, [feed.text, CURRENT, RELATED_ROUNDS]);
    const titles = new Map(JSON.parse(feed.text).articles.map((a) => [a.url, a.title]));
    for (const row of out) {
      related.push({ articles: count, feedBytes: Buffer.byteLength(feed.text), ...row,
        agreement: row.top5.filter((u) => feed.expected.includes(u)).length,
        top5: row.top5.map((url) => ({ title: titles.get(url), url, expected: feed.expected.includes(url) })) });
    }
    feeds.push(feed);
  }
  if (page.consoleErrors.length || page.pageErrors.length) {
    console.error('bench page errors:', [...page.consoleErrors, ...page.pageErrors].join('\n'));
  }
} finally {
  await env.close();
}

// --- 2. node ------------------------------------------------------------------------
vm.runInThisContext(harnessJs, { filename: 'harness.js' });
vm.runInThisContext(wrapperJs('{}'), { filename: 'wasm.js' });
for (const p of peers.filter((x) => x.kind === 'qr')) vm.runInThisContext(p.code, { filename: p.file });
let qrNode = [];
try {
  const core = globalThis.pwBench.wrapModule(await instantiateFromDist('qrcode'));
  qrNode = globalThis.pwBench.benchQr(core, globalThis, QR_INPUTS, QR_OPTIONS);
} catch (error) {
  notes.push(`node: our core could not run under node (${error.message}); only the peers were timed there.`);
  qrNode = globalThis.pwBench.benchQr(null, globalThis, QR_INPUTS, QR_OPTIONS);
}

// --- native reference: the same core compiled natively (tests/bench/native_bench.cpp) ---
const nativeBin = join(OUT, 'native', 'tests', 'bench', 'pw-bench');
let qrNative = [];
if (existsSync(nativeBin)) {
  const inputFiles = QR_INPUTS.map((input, i) => {
    const file = join(BENCH_OUT, `qr-input-${i}.txt`);
    writeFileSync(file, input.text);
    return file;
  });
  const lines = execFileSync(nativeBin, ['qr', ...inputFiles], { encoding: 'utf8' }).trim().split('\n');
  qrNative = lines.map((line) => JSON.parse(line)).map((r) => ({ ...r, input: QR_INPUTS[r.input].name }));
  for (const feed of feeds) {
    const file = join(BENCH_OUT, `feed-${feed.count}.json`);
    writeFileSync(file, feed.text);
    const out = execFileSync(nativeBin, ['related', file, CURRENT.title, CURRENT.keywords, CURRENT.column, CURRENT.url,
      CURRENT.today], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n');
    const timing = JSON.parse(out[0]);
    const top5 = JSON.parse(out[out.length - 1]).items.map((item) => item.url);
    const titles = new Map(JSON.parse(feed.text).articles.map((a) => [a.url, a.title]));
    const at = related.findIndex((r) => r.articles === feed.count) + 1;
    related.splice(at, 0, { articles: feed.count, feedBytes: Buffer.byteLength(feed.text), ranker: 'portal-widgets core, native C++ (reference)',
      us: timing.us, min: timing.min, batch: timing.batch, rounds: timing.rounds,
      agreement: top5.filter((u) => feed.expected.includes(u)).length,
      top5: top5.map((url) => ({ title: titles.get(url), url, expected: feed.expected.includes(url) })) });
  }
} else {
  console.log(`note: ${nativeBin.slice(ROOT.length + 1)} is missing (make native builds it); no native reference rows.\n`);
}

// --- checks: every matrix decodes to its input (jsQR), and who equals whom ---------
function decodes(row, text) {
  const quiet = 4, scale = 3, side = (row.size + 2 * quiet) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < row.size; y++) {
    for (let x = 0; x < row.size; x++) {
      if (row.bits[y * row.size + x] !== '1') continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
        }
      }
    }
  }
  const result = jsQR(rgba, side, side, { inversionAttempts: 'dontInvert' });
  return !!result && Buffer.from(result.binaryData).equals(Buffer.from(text));
}
for (const rows of [qrChromium, qrNode]) {
  for (const row of rows) {
    const text = QR_INPUTS.find((i) => i.name === row.input).text;
    row.decodes = decodes(row, text);
    const nayuki = rows.find((r) => r.input === row.input && r.encoder.startsWith('nayuki'));
    row.sameAsNayuki = nayuki ? nayuki.bits === row.bits : null;
  }
}

if (!related.some((r) => r.ranker.startsWith('portal-widgets related'))) notes.push('dist has no related module: its rows are missing.');

// --- tables ----------------------------------------------------------------------
const tables = [];
const qrTable = (title, rows) => {
  const oursRow = (input) => rows.find((r) => r.input === input && r.encoder === 'portal-widgets (WASM)');
  return table(title, ['input', 'encoder', 'version-ecc', 'median µs', 'best µs', 'ops/s', 'time ÷ ours', 'decodes', '= nayuki'],
    rows.map((r) => {
      const o = oursRow(r.input);
      const input = QR_INPUTS.find((i) => i.name === r.input);
      return [`${r.input} (${input.bytes} B)`, r.encoder, `${r.version}-${r.ecc}${r.eci ? ' +ECI' : ''}`, fmt(r.us), fmt(r.min),
        fmt(1e6 / r.us), o ? `${fmt(r.us / o.us)}×` : '—', r.decodes ? 'yes' : 'NO', r.sameAsNayuki ? 'same' : 'differs'];
    }), [false, false, false, true, true, true, true, false, false]);
};
tables.push(qrTable(`QR encode, Chromium ${chromium} (same page)`, qrChromium));
tables.push(qrTable(`QR encode, node ${process.version} (same process)`, qrNode));
if (qrNative.length) {
  tables.push(table('QR, our core as native C++ (reference: the parts of one pw_qrcode_render call)',
    ['input', 'work', 'median µs', 'best µs'],
    qrNative.map((r) => [`${r.input} (${QR_INPUTS.find((i) => i.name === r.input).bytes} B)`, r.case, fmt(r.us), fmt(r.min)]),
    [false, false, true, true]));
}
tables.push(table(`Related articles, Chromium ${chromium}: feed bytes in, top 5 out (median of ${RELATED_ROUNDS})`,
  ['feed', 'ranker', 'median ms', 'best ms', 'top-5 agreement'],
  related.map((r) => [`${r.articles.toLocaleString('en-US')} articles (${fmt(r.feedBytes / 1024)} KB)`, r.ranker,
    fmt(r.us / 1000), fmt(r.min / 1000), `${r.agreement}/5`]), [false, false, true, true, true]));
tables.push(table('Sizes (bytes; gzip -9, brotli 11)', ['file', 'raw', 'gzip', 'brotli'],
  sizeRows.map((r) => [r.label, r.raw.toLocaleString('en-US'), r.gzip.toLocaleString('en-US'), r.brotli.toLocaleString('en-US')]),
  [false, true, true, true]));

const drop = (rows) => rows.map(({ bits, ...rest }) => rest);
const results = {
  date: new Date().toISOString(),
  chromiumCrossOriginIsolated: isolated,
  machine: { cpus: cpus().length, cpu: cpus()[0] && cpus()[0].model, node: process.version, chromium,
    loadAverage: { before: loadBefore, after: loadavg()[0] } },
  dist: DIST.startsWith(ROOT) ? DIST.slice(ROOT.length + 1) : DIST,
  quick: QUICK,
  inputs: QR_INPUTS,
  qrChromium: drop(qrChromium),
  qrNode: drop(qrNode),
  qrNative,
  notes,
  related,
  relatedCurrent: CURRENT,
  sizes: sizeRows,
  peers: peers.map(({ name, pkg, version }) => ({ name, pkg, version })),
  markdown: tables.join('\n'),
};
writeFileSync(join(BENCH_OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const loadNote = `load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`;
const resultsMd = `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC on ` +
  `${results.machine.cpu || 'an unknown CPU'} (${loadNote}), node ${process.version}, Chromium ${chromium}.\n\n${tables.join('\n')}`;
writeFileSync(join(BENCH_OUT, 'results.md'), resultsMd);
// docs/benchmarks.md shows the latest run between its bench:begin/end markers;
// the text around them (what the figures say) is written by hand.
notes.push(writeDocsSection('bench', resultsMd));
for (const note of notes) console.log(`note: ${note}`);
if (Math.max(loadBefore, loadavg()[0]) > cpus().length) {
  console.log(`note: the load average was ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; ` +
    'other work shared the CPUs, so absolute times are inflated (peers ran interleaved, so ratios suffer less).');
}
const bad = [...qrChromium, ...qrNode].filter((r) => !r.decodes);
console.log(`wrote ${join(BENCH_OUT, 'results.json').slice(ROOT.length + 1)} in ${((Date.now() - started) / 1000).toFixed(0)} s` +
  (bad.length ? `; WARNING: ${bad.length} QR outputs did not decode to their input: ${bad.map((r) => `${r.encoder}/${r.input}`).join(', ')}` : ''));
