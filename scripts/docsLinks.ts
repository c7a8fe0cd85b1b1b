/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- runs in Node as a tool, never inside n8n: these rules guard the shipped nodes */
// npm run docs:links: points the credential's and the nodes' documentation links at package.json's homepage (the
// README), so the release step that sets the real GitHub organisation fixes every link at once.
import fs from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../test/harness/projectRoot';

const root = projectRoot();
const homepage = String(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).homepage ?? '');
const base = homepage.replace(/#.*$/, '');
if (!/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(base)) throw new Error(`package.json homepage is not a GitHub repository's address: ${homepage}`);

const files = ['nodes/shared/docsLinks.ts', ...['ZohoMassDelete', 'ZohoMassDeleteStatus', 'ZohoRecycleBin'].map((node) => `nodes/${node}/${node}.node.json`)];
for (const file of files) {
	const full = path.join(root, file);
	const before = fs.readFileSync(full, 'utf8');
	const after = before.replace(/https:\/\/github\.com\/[^/'"#\s]+\/[^/'"#\s]+(?=['"#])/g, base);
	if (after !== before) fs.writeFileSync(full, after);
	console.log(`${after === before ? 'unchanged' : 'updated  '} ${file}`);
}
