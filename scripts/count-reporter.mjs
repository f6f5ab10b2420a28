// A node:test reporter for make test: appends one line per finished test
// ("pass", "fail" or "skip"; suites are not counted, only what they contain) to
// the file named by PW_TEST_COUNTS. Written as events arrive, so the counts
// survive --test-force-exit.
import { appendFileSync } from 'node:fs';

export default async function* countReporter(source) {
  const out = process.env.PW_TEST_COUNTS;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details = {}, skip, todo } = event.data;
    // A suite counts only when it failed outside its tests (a hook, or the file itself).
    if (details.type === 'suite' && (event.type === 'test:pass' || details.error?.failureType === 'subtestsFailed')) continue;
    const outcome = event.type === 'test:fail' ? 'fail' : skip || todo ? 'skip' : 'pass';
    if (out) appendFileSync(out, `${outcome}\n`);
  }
}
