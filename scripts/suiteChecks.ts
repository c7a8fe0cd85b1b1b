/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// What a real-n8n suite found: a line per check as it happens, then the closing tally that CI reads.
import fs from 'node:fs';

const results: boolean[] = [];

export function check(name: string, ok: boolean, detail?: string): void {
	results.push(ok);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

export const checksSoFar = () => results.length;

/** "N passed, N failed" and the exit code; a passing run leaves no folder behind, a failing one says where it is. */
export function finish(runDir: string, kept = `logs kept in ${runDir}`): number {
	const failed = results.filter((ok) => !ok).length;
	if (failed === 0) fs.rmSync(runDir, { recursive: true, force: true });
	else console.log(kept);
	console.log(`\n${results.length - failed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}
