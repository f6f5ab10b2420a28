#!/usr/bin/env node
// make bench: what the demo article page costs its reader with the suite,
// against the same page with the scripts portals run today.
//
// Two pages, served by the demo server (scripts/serve.mjs, no cache, no compression):
//   suite    demo/index.html as it is: the script tag, the host CSS, <pw-font-size>,
//            <pw-qrcode>, <pw-related> (the leave-site confirmation runs on every page)
//   jQuery   a copy of the same page made here, at bench time, with each widget
//            replaced by its jQuery-era equivalent, as a webmaster ships it:
//            jQuery 1.12.4 and jquery.qrcode 1.0.3 (npm devDependencies, copied from
//            node_modules, never committed) in <head>, an inline doZoom(px) font-size
//            function with 大/中/小 links, a $(document).ready handler that asks
//            confirm() before links to other hosts and draws the QR code of the page,
//            and the related list rendered by the server (the column's latest eight).
// LOADS loads of each, interleaved (suite, jQuery, jQuery, suite, …), each in a
// fresh browser context (cold cache). Each load runs from navigation start to 5 s
// after the load event; the reader scrolls to the end of the article at the load
// event (tests/bench/lib/page-probe.js), so the lazy widgets load too. Medians of:
//   - bytes before the load event and in all (5 s after load, the network idle):
//     every response, raw and gzip -9 (summed per file as make size counts);
//   - main-thread scripting time (CDP Performance.getMetrics ScriptDuration) and
//     all main-thread task time (TaskDuration) over the window;
//   - navigation start → every widget ready (suite: PortalWidgets.ready and every
//     element's ready; jQuery: its ready handler has drawn the QR code);
//   - long tasks (count, total blocking time: the part of each beyond 50 ms);
//   - layout shift (the sum of layout-shift entries without recent input);
//   - JS heap used after a garbage collection, and WebAssembly memory.
// Target (issue "Weight"): the suite's scripting time no more than the jQuery page's.
//
// Prints a Markdown table, writes $OUT/bench/page-cost.json and docs/benchmarks.md's
// page-cost section. Numbers are never test assertions.
//   node tests/bench/page-cost.mjs                 (make bench builds dist/ first)
//   BENCH_QUICK=1 node tests/bench/page-cost.mjs   5 loads each
//   PAGE_COST_PROFILE=1 node tests/bench/page-cost.mjs
//       also one CPU profile of each page over the same window: self time per
//       script URL and the heaviest functions (written to $OUT/bench/page-cost-*.cpuprofile)
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../web/helpers.mjs';
import { BENCH_OUT, DIST, ROOT, fmt, median, sizes, table, writeDocsSection } from './lib/common.mjs';

const QUICK = !!process.env.BENCH_QUICK;
const PROFILE = !!process.env.PAGE_COST_PROFILE;
const LOADS = QUICK ? 5 : 15;
const VIEWPORT = { width: 1280, height: 900 };
const started = Date.now();
const loadBefore = loadavg()[0];

if (!existsSync(join(DIST, 'manifest.json'))) {
  console.error(`bench page-cost: ${DIST}/manifest.json is missing; run make bench (it builds dist/ first).`);
  process.exit(1);
}
const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
const STACK = { jquery: version('jquery'), qrcode: version('jquery.qrcode') };

// --- the jQuery page: demo/index.html with each widget replaced ------------------
const SITE_NAME = '某某县人民政府门户网站';
const stackHead = `<script src="js/jquery-${STACK.jquery}.min.js"></script>
<script src="js/jquery.qrcode.min.js"></script>
<script>
function doZoom(size) {
  var zoom = document.getElementById("zoom");
  zoom.style.fontSize = size + "px";
  var nodes = zoom.getElementsByTagName("*");
  for (var i = 0; i < nodes.length; i++) nodes[i].style.fontSize = size + "px";
}
</script>`;
const stackBodyEnd = `<script>
$(function () {
  $("a").click(function () {
    var href = $(this).attr("href") || "";
    if (/^https?:\\/\\//i.test(href) && this.hostname !== location.hostname && !/\\.gov\\.cn$/i.test(this.hostname)) {
      return confirm("您访问的链接即将离开“${SITE_NAME}”，是否继续？");
    }
  });
  $("#qrcode").qrcode({ width: 160, height: 160, text: location.href });
});
</script>`;

