#!/usr/bin/env node
// make size: raw, gzip -9 and brotli (quality 11) bytes of every dist file, and the eager total.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const { files } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
const rows = files.map((f) => {
  const data = readFileSync(join(dist, f.name));
  return {
    ...f,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(44)} ${'purpose'.padEnd(11)} ${pad('raw', 9)} ${pad('gzip', 8)} ${pad('brotli', 8)}  eager`);
for (const r of rows) {
  console.log(`${r.name.padEnd(44)} ${r.purpose.padEnd(11)} ${pad(r.bytes, 9)} ${pad(r.gzip, 8)} ${pad(r.brotli, 8)}  ${r.eager ? 'yes' : ''}`);
}
const eager = rows.filter((r) => r.eager);
const sum = (k) => eager.reduce((n, r) => n + r[k], 0);
console.log(`${'eager total'.padEnd(44)} ${''.padEnd(11)} ${pad(sum('bytes'), 9)} ${pad(sum('gzip'), 8)} ${pad(sum('brotli'), 8)}`);
