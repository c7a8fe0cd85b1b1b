import { NodeOperationError, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { InvalidApiDomainError, resolveApiOrigin } from './apiOrigin';
import { ZOHO_CRM_CREDENTIAL_TYPE } from './scopes';
import type { ZohoContext } from './transport';
import { ZOHO_ERROR_HINTS } from './zohoErrors';

function originOf(context: ZohoContext, credentials: ICredentialDataDecryptedObject, itemIndex: number | undefined): string {
	try {
		return resolveApiOrigin(credentials);
	} catch (error) {
		if (!(error instanceof InvalidApiDomainError)) throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		throw new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: `Requests go only to an http(s) origin such as https://www.zohoapis.com. ${ZOHO_ERROR_HINTS.INVALID_URL_PATTERN}`,
		});
	}
}

/**
 * The credential as one execution sees it: read and checked once, then again only after Zoho refuses a
 * token (n8n refreshes only then). Each read costs n8n a decryption and the credential's expressions.
 */
export class ZohoConnection {
	private cached?: { credentials: ICredentialDataDecryptedObject; origin: string };

	async current(context: ZohoContext, itemIndex: number | undefined) {
		if (!this.cached) {
			const credentials = await context.getCredentials(ZOHO_CRM_CREDENTIAL_TYPE, itemIndex);
			this.cached = { credentials, origin: originOf(context, credentials, itemIndex) };
		}
		return this.cached;
	}

	forget(): void {
		this.cached = undefined;
	}
}
