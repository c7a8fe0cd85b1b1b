import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	Workflow,
	type INodeTypes,
} from 'n8n-workflow';

import { ZohoCrmOAuth2Api } from '../../credentials/ZohoCrmOAuth2Api.credentials';

/** Fields real n8n 2.x always takes from the credential type's declared default, never from storage. */
const PINNED_OAUTH_FIELDS = ['grantType', 'authUrl', 'accessTokenUrl', 'scope', 'authQueryParameters', 'authentication'];

const credentialType: ICredentialType = new ZohoCrmOAuth2Api();

// Expressions need a workflow to evaluate in; credentials resolved outside a run get this empty one
const STANDALONE_NODE: INode = { id: 'standalone', name: 'Standalone', type: 'standalone', typeVersion: 1, position: [0, 0], parameters: {} };
const STANDALONE_NODE_TYPES: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as never,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
	getKnownTypes: () => ({}),
};

export interface StoredZohoCredential extends ICredentialDataDecryptedObject {
	clientId: string;
	clientSecret: string;
	dataCenter: string;
	oauthTokenData: IDataObject;
}

/**
 * Stands in for n8n's CredentialsHelper: stores one Zoho credential, fills in defaults and resolves the
 * credential's expression defaults over its own fields ($self), as n8n does, and records token updates.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	stored: StoredZohoCredential;
	tokenUpdates: IDataObject[] = [];
	workflow?: Workflow;
	node?: INode;

	constructor(stored: StoredZohoCredential) {
		super();
		this.stored = structuredClone(stored);
	}

	getParentTypes(name: string): string[] {
		return name === credentialType.name ? [...(credentialType.extends ?? [])] : [];
	}

	/** The credential as the node sees it: the same resolution n8n applies to defaults and hidden fields. */
	resolve(): ICredentialDataDecryptedObject {
		const data: IDataObject = structuredClone(this.stored);
		for (const property of credentialType.properties) {
			if (PINNED_OAUTH_FIELDS.includes(property.name) || data[property.name] === undefined) {
				data[property.name] = property.default as IDataObject[string];
			}
		}
		const node = this.node ?? STANDALONE_NODE;
		const workflow = this.workflow ?? new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: STANDALONE_NODE_TYPES });
		return workflow.expression.getComplexParameterValue(
			node,
			data as never,
			'manual',
			{},
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return this.resolve();
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const tokenData = structuredClone(data.oauthTokenData as IDataObject);
		this.tokenUpdates.push(tokenData);
		this.stored.oauthTokenData = tokenData;
	}

	async updateCredentials(): Promise<void> {}

	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, request: never): Promise<never> {
		return request;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return Promise.resolve(new Credentials(nodeCredentials, type, ''));
	}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}