/** Replaces `from` (a string or RegExp that must match once) in `html`; a demo page that no longer matches stops the bench. */
function swap(html, from, to, what) {
  const found = typeof from === 'string' ? html.split(from).length - 1 : (html.match(new RegExp(from, 'g')) || []).length;
  if (found !== 1) throw new Error(`page-cost: demo/index.html has ${found} matches for the ${what}; update tests/bench/page-cost.mjs`);
  return html.replace(from, () => to);
}

function stackPage() {
  const feed = JSON.parse(readFileSync(join(ROOT, 'demo/feeds/column-zcjd.json'), 'utf8'));
  let html = readFileSync(join(ROOT, 'demo/index.html'), 'utf8');
  const current = /<meta name="ArticleTitle" content="([^"]*)">/.exec(html)[1];
  // What the CMS renders beside the article: the column's latest eight, newest first.
  const latest = feed.articles.filter((a) => a.title !== current)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, 8);
  const related = `<ul class="related-fallback">\n${latest.map((a) =>
    `            <li><a href="${a.url.replace(/^\.\.\//, '')}">${a.title}</a><span class="date">${a.date.slice(0, 10)}</span></li>`).join('\n')}\n          </ul>`;
  html = swap(html, /<link rel="stylesheet" href="\/dist\/portal-widgets\.css">\n/, '', 'host CSS link');
  html = swap(html, /<script src="\/dist\/portal-widgets\.js"[^>]*><\/script>/, stackHead, 'script tag');
  html = swap(html, /<pw-font-size target="#zoom"><\/pw-font-size>/,
    '<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>', 'font-size element');
  html = swap(html, /<pw-related [^>]*>[\s\S]*?<\/pw-related>/, related, 'related element');
  const caption = (/<pw-qrcode caption="([^"]*)"/.exec(html) || [])[1];
  html = swap(html, /<pw-qrcode [^>]*><\/pw-qrcode>/,
    `<div id="qrcode" style="width:160px;height:160px;margin:0 auto"></div><p>${caption}</p>`, 'QR element');
  html = swap(html, '</body>', `${stackBodyEnd}\n</body>`, 'end of body');
  if (/pw-|portal-widgets/.test(html.replace(/href="\/dist\/studio\/"/, ''))) throw new Error('page-cost: the jQuery page still names the suite');
  return html;
}

// Served as /stack/index.html: its relative URLs find the demo's own CSS and
// images through links, the two libraries beside it in js/.
const stackDir = join(BENCH_OUT, 'page-cost-stack');
rmSync(stackDir, { recursive: true, force: true });
mkdirSync(join(stackDir, 'js'), { recursive: true });
writeFileSync(join(stackDir, 'index.html'), stackPage());
copyFileSync(join(ROOT, 'node_modules/jquery/dist/jquery.min.js'), join(stackDir, 'js', `jquery-${STACK.jquery}.min.js`));
copyFileSync(join(ROOT, 'node_modules/jquery.qrcode/jquery.qrcode.min.js'), join(stackDir, 'js/jquery.qrcode.min.js'));
for (const name of ['demo.css', 'images']) symlinkSync(join(ROOT, 'demo', name), join(stackDir, name));

const PAGES = [
  { key: 'suite', label: 'portal-widgets', path: '/', widgetFiles: (p) => p.startsWith('/dist/') || p.startsWith('/feeds/') },
  { key: 'stack', label: `jQuery ${STACK.jquery} + jquery.qrcode ${STACK.qrcode}`, path: '/stack/',
    widgetFiles: (p) => p.startsWith('/stack/js/') },
];
const probeJs = readFileSync(join(ROOT, 'tests/bench/lib/page-probe.js'), 'utf8');

