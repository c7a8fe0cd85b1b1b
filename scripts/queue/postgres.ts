/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// A throw-away PostgreSQL server from Debian's binaries (scripts/e2e/install-postgres.sh) on a free port of 127.0.0.1,
// for queue-mode clusters that outgrow a shared SQLite file (../shared/docs/n8n-queue-mode.md, pg.sh). initdb and
// postgres refuse to run as root, so as root they run as Debian's postgres user.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from '../n8nInstance';

const USER = 'n8n';
const PASSWORD = 'n8n-bench-not-for-production';

function binaries(): string {
	const root = '/usr/lib/postgresql';
	const version = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
	if (!version) throw new Error('No PostgreSQL in /usr/lib/postgresql: run scripts/e2e/install-postgres.sh');
	return path.join(root, version, 'bin');
}

export class Postgres {
	private constructor(
		private readonly bin: string,
		private readonly root: string,
		readonly port: number,
	) {}

	private get dataDir(): string {
		return path.join(this.root, 'data');
	}

	private static asOwner(bin: string, command: string, args: string[]): string {
		const asRoot = process.getuid?.() === 0;
		return execFileSync(asRoot ? 'runuser' : path.join(bin, command), asRoot ? ['-u', 'postgres', '--', path.join(bin, command), ...args] : args, { encoding: 'utf8' });
	}

	/** In a folder of its own under the system's temporary one: postgres must reach it, and a run folder is root's alone. */
	static async start(): Promise<Postgres> {
		const bin = binaries();
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-postgres-'));
		const dataDir = path.join(root, 'data');
		if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', root]);
		Postgres.asOwner(bin, 'initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
		const port = await freePort();
		// a benchmark's throw-away data: durability is not what is measured
		const settings = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
		Postgres.asOwner(bin, 'pg_ctl', ['-D', dataDir, '-l', path.join(root, 'postgres.log'), '-w', '-o', settings, 'start']);
		const server = new Postgres(bin, root, port);
		server.sql('postgres', `CREATE USER ${USER} PASSWORD '${PASSWORD}'`);
		return server;
	}

	/** One statement as the superuser, its rows as text. */
	sql(database: string, statement: string): string {
		return execFileSync(path.join(this.bin, 'psql'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', statement], { encoding: 'utf8' }).trim();
	}

	/** A database of its own for one n8n cluster, and the settings that point n8n at it. */
	createDatabase(name: string): NodeJS.ProcessEnv {
		this.sql('postgres', `CREATE DATABASE ${name} OWNER ${USER}`);
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: name,
			DB_POSTGRESDB_USER: USER,
			DB_POSTGRESDB_PASSWORD: PASSWORD,
			DB_POSTGRESDB_SCHEMA: 'public',
		};
	}

	bytes(database: string): number {
		return Number(this.sql(database, 'SELECT pg_database_size(current_database())'));
	}

	async stop(): Promise<void> {
		Postgres.asOwner(this.bin, 'pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
		fs.rmSync(this.root, { recursive: true, force: true });
	}
}
