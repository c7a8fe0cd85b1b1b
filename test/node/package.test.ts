/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import fs from 'node:fs';
import path from 'node:path';

// What n8n loads: the built files named in package.json, not the TypeScript sources
const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('the package as n8n loads it (dist/, built by npm test)', () => {
	it('has the community package shape', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	});

	it.each([
		['credentials', 'ZohoCrmOAuth2Api', 'zohoCrmOAuth2Api'],
		['nodes', 'ZohoMassDeleteStatus', 'zohoMassDeleteStatus'],
	])('%s: %s loads from dist with its icons next to it', (kind, className, name) => {
		const file = (pkg.n8n[kind] as string[]).find((entry) => entry.includes(className))!;
		expect(file).toMatch(/^dist\//);
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading built files by path, as n8n does
		const exported = require(path.join(root, file))[className];
		const instance = new exported();
		const description = kind === 'nodes' ? instance.description : instance;
		expect(description.name).toBe(name);
		for (const icon of Object.values(description.icon as Record<string, string>)) {
			const iconPath = path.resolve(path.dirname(path.join(root, file)), icon.replace(/^file:/, ''));
			expect(fs.existsSync(iconPath)).toBe(true);
		}
	});

	it('ships the codex file next to the node', () => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, 'dist/nodes/ZohoMassDeleteStatus/ZohoMassDeleteStatus.node.json'), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.zohoMassDeleteStatus`);
		expect(codex.categories.length).toBeGreaterThan(0);
	});
});
