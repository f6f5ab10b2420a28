// The JS peers, each bundled and minified by esbuild into one classic script
// (an IIFE that sets one global), the form a portal would put on its pages.
// The same file is timed in Chromium and in node and measured for size, so
// speed and size describe the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './common.mjs';

const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * name: how the tables call it; pkg: the npm package; global: what the bundle
 * sets; entry: the bundle's source. qrcode (node-qrcode) resolves to its
 * "browser" build; qrcode-generator's CommonJS file carries its UTF-8 encoder
 * (its default encoder keeps only the low byte of each UTF-16 unit).
 */
export const PEERS = [
  { name: 'node-qrcode', pkg: 'qrcode', global: 'benchQRCode', kind: 'qr',
    entry: "globalThis.benchQRCode = require('qrcode');" },
  { name: 'qrcode-generator', pkg: 'qrcode-generator', global: 'benchQrcodeGenerator', kind: 'qr',
    entry: "const q = require('qrcode-generator'); q.stringToBytes = q.stringToBytesFuncs['UTF-8']; globalThis.benchQrcodeGenerator = q;" },
  { name: 'nayuki (TS port)', pkg: 'nayuki-qr-code-generator', global: 'benchQrcodegen', kind: 'qr',
    entry: "import qrcodegen from 'nayuki-qr-code-generator'; globalThis.benchQrcodegen = qrcodegen;" },
  { name: 'minisearch', pkg: 'minisearch', global: 'benchMiniSearch', kind: 'search',
    entry: "import MiniSearch from 'minisearch'; globalThis.benchMiniSearch = MiniSearch;" },
];

/** Bundles every peer into `dir`; returns [{...peer, version, file, code}]. */
export async function bundlePeers(dir) {
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const peer of PEERS) {
    const result = await build({
      stdin: { contents: peer.entry, resolveDir: ROOT, sourcefile: `${peer.pkg}-entry.js` },
      bundle: true, minify: true, format: 'iife', platform: 'browser', target: 'es2020',
      write: false, logLevel: 'error', legalComments: 'none',
    });
    const code = result.outputFiles[0].text;
    const file = join(dir, `${peer.pkg}.min.js`);
    writeFileSync(file, code);
    out.push({ ...peer, version: version(peer.pkg), file, code });
  }
  return out;
}