// --- loads ---------------------------------------------------------------------
const { server, url } = await serve({ port: 0, dist: DIST, mounts: [['/stack/', stackDir]] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const gzipOf = new Map();  // path → {raw, gzip} of what the server sends
async function fileSizes(path) {
  if (!gzipOf.has(path)) {
    const response = await fetch(new URL(path, url));
    gzipOf.set(path, sizes(Buffer.from(await response.arrayBuffer())));
  }
  return gzipOf.get(path);
}

/** One load of `page` in a fresh context; resolves to its figures. */
async function measureLoad(page) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: probeJs });
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    let pending = 0;
    tab.on('request', () => { pending++; });
    tab.on('requestfinished', () => { pending--; });
    tab.on('requestfailed', () => { pending--; });
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    await tab.goto(new URL(page.path, url).href, { waitUntil: 'load' });
    await tab.evaluate(() => window.__pageCost.done);
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    for (let waited = 0; pending > 0 && waited < 10000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const seen = await tab.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const probe = window.__pageCost;
      return {
        load: nav.loadEventStart,
        resources: [nav, ...performance.getEntriesByType('resource')].map((e) => ({
          path: new URL(e.name).pathname, end: e.responseEnd, raw: e.decodedBodySize })),
        longTasks: probe.longTasks, layoutShift: probe.layoutShift, ready: probe.ready,
        wasm: probe.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0), wasmModules: probe.memories.length,
      };
    });
    const end = seen.load + 5000;
    let before = { raw: 0, gzip: 0 }, all = { raw: 0, gzip: 0 }, widgets = { raw: 0, gzip: 0 };
    const add = (sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip });
    for (const r of seen.resources) {
      const s = await fileSizes(r.path);
      if (r.raw && r.raw !== s.raw) errors.push(`${r.path}: the page got ${r.raw} bytes, the server sends ${s.raw}`);
      all = add(all, s);
      if (r.end <= seen.load) before = add(before, s);
      if (page.widgetFiles(r.path)) widgets = add(widgets, s);
    }
    const tasks = seen.longTasks.filter(([start]) => start < end);
    const expected = page.key === 'suite' ? ['PortalWidgets.ready', 'pw-font-size', 'pw-qrcode', 'pw-related'] : ['jquery.qrcode'];
    const missing = expected.filter((w) => !(w in seen.ready));
    if (missing.length) errors.push(`never ready: ${missing.join(', ')}`);
    return {
      page: page.key,
      load: seen.load,
      requests: seen.resources.length,
      bytesBeforeLoad: before, bytesAll: all, bytesWidgets: widgets,
      scriptMs: metrics.ScriptDuration * 1000,
      taskMs: metrics.TaskDuration * 1000,
      widgetsReady: missing.length ? null : Math.max(...expected.map((w) => seen.ready[w])),
      ready: seen.ready,
      longTasks: tasks.length,
      blockingMs: tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
      layoutShift: seen.layoutShift,
      heapBytes: heap.usedSize,
      wasmBytes: seen.wasm, wasmMemories: seen.wasmModules,
      pendingAtEnd: pending,
      errors,
    };
  } finally {
    await context.close();
  }
}

/** One CPU profile of `page` over the same window: self time per script URL and the heaviest functions. */
async function profileLoad(page) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: probeJs });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await tab.goto(new URL(page.path, url).href, { waitUntil: 'load' });
    await tab.evaluate(() => window.__pageCost.done);
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(BENCH_OUT, `page-cost-${page.key}.cpuprofile`), JSON.stringify(profile));
    const dt = new Map();
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) || 0) + (profile.timeDeltas[i] || 0)));
    const byUrl = new Map(), byFn = new Map();
    for (const node of profile.nodes) {
      const ms = (dt.get(node.id) || 0) / 1000;
      if (!ms) continue;
      const { url: u, functionName, lineNumber, columnNumber } = node.callFrame;
      // V8's own entries ("(idle)", "(program)", "(garbage collector)", "(root)") count per file only.
      const special = !u && /^\(.*\)$/.test(functionName);
      const file = u ? (u.startsWith('wasm://') ? u : new URL(u).pathname) : special ? functionName : `(${functionName || 'anonymous'})`;
      byUrl.set(file, (byUrl.get(file) || 0) + ms);
      if (special) continue;
      const fn = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
      byFn.set(fn, (byFn.get(fn) || 0) + ms);
    }
    const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
    return { byUrl: top(byUrl, 12), byFn: top(byFn, 15) };
  } finally {
    await context.close();
  }
}

