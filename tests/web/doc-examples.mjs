// The docs' examples as test subjects (tests/web/docs.test.mjs runs each one;
// tests/web/layout-shift.test.mjs checks that nothing moves when the widgets of
// each one mount). See docs.test.mjs for the rules of an example.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DIST, ROOT } from './helpers.mjs';
import { TYPES } from '../../scripts/serve.mjs';

/** README.md, CONTRIBUTING.md, CHANGELOG.md (when present) and docs/*.md, as {file, text}. */
export function docPages() {
  const files = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((f) => existsSync(join(ROOT, f)));
  for (const f of readdirSync(join(ROOT, 'docs')).sort()) if (f.endsWith('.md')) files.push(`docs/${f}`);
  return files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
}

/** Every ```html and ```js block of the docs: {file, line, lang, code, assert, skip}. */
export function docExamples() {
  const examples = [];
  for (const { file, text } of docPages()) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^```(html|js)\s*$/.exec(lines[i]);
      if (!open) {
        if (lines[i].startsWith('```')) while (++i < lines.length && !lines[i].startsWith('```'));  // other fences
        continue;
      }
      const start = i;
      while (++i < lines.length && !lines[i].startsWith('```'));
      const note = /^<!-- example: (assert|skip) (.*) -->$/.exec(lines[start - 1] || '');
      examples.push({
        file, line: start + 1, lang: open[1], code: lines.slice(start + 1, i).join('\n'),
        assert: note && note[1] === 'assert' ? note[2] : null, skip: note && note[1] === 'skip' ? note[2] : null,
      });
    }
  }
  return examples;
}

const SCRIPT_TAG = '<script src="/static/portal-widgets/portal-widgets.js" defer data-site-name="某某县人民政府门户网站" ' +
  'data-site-hosts="www.example.gov.cn example.gov.cn" data-allow="*.gov.cn"></script>';
const HEAD = '<meta charset="utf-8"><title>关于做好森林防火工作的通知</title><meta name="SiteName" content="某某县人民政府门户网站">' +
  '<meta name="ArticleTitle" content="关于做好森林防火工作的通知"><meta name="Keywords" content="森林防火">';
const ARTICLE = '<div id="zoom"><h1>关于做好森林防火工作的通知</h1><p>正文，见 <a href="https://www.gov.cn/">中国政府网</a>。</p></div>';

const CSS_LINK = '<link rel="stylesheet" href="/static/portal-widgets/portal-widgets.css">';

/**
 * The page an example runs in. With `css`, portal-widgets.css is linked in
 * <head> (as a first-time reader's page has it) unless the example links it.
 */
export function examplePage({ lang, code }, { css = false } = {}) {
  const ownTag = /portal-widgets\.js/.test(code);
  const imports = lang === 'js' && /from ['"]portal-widgets['"]/.test(code);
  const tag = ownTag || imports ? '' : SCRIPT_TAG;
  const article = /id="zoom"/.test(code) ? '' : ARTICLE;
  if (lang === 'js') {
    const map = imports ? '<script type="importmap">{"imports": {"portal-widgets": "/static/portal-widgets/portal-widgets.mjs"}}</script>' : '';
    const body = imports ? code : `await window.PortalWidgets.ready;\n${code}`;
    return `<!doctype html><html lang="zh-CN"><head>${HEAD}${map}${tag}</head><body>${article}` +
      `<script type="module">\n${body}\nwindow.__exampleDone = true;\n</script></body></html>`;
  }
  const html = code.replace(/^\s*…\s*$/gm, '');  // a line of "…" stands for the rest of the page
  const link = css && !/portal-widgets\.css/.test(html) ? CSS_LINK : '';
  if (/<head>/.test(html)) {
    return `<!doctype html><html lang="zh-CN">${html.replace('<head>', `<head>${HEAD}${link}`)}${article}<script>window.__exampleDone = true;</script></html>`;
  }
  return `<!doctype html><html lang="zh-CN"><head>${HEAD}${link}${tag}</head><body>${html}${article}<script>window.__exampleDone = true;</script></body></html>`;
}

const FEED = readFileSync(join(ROOT, 'demo/feeds/column-zcjd.json'));
// The association table docs/related.md shows as its format example: served
// as /feeds/*.assoc, so the widget itself checks that the example is valid.
const ASSOC = /```text\n(pw-assoc [^`]*)```/.exec(readFileSync(join(ROOT, 'docs/related.md'), 'utf8'))[1];

/**
 * Serves an example on `page` at /docs-example.html (see examplePage for
 * `options`), dist/ at /static/portal-widgets/ (the docs' deployment folder)
 * a sample feed at /feeds/*.json and docs/related.md's sample association
 * table at /feeds/*.assoc. `gate`, a promise, holds the core's
 * .js back until it resolves.
 */
export async function routeExample(page, example, { gate = null, ...options } = {}) {
  await page.route('**/docs-example.html', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: examplePage(example, options) }));
  await page.route('**/static/portal-widgets/**', async (route) => {
    const name = new URL(route.request().url()).pathname.replace('/static/portal-widgets/', '');
    if (gate && /^core[.][0-9a-f]+[.]js$/.test(name)) await gate;
    const file = join(DIST, name);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] || 'application/octet-stream' });
  });
  await page.route('**/feeds/*.json', (route) => route.fulfill({ contentType: 'application/json', body: FEED }));
  await page.route('**/feeds/*.assoc', (route) => route.fulfill({ contentType: 'text/plain; charset=utf-8', body: ASSOC }));
}

