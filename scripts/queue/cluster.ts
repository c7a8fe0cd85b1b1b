/* eslint-disable no-console, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// n8n 2.x in queue mode on this machine (../shared/docs/n8n-queue-mode.md): one main, workers each in a fresh
// user folder of their own, Redis from Debian's packages, main's SQLite database shared with the workers (or a
// Postgres database of its own). Used by npm run test:e2e:queue and npm run bench:queue; everything listens on
// 127.0.0.1 and is stopped by stop().
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { freePort, installPackage, N8N_BIN, N8N_HOME, n8nCli, n8nEnvironment, NODE_BIN, OWNER, sleep, stopProcess, waitReady } from '../n8nInstance';
import type { Postgres } from './postgres';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A throw-away Redis on a free port, no persistence. */
export class Redis {
	private constructor(
		readonly port: number,
		private child: ChildProcess,
	) {}

	static async start(dir: string): Promise<Redis> {
		const port = await freePort();
		const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
		for (let attempt = 0; attempt < 100; attempt++) {
			if (await Redis.ping(port)) return new Redis(port, child);
			await sleep(100);
		}
		throw new Error('redis-server did not answer PING');
	}

	private static ping(port: number): Promise<boolean> {
		return new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
			socket.on('data', (data) => {
				socket.destroy();
				resolve(data.toString().startsWith('+PONG'));
			});
			socket.on('error', () => resolve(false));
		});
	}

	async stop(): Promise<void> {
		await stopProcess(this.child, 5_000);
	}
}

interface Process {
	child: ChildProcess;
	log: string;
	startedAt: number;
}

/** One log line n8n printed (JSON format), with the time it carries. */
export interface LogLine {
	process: string;
	message: string;
	at: number;
}

export class QueueCluster {
	readonly processes = new Map<string, Process>();
	private cookie = '';
	private workerCount = 0;

	private constructor(
		readonly name: string,
		readonly dir: string,
		readonly port: number,
		private readonly env: NodeJS.ProcessEnv,
		private readonly tarball: string,
		private readonly postgres?: Postgres,
	) {}

