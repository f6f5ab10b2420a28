// Paths, the dist/ modules, sizes and table printing shared by the benchmarks.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import vm from 'node:vm';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const OUT = resolve(ROOT, process.env.OUT || 'build');
export const DIST = resolve(ROOT, process.env.DIST || 'dist');
export const BENCH_OUT = join(OUT, 'bench');

export const manifest = () => JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));

/** The dist file with manifest purpose `purpose` whose name ends in `ext`, or null. */
export function distFile(purpose, ext = '.js') {
  const entry = manifest().files.find((f) => f.purpose === purpose && f.name.endsWith(ext));
  return entry ? { ...entry, path: join(DIST, entry.name) } : null;
}

/**
 * The Emscripten factory of a module, evaluated in this realm. The dist .js is
 * minified with the runtime and element code (which need a DOM) around the
 * glue, so the glue is taken from the build folder ($OUT/wasm/modules/<purpose>.js,
 * the file web/package.mjs wraps) and wrapped the same way: define, exports,
 * module and fetch bound to undefined. The .wasm it runs is dist's own
 * (instantiateFromDist), checked to be the one this build produced.
 */
export function moduleFactoryFromDist(purpose) {
  const glue = join(OUT, 'wasm/modules', `${purpose}.js`);
  const wasm = distFile(purpose, '.wasm');
  if (wasm && !readFileSync(join(OUT, 'wasm/modules', `${purpose}.wasm`)).equals(readFileSync(wasm.path))) {
    throw new Error(`${wasm.name} is not the .wasm of ${glue}: run make dist with the same OUT`);
  }
  const name = `PWModule_${purpose.replace(/-/g, '_')}`;
  return vm.runInThisContext(`(function (define, exports, module, fetch) {\n${readFileSync(glue, 'utf8')}\nreturn ${name};\n})()`,
    { filename: glue });
}

/**
 * A dist module instantiated in this realm as the runtime does it
 * (web/runtime/wasm.js instantiate): the hashed .wasm beside the .js is handed
 * to the glue through instantiateWasm; a module without one (SINGLE_FILE) has
 * its WebAssembly inside the .js. Resolves to the Emscripten module object.
 */
export function instantiateFromDist(purpose) {
  const factory = moduleFactoryFromDist(purpose);
  const wasm = distFile(purpose, '.wasm');
  if (!wasm) return Promise.resolve(factory({}));
  const bytes = readFileSync(wasm.path);
  return new Promise((resolve, reject) => {
    const instantiateWasm = (imports, success) => {
      WebAssembly.instantiate(bytes, imports).then((result) => success(result.instance), reject);
      return {};
    };
    Promise.resolve(factory({ instantiateWasm })).then(resolve, reject);
  });
}

/** Raw, gzip -9 and brotli (quality 11) bytes of a buffer or string. */
export function sizes(data) {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}

/** Median of an array of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A number for a table: 3 significant digits, thousands separated. */
export function fmt(n, digits = 3) {
  if (n == null || Number.isNaN(n)) return '—';
  if (Math.abs(n) >= 10 ** digits) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(digits)).toLocaleString('en-US', { maximumSignificantDigits: digits });
}

/** Prints a Markdown table (so docs/benchmarks.md can take it as it is); returns its text. */
export function table(title, headers, rows, align) {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const width = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => [...r[i]].length)));
  const right = align || headers.map((_, i) => i > 0);
  const pad = (s, i) => (right[i] ? s.padStart(width[i]) : s.padEnd(width[i]));
  const line = (r) => `| ${r.map((c, i) => pad(c, i)).join(' | ')} |`;
  const text = [`#### ${title}`, '', line(headers),
    `|${width.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`,
    ...cells.map(line), ''].join('\n');
  console.log(`${text}`);
  return text;
}

/**
 * Writes `text` into docs/benchmarks.md between its `<!-- NAME:begin -->` and
 * `<!-- NAME:end -->` markers (the text around them is written by hand).
 * Returns a note for the run's output.
 */
export function writeDocsSection(name, text) {
  const page = join(ROOT, 'docs/benchmarks.md');
  const old = readFileSync(page, 'utf8');
  const begin = `<!-- ${name}:begin -->\n`, end = `<!-- ${name}:end -->`;
  const from = old.indexOf(begin), to = old.indexOf(end);
  if (from < 0 || to < from) return `docs/benchmarks.md has no ${name}:begin/${name}:end markers; its results were not updated`;
  writeFileSync(page, old.slice(0, from + begin.length) + text.trimEnd() + '\n' + old.slice(to));
  return `docs/benchmarks.md: the ${name} section is updated; review the text around it against the new figures`;
}
