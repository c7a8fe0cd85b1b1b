/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { SandboxClock } from './clock';
import { FaultInjector, type FaultKind, type FaultSettings } from './faults';
import { isJobFinished, jobStatusAt, processedAt, type MassDeleteJob } from './jobs';
import { TokenStore } from './oauth';
import { findModule, publicCustomView, publicModule, SANDBOX_MODULES, SANDBOX_TERRITORIES, type SandboxModule } from './org';
import { randomHex, seededRandom } from './random';
import { BULK_READ, DEFAULT_BULK_READ, readRows, resultZip, stateAt, type BulkReadBehaviour, type BulkReadJob } from './bulkRead';
import { CoqlError, runCoql, type IdRangeMode, type OrMode } from './coql';
import { fieldsOf, publicField, zohoDateTime } from './fields';
import { BinQueryError, binEntryJson, binFilter, listBin, type DeletedByReading } from './recycleBin';
import { RecordStore, type OrgUsers, type SandboxUser } from './records';

/**
 * A small Zoho CRM that speaks the documented API (../shared/docs/zoho-crm-api.md) on 127.0.0.1:
 * OAuth (code and refresh grants), the modules, custom views and users lists, record counts, mass delete start +
 * status, and the recycle bin (list, restore, and the permanent deletes this package must never call), over orgs
 * that each have their own client, users, records and one mass delete at a time. Jobs and scheduled restores
 * progress over sandbox time; faults are injected on request. A test fixture and demo aid, never shipped.
 */
export interface SandboxOptions {
	port?: number;
	seed?: number;
	/** Sandbox seconds per real second; 0 freezes time (advance it with clock.advance). */
	speed?: number;
	accessTokenTtlSeconds?: number;
	/** How long a job takes: records per sandbox second. */
	deleteRecordsPerSecond?: number;
	faults?: Partial<FaultSettings>;
	/** What an unknown job ID gets: Zoho does not document it, so clients must cope with each. */
	unknownJobReply?: 'INVALID_DATA' | 'NOT_FOUND' | 'NO_CONTENT';
	/** Zoho documents errors at the top level; its OpenAPI spec wraps them in data[0]. */
	errorShape?: 'top' | 'data';
	/** Orgs served, each with its own OAuth client; the first is the default everywhere. */
	orgs?: number;
	/** Zoho takes the cvid form only from Enterprise, Ultimate, CRM Plus and Zoho One Enterprise orgs. */
	edition?: 'enterprise' | 'professional';
	/** Zoho's OpenAPI spec types a record count as text; its examples show a number: clients must take both. */
	countAs?: 'number' | 'string';
	/** COQL's "id > '…'" is in no Zoho page: honoured (the guess), ignored, or refused. */
	coqlIdRange?: IdRangeMode;
	/** COQL's OR is in Zoho's grammar but in none of its samples: read as OR (the guess), as AND, or refused. */
	coqlOr?: OrMode;
	/** How the recycle bin reads a deleted_by filter: Zoho documents three ways, and might ignore or refuse it. */
	deletedByReading?: DeletedByReading;
	/** A restore by IDs that all succeed answered per record (documented) or as one top-level object (as bulk actions are). */
	restoreReply?: 'perRecord' | 'topLevel';
	/** Territory Management is an org setting: off, the territory list is refused. */
	territoryManagement?: boolean;
}

export interface NewJob {
	module?: string;
	total?: number;
	durationMs?: number;
	queuedMs?: number;
	failAtFraction?: number;
	failedRecordRatio?: number;
	queuedStatus?: string;
}

export interface SandboxStats {
	requests: number;
	/** CRM API requests, faulted ones included: what a client spent in API credits. */
	apiRequests: number;
	statusChecks: number;
	moduleLists: number;
	customViewLists: number;
	massDeleteStarts: number;
	recordCounts: number;
	userLookups: number;
	recycleBinLists: number;
	restores: number;
	coqlQueries: number;
	fieldLists: number;
	bulkReadCreates: number;
	bulkReadChecks: number;
	bulkReadDownloads: number;
	/** Permanent deletes from the bin and emptyings of it: what this package must never send. */
	permanentDeletes: number;
	codeExchanges: number;
	refreshes: number;
	replies: Record<string, number>;
}

export interface SandboxOrg {
	index: number;
	clientId: string;
	clientSecret: string;
	edition: 'enterprise' | 'professional';
	users: OrgUsers;
	jobs: Map<string, MassDeleteJob>;
	records: RecordStore;
	bulkReads: Map<string, BulkReadJob>;
	/** When each result download came, for Zoho's 10 a minute. */
	downloads: number[];
}

export interface Sandbox {
	origin: string;
	/** The first org's client. */
	clientId: string;
	clientSecret: string;
	clock: SandboxClock;
	tokens: TokenStore;
	faults: FaultInjector;
	stats: SandboxStats;
	/** Every CRM API request, in order: method, path, and for a POST its body. */
	requestLog: Array<{ method: string; path: string; body?: unknown }>;
	orgs: SandboxOrg[];
	/** The first org's jobs and records. */
	jobs: Map<string, MassDeleteJob>;
	records: RecordStore;
	/** How the next Bulk Read jobs go (pace, failure): change it between calls. */
	bulkRead: BulkReadBehaviour;
	createJob(job?: NewJob, org?: SandboxOrg): MassDeleteJob;
	close(): Promise<void>;
}

