/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import fs from 'node:fs';
import path from 'node:path';

/** The package's root folder, whether this runs from test/ under jest or from build/tools/. */
export function projectRoot(): string {
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'n8n-nodes-zoho-crm-mass-delete') {
			return dir;
		}
	}
	throw new Error(`No n8n-nodes-zoho-crm-mass-delete package.json above ${__dirname}`);
}
