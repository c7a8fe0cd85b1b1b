/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

import { projectRoot } from '../harness/projectRoot';
import { lintEnvironment } from './lintEnvironment';

// n8n Cloud verifies packages that use @n8n/node-cli's strict mode: its default lint config, unchanged. Tests and
// tools live beside the shipped code and turn off, file by file, the rules that only make sense inside n8n; the
// shipped code must pass the default config with no such directive at all.
const ROOT = projectRoot();
const SHIPPED = ['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts'];

/** ESLint's CLI with the repository's config and every inline directive ignored; its JSON report. */
function lint(args: string[], input?: string): Array<{ filePath: string; messages: Array<{ line: number; ruleId: string; message: string }> }> {
	const cli = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');
	const options = { cwd: ROOT, encoding: 'utf8' as const, input, env: lintEnvironment() };
	const run = spawnSync(process.execPath, [cli, '--no-inline-config', '--format', 'json', ...args], options);
	if (!run.stdout) throw new Error(`eslint printed no report: ${run.stderr}`);
	return JSON.parse(run.stdout);
}

describe('n8n Cloud support (@n8n/node-cli strict mode)', () => {
	jest.setTimeout(120_000);

	it('n8n-node cloud-support reports the package eligible', () => {
		const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@n8n/node-cli/bin/n8n-node.mjs'), 'cloud-support'], {
			cwd: ROOT,
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
		});
		expect(out).toContain('Strict mode: enabled');
		expect(out).toContain('ESLint config: using default config');
		expect(out).toMatch(/Status: eligible for n8n Cloud verification/);
	});

	it('the shipped sources pass the default lint config with inline directives ignored', () => {
		const results = lint(SHIPPED);
		expect(results.length).toBeGreaterThan(30);
		const findings = results.flatMap((result) =>
			result.messages.map((message) => `${path.relative(ROOT, result.filePath)}:${message.line} ${message.ruleId}: ${message.message}`),
		);
		expect(findings).toEqual([]);
	});

	it('can fail: the default config refuses Node globals in a node', () => {
		const [result] = lint(['--stdin', '--stdin-filename', 'nodes/ZohoMassDelete/probe.ts'], 'export const home = process.env.HOME;\n');
		expect(result.messages.map((message) => message.ruleId)).toContain('@n8n/community-nodes/no-restricted-globals');
	});
});