const SUPPORTED_VERSIONS = { modules: [2, 8], massDelete: [4, 8], recycleBin: [6, 8], coql: [2, 8] } as const;
const FIRST_JOB_ID = BigInt('3652397000009565021');
const FIRST_BULK_READ_ID = BigInt('3652397000011530001');
const FIRST_USER_ID = BigInt('3652397000000186017');

type Reply = { status: number; body?: unknown; html?: string; file?: { contentType: string; name: string; data: Uint8Array }; headers?: Record<string, string>; delayMs?: number };

const isReply = (value: object): value is Reply => typeof (value as Reply).status === 'number';

function zohoError(status: number, code: string, message: string, details: Record<string, unknown> = {}): Reply {
	return { status, body: { code, details, message, status: 'error' } };
}

function scopeNamesOf(module: SandboxModule): string[] {
	if (module.generated_type === 'custom') return ['custom'];
	return [module.api_name.toLowerCase().replace(/_/g, ''), module.module_name.toLowerCase()];
}

function hasScope(scopes: string[], family: string, operation: string, moduleNames: string[] = []): boolean {
	const granted = new Set(scopes.map((scope) => scope.trim().toLowerCase()));
	const candidates = [`zohocrm.${family}.${operation}`, `zohocrm.${family}.all`];
	for (const name of moduleNames) candidates.push(`zohocrm.${family}.${name}.${operation}`, `zohocrm.${family}.${name}.all`);
	if (family.startsWith('settings.')) candidates.push('zohocrm.settings.all');
	return candidates.some((scope) => granted.has(scope));
}

function parsedOrText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

