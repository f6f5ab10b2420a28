#!/usr/bin/env node
// A small static server for the demo and the browser tests (no dependencies).
//   /dist/…   the packaged bundle (DIST, default dist/)
//   /tests/…  test pages (tests/web/pages/)
//   /…        the demo (demo/); pages listed in demo/templates/articles.json
//             are rendered from demo/templates/article.html, as a CMS would
// Usage: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1] [--dist dist]
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.wasm': 'application/wasm', '.ttf': 'font/ttf', '.otf': 'font/otf',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.ts': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon', '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const TEMPLATES = join(ROOT, 'demo/templates');
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The demo page at `name` (e.g. "article-7.html", "files/2026/11/sme-measures.html") rendered from the template, or null. */
function renderArticle(name) {
  const articles = JSON.parse(readFileSync(join(TEMPLATES, 'articles.json'), 'utf8'));
  const article = Object.hasOwn(articles, name) ? articles[name] : null;
  if (!article) return null;
  const fields = { ...article, datetime: article.date.replace(' ', 'T') };
  return readFileSync(join(TEMPLATES, 'article.html'), 'utf8')
    .replace(/\{\{(\w+)\}\}/g, (whole, key) => (key in fields ? escapeHtml(fields[key]) : whole));
}

/**
 * Starts the server; resolves to {server, port, url}. `port` 0 picks a free port.
 * `mounts` ([[urlPrefix, folder], …]) are served before the usual three.
 */
export function serve({ port = 8080, host = '127.0.0.1', dist = join(ROOT, 'dist'), headers = {}, mounts: extra = [] } = {}) {
  const mounts = [...extra.map(([prefix, dir]) => [prefix, resolve(dir)]),
    ['/dist/', resolve(dist)], ['/tests/', join(ROOT, 'tests/web/pages')], ['/', join(ROOT, 'demo')]];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let pathname;
    try { pathname = decodeURIComponent(url.pathname); } catch { pathname = '/'; }
    const [prefix, dir] = mounts.find(([p]) => pathname.startsWith(p));
    let file = normalize(join(dir, pathname.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) { res.writeHead(403).end('forbidden'); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const rendered = prefix === '/' && !existsSync(file) ? renderArticle(pathname.slice(1)) : null;
    if (rendered != null) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store',
        ...(typeof headers === 'function' ? headers(pathname) : headers) });
      res.end(rendered);
      return;
    }
    if (!existsSync(file)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      ...(typeof headers === 'function' ? headers(pathname) : headers),
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolvePromise({ server, port: actual, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await serve({
    port: Number(arg('port', process.env.PORT || 8080)),
    host: arg('host', '127.0.0.1'),
    dist: arg('dist', process.env.DIST || join(ROOT, 'dist')),
  });
  console.log(`portal-widgets demo: ${url}  (Ctrl-C stops it)`);
}