	/** With a Postgres server, the cluster gets a database of its own there; without, main's SQLite file. */
	static async create(name: string, runDir: string, redis: Redis, tarball: string, postgres?: Postgres): Promise<QueueCluster> {
		const dir = path.join(runDir, name);
		const mainFolder = path.join(dir, 'main');
		fs.mkdirSync(mainFolder, { recursive: true });
		const port = await freePort();
		const env = await n8nEnvironment(mainFolder, port, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// clusters sharing one Redis keep apart by prefix
			QUEUE_BULL_PREFIX: `bull-${name}`,
			// SQLite: absolute, as the workers use main's file
			...(postgres ? postgres.createDatabase(`n8n_${name}`) : { DB_SQLITE_DATABASE: path.join(mainFolder, '.n8n/database.sqlite') }),
			N8N_ENCRYPTION_KEY: 'queue-e2e-static-key-not-for-production',
		});
		installPackage(tarball, mainFolder);
		return new QueueCluster(name, dir, port, env, tarball, postgres);
	}

	get base(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Imports the credentials and workflows, then activates every workflow, as publish:workflow does, in one statement. */
	async setup(credentials: Json[], workflows: Json[]): Promise<void> {
		const credentialsFile = path.join(this.dir, 'credentials.json');
		const workflowsFile = path.join(this.dir, 'workflows.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
		fs.writeFileSync(workflowsFile, JSON.stringify(workflows.map((workflow) => ({ ...workflow, active: false }))));
		for (const args of [['import:credentials', `--input=${credentialsFile}`], ['import:workflow', `--input=${workflowsFile}`]]) {
			const result = await n8nCli(args, this.env);
			if (result.code !== 0) throw new Error(`${args[0]} failed in ${this.name}:\n${result.out.slice(-2000)}`);
		}
		// publish:workflow costs a CLI start (2-3 s) per workflow; it only sets these two columns (n8n's WorkflowRepository.publishVersion)
		const ids = workflows.map((workflow) => String(workflow.id));
		if (this.postgres) {
			const list = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
			const changed = this.postgres.sql(String(this.env.DB_POSTGRESDB_DATABASE), `WITH activated AS (UPDATE workflow_entity SET active = true, "activeVersionId" = "versionId" WHERE id IN (${list}) RETURNING id) SELECT count(*) FROM activated`);
			if (Number(changed) !== ids.length) throw new Error(`${this.name}: activated ${changed} of ${ids.length} workflows`);
			return;
		}
		const script = `
			const sqlite3 = require(${JSON.stringify(path.join(N8N_HOME, 'node_modules/sqlite3'))});
			const db = new sqlite3.Database(process.argv[1]);
			const ids = JSON.parse(process.argv[2]);
			db.run('UPDATE workflow_entity SET active = 1, activeVersionId = versionId WHERE id IN (' + ids.map(() => '?').join(',') + ')', ids, function (error) {
				if (error) { console.error(error.message); process.exit(1); }
				if (this.changes !== ids.length) { console.error('activated ' + this.changes + ' of ' + ids.length); process.exit(1); }
				db.close();
			});`;
		execFileSync(path.join(NODE_BIN, 'node'), ['-e', script, String(this.env.DB_SQLITE_DATABASE), JSON.stringify(ids)], { stdio: 'inherit' });
	}

	private spawn(name: string, args: string[], env: NodeJS.ProcessEnv): Process {
		const log = path.join(this.dir, `${name}.log`);
		const out = fs.openSync(log, 'a');
		const child = spawn(N8N_BIN, args, { env, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		const started = { child, log, startedAt: Date.now() };
		this.processes.set(name, started);
		return started;
	}

	async startMain(): Promise<void> {
		await this.startReady('main', ['start'], async () => {
			const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
			return { env, readyUrl: `${this.base}/healthz/readiness` };
		});
	}

	/** A worker in a fresh user folder of its own (a worker restarted in a used folder replays its event log: n8n-io/n8n#23807). */
	async startWorker(concurrency: number): Promise<string> {
		const name = `worker${++this.workerCount}`;
		await this.startReady(name, ['worker', `--concurrency=${concurrency}`], async () => {
			const folder = path.join(this.dir, name);
			fs.rmSync(folder, { recursive: true, force: true });
			installPackage(this.tarball, folder);
			const health = await freePort();
			const env = {
				...this.env,
				N8N_USER_FOLDER: folder,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(health),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			};
			return { env, readyUrl: `http://127.0.0.1:${health}/healthz/readiness` };
		});
		return name;
	}

	/**
	 * Starts a process and waits until it is ready. One that exits before (a port another process bound in the
	 * meantime, the shared SQLite file busy while its peers start beside it) is started again, twice at most, and says
	 * so; the third exit fails with the end of its log. What prepare gives each attempt is fresh: a worker's folder and
	 * ports, main's task-broker port (main's own port stays: the cluster's URLs name it). Nothing has run on it yet:
	 * nothing is measured twice.
	 */
	private async startReady(name: string, args: string[], prepare: () => Promise<{ env: NodeJS.ProcessEnv; readyUrl: string }>): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			const { env, readyUrl } = await prepare();
			const started = this.spawn(name, args, env);
			try {
				await waitReady(readyUrl, started.child, `${this.name} ${name}`);
				return;
			} catch (error) {
				const lastLines = fs.readFileSync(started.log, 'utf8').trimEnd().split('\n').slice(-8).join('\n');
				if (started.child.exitCode === null || attempt === 3) throw new Error(`${(error as Error).message}; the end of its log:\n${lastLines}`);
				console.log(`${this.name} ${name} exited with code ${started.child.exitCode} before it was ready (attempt ${attempt} of 3), started again; the end of its log:\n${lastLines}`);
			}
		}
	}

	/** Resident memory of each process (main, workerN), its task-runner children included, in bytes. */
	memory(): Map<string, number> {
		const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.map((line) => line.trim().split(/\s+/).map(Number));
		const treeRss = (pid: number): number =>
			table.filter(([, parent]) => parent === pid).reduce((sum, [child]) => sum + treeRss(child), (table.find(([own]) => own === pid)?.[2] ?? 0) * 1024);
		const usage = new Map<string, number>();
		for (const [name, { child }] of this.processes) if (child.pid && child.exitCode === null) usage.set(name, treeRss(child.pid));
		return usage;
	}

	/** The database's size: the Postgres database, or the shared SQLite file and its write-ahead log. */
	databaseBytes(): number {
		if (this.postgres) return this.postgres.bytes(String(this.env.DB_POSTGRESDB_DATABASE));
		const file = String(this.env.DB_SQLITE_DATABASE);
		return ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0);
	}

	kill(name: string, signal: NodeJS.Signals): void {
		this.processes.get(name)?.child.kill(signal);
	}

	async stop(): Promise<void> {
		await Promise.all([...this.processes.values()].map(async ({ child }) => await stopProcess(child)));
	}

	/** What the processes logged (JSON lines) that matches, oldest first. */
	logLines(pattern: RegExp): LogLine[] {
		const lines: LogLine[] = [];
		for (const [name, { log }] of this.processes) {
			if (!fs.existsSync(log)) continue;
			for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
				if (!line.startsWith('{')) continue;
				try {
					const entry = JSON.parse(line) as { message?: string; timestamp?: string; metadata?: { timestamp?: string } };
					const at = Date.parse(String(entry.metadata?.timestamp ?? entry.timestamp));
					if (entry.message && pattern.test(entry.message)) lines.push({ process: name, message: entry.message, at });
				} catch {
					// not a log entry
				}
			}
		}
		return lines.sort((a, b) => a.at - b.at);
	}

	/**
	 * The most worker slots held at once, from the workers' own logs: a slot is held from "Worker started execution"
	 * to "Worker finished execution", a wait short enough to stay in memory included (a parked one finishes the job).
	 * n8n's execution statuses cannot tell: a resumed execution is "running" while it still waits in the queue.
	 */
	peakSlotsHeld(): number {
		const events = this.logLines(/^Worker (started|finished|errored while running) execution \d+/)
			.map(({ message, at }) => ({ at, change: message.startsWith('Worker started') ? 1 : -1 }))
			// at the same millisecond a slot is freed before it is taken again
			.sort((a, b) => a.at - b.at || a.change - b.change);
		let held = 0;
		let peak = 0;
		for (const { change } of events) peak = Math.max(peak, (held += change));
		return peak;
	}

	/** Which processes ran an execution, in order ("Worker started execution 3 (job 3)"). */
	runnersOf(executionId: string): LogLine[] {
		return this.logLines(new RegExp(`^Worker started execution ${executionId} `));
	}

	/**
	 * Waits until main has registered every webhook: it reports ready before it has activated all workflows. A GET to a
	 * POST webhook answers "not registered for GET requests" once the webhook is there, and starts nothing.
	 */
	async waitForWebhooks(hookPaths: string[], timeoutMs = 120_000): Promise<void> {
		const started = Date.now();
		const missing = new Set(hookPaths);
		while (missing.size > 0) {
			if (Date.now() - started > timeoutMs) throw new Error(`${this.name}: ${missing.size} webhooks still not registered, e.g. ${[...missing][0]}`);
			for (const hookPath of [...missing]) {
				// a main still starting may drop the connection: asked again on the next round
				const text = await fetch(`${this.base}/webhook/${hookPath}`).then(async (response) => await response.text(), () => '');
				if (/not registered for GET requests/.test(text)) missing.delete(hookPath);
			}
			if (missing.size > 0) await sleep(1_000);
		}
	}

	/** POST to a production webhook: the only trigger that always goes through the queue. */
	async webhook(hookPath: string, body: Json): Promise<void> {
		const response = await fetch(`${this.base}/webhook/${hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (!response.ok) throw new Error(`webhook ${hookPath}: HTTP ${response.status} ${await response.text()}`);
	}

	private async rest(pathAndQuery: string): Promise<Json> {
		for (let attempt = 0; ; attempt++) {
			if (!this.cookie) {
				// sign-in is rate-limited (5 a minute): once per cluster
				const login = await fetch(`${this.base}/rest/login`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
				});
				if (!login.ok) throw new Error(`${this.name}: login HTTP ${login.status}`);
				this.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
			}
			const response = await fetch(`${this.base}${pathAndQuery}`, { headers: { cookie: this.cookie } });
			if (response.status === 401 && attempt === 0) {
				this.cookie = '';
				continue;
			}
			if (!response.ok) throw new Error(`${this.name}: GET ${pathAndQuery} HTTP ${response.status}`);
			return (await response.json()) as Json;
		}
	}

	/** Every execution with its status and waitTill (newest first), 100 a page: n8n 2.x pages by an opaque cursor. */
	async executions(): Promise<Json[]> {
		const all: Json[] = [];
		let cursor: string | undefined;
		for (;;) {
			const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
			const page = (await this.rest(`/rest/executions?${query}`)).data as { results: Json[]; nextCursor?: string | null };
			all.push(...page.results);
			if (!page.nextCursor || page.results.length === 0) return all;
			cursor = page.nextCursor;
		}
	}

	/** One execution with its run data (n8n stores it in flatted form). */
	async execution(id: string): Promise<Json> {
		const { parse } = require(path.join(N8N_HOME, 'node_modules/flatted')) as { parse: (text: string) => Json }; // eslint-disable-line @typescript-eslint/no-require-imports
		const execution = (await this.rest(`/rest/executions/${id}`)).data as Json;
		return { ...execution, data: typeof execution.data === 'string' ? parse(execution.data) : execution.data };
	}
}

/** A workflow that follows one job: a production webhook in front of the given nodes' first node. */
export function withWebhook(workflow: Json, id: string, hookPath: string, firstNode: string): Json {
	const webhookId = randomUUID();
	return {
		...workflow,
		id,
		name: `${workflow.name} (${hookPath})`,
		nodes: [
			...workflow.nodes,
			{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [-220, 0], webhookId, parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'onReceived', options: {} } },
		],
		connections: { ...workflow.connections, Webhook: { main: [[{ node: firstNode, type: 'main', index: 0 }]] } },
	};
}
