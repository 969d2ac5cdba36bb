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
	/** The caller's cancellation: the call rejects with its `reason`. */
	readonly signal?: AbortSignal;
	readonly now?: () => number;
	/** No answer (headers and body) within this many ms: `OAuthError('timeout')`. Defaults per endpoint. */
	readonly timeoutMs?: number;
}

/** Token exchange, refresh and userinfo: a slow server, not a dead one. */
export const oauthTimeoutMs = 30_000;
/** Revocation is best effort after the session is already forgotten. */
export const revokeTimeoutMs = 10_000;
/** No OAuth answer the extension reads is anywhere near this big. */
const maxOAuthBodyBytes = 64 * 1024;

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

/** Thrown instead of a retry when the token about to be resent is no longer the stored one. */
export const rotatedElsewhere = 'rotated_elsewhere';

/**
 * Refresh grant. Rotation: the returned pair replaces the old one (a missing refresh_token keeps the old).
 * A `503` with `Retry-After` (concurrent rotation on the server) is waited out (at most 2 s) and retried once,
 * but only when `stillCurrent` confirms that the token is still the stored one: a token another window
 * has rotated meanwhile is dead and is never sent again (`OAuthError(rotatedElsewhere)` instead).
 */
export async function refreshTokens(options: OAuthEndpointOptions & { refreshToken: string; stillCurrent?: () => Promise<boolean> }): Promise<TokenSet> {
	const body = { grantType: 'refresh_token', refreshToken: options.refreshToken, clientId: options.clientId };
	let tokens: TokenSet;
	try {
		tokens = await postToken(options, body);
	} catch (error) {
		if (!(error instanceof OAuthError) || error.status !== 503 || error.retryAfterSeconds === undefined) {
			throw error;
		}
		await delay(Math.min(2, Math.max(0, error.retryAfterSeconds)) * 1000, options.signal);
		if (options.stillCurrent && !await options.stillCurrent()) {
			throw new OAuthError(rotatedElsewhere, undefined, 'the refresh token was rotated elsewhere while waiting to retry');
		}
		tokens = await postToken(options, body);
	}
	return tokens.refreshToken ? tokens : { ...tokens, refreshToken: options.refreshToken };
}

/**
 * Revocation, idempotent on the server, so any 2xx is success. The token goes both in `?token=` (as the
 * AI Pass playbook documents) and in the RFC 7009 form body, so a server reading either revokes it.
 */
export async function revokeToken(options: OAuthEndpointOptions & { token: string; hint: 'refresh_token' | 'access_token' }): Promise<void> {
	const url = `${options.baseUrl}/oauth2/revoke?${new URLSearchParams({ token: options.token }).toString()}`;
	await withDeadline(options, revokeTimeoutMs, async signal => {
		const response = await (options.fetch ?? fetch)(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({ token: options.token, token_type_hint: options.hint, client_id: options.clientId }).toString(),
			signal,
		});
		if (!response.ok) {
			throw await oauthErrorFrom(response);
		}
		await response.body?.cancel();
	});
}

export async function fetchUserInfo(options: OAuthEndpointOptions & { accessToken: string }): Promise<UserInfo> {
	const { response, body } = await withDeadline(options, oauthTimeoutMs, async signal => {
		const answer = await (options.fetch ?? fetch)(`${options.baseUrl}/oauth2/userinfo`, {
			headers: { Authorization: `Bearer ${options.accessToken}`, 'X-AIPass-OAuth-Client-Id': options.clientId, Accept: 'application/json' },
			signal,
		});
		if (!answer.ok) {
			throw await oauthErrorFrom(answer);
		}
		return { response: answer, body: asRecord(parseJson(await readBounded(answer))) };
	});
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
	const { response, json, receivedAt } = await withDeadline(options, oauthTimeoutMs, async signal => {
		const answer = await (options.fetch ?? fetch)(`${options.baseUrl}/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify(body),
			signal,
		});
		const at = (options.now ?? Date.now)();
		if (!answer.ok) {
			throw await oauthErrorFrom(answer);
		}
		return { response: answer, json: asRecord(parseJson(await readBounded(answer))), receivedAt: at };
	});
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

/**
 * Runs one OAuth call under the caller's signal and a timeout of its own. The caller's cancellation
 * rejects with the caller's reason; the timeout with `OAuthError('timeout')`.
 */
async function withDeadline<T>(options: OAuthEndpointOptions, defaultTimeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const timeout = new AbortController();
	const timer = setTimeout(() => timeout.abort(new OAuthError('timeout', undefined, `no answer within ${timeoutMs} ms`)), timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
	try {
		return await call(signal);
	} catch (error) {
		if (options.signal?.aborted) {
			throw options.signal.reason;
		}
		if (timeout.signal.aborted) {
			throw timeout.signal.reason;
		}
		if (error instanceof OAuthError) {
			throw error;
		}
		throw new OAuthError('network_error', undefined, error instanceof Error ? error.message : String(error));
	} finally {
		clearTimeout(timer);
	}
}

/** The body as text, at most `maxOAuthBodyBytes` (a bigger answer is not one the extension asked for). */
async function readBounded(response: Response): Promise<string> {
	const declared = Number(response.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > maxOAuthBodyBytes) {
		await response.body?.cancel();
		throw new OAuthError('invalid_response', response.status, `the answer is too large (${declared} bytes)`);
	}
	if (!response.body) {
		return '';
	}
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) {
			break;
		}
		total += value.byteLength;
		if (total > maxOAuthBodyBytes) {
			await reader.cancel();
			throw new OAuthError('invalid_response', response.status, `the answer is larger than ${maxOAuthBodyBytes} bytes`);
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return new TextDecoder().decode(bytes);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

async function oauthErrorFrom(response: Response): Promise<OAuthError> {
	const text = await readBounded(response).catch(() => '');
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
