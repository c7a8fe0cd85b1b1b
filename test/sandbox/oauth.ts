import { randomHex } from './random';

/** Zoho's token rules (zoho-crm-api.md §2.2), kept so refresh storms and expiry show up in tests. */
export const TOKEN_LIMITS = {
	grantCodeTtlMs: 3 * 60_000,
	activeAccessTokensPerRefreshToken: 15,
	refreshesPerWindow: 10,
	refreshWindowMs: 10 * 60_000,
};

interface AccessToken {
	clientId: string;
	refreshToken: string;
	scopes: string[];
	expiresAt: number;
}

interface RefreshToken {
	/** A number for the grant (one per connected credential), safe to show where the token is not. */
	id: number;
	clientId: string;
	scopes: string[];
	refreshedAt: number[];
	accessTokens: string[];
}

export type TokenReply = { status: number; body: Record<string, unknown> };

export class TokenStore {
	readonly clients = new Map<string, string>();
	private readonly codes = new Map<string, { clientId: string; scopes: string[]; redirectUri: string; expiresAt: number }>();
	private readonly refreshTokens = new Map<string, RefreshToken>();
	private readonly accessTokens = new Map<string, AccessToken>();
	refreshCount = 0;

	constructor(
		private readonly random: () => number,
		private readonly now: () => number,
		public accessTokenTtlSeconds: number,
		private readonly apiDomain: () => string,
		/** Sandbox seconds as real seconds: expires_in must tell a client how long it really has. */
		private readonly realSeconds: (sandboxSeconds: number) => number = (seconds) => seconds,
	) {}

	private token(): string {
		return `1000.${randomHex(this.random, 32)}.${randomHex(this.random, 32)}`;
	}

	issueCode(clientId: string, scopes: string[], redirectUri: string): string {
		const code = this.token();
		this.codes.set(code, { clientId, scopes, redirectUri, expiresAt: this.now() + TOKEN_LIMITS.grantCodeTtlMs });
		return code;
	}

	private accessTokenFor(refreshToken: string, grant: RefreshToken): Record<string, unknown> {
		const accessToken = this.token();
		this.accessTokens.set(accessToken, {
			clientId: grant.clientId,
			refreshToken,
			scopes: grant.scopes,
			expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
		});
		grant.accessTokens.push(accessToken);
		// the 16th active access token invalidates the oldest
		while (grant.accessTokens.length > TOKEN_LIMITS.activeAccessTokensPerRefreshToken) {
			this.accessTokens.delete(grant.accessTokens.shift()!);
		}
		return {
			access_token: accessToken,
			scope: grant.scopes.join(','),
			api_domain: this.apiDomain(),
			token_type: 'Bearer',
			expires_in: this.realSeconds(this.accessTokenTtlSeconds),
		};
	}

	/** Zoho's accounts server answers most errors with HTTP 200 and an `error` field. */
	exchangeCode(params: URLSearchParams): TokenReply {
		if (this.clients.get(params.get('client_id') ?? '') !== params.get('client_secret')) {
			return { status: 200, body: { error: 'invalid_client' } };
		}
		const code = this.codes.get(params.get('code') ?? '');
		if (!code || code.expiresAt < this.now() || code.clientId !== params.get('client_id')) {
			return { status: 200, body: { error: 'invalid_code' } };
		}
		this.codes.delete(params.get('code')!);
		const refreshToken = this.token();
		const grant: RefreshToken = { id: this.refreshTokens.size + 1, clientId: code.clientId, scopes: code.scopes, refreshedAt: [], accessTokens: [] };
		this.refreshTokens.set(refreshToken, grant);
		return { status: 200, body: { ...this.accessTokenFor(refreshToken, grant), refresh_token: refreshToken } };
	}

	refresh(params: URLSearchParams): TokenReply {
		if (this.clients.get(params.get('client_id') ?? '') !== params.get('client_secret')) {
			return { status: 200, body: { error: 'invalid_client' } };
		}
		const refreshToken = params.get('refresh_token') ?? '';
		const grant = this.refreshTokens.get(refreshToken);
		if (!grant) return { status: 400, body: { error: 'invalid_grant' } };
		const windowStart = this.now() - TOKEN_LIMITS.refreshWindowMs;
		grant.refreshedAt = grant.refreshedAt.filter((at) => at > windowStart);
		if (grant.refreshedAt.length >= TOKEN_LIMITS.refreshesPerWindow) {
			return {
				status: 200,
				body: { error: 'Access Denied', error_description: 'You have made too many requests continuously. Please try again after some time.' },
			};
		}
		grant.refreshedAt.push(this.now());
		this.refreshCount += 1;
		return { status: 200, body: this.accessTokenFor(refreshToken, grant) };
	}

	/** Scopes of a live access token, or undefined when it is unknown or expired. */
	scopesOf(accessToken: string): string[] | undefined {
		const token = this.accessTokens.get(accessToken);
		if (!token || token.expiresAt <= this.now()) return undefined;
		return token.scopes;
	}

	/** The grant (connected credential) behind a live access token. */
	grantOf(accessToken: string): number | undefined {
		const token = this.accessTokens.get(accessToken);
		return token ? this.refreshTokens.get(token.refreshToken)?.id : undefined;
	}

	/** The client (and so the org) a live access token was issued to. */
	clientOf(accessToken: string): string | undefined {
		return this.scopesOf(accessToken) ? this.accessTokens.get(accessToken)?.clientId : undefined;
	}

	expire(accessToken: string): void {
		const token = this.accessTokens.get(accessToken);
		if (token) token.expiresAt = 0;
	}

	expireAll(): void {
		for (const token of this.accessTokens.values()) token.expiresAt = 0;
	}

	/** Every secret the sandbox has handed out, for tests that scan output for leaks. */
	allSecrets(): string[] {
		return [...this.clients.values(), ...this.refreshTokens.keys(), ...this.accessTokens.keys()];
	}
}
