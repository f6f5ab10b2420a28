#!/usr/bin/env node
// make bench: the studio's time to first frame and its bytes.
//
// Time to first frame: dist/studio/index.html served by the demo server
// (scripts/serve.mjs, no cache), opened in headless Chromium in a fresh context
// each time (nothing cached), from navigation start to the first frame Dear ImGui
// drew (window.pwStudio.firstFrameMs, set by studio_bridge.js after the first
// rendered frame: the font fetched, the module compiled and run, the glyphs of the
// first frame rasterised), and until the whole font is rasterised (fullFontMs,
// the frame after). Where the time goes, from the same loads: the module's main()
// started (mainMs: studio.js and studio.wasm fetched and compiled), the font handed
// to it (fontMs: the WebGL context created, the font fetched), the first atlas
// built and uploaded (atlasMs); the first frame is drawn after that.
// Five loads; the median is the figure (target: 1.5 s or less). Bytes: the
// studio's files in the manifest, raw and gzip -9.
//
// Prints a Markdown table and writes $OUT/bench/studio.json; never a test assertion.
//   node tests/bench/studio.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../web/helpers.mjs';
import { BENCH_OUT, DIST, manifest } from './lib/common.mjs';

const LOADS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const files = manifest().files.filter((f) => f.purpose === 'studio');
if (!files.length) {
  console.error('bench studio: no studio files in the manifest; run make dist');
  process.exit(1);
}
const load = loadavg()[0];
const { server, url } = await serve({ port: 0, dist: DIST });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const times = [];
const fullFont = [];
const steps = { mainMs: [], fontMs: [], atlasMs: [] };
try {
  for (let i = 0; i < LOADS; ++i) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(new URL('/dist/studio/index.html#site-name=%E6%B5%8B%E8%AF%95', url).href);
    await page.waitForFunction(() => window.pwStudio && window.pwStudio.firstFrameMs > 0, null, { timeout: 60000 });
    times.push(await page.evaluate(() => window.pwStudio.firstFrameMs));
    await page.waitForFunction(() => window.pwStudio.fullFontMs > 0, null, { timeout: 60000 });
    fullFont.push(await page.evaluate(() => window.pwStudio.fullFontMs));
    const marks = await page.evaluate(() => ({ ...window.pwStudio }));
    for (const k of Object.keys(steps)) steps[k].push(marks[k]);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const raw = files.reduce((s, f) => s + f.bytes, 0);
const gzip = files.reduce((s, f) => s + f.gzip, 0);
const result = {
  firstFrameMs: { median: Math.round(median(times)), runs: times.map(Math.round) },
  fullFontMs: { median: Math.round(median(fullFont)), runs: fullFont.map(Math.round) },
  steps: Object.fromEntries(Object.entries(steps).map(([k, xs]) => [k, { median: Math.round(median(xs)), runs: xs.map(Math.round) }])),
  bytes: { raw, gzip, files: files.map(({ name, bytes, gzip: gz }) => ({ name, bytes, gzip: gz })) },
  loadAverage: load,
};
mkdirSync(BENCH_OUT, { recursive: true });
writeFileSync(join(BENCH_OUT, 'studio.json'), JSON.stringify(result, null, 2) + '\n');

console.log('\n### Studio (dist/studio/)\n');
console.log(`Time to first frame, headless Chromium, demo server, ${LOADS} fresh loads: ` +
  `median **${result.firstFrameMs.median} ms** (runs: ${result.firstFrameMs.runs.join(', ')} ms; target ≤ 1500 ms; ` +
  `load average ${load.toFixed(2)}).\n`);
console.log(`Where the time goes (medians, ms after navigation start): main() started ${result.steps.mainMs.median}, ` +
  `font handed over ${result.steps.fontMs.median}, first atlas built ${result.steps.atlasMs.median}, ` +
  `first frame ${result.firstFrameMs.median}.\n`);
console.log(`The whole font (3,500 common hanzi) rasterised after the first frame: median ${result.fullFontMs.median} ms ` +
  `after navigation start (runs: ${result.fullFontMs.runs.join(', ')} ms).\n`);
console.log('| file | bytes | gzip -9 |\n|---|---:|---:|');
for (const f of files) console.log(`| ${f.name} | ${f.bytes} | ${f.gzip} |`);
console.log(`| **total** | ${raw} | ${gzip} |`);
