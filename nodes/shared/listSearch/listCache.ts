import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { ZOHO_CRM_CREDENTIAL_TYPE } from '../scopes';

/** Long enough for one opening of a list and the searches typed into it; short enough that a new view shows soon. */
export const LIST_CACHE_TTL_MS = 90_000;
const MAX_ENTRIES = 100;

const answers = new Map<string, { at: number; answer: Promise<unknown> }>();

/**
 * Zoho's answer for a list, kept briefly: the editor asks again for every filter typed, and each Zoho call costs
 * an API credit, so one opening of a list costs one call whatever is typed. The filter is applied to the kept
 * answer. Keyed by the node's credential, so one user's list never shows another's org; failures are not kept.
 */
export async function withListCache<T>(context: ILoadOptionsFunctions, what: string, load: () => Promise<T>): Promise<T> {
	const credentialId = context.getNode().credentials?.[ZOHO_CRM_CREDENTIAL_TYPE]?.id;
	if (!credentialId) return await load();
	const key = `${credentialId}\n${what}`;
	const now = Date.now();
	const kept = answers.get(key);
	if (kept && now - kept.at < LIST_CACHE_TTL_MS) return (await kept.answer) as T;
	const answer = load();
	answers.set(key, { at: now, answer });
	answer.catch(() => answers.delete(key));
	// oldest first: Map keeps insertion order
	while (answers.size > MAX_ENTRIES) answers.delete(answers.keys().next().value as string);
	return await answer;
}
