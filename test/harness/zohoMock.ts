import nock from 'nock';

export const US_API = 'https://www.zohoapis.com';
export const US_ACCOUNTS = 'https://accounts.zoho.com';

export const statusPath = (module = 'Leads', version = 'v8') => `/crm/${version}/${module}/actions/mass_delete`;

export interface RecordedRequest {
	method: string;
	url: string;
	authorization: string | undefined;
}

/** Every request nock intercepts, in order, with its full URL and Authorization header. */
export function recordRequests(): RecordedRequest[] {
	const requests: RecordedRequest[] = [];
	nock.emitter.on('no match', (request: { method?: string; href?: string; path?: string; headers?: Record<string, string> }) => {
		requests.push({ method: request.method ?? '?', url: `UNMATCHED ${request.href ?? request.path}`, authorization: request.headers?.authorization });
	});
	return requests;
}

/** nock on for this file only: it patches Node's shared http module, which later real-socket files need untouched. */
export function networkGuard(): void {
	beforeAll(() => {
		if (!nock.isActive()) nock.activate();
		nock.disableNetConnect();
	});
	afterEach(() => {
		nock.cleanAll();
		nock.emitter.removeAllListeners('no match');
	});
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});
}
