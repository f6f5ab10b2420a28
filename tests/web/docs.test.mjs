// The documentation as a test subject: README.md is a short front door, every
// relative link in the docs leads somewhere, and docs/errors.md lists every
// error id the code can report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './helpers.mjs';

/** README.md, CONTRIBUTING.md, CHANGELOG.md (when present) and docs/*.md, as {file, text}. */
export function docPages() {
  const files = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((f) => existsSync(join(ROOT, f)));
  for (const f of readdirSync(join(ROOT, 'docs')).sort()) if (f.endsWith('.md')) files.push(`docs/${f}`);
  return files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
}

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

test('README.md is a front door: at most 250 lines, linking every page of docs/', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n').length;
  assert.ok(lines <= 250, `README.md has ${lines} lines; expected at most 250 (depth belongs in docs/)`);
  for (const { file } of docPages()) {
    if (file.startsWith('docs/')) assert.ok(readme.includes(`(${file})`), `README.md does not link ${file}`);
  }
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
