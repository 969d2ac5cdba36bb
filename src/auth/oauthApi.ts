/**
 * The OAuth endpoints of AI Pass, exactly as the service wants them: camelCase JSON to /oauth2/token,
 * snake_case back; RFC 7009 form body to /oauth2/revoke. Pure module (fetch only), no vscode import.
 */
export interface TokenSet {
	readonly accessToken: string;
	readonly refreshToken: string | undefined;
	/** Epoch ms, computed when the response arrived. */
	readonly expiresAt: number;
	readonly scopes: readonly string[] | undefined;
}

export interface UserInfo {
	readonly sub: string;
	readonly name?: string;
	readonly email?: string;
	readonly preferredUsername?: string;
}

export interface OAuthEndpointOptions {
	readonly baseUrl: string;
	readonly clientId: string;
	readonly fetch?: typeof fetch;
	readonly signal?: AbortSignal;
	readonly now?: () => number;
}

/** An error answer from the authorization server (RFC 6749 §5.2 body) or a broken response. */
export class OAuthError extends Error {
	constructor(
		readonly error: string,
		readonly status: number | undefined,
		readonly description?: string,
		readonly retryAfterSeconds?: number,
	) {
		super(description ? `${error}: ${description}` : error);
		this.name = 'OAuthError';
	}

	/** The grant is dead (expired, revoked, reused, wrong client): only a new sign-in helps. */
	get isTerminal(): boolean {
		return this.error === 'invalid_grant' || this.error === 'invalid_client' || this.error === 'unauthorized_client'
			|| this.status === 400 || this.status === 401;
	}
}

export async function exchangeCode(options: OAuthEndpointOptions & { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
	const tokens = await postToken(options, {
		grantType: 'authorization_code',
		code: options.code,
		codeVerifier: options.codeVerifier,
		clientId: options.clientId,
		redirectUri: options.redirectUri,
	});
	if (!tokens.refreshToken) {
		throw new OAuthError('invalid_response', undefined, 'the token response has no refresh_token');
	}
	return tokens;
}

/**
 * Refresh grant. Rotation: the returned pair replaces the old one (a missing refresh_token keeps the old).
 * A `503` with `Retry-After` (concurrent rotation on the server) is waited out (at most 2 s) and retried once.
 */
export async function refreshTokens(options: OAuthEndpointOptions & { refreshToken: string }): Promise<TokenSet> {
	const body = { grantType: 'refresh_token', refreshToken: options.refreshToken, clientId: options.clientId };
	let tokens: TokenSet;
	try {
		tokens = await postToken(options, body);
	} catch (error) {
		if (!(error instanceof OAuthError) || error.status !== 503 || error.retryAfterSeconds === undefined) {
			throw error;
		}
		await delay(Math.min(2, Math.max(0, error.retryAfterSeconds)) * 1000, options.signal);
		tokens = await postToken(options, body);
	}
	return tokens.refreshToken ? tokens : { ...tokens, refreshToken: options.refreshToken };
}

/** RFC 7009 revocation; idempotent on the server, so any 2xx is success. */
export async function revokeToken(options: OAuthEndpointOptions & { token: string; hint: 'refresh_token' | 'access_token' }): Promise<void> {
	const response = await (options.fetch ?? fetch)(`${options.baseUrl}/oauth2/revoke`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams({ token: options.token, token_type_hint: options.hint, client_id: options.clientId }).toString(),
		signal: options.signal,
	});
	if (!response.ok) {
		throw await oauthErrorFrom(response);
	}
}

export async function fetchUserInfo(options: OAuthEndpointOptions & { accessToken: string }): Promise<UserInfo> {
	const response = await (options.fetch ?? fetch)(`${options.baseUrl}/oauth2/userinfo`, {
		headers: { Authorization: `Bearer ${options.accessToken}`, 'X-AIPass-OAuth-Client-Id': options.clientId, Accept: 'application/json' },
		signal: options.signal,
	});
	if (!response.ok) {
		throw await oauthErrorFrom(response);
	}
	const body = asRecord(await response.json().catch(() => undefined));
	const sub = body?.sub;
	if (typeof sub !== 'string' || sub === '') {
		throw new OAuthError('invalid_response', response.status, 'userinfo has no sub');
	}
	return {
		sub,
		name: optionalString(body?.name),
		email: optionalString(body?.email),
		preferredUsername: optionalString(body?.preferred_username),
	};
}

async function postToken(options: OAuthEndpointOptions, body: Record<string, string>): Promise<TokenSet> {
	const response = await (options.fetch ?? fetch)(`${options.baseUrl}/oauth2/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify(body),
		signal: options.signal,
	});
	const receivedAt = (options.now ?? Date.now)();
	if (!response.ok) {
		throw await oauthErrorFrom(response);
	}
	const json = asRecord(await response.json().catch(() => undefined));
	const accessToken = json?.access_token;
	const expiresIn = json?.expires_in;
	if (typeof accessToken !== 'string' || accessToken === '') {
		throw new OAuthError('invalid_response', response.status, 'the token response has no access_token');
	}
	if (typeof expiresIn !== 'number' || !(expiresIn > 0)) {
		throw new OAuthError('invalid_response', response.status, 'the token response has no positive expires_in');
	}
	const scope = json?.scope;
	return {
		accessToken,
		refreshToken: optionalString(json?.refresh_token),
		expiresAt: receivedAt + expiresIn * 1000,
		scopes: typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean).sort() : undefined,
	};
}

async function oauthErrorFrom(response: Response): Promise<OAuthError> {
	const text = await response.text().catch(() => '');
	let parsed: Record<string, unknown> | undefined;
	try {
		parsed = asRecord(JSON.parse(text));
	} catch {
		parsed = undefined;
	}
	const error = typeof parsed?.error === 'string' ? parsed.error : `http_${response.status}`;
	const description = optionalString(parsed?.error_description) ?? optionalString(parsed?.message);
	const retryAfter = Number(response.headers.get('retry-after'));
	return new OAuthError(error, response.status, description, Number.isFinite(retryAfter) && response.headers.has('retry-after') ? retryAfter : undefined);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

function optionalString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
	});
}