const runs = [];
let chromiumVersion;
try {
  chromiumVersion = browser.version();
  // Warm the server's file cache and the sizes table (not measured).
  for (const page of PAGES) await measureLoad(page);
  for (let i = 0; i < LOADS; i++) {
    const order = i % 2 ? [...PAGES].reverse() : PAGES;
    for (const page of order) runs.push(await measureLoad(page));
  }
  if (PROFILE) {
    for (const page of PAGES) {
      const p = await profileLoad(page);
      console.log(`\nCPU profile, ${page.label}: self time per file (ms)`);
      for (const [file, ms] of p.byUrl) console.log(`  ${fmt(ms).padStart(8)}  ${file}`);
      console.log('  heaviest functions (self ms):');
      for (const [fn, ms] of p.byFn) console.log(`  ${fmt(ms).padStart(8)}  ${fn}`);
    }
  }
} finally {
  await browser.close();
  await new Promise((r) => server.close(r));
}

// --- table ------------------------------------------------------------------------
const of = (key) => runs.filter((r) => r.page === key);
const med = (key, f) => {
  const values = of(key).map(f).filter((v) => v != null && !Number.isNaN(v));
  return values.length ? median(values) : null;
};
const kb = (n) => (n == null ? '—' : `${(n / 1024).toFixed(1)} KB`);
const ms = (n) => (n == null ? '—' : `${fmt(n)} ms`);
const ratio = (a, b) => (a == null || b == null || !b ? '—' : `${fmt(a / b)}×`);
const ROWS = [
  ['bytes before the load event, gzip -9 (all files)', (r) => r.bytesBeforeLoad.gzip, kb],
  ['bytes before the load event, raw', (r) => r.bytesBeforeLoad.raw, kb],
  ['bytes in all once ready, network idle, gzip -9', (r) => r.bytesAll.gzip, kb],
  ['… of which the widgets\' files, gzip -9', (r) => r.bytesWidgets.gzip, kb],
  ['bytes in all, raw', (r) => r.bytesAll.raw, kb],
  ['requests', (r) => r.requests, (n) => fmt(n)],
  ['**main-thread scripting, navigation → load + 5 s**', (r) => r.scriptMs, ms],
  ['main-thread tasks in all (script, style, layout, paint, parse)', (r) => r.taskMs, ms],
  ['load event', (r) => r.load, ms],
  ['navigation → every widget ready', (r) => r.widgetsReady, ms],
  ['long tasks (> 50 ms)', (r) => r.longTasks, (n) => fmt(n)],
  ['total blocking time (long tasks beyond 50 ms)', (r) => r.blockingMs, ms],
  ['layout shift (CLS)', (r) => r.layoutShift, (n) => (n == null ? '—' : n.toFixed(3))],
  ['JS heap used after GC', (r) => r.heapBytes, kb],
  ['WebAssembly memory', (r) => r.wasmBytes, kb],
];
const [suite, stack] = PAGES;
const text = table(`Page cost: the demo article page, ${LOADS} fresh loads each, medians (Chromium ${chromiumVersion})`,
  ['figure', suite.label, stack.label, 'suite ÷ jQuery'],
  ROWS.map(([label, f, show]) => [label, show(med('suite', f)), show(med('stack', f)), ratio(med('suite', f), med('stack', f))]),
  [false, true, true, true]);
const suiteScript = med('suite', (r) => r.scriptMs), stackScript = med('stack', (r) => r.scriptMs);
const verdict = `Target: the suite's main-thread scripting time no more than the jQuery page's: ` +
  `${fmt(suiteScript)} ms against ${fmt(stackScript)} ms, ${suiteScript <= stackScript ? '**met**' : '**not met**'}.`;
console.log(verdict);
const errors = [...new Set(runs.flatMap((r) => r.errors.map((e) => `${r.page}: ${e}`)))];
for (const e of errors) console.log(`warning: ${e}`);
const loadAfter = loadavg()[0];
const md = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (load average ` +
  `${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${cpus().length} CPUs), Chromium ${chromiumVersion}, ` +
  `viewport ${VIEWPORT.width}×${VIEWPORT.height}.\n\n${text}\n${verdict}\n` +
  (errors.length ? `\nWarnings: ${errors.join('; ')}\n` : '');
mkdirSync(BENCH_OUT, { recursive: true });
writeFileSync(join(BENCH_OUT, 'page-cost.json'), JSON.stringify({ date: new Date().toISOString(), chromium: chromiumVersion,
  loads: LOADS, quick: QUICK, stack: STACK, loadAverage: { before: loadBefore, after: loadAfter }, runs }, null, 2) + '\n');
console.log(`note: ${writeDocsSection('page-cost', md)}`);
console.log(`wrote ${join(BENCH_OUT, 'page-cost.json').slice(ROOT.length + 1)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
