#!/usr/bin/env node
// Measures the eager core module at each optimisation level: wasm bytes and
// gzip, the whole hashed core file's gzip, and the time of the QR export
// (encode + SVG path) in Chromium. The numbers behind the -O choice in
// cmake/WasmModule.cmake; run by hand: node scripts/measure-flags.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ROOT } from '../tests/web/helpers.mjs';
import { serve } from './serve.mjs';

const LEVELS = (process.env.LEVELS || '-O2 -O3 -Os -Oz').split(' ');
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const rows = [];
for (const level of LEVELS) {
  const build = join(ROOT, 'build/flags', level.slice(1));
  execFileSync('cmake', ['--preset', 'wasm', '-B', build, `-DCMAKE_CXX_FLAGS_RELEASE=${level} -DNDEBUG`,
    `-DCMAKE_C_FLAGS_RELEASE=${level} -DNDEBUG`], { env, stdio: 'ignore' });
  execFileSync('cmake', ['--build', build, '-j2', '--target', 'wasm_module_core'], { env, stdio: 'ignore' });
  const glue = readFileSync(join(build, 'modules/core.js'), 'utf8');
  const wasm = Buffer.from(/base64,([A-Za-z0-9+/=]+)/.exec(glue)[1], 'base64');
  rows.push({ level, build, wasm: wasm.length, wasmGzip: gzipSync(wasm, { level: 9 }).length, fileGzip: gzipSync(glue, { level: 9 }).length });
}

// Time the QR export in Chromium: each build's module file instantiated in one page.
const { server, url } = await serve({ port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(new URL('/tests/foundation/basic.html', url).href);
const inputs = ['https://www.example.gov.cn/zwgk/zcjd/202611/t20261118_123456.html',
  '关于《某某县促进中小企业高质量发展若干措施》的政策解读 https://www.example.gov.cn/'.repeat(3)];
for (const row of rows) {
  const source = readFileSync(join(row.build, 'modules/core.js'), 'utf8');
  row.micros = await page.evaluate(async ({ source, inputs }) => {
    const factory = new Function('fetch', `${source}\nreturn PWModule_core;`)(undefined);  // bench page only
    const m = await factory({});
    const call = (text) => {
      const n = m.lengthBytesUTF8(text) + 1;
      const p = m._malloc(n);
      m.stringToUTF8(text, p, n);
      const e = m._malloc(2); m.stringToUTF8('M', e, 2);
      const empty = m._malloc(1); m.stringToUTF8('', empty, 1);
      m.UTF8ToString(m._pw_qrcode_render(p, e, empty, empty, empty, 0));
      m._free(p); m._free(e); m._free(empty);
    };
    return inputs.map((text) => {
      for (let i = 0; i < 50; i++) call(text);
      const times = [];
      for (let r = 0; r < 7; r++) {
        const t0 = performance.now();
        for (let i = 0; i < 200; i++) call(text);
        times.push((performance.now() - t0) * 1000 / 200);
      }
      return times.sort((a, b) => a - b)[3];
    });
  }, { source, inputs });
}
await browser.close();
server.close();

console.log('level  wasm B   wasm gz  core file gz  QR url µs  QR 300B zh µs');
for (const r of rows) {
  console.log(`${r.level.padEnd(6)} ${String(r.wasm).padStart(7)} ${String(r.wasmGzip).padStart(8)} ${String(r.fileGzip).padStart(13)}` +
    ` ${r.micros[0].toFixed(1).padStart(10)} ${r.micros[1].toFixed(1).padStart(14)}`);
}
