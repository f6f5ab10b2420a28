// The shell helpers of make (no browser, no network; sample inputs in a temporary directory):
//   scripts/apt-sources.sh  the private deb-src list setup.sh fetches the Debian
//                           source packages with, from the machine's apt sources in either format
//   scripts/ctest-counts.sh passed / failed / skipped from a ctest log, for test.sh's summary
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'pw-apt-sources-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Writes an etc/apt folder with the given files, runs the script, returns its outputs. */
function run(name, files, parts = join(work, name, 'parts')) {
  const etc = join(work, name, 'etc');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(etc, path, '..'), { recursive: true });
    writeFileSync(join(etc, path), text);
  }
  mkdirSync(etc, { recursive: true });
  const r = spawnSync('bash', [join(ROOT, 'scripts/apt-sources.sh'), etc, parts], { encoding: 'utf8' });
  const read = (f) => (existsSync(join(parts, f)) ? readFileSync(join(parts, f), 'utf8') : null);
  return { status: r.status, stderr: r.stderr, sources: read('src.sources'), list: read('src.list') };
}

const DEB822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: cdrom:[Debian GNU/Linux 12]/
Suites: bookworm
Components: main
`;

// What the netinst installer leaves behind.
const NETINST = `#

# deb cdrom:[Debian GNU/Linux 12.8.0 _Bookworm_ - Official amd64 NETINST with firmware 20241109-11:04]/ bookworm contrib main non-free-firmware

deb http://deb.debian.org/debian/ bookworm main non-free-firmware
deb-src http://deb.debian.org/debian/ bookworm main non-free-firmware

deb http://security.debian.org/debian-security bookworm-security main non-free-firmware
deb-src http://security.debian.org/debian-security bookworm-security main non-free-firmware

# bookworm-updates, to get updates before a point release is made;
deb  [arch=amd64] http://deb.debian.org/debian/ bookworm-updates main non-free-firmware
deb cdrom:[Debian GNU/Linux 12.8.0]/ bookworm main
`;

test('deb822 debian.sources (Docker, cloud images): every deb stanza becomes deb-src, cdrom skipped', () => {
  const r = run('deb822', { 'sources.list.d/debian.sources': DEB822 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.list, null);
  assert.equal(r.sources, `Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`);
});

test('one-line sources.list (a netinst install): deb lines become deb-src, comments, deb-src and cdrom dropped', () => {
  const r = run('netinst', { 'sources.list': NETINST });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.sources, null);
  assert.equal(r.list, `deb-src http://deb.debian.org/debian/ bookworm main non-free-firmware
deb-src http://security.debian.org/debian-security bookworm-security main non-free-firmware
deb-src  [arch=amd64] http://deb.debian.org/debian/ bookworm-updates main non-free-firmware
`);
});

test('both formats present: both are used; a Docker-style sources.list with only comments adds nothing', () => {
  let r = run('both', { 'sources.list.d/debian.sources': DEB822, 'sources.list': NETINST });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.sources, /^Types: deb-src$/m);
  assert.match(r.list, /^deb-src http:\/\/deb\.debian\.org\/debian\/ bookworm main/m);
  r = run('docker', { 'sources.list.d/debian.sources': DEB822, 'sources.list': '# See /etc/apt/sources.list.d/debian.sources\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.list, null);
  assert.match(r.sources, /^URIs: http:\/\/deb\.debian\.org\/debian$/m);
});

test('a list left from an earlier run is replaced, not kept beside the new one', () => {
  const parts = join(work, 'stale-parts');
  run('stale-a', { 'sources.list.d/debian.sources': DEB822 }, parts);
  const r = run('stale-b', { 'sources.list': NETINST }, parts);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.sources, null);
  assert.match(r.list, /^deb-src /);
});

test('no usable source: exit 1 and a message naming both files', () => {
  const r = run('none', { 'sources.list': '# nothing here\ndeb cdrom:[Debian GNU/Linux 12]/ bookworm main\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /debian\.sources/);
  assert.match(r.stderr, /sources\.list/);
  assert.equal(r.list, null);
  assert.equal(r.sources, null);
});

const CTEST_LOG = `158/158 Test #155: wasm.Url.IdentityDropsTheFragmentOnly ................................   Passed    0.11 sec

99% tests passed, 1 tests failed out of 158

Total Test time (real) =  12.99 sec

The following tests did not run:
\t106 - wasm.QrRoundTrip.ZbarAndZxingDecodeEveryRenderedVersionAndLevel (Skipped)
\t133 - wasm.ShareCard.ZbarDecodesTheCard (Skipped)

The following tests FAILED:
\t 12 - wasm.Config.LanguageRule (Failed)
`;

function counts(log) {
  const path = join(work, `ctest-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(path, log);
  const r = spawnSync('bash', [join(ROOT, 'scripts/ctest-counts.sh'), path], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout.trim() };
}

test('ctest counts: skipped tests are counted apart, not as passed', () => {
  assert.deepEqual(counts(CTEST_LOG), { status: 0, out: '155 1 2' });
  assert.deepEqual(counts('100% tests passed, 0 tests failed out of 1\n'), { status: 0, out: '1 0 0' });
});

// ctest's summary leaves a DISABLED test out of "out of N" (a skipped one is in it):
// one test of each kind (passed, skipped, disabled, failed) reads "out of 3".
const CTEST_DISABLED_LOG = `1/4 Test #1: ok ...............................   Passed    0.00 sec
2/4 Test #2: skip .............................***Skipped   0.00 sec
3/4 Test #3: dis ..............................***Not Run (Disabled)   0.00 sec
4/4 Test #4: bad ..............................***Failed    0.00 sec

67% tests passed, 1 tests failed out of 3

The following tests did not run:
\t  2 - skip (Skipped)
\t  3 - dis (Disabled)

The following tests FAILED:
\t  4 - bad (Failed)
`;

test('ctest counts: a disabled test is counted as skipped without taking a pass away', () => {
  assert.deepEqual(counts(CTEST_DISABLED_LOG), { status: 0, out: '1 1 2' });
  const onlyDisabled = CTEST_DISABLED_LOG.replace('67% tests passed, 1 tests failed out of 3', '100% tests passed, 0 tests failed out of 1')
    .replace(/^.*skip \(Skipped\)\n/m, '').replace(/The following tests FAILED:[\s\S]*/, '');
  assert.deepEqual(counts(onlyDisabled), { status: 0, out: '1 0 1' });
});

test('ctest counts: a log without the summary line means ctest did not run', () => {
  assert.deepEqual(counts('CMake Error: could not find CTestTestfile.cmake\n'), { status: 1, out: '' });
});
