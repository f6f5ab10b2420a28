// Prints "<passed> <failed>" for a JUnit XML file written by node's test runner.
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2];
if (!existsSync(path)) { console.log('0 1'); process.exit(0); }
const xml = readFileSync(path, 'utf8');
let passed = 0;
let failed = 0;
// A <testcase …/> or <testcase …>…</testcase>; a failure carries a failure="…" attribute.
for (const match of xml.matchAll(/<testcase\b([^>]*?)(\/>|>)/g)) {
  if (/\bfailure="/.test(match[1])) failed += 1;
  else if (!/\bskipped="/.test(match[1])) passed += 1;
}
console.log(`${passed} ${failed}`);