async function readBody(request: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** OAuth parameters from the query string and the body, which Zoho takes urlencoded or as multipart/form-data. */
async function readOAuthParams(request: http.IncomingMessage, url: URL): Promise<URLSearchParams> {
	const params = new URLSearchParams(url.search);
	const body = await readBody(request);
	const contentType = String(request.headers['content-type'] ?? '');
	if (/^multipart\/form-data/i.test(contentType)) {
		const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
		for (const [key, value] of form) if (typeof value === 'string') params.set(key, value);
	} else {
		for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
	}
	return params;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const random = seededRandom(options.seed ?? 1);
	const clock = new SandboxClock(options.speed ?? 1);
	const faults = new FaultInjector(options.faults ?? {}, seededRandom((options.seed ?? 1) + 1));
	const stats: SandboxStats = {
		requests: 0,
		apiRequests: 0,
		statusChecks: 0,
		moduleLists: 0,
		customViewLists: 0,
		massDeleteStarts: 0,
		recordCounts: 0,
		userLookups: 0,
		recycleBinLists: 0,
		restores: 0,
		coqlQueries: 0,
		fieldLists: 0,
		bulkReadCreates: 0,
		bulkReadChecks: 0,
		bulkReadDownloads: 0,
		permanentDeletes: 0,
		codeExchanges: 0,
		refreshes: 0,
		replies: {},
	};
	const requestLog: Sandbox['requestLog'] = [];
	const recordsPerSecond = options.deleteRecordsPerSecond ?? 20;
	let origin = '';
	const realSeconds = (sandboxSeconds: number) =>
		clock.currentSpeed > 0 ? Math.max(1, Math.round(sandboxSeconds / clock.currentSpeed)) : sandboxSeconds;
	const tokens = new TokenStore(random, () => clock.now(), options.accessTokenTtlSeconds ?? 3600, () => origin, realSeconds);
	const orgs: SandboxOrg[] = Array.from({ length: Math.max(1, options.orgs ?? 1) }, (_, index) => {
		const user = (serial: number, name: string): SandboxUser => ({
			id: (FIRST_USER_ID + BigInt(index * 10 + serial)).toString(),
			full_name: name,
			email: `${name.toLowerCase().replace(/\s+/g, '.')}@org${index}.sandbox.example`,
		});
		const users = { admin: user(0, 'Sandbox Admin'), colleague: user(1, 'Sandbox Colleague') };
		return {
			index,
			clientId: index === 0 ? '1000.SANDBOXCLIENTID0000000000000' : `1000.SANDBOXCLIENTID${String(index).padStart(13, '0')}`,
			clientSecret: index === 0 ? 'sandbox-client-secret-0123456789abcdef' : `sandbox-client-secret-${String(index).padStart(4, '0')}-${randomHex(random, 12)}`,
			edition: options.edition ?? 'enterprise',
			users,
			jobs: new Map<string, MassDeleteJob>(),
			records: new RecordStore(() => clock.now(), users),
			bulkReads: new Map<string, BulkReadJob>(),
			downloads: [],
		};
	});
	for (const org of orgs) tokens.clients.set(org.clientId, org.clientSecret);
	const orgOfClient = new Map(orgs.map((org) => [org.clientId, org]));
	let jobCount = 0;
	let bulkReadCount = 0;
	const bulkRead: BulkReadBehaviour = { ...DEFAULT_BULK_READ };

	const errorReply = (reply: Reply): Reply =>
		options.errorShape === 'data' && reply.status >= 400 && reply.body ? { ...reply, body: { data: [reply.body] } } : reply;

	function createJob(job: NewJob & Partial<Pick<MassDeleteJob, 'cvid' | 'refusedRecords'>> = {}, org: SandboxOrg = orgs[0]): MassDeleteJob {
		const total = job.total ?? 9;
		const created: MassDeleteJob = {
			jobId: (FIRST_JOB_ID + BigInt(jobCount++)).toString(),
			module: job.module ?? 'Leads',
			total,
			createdAt: clock.now(),
			queuedMs: job.queuedMs ?? 0,
			durationMs: job.durationMs ?? (total / recordsPerSecond) * 1000,
			failedRecordRatio: job.failedRecordRatio ?? 0,
			failAtFraction: job.failAtFraction,
			queuedStatus: job.queuedStatus ?? 'RUNNING',
			cvid: job.cvid,
			refusedRecords: job.refusedRecords,
			checks: [],
		};
		org.jobs.set(created.jobId, created);
		return created;
	}

	/**
	 * A finished job's deletes land in the org's records (and its recycle bin) the first time anyone looks, each
	 * record with the time the job reached it.
	 */
	function settle(org: SandboxOrg): void {
		const now = clock.now();
		for (const job of org.jobs.values()) {
			if (job.applied || !job.cvid || !isJobFinished(job, now)) continue;
			const view = org.records.views.find((entry) => entry.cvid === job.cvid);
			const reachedAt = (position: number) => job.createdAt + job.queuedMs + (job.durationMs * (position + 1)) / Math.max(1, job.total);
			if (view) org.records.applyViewDelete(view, processedAt(job, now), reachedAt, org.users.admin);
			job.applied = true;
		}
	}

	interface Caller {
		token: string;
		scopes: string[];
		org: SandboxOrg;
	}

	function authorize(request: http.IncomingMessage): Caller | Reply {
		const header = request.headers.authorization ?? '';
		const match = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(header);
		if (!match) return zohoError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed');
		const scopes = tokens.scopesOf(match[1]);
		const org = orgOfClient.get(tokens.clientOf(match[1]) ?? '');
		if (!scopes || !org) return zohoError(401, 'INVALID_TOKEN', 'invalid oauth token');
		return { token: match[1], scopes, org };
	}

	function moduleFor(apiName: string): SandboxModule | Reply {
		const module = findModule(decodeURIComponent(apiName));
		if (!module) return zohoError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 });
		if (!module.api_supported) return zohoError(400, 'INVALID_MODULE', 'The given module is not supported in API', { resource_path_index: 0 });
		if (!module.massDelete) return zohoError(400, 'NOT_SUPPORTED', 'the module is not supported for mass delete', { resource_path_index: 0 });
		return module;
	}

	function jobStatus({ org, token }: Caller, module: SandboxModule, url: URL): Reply {
		stats.statusChecks += 1;
		const jobId = url.searchParams.get('job_id');
		if (jobId === null || jobId === '') return zohoError(400, 'MANDATORY_NOT_FOUND', 'required param not found', { param_name: 'job_id' });
		if (!/^\d+$/.test(jobId)) return zohoError(400, 'INVALID_DATA', 'the given job id seems to be invalid', { param_name: 'job_id' });
		const job = org.jobs.get(jobId);
		if (!job || job.module !== module.api_name) {
			const reply = options.unknownJobReply ?? 'INVALID_DATA';
			if (reply === 'NO_CONTENT') return { status: 204 };
			if (reply === 'NOT_FOUND') return zohoError(404, 'NOT_FOUND', 'Empty response');
			return zohoError(400, 'INVALID_DATA', 'the given job id seems to be invalid', { param_name: 'job_id' });
		}
		const record = jobStatusAt(job, clock.now());
		job.checks.push({ at: clock.now(), grant: tokens.grantOf(token) ?? 0, status: record.Status });
		return { status: 200, body: { data: [record] } };
	}

	function startMassDelete(org: SandboxOrg, module: SandboxModule, rawBody: string): Reply {
		stats.massDeleteStarts += 1;
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(rawBody || '{}');
		} catch {
			return zohoError(400, 'INVALID_DATA', 'body is not valid JSON');
		}
		if (Array.isArray(body.ids)) {
			if (body.ids.length > 500) return zohoError(400, 'LIMIT_EXCEEDED', 'you can delete at most 500 records at a time', { limit: 500 });
			const results = org.records.deleteIds(module.api_name, body.ids.map(String)).map((result) =>
				result.deleted
					? { code: 'SUCCESS', details: { id: result.id }, message: 'record is deleted', status: 'success' }
					: { code: result.refusal.code, details: { id: result.id }, message: result.refusal.message, status: 'error' },
			);
			const failed = results.filter((result) => result.status === 'error').length;
			// Zoho's mixed result is 207 Multi-Status
			return { status: failed === 0 ? 200 : failed === results.length ? 400 : 207, body: { data: results } };
		}
		if (body.cvid === undefined) {
			return zohoError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'cvid', expected_data_type: 'long' });
		}
		if (org.edition !== 'enterprise') {
			return zohoError(400, 'NOT_SUPPORTED', 'mass delete by cvid is not supported in your edition', { api_name: 'cvid' });
		}
		const view = org.records.views.find((entry) => entry.cvid === String(body.cvid) && entry.module === module.api_name);
		if (!view) return zohoError(400, 'INVALID_DATA', 'the cvid given seems to be invalid', { api_name: 'cvid', json_path: '$.cvid' });
		const territory = body.territory as { id?: unknown } | undefined;
		if (territory !== undefined && (typeof territory !== 'object' || !/^\d+$/.test(String(territory?.id ?? '')))) {
			return zohoError(400, 'INVALID_DATA', 'the territory given seems to be invalid', { api_name: 'territory', json_path: '$.territory.id' });
		}
		const now = clock.now();
		if ([...org.jobs.values()].some((job) => !isJobFinished(job, now))) {
			return zohoError(400, 'ALREADY_SCHEDULED', 'You can schedule only one mass delete job at a time');
		}
		const { total, refused } = org.records.countView(view);
		const job = createJob({ module: module.api_name, total, cvid: view.cvid, refusedRecords: refused }, org);
		return {
			status: 200,
			body: { data: [{ code: 'SUCCESS', details: { job_id: job.jobId }, message: 'mass delete scheduled successfully', status: 'success' }] },
		};
	}

	function customViews(org: SandboxOrg, url: URL, scopes: string[]): Reply {
		stats.customViewLists += 1;
		if (!hasScope(scopes, 'settings.custom_views', 'read')) return scopeMismatch();
		const apiName = url.searchParams.get('module');
		if (!apiName) return zohoError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'module' });
		const module = findModule(apiName);
		if (!module || !module.api_supported) return zohoError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { param: 'module' });
		const views = org.records.views.filter((view) => view.module === module.api_name);
		return {
			status: 200,
			body: {
				custom_views: views.map(publicCustomView),
				info: { per_page: 200, page: 1, count: views.length, more_records: false, default: views.find((view) => view.systemDefined)?.cvid ?? null },
			},
		};
	}

	/** GET /{module}/actions/count?cvid=: the view's live records (or the module's); 204 when there are none. */
	function recordCount(org: SandboxOrg, module: SandboxModule, url: URL): Reply {
		stats.recordCounts += 1;
		const cvid = url.searchParams.get('cvid');
		let count: number;
		if (cvid === null) {
			count = org.records.liveCount(module.api_name);
		} else {
			const view = org.records.views.find((entry) => entry.cvid === cvid && entry.module === module.api_name);
			if (!view) return zohoError(400, 'INVALID_DATA', 'the cvid given seems to be invalid', { param_name: 'cvid' });
			count = org.records.countView(view).total;
		}
		if (count === 0) return { status: 204 };
		return { status: 200, body: { count: options.countAs === 'string' ? String(count) : count } };
	}

	/** GET /users?type=: the connected user (CurrentUser), or all of the org's users. */
	function users(caller: Caller, url: URL): Reply {
		stats.userLookups += 1;
		if (!hasScope(caller.scopes, 'users', 'read')) return scopeMismatch();
		const type = url.searchParams.get('type') ?? 'AllUsers';
		const { admin, colleague } = caller.org.users;
		const list = type === 'CurrentUser' ? [admin] : [admin, colleague];
		return {
			status: 200,
			body: { users: list.map((user) => ({ ...user, status: 'active', role: { name: 'CEO', id: '3652397000000026005' } })), info: { per_page: 200, count: list.length, page: 1, more_records: false } },
		};
	}

	/** GET /settings/fields?module=: the module's typed fields; 204 for a module without any. */
	function fields(url: URL, scopes: string[]): Reply {
		stats.fieldLists += 1;
		if (!hasScope(scopes, 'settings.fields', 'read')) return scopeMismatch();
		const apiName = url.searchParams.get('module');
		if (!apiName) return zohoError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'module' });
		const module = findModule(apiName);
		if (!module || !module.api_supported) return zohoError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { param_name: 'module' });
		const definitions = fieldsOf(module.api_name);
		if (definitions.length === 0) return { status: 204 };
		const moduleIds = Object.fromEntries(SANDBOX_MODULES.map((entry) => [entry.api_name, entry.id]));
		return { status: 200, body: { fields: definitions.map((definition, index) => publicField(definition, index, moduleIds)) } };
	}

	/** POST /coql {select_query}: needs ZohoCRM.coql.READ and the module's read scope. */
	function coql(org: SandboxOrg, scopes: string[], rawBody: string): Reply {
		stats.coqlQueries += 1;
		if (!hasScope(scopes, 'coql', 'read')) return scopeMismatch();
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(rawBody || '{}');
		} catch {
			return zohoError(400, 'INVALID_DATA', 'body is not valid JSON');
		}
		try {
			const canRead = (apiName: string) => hasScope(scopes, 'modules', 'read', scopeNamesOf(findModule(apiName)!));
			const answer = runCoql(body.select_query, { records: org.records, views: org.records.views, idRange: options.coqlIdRange ?? 'honoured', or: options.coqlOr ?? 'honoured' }, canRead);
			return answer ? { status: 200, body: answer } : { status: 204 };
		} catch (error) {
			return coqlFailure(error);
		}
	}

	function coqlFailure(error: unknown): Reply {
		if (error instanceof CoqlError) return zohoError(error.status, error.code, error.message, error.details);
		throw error;
	}

	/** Bulk Read: POST creates a job of a module or custom view, GET its status, GET …/result its zip (10 a minute). */
	function bulkReadRoute(request: http.IncomingMessage, caller: Caller, route: RegExpExecArray, rawBody: string): Reply {
		const [, , jobId, result] = route;
		const { org, scopes } = caller;
		const method = request.method ?? 'GET';
		if (!hasScope(scopes, 'bulk', 'read')) return scopeMismatch();
		if (!jobId) {
			if (method !== 'POST') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!/^application\/json/i.test(String(request.headers['content-type'] ?? ''))) return zohoError(415, 'MEDIA_TYPE_NOT_SUPPORTED', 'content type is not supported');
			return createBulkRead(caller, rawBody);
		}
		const job = org.bulkReads.get(jobId);
		if (!job || method !== 'GET') return zohoError(404, 'RESOURCE_NOT_FOUND', 'the requested resource is not found', { resource: jobId });
		const now = clock.now();
		const state = stateAt(job, now);
		if (!result) {
			stats.bulkReadChecks += 1;
			return { status: 200, body: { data: [bulkReadJson(job, state)] } };
		}
		stats.bulkReadDownloads += 1;
		if (state !== 'COMPLETED') return zohoError(404, 'RESOURCE_NOT_FOUND', 'the requested resource is not found', { resource: jobId });
		org.downloads = org.downloads.filter((at) => at > now - 60_000);
		if (org.downloads.length >= BULK_READ.downloadsPerMinute) return zohoError(429, 'TOO_MANY_REQUESTS', 'You have made too many requests. Please try again later.');
		org.downloads.push(now);
		return { status: 200, file: { contentType: 'application/zip', name: `${job.id}.zip`, data: resultZip(job) } };
	}

	function createBulkRead({ org, scopes }: Caller, rawBody: string): Reply {
		stats.bulkReadCreates += 1;
		let body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
		try {
			body = JSON.parse(rawBody || '{}');
		} catch {
			return zohoError(400, 'INVALID_DATA', 'body is not valid JSON');
		}
		const apiName = body.query?.module?.api_name;
		if (typeof apiName !== 'string') return zohoError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'module', json_path: '$.query.module.api_name' });
		const module = findModule(apiName);
		if (!module || !module.api_supported || !module.massDelete) return zohoError(400, 'MODULE_NOT_SUPPORTED', 'the module is not supported for bulk read', { api_name: apiName });
		// Bulk Read needs the module's read scope beside its own
		if (!hasScope(scopes, 'modules', 'read', scopeNamesOf(module))) return scopeMismatch();
		const cvid = body.query.cvid === undefined ? undefined : String(body.query.cvid);
		const view = cvid === undefined ? undefined : org.records.views.find((entry) => entry.cvid === cvid && entry.module === module.api_name);
		if (cvid !== undefined && !view) return zohoError(400, 'INVALID_DATA', 'the cvid given seems to be invalid', { api_name: 'cvid', json_path: '$.query.cvid' });
		const fields: string[] = Array.isArray(body.query.fields) ? body.query.fields.map(String) : [];
		const unknown = fields.find((name) => name !== 'id' && !fieldsOf(module.api_name).some((field) => field.api_name === name));
		if (unknown) return zohoError(400, 'FIELD_NOT_SUPPORTED', 'the field is not supported for bulk read', { api_name: unknown });
		const now = clock.now();
		const rows = readRows(org.records, view ?? { module: module.api_name }, fields);
		const job: BulkReadJob = {
			id: (FIRST_BULK_READ_ID + BigInt(bulkReadCount++)).toString(),
			module: module.api_name,
			cvid,
			fields,
			createdAt: now,
			createdBy: org.users.admin,
			queuedAt: now + bulkRead.addedMs,
			startsAt: now + bulkRead.addedMs + bulkRead.queuedMs,
			endsAt: now + bulkRead.addedMs + bulkRead.queuedMs + Math.ceil((rows.length / bulkRead.recordsPerSecond) * 1000),
			fails: bulkRead.fail,
			rows,
		};
		org.bulkReads.set(job.id, job);
		return {
			status: 201,
			body: {
				data: [{ status: 'success', code: 'ADDED_SUCCESSFULLY', message: 'Added successfully.', details: { id: job.id, operation: 'read', state: 'ADDED', created_by: { id: job.createdBy.id, name: job.createdBy.full_name }, created_time: zohoDateTime(now) } }],
				info: {},
			},
		};
	}

	function bulkReadJson(job: BulkReadJob, state: string): Record<string, unknown> {
		const json: Record<string, unknown> = {
			id: job.id,
			operation: 'read',
			state,
			query: { module: { api_name: job.module }, ...(job.cvid ? { cvid: job.cvid } : {}), ...(job.fields.length ? { fields: job.fields } : {}), page: 1 },
			created_by: { id: job.createdBy.id, name: job.createdBy.full_name },
			created_time: zohoDateTime(job.createdAt),
			file_type: 'csv',
		};
		if (state === 'COMPLETED') json.result = { page: 1, per_page: BULK_READ.maxRecords, count: job.rows.length - 1, download_url: `/crm/bulk/v8/read/${job.id}/result`, more_records: false };
		if (state === 'FAILURE') json.result = { error_message: { code: 'INTERNAL_ERROR', message: 'the bulk read job could not be completed', details: {}, status: 'error' } };
		return json;
	}

	function binError(error: unknown): Reply {
		if (error instanceof BinQueryError) return zohoError(400, 'INVALID_DATA', error.message, error.details);
		throw error;
	}

	function listRecycleBin(org: SandboxOrg, url: URL): Reply {
		stats.recycleBinLists += 1;
		try {
			const page = listBin(org.records.binEntries(), url.searchParams, options.deletedByReading);
			if (page.entries.length === 0) return { status: 204 };
			return { status: 200, body: { recycle_bin: page.entries.map((entry) => binEntryJson(entry, findModule(entry.module)?.id)), info: page.info } };
		} catch (error) {
			return binError(error);
		}
	}

	/** POST restore: exactly one of ids (at most 200), filters (always a background job) or restore_all_records. */
	function restore(org: SandboxOrg, body: Record<string, unknown>): Reply {
		stats.restores += 1;
		const given = ['ids', 'filters', 'restore_all_records'].filter((key) => body[key] !== undefined && body[key] !== false);
		if (given.length === 0) {
			return zohoError(400, 'EXPECTED_PARAM_MISSING', 'one of the expected parameter is missing', { param_names: ['ids', 'filters', 'restore_all_records'] });
		}
		if (given.length > 1) {
			return zohoError(400, 'AMBIGUITY_DURING_PROCESSING', 'ambiguity while processing the request', { ambiguity_due_to: given.map((key) => ({ api_name: key, json_path: `$.${key}` })) });
		}
		if (body.filters !== undefined || body.restore_all_records === true) {
			let matching;
			try {
				const entries = org.records.binEntries();
				matching = body.filters === undefined ? entries : entries.filter(binFilter(body.filters, options.deletedByReading));
			} catch (error) {
				return binError(error);
			}
			org.records.scheduleRestore(matching);
			const message = body.filters === undefined ? 'Bulk restoration of all records has been scheduled' : 'Bulk restoration of records based on filters has been scheduled';
			return { status: 202, body: { recycle_bin: [{ code: 'SCHEDULED', details: {}, message, status: 'success' }] } };
		}
		const ids = body.ids;
		if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
			return zohoError(400, 'INVALID_DATA', 'the ids given seem to be invalid', { param_name: 'ids', expected_data_type: 'jsonarray' });
		}
		if (ids.length > 200) return zohoError(400, 'INVALID_DATA', 'at most 200 ids can be restored at a time', { param_name: 'ids', maximum_length: 200 });
		const { scheduled, results } = org.records.restoreIds(ids as string[]);
		const entries = results.map((result) =>
			result.restored
				? scheduled
					? { code: 'SCHEDULED', details: { id: result.id }, message: 'record has been scheduled for restoration', status: 'success' }
					: { code: 'SUCCESS', details: { id: result.id }, message: 'record restored', status: 'success' }
				: { code: result.refusal.code, details: { id: result.id }, message: result.refusal.message, status: 'error' },
		);
		const failed = entries.filter((entry) => entry.status === 'error').length;
		const status = failed === entries.length ? 400 : failed > 0 ? 207 : scheduled ? 202 : 200;
		if (options.restoreReply === 'topLevel' && failed === 0) {
			const [{ code, message }] = entries;
			return { status, body: { code, details: {}, message, status: 'success' } };
		}
		return { status, body: { recycle_bin: entries } };
	}

	/** The permanent ones: DELETE from the bin, and emptying it. Zoho's behaviour, counted, never called by this package. */
	function permanentDelete(org: SandboxOrg, ids: string[] | 'all'): Reply {
		stats.permanentDeletes += 1;
		const targets = ids === 'all' ? org.records.binEntries().map((entry) => entry.id) : ids;
		org.records.purge(targets);
		return { status: 200, body: { recycle_bin: targets.map((id) => ({ code: 'SUCCESS', details: { id }, message: 'Deleted permanently', status: 'success' })) } };
	}

	function recycleBin(request: http.IncomingMessage, url: URL, caller: Caller, route: RegExpExecArray, rawBody: string): Reply {
		const [, version, id, action] = route;
		if (!versionSupported(version, SUPPORTED_VERSIONS.recycleBin)) return urlNotFound();
		const { scopes, org } = caller;
		const method = request.method ?? 'GET';
		const need = (operation: string) => hasScope(scopes, 'settings.recycle_bin', operation);
		if (action === 'empty' && method === 'POST') return need('delete') ? permanentDelete(org, 'all') : scopeMismatch();
		if (action === 'restore' && method === 'POST') {
			if (!need('update')) return scopeMismatch();
			let body: Record<string, unknown>;
			try {
				body = JSON.parse(rawBody || '{}');
			} catch {
				return zohoError(400, 'INVALID_DATA', 'body is not valid JSON');
			}
			return restore(org, id ? { ids: [id] } : body);
		}
		if (action === undefined && method === 'GET') {
			if (!need('read')) return scopeMismatch();
			if (!id) return listRecycleBin(org, url);
			const entry = org.records.binEntry(id);
			if (!entry) return zohoError(400, 'INVALID_DATA', 'the id given seems to be invalid', { id });
			return { status: 200, body: { recycle_bin: [binEntryJson(entry, findModule(entry.module)?.id)] } };
		}
		if (action === undefined && method === 'DELETE') {
			if (!need('delete')) return scopeMismatch();
			const ids = id ? [id] : (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
			return permanentDelete(org, ids);
		}
		return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
	}

	function versionSupported(version: string, range: readonly [number, number]): boolean {
		const number = Number(version.slice(1));
		return number >= range[0] && number <= range[1];
	}

	const CRM_ROUTES = {
		modules: /^\/crm\/(v\d+)\/settings\/modules$/,
		customViews: /^\/crm\/(v\d+)\/settings\/custom_views$/,
		recycleBin: /^\/crm\/(v\d+)\/settings\/recycle_bin(?:\/(\d+))?(?:\/actions\/(restore|empty))?$/,
		users: /^\/crm\/(v\d+)\/users$/,
		fields: /^\/crm\/(v\d+)\/settings\/fields$/,
		territories: /^\/crm\/(v\d+)\/settings\/territories$/,
		coql: /^\/crm\/(v\d+)\/coql$/,
		bulkRead: /^\/crm\/bulk\/(v\d+)\/read(?:\/(\d+)(\/result)?)?$/,
		massDelete: /^\/crm\/(v\d+)\/([^/]+)\/actions\/mass_delete$/,
		count: /^\/crm\/(v\d+)\/([^/]+)\/actions\/count$/,
	};
	const scopeMismatch = () => zohoError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
	const urlNotFound = () => zohoError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');

	async function crmApi(request: http.IncomingMessage, url: URL): Promise<Reply | FaultKind> {
		if (!Object.values(CRM_ROUTES).some((route) => route.test(url.pathname))) return urlNotFound();
		stats.apiRequests += 1;
		const rawBody = request.method === 'POST' ? await readBody(request) : '';
		requestLog.push({ method: request.method ?? 'GET', path: url.pathname, ...(rawBody ? { body: parsedOrText(rawBody) } : {}) });
		const fault = faults.next(url.pathname);
		const auth = authorize(request);
		if (isReply(auth)) return auth;
		if (fault === 'expired_token') {
			tokens.expire(auth.token);
			return zohoError(401, 'INVALID_TOKEN', 'invalid oauth token');
		}
		if (fault === 'wrong_scope') return scopeMismatch();
		if (fault === 'slow_reply') return { ...crmReply(request, url, auth, rawBody), delayMs: faults.settings.slowReplyMs };
		if (fault === 'acted_then_reset') crmReply(request, url, auth, rawBody);
		if (fault) return fault;
		return crmReply(request, url, auth, rawBody);
	}

	function crmReply(request: http.IncomingMessage, url: URL, caller: Caller, rawBody: string): Reply {
		const { scopes, org } = caller;
		settle(org);
		const modulesRoute = CRM_ROUTES.modules.exec(url.pathname);
		const customViewsRoute = CRM_ROUTES.customViews.exec(url.pathname);
		const recycleBinRoute = CRM_ROUTES.recycleBin.exec(url.pathname);
		const usersRoute = CRM_ROUTES.users.exec(url.pathname);
		const countRoute = CRM_ROUTES.count.exec(url.pathname);
		const massDeleteRoute = CRM_ROUTES.massDelete.exec(url.pathname);
		const fieldsRoute = CRM_ROUTES.fields.exec(url.pathname);
		const territoriesRoute = CRM_ROUTES.territories.exec(url.pathname);
		const coqlRoute = CRM_ROUTES.coql.exec(url.pathname);
		const bulkReadMatch = CRM_ROUTES.bulkRead.exec(url.pathname);

		if (modulesRoute) {
			stats.moduleLists += 1;
			if (request.method !== 'GET') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!versionSupported(modulesRoute[1], SUPPORTED_VERSIONS.modules)) return urlNotFound();
			if (!hasScope(scopes, 'settings.modules', 'read')) return scopeMismatch();
			return { status: 200, body: { modules: SANDBOX_MODULES.map(publicModule) } };
		}
		if (customViewsRoute) {
			if (request.method !== 'GET') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!versionSupported(customViewsRoute[1], SUPPORTED_VERSIONS.modules)) return urlNotFound();
			return customViews(org, url, scopes);
		}
		if (recycleBinRoute) return recycleBin(request, url, caller, recycleBinRoute, rawBody);
		if (territoriesRoute) {
			if (request.method !== 'GET') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!versionSupported(territoriesRoute[1], SUPPORTED_VERSIONS.modules)) return urlNotFound();
			if (!hasScope(scopes, 'settings.territories', 'read')) return scopeMismatch();
			if (options.territoryManagement === false) return zohoError(400, 'FEATURE_NOT_ENABLED', 'Territory Management is not enabled');
			return { status: 200, body: { territories: SANDBOX_TERRITORIES, info: { per_page: 2000, count: SANDBOX_TERRITORIES.length, page: 1, more_records: false } } };
		}
		if (fieldsRoute) {
			if (request.method !== 'GET') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!versionSupported(fieldsRoute[1], SUPPORTED_VERSIONS.modules)) return urlNotFound();
			return fields(url, scopes);
		}
		if (bulkReadMatch) {
			if (!versionSupported(bulkReadMatch[1], SUPPORTED_VERSIONS.coql)) return urlNotFound();
			return bulkReadRoute(request, caller, bulkReadMatch, rawBody);
		}
		if (coqlRoute) {
			if (request.method !== 'POST') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!versionSupported(coqlRoute[1], SUPPORTED_VERSIONS.coql)) return urlNotFound();
			return coql(org, scopes, rawBody);
		}
		if (usersRoute) {
			if (request.method !== 'GET') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!versionSupported(usersRoute[1], SUPPORTED_VERSIONS.modules)) return urlNotFound();
			return users(caller, url);
		}
		if (countRoute) {
			if (request.method !== 'GET') return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
			if (!versionSupported(countRoute[1], SUPPORTED_VERSIONS.modules)) return urlNotFound();
			const module = findModule(decodeURIComponent(countRoute[2]));
			if (!module || !module.api_supported) return zohoError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 });
			if (!hasScope(scopes, 'modules', 'read', scopeNamesOf(module))) return scopeMismatch();
			return recordCount(org, module, url);
		}
		const [, version, apiName] = massDeleteRoute!;
		if (!versionSupported(version, SUPPORTED_VERSIONS.massDelete)) return urlNotFound();
		const module = moduleFor(apiName);
		if (isReply(module)) return module;
		if (request.method === 'GET') {
			if (!hasScope(scopes, 'mass_delete', 'read', scopeNamesOf(module))) return scopeMismatch();
			return jobStatus(caller, module, url);
		}
		if (request.method === 'POST') {
			if (!hasScope(scopes, 'mass_delete', 'delete', scopeNamesOf(module))) return scopeMismatch();
			return startMassDelete(org, module, rawBody);
		}
		return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
	}

	async function oauth(request: http.IncomingMessage, url: URL): Promise<Reply> {
		if (url.pathname === '/oauth/v2/auth' && request.method === 'GET') {
			const requestedClient = url.searchParams.get('client_id') ?? '';
			const redirectUri = url.searchParams.get('redirect_uri') ?? '';
			if (!tokens.clients.has(requestedClient) || !/^https?:\/\//.test(redirectUri)) {
				return { status: 400, body: { error: 'invalid_client' } };
			}
			// the sandbox user consents at once
			const scopes = (url.searchParams.get('scope') ?? '').split(/[ ,]+/).filter(Boolean);
			const code = tokens.issueCode(requestedClient, scopes, redirectUri);
			const target = new URL(redirectUri);
			target.searchParams.set('code', code);
			target.searchParams.set('location', 'us');
			target.searchParams.set('accounts-server', origin);
			const state = url.searchParams.get('state');
			if (state !== null) target.searchParams.set('state', state);
			return { status: 302, headers: { location: target.toString() } };
		}
		if (url.pathname === '/oauth/v2/token' && request.method === 'POST') {
			const params = await readOAuthParams(request, url);
			const grantType = params.get('grant_type');
			if (grantType === 'authorization_code') {
				stats.codeExchanges += 1;
				return tokens.exchangeCode(params);
			}
			if (grantType === 'refresh_token') {
				stats.refreshes += 1;
				if (faults.takeRefreshFailure()) return { status: 500, body: { error: 'server_error' } };
				return tokens.refresh(params);
			}
			return { status: 200, body: { error: 'unsupported_grant_type' } };
		}
		return { status: 404, body: { error: 'not_found' } };
	}

	async function admin(request: http.IncomingMessage, url: URL): Promise<Reply> {
		const body = request.method === 'POST' ? JSON.parse((await readBody(request)) || '{}') : {};
		const org = orgs[Number(body.org ?? url.searchParams.get('org') ?? 0)] ?? orgs[0];
		if (url.pathname === '/__sandbox/jobs' && request.method === 'POST') return { status: 200, body: createJob(body, org) };
		if (url.pathname === '/__sandbox/clock' && request.method === 'POST') {
			if (typeof body.speed === 'number') clock.setSpeed(body.speed);
			if (typeof body.advanceSeconds === 'number') clock.advance(body.advanceSeconds * 1000);
		} else if (url.pathname === '/__sandbox/faults' && request.method === 'POST') {
			const { queue, ...settings } = body;
			faults.configure(settings);
			if (Array.isArray(queue)) faults.queue(...queue);
		} else if (url.pathname !== '/__sandbox/state') {
			return { status: 404, body: { error: 'not_found' } };
		}
		const now = clock.now();
		settle(org);
		return {
			status: 200,
			body: {
				now: new Date(now).toISOString(),
				org: org.index,
				jobs: [...org.jobs.values()].map((job) => {
					const { checks, ...fields } = job;
					return { ...fields, ...jobStatusAt(job, now), checkCount: checks.length };
				}),
				stats,
				faults: { settings: faults.settings, injected: faults.injected },
			},
		};
	}

	function send(response: http.ServerResponse, reply: Reply): void {
		stats.replies[String(reply.status)] = (stats.replies[String(reply.status)] ?? 0) + 1;
		const headers: Record<string, string> = { ...reply.headers };
		if (reply.html !== undefined) {
			// what a gateway in front of Zoho sends
			response.writeHead(reply.status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
			return void response.end(reply.html);
		}
		if (reply.file) {
			response.writeHead(reply.status, { ...headers, 'content-type': reply.file.contentType, 'content-disposition': `attachment; filename="${reply.file.name}"` });
			return void response.end(Buffer.from(reply.file.data));
		}
		if (reply.body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
		response.writeHead(reply.status, headers);
		response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
	}

	const server = http.createServer(async (request, response) => {
		stats.requests += 1;
		try {
			const url = new URL(request.url ?? '/', origin);
			let reply: Reply | FaultKind;
			if (url.pathname.startsWith('/oauth/')) reply = await oauth(request, url);
			else if (url.pathname.startsWith('/__sandbox/')) reply = await admin(request, url);
			else reply = await crmApi(request, url);

			if (typeof reply !== 'string') {
				const { delayMs, ...ready } = reply;
				if (!delayMs) return send(response, errorReply(ready));
				// a stalled reply: it comes, but later than a sensible client waits
				setTimeout(() => !response.destroyed && send(response, errorReply(ready)), delayMs).unref();
				return;
			}
			const tooMany = zohoError(429, 'TOO_MANY_REQUESTS', 'You have made too many requests. Please try again later.');
			switch (reply) {
				case 'connection_reset':
				case 'acted_then_reset':
					request.socket.destroy();
					return;
				case 'rate_limited':
					return send(response, errorReply(tooMany));
				case 'rate_limited_retry_after':
					return send(response, errorReply({ ...tooMany, headers: { 'retry-after': String(faults.settings.retryAfterSeconds) } }));
				case 'server_error':
					return send(response, errorReply(zohoError(500, 'INTERNAL_ERROR', 'Internal Server Error')));
				case 'bad_gateway':
					return send(response, { status: 502, html: '<html><body>502 Bad Gateway</body></html>' });
				case 'unavailable':
					return send(response, { status: 503, html: '<html><body>503 Service Unavailable</body></html>' });
				default:
					return send(response, zohoError(500, 'INTERNAL_ERROR', `unhandled fault ${reply}`));
			}
		} catch (error) {
			send(response, zohoError(500, 'INTERNAL_ERROR', String(error)));
		}
	});
	server.keepAliveTimeout = 5_000;

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		origin,
		clientId: orgs[0].clientId,
		clientSecret: orgs[0].clientSecret,
		clock,
		tokens,
		faults,
		stats,
		requestLog,
		orgs,
		jobs: orgs[0].jobs,
		records: orgs[0].records,
		bulkRead,
		createJob,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
