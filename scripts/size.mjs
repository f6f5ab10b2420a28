#!/usr/bin/env node
// make size: raw, gzip -9 and brotli (quality 11) bytes of every dist file; the
// totals per `when` (critical, idle, element, interaction, fallback, never) and
// per kind of page:
//   script tag only   what a page without pw-* elements fetches once ready has
//                     resolved: the critical files (loader, host CSS) and the idle ones (core)
//   article page      a page with all four widgets, scrolled through: the above
//                     plus every `element` file (QR, related), with the page build
//                     (core-page, .wasm and .js) instead of the files it stands in for; also shown without
//                     the related module's files (issue "Weight" counts it apart)
// With --json, prints the same figures as one JSON object (used by the dist test
// and the bench).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const WHENS = ['critical', 'idle', 'element', 'interaction', 'fallback', 'never'];

/** {rows, whens: {when: {bytes, gzip, brotli}}, pages: {kind: {bytes, gzip, brotli}}} for a dist folder.
 *  brotli: false skips the (slow) brotli figures (they are then 0). */
export function measure(dist, { brotli = true } = {}) {
  const { files } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const rows = files.map((f) => {
    const data = readFileSync(join(dist, f.name));
    return {
      ...f,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotli ? brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length : 0,
    };
  });
  const total = (pick) => {
    const chosen = rows.filter(pick);
    return { bytes: chosen.reduce((n, r) => n + r.bytes, 0), gzip: chosen.reduce((n, r) => n + r.gzip, 0),
      brotli: chosen.reduce((n, r) => n + r.brotli, 0) };
  };
  const whens = Object.fromEntries(WHENS.map((w) => [w, total((r) => r.when === w)]));
  const early = (r) => r.when === 'critical' || r.when === 'idle';
  // The article page has the font-size and QR elements, so the loader fetches the
  // page build (core-page, .wasm and .js) instead of the core's files, the .wasm
  // of each module the page build holds and the element modules it bundles (the
  // element base class and the element modules of those modules: web/package.mjs).
  // Its .js names what it holds (shell.pageCovers); a page without those
  // elements never fetches it.
  const pageJs = rows.find((r) => r.purpose === 'core-page' && r.name.endsWith('.js'));
  const covers = pageJs ? JSON.parse(`[${(/pageCovers=\[([^\]]*)\]/.exec(readFileSync(join(dist, pageJs.name), 'utf8')) || [])[1] || ''}]`) : [];
  const pageBuild = rows.some((r) => r.purpose === 'core-page');
  const standsIn = (r) => (r.name.endsWith('.wasm') && covers.includes(r.purpose)) ||
    (pageJs && r.name.endsWith('.js') && r.when !== 'fallback' && (r.purpose === 'core' || r.purpose === 'element-base' || covers.includes(r.purpose)));
  const article = (r) => !(pageBuild ? standsIn(r) : r.purpose === 'core-page') && (early(r) || r.when === 'element');
  const pages = {
    'script tag only': total((r) => early(r)),
    'article page, four widgets': total(article),
    'article page, without related': total((r) => article(r) && r.purpose !== 'related'),
  };
  return { rows, whens, pages };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv.find((a, i) => i > 1 && !a.startsWith('--')) || 'dist';
  const result = measure(dist);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ whens: result.whens, pages: result.pages }, null, 2));
  } else {
    const pad = (s, n) => String(s).padStart(n);
    const kb = (n) => (n / 1024).toFixed(1);
    console.log(`${'file'.padEnd(44)} ${'purpose'.padEnd(11)} ${'when'.padEnd(11)} ${pad('raw', 9)} ${pad('gzip', 8)} ${pad('brotli', 8)}`);
    for (const r of result.rows) {
      console.log(`${r.name.padEnd(44)} ${r.purpose.padEnd(11)} ${r.when.padEnd(11)} ${pad(r.bytes, 9)} ${pad(r.gzip, 8)} ${pad(r.brotli, 8)}`);
    }
    console.log('\ntotals per when (1 KB = 1,024 bytes of gzip -9)');
    for (const [w, t] of Object.entries(result.whens)) {
      console.log(`${w.padEnd(44)} ${''.padEnd(23)} ${pad(t.bytes, 9)} ${pad(t.gzip, 8)} ${pad(t.brotli, 8)}  ${kb(t.gzip)} KB`);
    }
    console.log('\ntotals per page kind');
    for (const [kind, t] of Object.entries(result.pages)) {
      console.log(`${kind.padEnd(44)} ${''.padEnd(23)} ${pad(t.bytes, 9)} ${pad(t.gzip, 8)} ${pad(t.brotli, 8)}  ${kb(t.gzip)} KB`);
    }
  }
}
