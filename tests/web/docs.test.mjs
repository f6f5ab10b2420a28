// The documentation as a test subject: README.md is a short front door, every
// relative link in the docs leads somewhere, docs/errors.md lists every error
// id the code can report, and every HTML and JS example in README.md,
// CONTRIBUTING.md and docs/*.md runs in Chromium against dist/.
//
// Examples are the fenced ```html and ```js blocks. Each runs in a page of its
// own that has the site's usual furniture (meta tags, an article in #zoom with a
// link, a script tag for dist/portal-widgets.js with data-allow="*.gov.cn")
// unless the example brings its own:
//   html  an example with <head> is the whole document; any other is placed in
//         the body. An example with its own portal-widgets.js tag gets no other.
//   js    runs as a module script (top-level await works) after the page's
//         PortalWidgets.ready; an example that imports "portal-widgets" gets no
//         script tag and an import map pointing at dist/portal-widgets.mjs.
// /static/portal-widgets/ (the docs' deployment folder) serves dist/, /feeds/*.json
// a sample feed. Every example must leave no page error, no console error, and
// PortalWidgets.ready {ok: true}. An HTML comment on the line before the fence adds
// to that or opts out:
//   <!-- example: assert <JS expression> -->  must be truthy once the example ran
//   <!-- example: skip <why> -->               not run (say why)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT, openBrowser } from './helpers.mjs';
import { docExamples, docPages, routeExample } from './doc-examples.mjs';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2. */
function anchors(text) {
  const seen = new Map();
  const out = new Set();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    const base = m[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) || 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

test('README.md is a front door: at most 250 lines, linking the embed, widget, errors and architecture pages', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n').length;
  assert.ok(lines <= 250, `README.md has ${lines} lines; expected at most 250 (depth belongs in docs/)`);
  const pages = ['embed', 'font-size', 'qrcode', 'related', 'leave-site', 'errors', 'architecture', 'benchmarks'].map((p) => `docs/${p}.md`);
  for (const file of [...pages, 'CONTRIBUTING.md', 'CHANGELOG.md']) assert.ok(readme.includes(`(${file})`), `README.md does not link ${file}`);
});

test('every relative link in the docs points at an existing file and heading', () => {
  const problems = [];
  const pages = docPages();
  for (const { file, text } of pages) {
    const prose = text.replace(/```[\s\S]*?```/g, '');
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [path, hash] = target.split('#');
      const resolved = path ? relative(ROOT, join(ROOT, dirname(file), path)) : file;
      if (!existsSync(join(ROOT, resolved))) { problems.push(`${file}: ${target} (no such file)`); continue; }
      if (hash && resolved.endsWith('.md') && !anchors(readFileSync(join(ROOT, resolved), 'utf8')).has(hash)) {
        problems.push(`${file}: ${target} (no such heading in ${resolved})`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

/** Every literal `pw.<area>.<what>` id in the product's sources, plus each element's mount_failed. */
function errorIdsInCode() {
  const ids = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(cpp|h|js|mjs)$/.test(entry.name)) {
        const text = readFileSync(join(ROOT, rel), 'utf8');
        for (const [id] of text.matchAll(/\bpw\.[a-z_]+\.[a-z_0-9]+\b/g)) ids.add(id);
        // BaseElement reports pw.<element name without pw-, hyphens as _>.mount_failed.
        for (const [, name] of text.matchAll(/defineElement\('pw-([a-z-]+)'/g)) ids.add(`pw.${name.replace(/-/g, '_')}.mount_failed`);
      }
    }
  };
  for (const dir of ['core', 'widgets', 'web']) walk(dir);
  // Not error ids: object paths that happen to match the pattern.
  for (const id of [...ids]) if (/^pw\.(files|shell|api)\./.test(id)) ids.delete(id);
  return ids;
}

test('docs/errors.md has a row for every error id the code reports, and none it does not', () => {
  const errors = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
  const rows = new Set([...errors.matchAll(/^\| `(pw\.[a-z_]+\.[a-z_0-9]+)` \|/gm)].map((m) => m[1]));
  const code = errorIdsInCode();
  assert.ok(code.size > 50, `found only ${code.size} ids in the sources; is the scan broken?`);
  assert.deepEqual([...code].filter((id) => !rows.has(id)).sort(), [], 'ids in the code without a row in docs/errors.md');
  assert.deepEqual([...rows].filter((id) => !code.has(id)).sort(), [], 'rows in docs/errors.md for ids the code never reports');
});

describe('every HTML and JS example in the docs runs', () => {
  let env;
  before(async () => { env = await openBrowser(); });
  after(() => env.close());

  for (const example of docExamples()) {
    const name = `${example.file}:${example.line} (${example.lang})`;
    test(name, { skip: example.skip || false }, async () => {
      const page = await env.page(null, { beforeLoad: (p) => routeExample(p, example) });
      await page.goto(new URL('/docs-example.html', env.url).href);
      const done = await page.waitForFunction(() => window.__exampleDone === true, null, { timeout: 15000 }).then(() => true, () => false);
      assert.ok(done, `${name} did not finish: ${JSON.stringify({ pageErrors: page.pageErrors, console: page.consoleMessages })}`);
      const result = await page.evaluate(async (expression) => {
        const ready = await window.PortalWidgets.ready;
        await Promise.all([...document.querySelectorAll('pw-font-size, pw-qrcode, pw-related')].map((el) => el.ready));
        return { ok: ready.ok, mode: ready.mode, errors: ready.errors.map((e) => `${e.id}: ${e.message}`),
          assertion: expression ? !!(0, eval)(expression) : true };
      }, example.assert);
      assert.deepEqual(page.pageErrors, [], `${name}: page errors`);
      assert.deepEqual(page.consoleErrors, [], `${name}: console errors`);
      assert.deepEqual(result.errors, [], `${name}: PortalWidgets.ready errors`);
      assert.equal(result.ok, true, `${name}: PortalWidgets.ready ok`);
      assert.equal(result.assertion, true, `${name}: <!-- example: assert ${example.assert} -->`);
    });
  }
});
