// Totals vitest's and Playwright's JSON reports into the one closing line CI
// reads: "N passed, N failed[, N skipped]". A report that is missing means
// its stage never ran (an earlier stage failed): that is said, not hidden.
import { existsSync, readFileSync } from 'node:fs';

const [vitestPath = 'reports/vitest.json', playwrightPath = 'reports/playwright.json'] =
  process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (existsSync(vitestPath)) {
  const report = JSON.parse(readFileSync(vitestPath, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else missing.push(`vitest (${vitestPath})`);

if (existsSync(playwrightPath)) {
  const report = JSON.parse(readFileSync(playwrightPath, 'utf8'));
  const stats = report.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
  for (const error of report.errors ?? []) {
    failed += 1;
    console.log(`playwright error: ${error.message ?? JSON.stringify(error)}`);
  }
} else missing.push(`playwright (${playwrightPath})`);

if (missing.length) console.log(`not run (an earlier stage failed): ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing.length > 0 ? 1 : 0);
