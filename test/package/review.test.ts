/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node as a test, never inside n8n: these rules guard the shipped nodes */
import fs from 'node:fs';
import path from 'node:path';

import nock from 'nock';
import type { INodeTypeDescription } from 'n8n-workflow';

import { ZohoCrmOAuth2Api } from '../../credentials/ZohoCrmOAuth2Api.credentials';
import { DOCS_BASE } from '../../nodes/shared/docsLinks';
import { ZohoMassDelete } from '../../nodes/ZohoMassDelete/ZohoMassDelete.node';
import { ZohoMassDeleteStatus } from '../../nodes/ZohoMassDeleteStatus/ZohoMassDeleteStatus.node';
import { ZohoRecycleBin } from '../../nodes/ZohoRecycleBin/ZohoRecycleBin.node';
import { runMassDeleteNode, runRecycleBinNode, runStatusNode } from '../harness/engine';
import { statusParameters, zohoCredential } from '../harness/fixtures';
import { projectRoot } from '../harness/projectRoot';
import { networkGuard, US_API } from '../harness/zohoMock';
import { checkCredential, checkNode, isTitleCase, subtitleTexts, type RuleOptions } from './reviewRules';

// What n8n's reviewer would check, checked on every node and the credential, and shown to fail on a broken copy.
networkGuard();

const root = projectRoot();
const NODES = [new ZohoMassDelete(), new ZohoMassDeleteStatus(), new ZohoRecycleBin()].map((node) => node.description);
const credential = new ZohoCrmOAuth2Api();
const RULES: RuleOptions = {
	orderExemptions: {
		'options.apiVersion': 'API versions, newest first',
		outputMode: 'One Output per Status is the default and leads; Single Output follows',
	},
};

describe("the descriptions, as n8n's reviewer reads them", () => {
	it.each(NODES.map((description) => [description.displayName, description] as const))('%s: no finding', (_name, description) => {
		expect(checkNode(description, RULES)).toEqual([]);
	});

	it('the credential: no finding', () => {
		expect(checkCredential(credential, RULES)).toEqual([]);
	});

	it('the rules fail on what they are meant to catch: an unsorted collection, a sentence-case subtitle, and the rest', () => {
		const broken = structuredClone(NODES[0]) as INodeTypeDescription;
		broken.subtitle = '={{ $parameter["deleteBy"] === "criteria" ? "Delete by criteria" : "Delete by Custom View" }}';
		const options = broken.properties.find((property) => property.name === 'options')!;
		(options.options as unknown[]).reverse();
		broken.properties.push({ displayName: 'Keep going', name: 'keepGoing', type: 'boolean', default: false, description: 'Keep going after an error' });
		broken.properties.push({ displayName: 'Note', name: 'note', type: 'string', default: '', placeholder: 'Some text', description: 'Set Max Records first' });
		const rules = checkNode(broken, RULES).map((finding) => `${finding.rule} ${finding.where}: ${finding.detail}`);
		expect(rules).toEqual(
			expect.arrayContaining([
				'title-case Zoho Mass Delete: subtitle: Delete by criteria',
				expect.stringMatching(/^sorted Zoho Mass Delete: options: Territory, Max Records/),
				'title-case Zoho Mass Delete: keepGoing: Keep going',
				'boolean-whether Zoho Mass Delete: keepGoing: Keep going after an error',
				'placeholder-eg Zoho Mass Delete: note: Some text',
				"quoted-names Zoho Mass Delete: note: 'Max Records' unquoted",
			]),
		);
	});

	it('Title Case and subtitles, the way the rules read them', () => {
		expect(['Delete by Criteria', 'Get Many Deleted Records', 'Poll Interval (Seconds)', 'COQL WHERE Clause', 'Dry Run: Delete by Record IDs'].every(isTitleCase)).toBe(true);
		expect(['Delete by criteria', 'check status', 'List deleted records'].some(isTitleCase)).toBe(false);
		expect(subtitleTexts('={{ $parameter["waitForCompletion"] ? "Wait for Completion" : "Check Status" }}')).toEqual(['Wait for Completion', 'Check Status']);
	});

	it('three icons that tell the nodes apart, each in light and dark', () => {
		const files = NODES.map((description) => description.icon as { light: string; dark: string });
		const read = (reference: string) => fs.readFileSync(path.join(root, 'icons', path.basename(reference.replace(/^file:/, ''))), 'utf8');
		const lights = files.map((icon) => read(icon.light));
		expect(new Set(lights).size).toBe(3);
		for (const icon of files) expect(read(icon.light)).not.toBe(read(icon.dark));
		expect(new Set(files.map((icon) => icon.light)).size).toBe(3);
	});

	it('Dry Run is on once added, and the canvas says so', () => {
		const options = NODES[0].properties.find((property) => property.name === 'options')!.options as Array<{ name: string; default: unknown }>;
		expect(options.find((option) => option.name === 'dryRun')!.default).toBe(true);
		expect(subtitleTexts(NODES[0].subtitle)).toContain('Dry Run:');
	});
});

