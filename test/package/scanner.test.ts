/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { projectRoot } from '../harness/projectRoot';
import { lintEnvironment } from './lintEnvironment';

// n8n verifies community packages with @n8n/scan-community-package; its analysis must find nothing in what ships.
const ROOT = projectRoot();
const scan = (dir: string, leg?: 'sources') => {
	const out = execFileSync(process.execPath, [path.join(ROOT, 'test/package/scan.mjs'), dir, ...(leg ? [leg] : [])], { cwd: ROOT, encoding: 'utf8', env: lintEnvironment() });
	return JSON.parse(out.trim().split('\n').pop()!) as { passed: boolean; message: string | null; details: string | null };
};

describe('n8n\'s community package scanner', () => {
	jest.setTimeout(120_000);

	it('finds nothing in the packed tarball (built dist/ and package.json)', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
		try {
			const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
			execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
			const unpacked = path.join(dir, 'package');
			expect(fs.existsSync(path.join(unpacked, 'dist/nodes/ZohoMassDelete/ZohoMassDelete.node.js'))).toBe(true);
			const verdict = scan(unpacked);
			expect(verdict.details ?? verdict.message).toBeNull();
			expect(verdict.passed).toBe(true);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('finds nothing in the sources it takes from the repository (package.json, nodes/, credentials/)', () => {
		const verdict = scan(ROOT, 'sources');
		expect(verdict.details ?? verdict.message).toBeNull();
		expect(verdict.passed).toBe(true);
	});

	it('can fail: a console.log in a node is a finding', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-bad-'));
		try {
			fs.mkdirSync(path.join(dir, 'nodes'));
			fs.writeFileSync(path.join(dir, 'nodes/Bad.node.js'), 'console.log("hello");\n');
			const verdict = scan(dir);
			expect(verdict.passed).toBe(false);
			expect(verdict.details).toMatch(/no-console/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
