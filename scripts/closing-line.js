// After jest: prints the plain closing line CI reads ("N passed, N failed") and keeps jest's verdict as the exit code.
const fs = require('node:fs');

const file = process.argv[2] ?? '.jest-results.json';
if (!fs.existsSync(file)) {
	console.error(`0 passed, 1 failed (jest wrote no results to ${file})`);
	process.exit(1);
}
const results = JSON.parse(fs.readFileSync(file, 'utf8'));
const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(results.success && failed === 0 && results.numPassedTests > 0 ? 0 : 1);