describe('documentation links lead to this package\'s own docs', () => {
	const homepage = String(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).homepage);
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	/** GitHub's anchor for a heading: lower case, spaces to dashes, other punctuation dropped. */
	const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) => match[1].trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
	const links = [
		credential.documentationUrl,
		...['ZohoMassDelete', 'ZohoMassDeleteStatus', 'ZohoRecycleBin'].flatMap((node) => {
			const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes', node, `${node}.node.json`), 'utf8'));
			return [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map((entry: { url: string }) => entry.url);
		}),
	];

	it.each(links)('%s: under the homepage, at a heading of the README', (link) => {
		expect(`${DOCS_BASE}#readme`).toBe(homepage);
		expect(link.startsWith(`${DOCS_BASE}#`)).toBe(true);
		expect(anchors).toContain(link.slice(DOCS_BASE.length + 1));
	});

	it('package.json has no main pointing nowhere, and the starter\'s dev script', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		expect(manifest.main === undefined || fs.existsSync(path.join(root, manifest.main))).toBe(true);
		expect(manifest.scripts.dev).toBe('n8n-node dev');
	});
});

describe('every error of an item ends with [item N]', () => {
	const zohoError = (code: string, message: string) => ({ code, details: {}, message, status: 'error' });

	it('the status node: a bad job ID, and a Zoho answer', async () => {
		const bad = await runStatusNode(statusParameters({ jobId: 'nope' }), { credentials: zohoCredential() });
		expect(bad.error?.message).toMatch(/\[item 0\]$/);
		nock(US_API).get('/crm/v8/Leads/actions/mass_delete').query(true).reply(403, zohoError('NO_PERMISSION', 'permission denied'));
		const refused = await runStatusNode(statusParameters(), { credentials: zohoCredential(), items: [{}, {}], onError: 'continueRegularOutput' });
		expect(refused.outputsOf()[2].map((item) => item.json.error)).toEqual(['Zoho CRM: permission denied [NO_PERMISSION] [item 0]', expect.stringMatching(/\[item 1\]$/)]);
	});

	it('the delete node: the record-ID cap, and a Zoho answer', async () => {
		const capped = await runMassDeleteNode(
			{ deleteBy: 'recordIds', module: { __rl: true, mode: 'name', value: 'Leads' }, recordIds: '={{ $json.id }}', options: { maxRecords: 1 } },
			{ credentials: zohoCredential(), items: [{ id: '1' }, { id: '2' }] },
		);
		expect(capped.error?.message).toMatch(/nothing was deleted \[item 0\]$/);
		nock(US_API).get('/crm/v8/Leads/actions/count').query(true).reply(400, zohoError('INVALID_DATA', 'the cvid given seems to be invalid'));
		const refused = await runMassDeleteNode({ deleteBy: 'customView', module: { __rl: true, mode: 'name', value: 'Leads' }, customView: { __rl: true, mode: 'id', value: '3652397000000538003' } }, { credentials: zohoCredential() });
		expect(refused.error?.message).toBe('Zoho CRM: the cvid given seems to be invalid [INVALID_DATA] [item 0]');
	});

	it('the recycle bin node: bad input, and a Zoho answer', async () => {
		const bad = await runRecycleBinNode({ operation: 'restore', restoreBy: 'job' }, { credentials: zohoCredential(), items: [{ module: 'Leads' }] });
		expect(bad.error?.message).toMatch(/\[item 0\]$/);
		nock(US_API).get('/crm/v8/settings/recycle_bin').query(true).reply(400, zohoError('INVALID_DATA', 'the filters given seem to be invalid'));
		const refused = await runRecycleBinNode({ operation: 'list', module: { __rl: true, mode: 'name', value: 'Leads' }, returnAll: true }, { credentials: zohoCredential() });
		expect(refused.error?.message).toBe('Zoho CRM: the filters given seem to be invalid [INVALID_DATA] [item 0]');
	});
});
