// node test/package/scan.mjs <dir> [sources]: n8n's community package scanner (@n8n/scan-community-package), run
// on a folder, as its CLI runs it on a published package: the tarball leg lints every file; the source leg the
// files the scanner takes from the attested repository. Prints its verdict as JSON.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [dir, leg] = process.argv.slice(2);
const verdict = leg === 'sources' ? await analyzePackage(dir, SOURCE_FILE_PATTERNS) : await analyzePackage(dir);
console.log(JSON.stringify({ passed: verdict.passed, message: verdict.message ?? null, details: verdict.details ?? null }));
