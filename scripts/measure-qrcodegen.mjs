#!/usr/bin/env node
// Measures nayuki's qrcodegen, C variant against C++ variant, as WASM: wasm bytes
// and gzip, and encode time under node for three typical texts. The numbers behind
// the choice of the C variant (docs/qrcode.md, "Encoding"). Each variant is built
// alone behind one exported encode function with the link flags of our modules
// (cmake/WasmModule.cmake), at -O3 like qrcodegen in the core. The C++ variant
// throws on long data, so it cannot build with -fno-exceptions.
// Run by hand after scripts/setup.sh (which fetches the sources into .cache/deps):
//   node scripts/measure-qrcodegen.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../tests/web/helpers.mjs';

const SRC = join(ROOT, '.cache/deps/qrcodegen');
const OUT = join(ROOT, process.env.OUT || 'build', 'measure-qrcodegen');
mkdirSync(OUT, { recursive: true });
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };

const variants = {
  c: {
    compiler: 'emcc',
    file: 'enc.c',
    source: `#include <emscripten/emscripten.h>
#include "qrcodegen.h"
static uint8_t qr[qrcodegen_BUFFER_LEN_MAX], tmp[qrcodegen_BUFFER_LEN_MAX];
EMSCRIPTEN_KEEPALIVE int enc(const char* t, int ecc) {
  if (!qrcodegen_encodeText(t, tmp, qr, (enum qrcodegen_Ecc)ecc, 1, 40, qrcodegen_Mask_AUTO, true)) return -1;
  return qrcodegen_getSize(qr);
}
`,
    sources: [join(SRC, 'c/qrcodegen.c')],
    include: join(SRC, 'c'),
    flags: ['-fno-exceptions'],
  },
  'c++': {
    compiler: 'em++',
    file: 'enc.cpp',
    source: `#include <emscripten/emscripten.h>
#include "qrcodegen.hpp"
extern "C" EMSCRIPTEN_KEEPALIVE int enc(const char* t, int ecc) {
  qrcodegen::QrCode q = qrcodegen::QrCode::encodeText(t, (qrcodegen::QrCode::Ecc)ecc);
  return q.getSize();
}
`,
    sources: [join(SRC, 'cpp/qrcodegen.cpp')],
    include: join(SRC, 'cpp'),
    flags: ['-std=c++17'],
  },
};

const TEXTS = [
  ['page URL', 'https://www.example.gov.cn/art/2024/5/1/art_1229_4567890.html'],
  ['110 hanzi', '扫一扫在手机打开当前页'.repeat(10)],
  ['1,000 ASCII', 'x'.repeat(1000)],
];

globalThis.fetch = undefined;  // Emscripten's node path reads the .wasm with fs only without fetch
const require = createRequire(import.meta.url);
const rows = [];
for (const [name, v] of Object.entries(variants)) {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, v.file), v.source);
  execFileSync(v.compiler, ['-O3', ...v.flags, `-I${v.include}`, join(dir, v.file), ...v.sources,
    '--no-entry', '-sMODULARIZE=1', '-sEXPORT_NAME=M', '-sENVIRONMENT=node', '-sFILESYSTEM=0',
    '-sEXPORTED_FUNCTIONS=_malloc,_free,_enc', '-sEXPORTED_RUNTIME_METHODS=stringToUTF8,lengthBytesUTF8',
    '-o', join(dir, 'enc.js')], { env, stdio: 'inherit' });
  const wasm = readFileSync(join(dir, 'enc.wasm'));
  const m = await require(join(dir, 'enc.js'))();
  const micros = TEXTS.map(([, text]) => {
    const n = m.lengthBytesUTF8(text) + 1;
    const p = m._malloc(n);
    m.stringToUTF8(text, p, n);
    for (let i = 0; i < 300; i++) m._enc(p, 1);  // warm-up (past Liftoff to the optimised tier)
    const runs = [];
    for (let r = 0; r < 5; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 200; i++) m._enc(p, 1);
      runs.push(Number(process.hrtime.bigint() - t0) / 1e3 / 200);
    }
    const version = (m._enc(p, 1) - 17) / 4;
    m._free(p);
    return { us: runs.sort((a, b) => a - b)[2], version };
  });
  rows.push({ name, wasm: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length, micros });
}

console.log(`qrcodegen variants as WASM (-O3, ${process.version}; median of 5 × 200 encodes at ecc M)`);
console.log(['variant', 'wasm bytes', 'gzip -9', ...TEXTS.map(([label]) => label)].join(' | '));
for (const r of rows)
  console.log([r.name, r.wasm, r.gzip, ...r.micros.map((x) => `${x.us.toFixed(1)} µs (v${x.version})`)].join(' | '));
const [c, cpp] = rows;
console.log(`C / C++ time: ${c.micros.map((x, i) => (x.us / cpp.micros[i].us).toFixed(2)).join(', ')}`);
