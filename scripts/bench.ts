/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run bench [-- --only wait|overhead|criteria]: measurements behind the README's claims, as ratios within one run.
import { benchCriteria } from './benchCriteria';
import { benchOverhead } from './benchOverhead';
import { benchWaiting } from './benchWaiting';

process.env.N8N_LOG_LEVEL ??= 'silent';

async function main(): Promise<number> {
	const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
	let targetsMet = true;
	if (!only || only === 'wait') targetsMet = (await benchWaiting()) && targetsMet;
	if (!only || only === 'overhead') targetsMet = (await benchOverhead()) && targetsMet;
	if (!only || only === 'criteria') targetsMet = (await benchCriteria()) && targetsMet;
	console.log(targetsMet ? '\nAll targets met.' : '\nSome targets were missed (see above).');
	return targetsMet ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
