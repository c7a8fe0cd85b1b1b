/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run sandbox -- [--port 8642] [--seed 1] [--speed 1] [--token-ttl 3600] [--fault-rate 0]
// A local Zoho CRM for trying the node in a real n8n: create a credential with Data Center "Custom".
import { startSandbox } from '../test/sandbox/server';

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index === -1 ? undefined : Number(process.argv[index + 1]);
	return value === undefined || Number.isNaN(value) ? fallback : value;
}

async function main() {
	const sandbox = await startSandbox({
		port: flag('port', 8642),
		seed: flag('seed', 1),
		speed: flag('speed', 1),
		accessTokenTtlSeconds: flag('token-ttl', 3600),
		faults: { rate: flag('fault-rate', 0) },
	});
	console.log(`Zoho CRM sandbox listening on ${sandbox.origin}

In n8n, create a "Zoho CRM OAuth2 API" credential:
  Data Center           Custom URLs (a Gateway, or This Package's Test Server)
  Accounts Server URL   ${sandbox.origin}
  API Domain            (leave empty: the token names ${sandbox.origin})
  Client ID             ${sandbox.clientId}
  Client Secret         ${sandbox.clientSecret}
and click "Connect" ("Connect my account" in n8n 1.x); the sandbox consents at once.

Custom views to mass delete (POST ${sandbox.origin}/crm/v8/{module}/actions/mass_delete {"cvid": "..."}):
${sandbox.records.views.map((view) => `  ${view.module.padEnd(9)} ${view.cvid}  ${view.name} (${sandbox.records.countView(view).total.toLocaleString('en-US')} records)`).join('\n')}

Sandbox controls: GET ${sandbox.origin}/__sandbox/state, POST /__sandbox/jobs, /__sandbox/clock, /__sandbox/faults
Ctrl+C stops it.`);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
