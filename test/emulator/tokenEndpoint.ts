import { createHash } from 'node:crypto';
import { isRecord, mediaType } from './body';
import { type Ctx, type HeaderMap, sendJson } from './http';
import { ALL_SCOPES, type ClientRecord } from './state';
import { type IssuedPair, type TokenRecord } from './tokenStore';
import { type Scope } from './types';

const NO_STORE: HeaderMap = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
const JSON_ONLY = 'The token endpoint expects a JSON body with camelCase fields (Content-Type: application/json): ' +
	'grantType, code, codeVerifier, clientId, redirectUri, refreshToken.';
/**
 * While `refreshConflict` is on, a refresh is held open until a second refresh of the same token arrives
 * (which gets the 503) or, when none comes, at most this long: overlap is a state, not a race against a timer.
 */
const CONFLICT_WINDOW_MS = 5_000;

type Fields = Record<string, unknown>;

/** POST /oauth2/token (spec §5): camelCase JSON in, snake_case JSON out. */
export async function handleToken(ctx: Ctx): Promise<void> {
	const contentType = mediaType(ctx.req.headers['content-type']);
	if (contentType !== 'application/json' || ctx.body.kind !== 'json' || !isRecord(ctx.body.value)) {
		oauthError(ctx, 400, 'invalid_request', JSON_ONLY);
		return;
	}
	const fields = ctx.body.value;
	const snake = Object.keys(fields).filter((key) => key.includes('_'));
	if (snake.length > 0) {
		oauthError(ctx, 400, 'invalid_request', `Unexpected snake_case field(s) ${snake.join(', ')}. ${JSON_ONLY}`);
		return;
	}
	const clientId = text(fields.clientId);
	if (clientId === null) {
		oauthError(ctx, 400, 'invalid_request', 'clientId is required.');
		return;
	}
	const client = ctx.state.clients.get(clientId);
	const secret = text(fields.clientSecret);
	if (!client || (secret !== null && client.clientSecret !== null && secret !== client.clientSecret)) {
		oauthError(ctx, 401, 'invalid_client', 'Unknown client or bad client credentials.');
		return;
	}
	const grantType = text(fields.grantType);
	if (grantType === 'authorization_code') {
		exchangeCode(ctx, client, fields);
	} else if (grantType === 'refresh_token') {
		await refresh(ctx, client, fields);
	} else if (grantType === null) {
		oauthError(ctx, 400, 'invalid_request', 'grantType is required.');
	} else {
		oauthError(ctx, 400, 'unsupported_grant_type', `Unsupported grantType "${grantType}".`);
	}
}

function exchangeCode(ctx: Ctx, client: ClientRecord, fields: Fields): void {
	const code = text(fields.code);
	const verifier = text(fields.codeVerifier);
	const redirectUri = text(fields.redirectUri);
	if (code === null || verifier === null || redirectUri === null) {
		oauthError(ctx, 400, 'invalid_request', 'code, codeVerifier and redirectUri are required.');
		return;
	}
	const record = ctx.state.codes.get(code);
	if (!record) {
		oauthError(ctx, 400, 'invalid_grant', 'The authorization code is invalid.');
		return;
	}
	if (record.used) {
		// RFC 6749 §4.1.2: a replayed code revokes what it issued.
		ctx.state.tokens.revokeGrant(record.grantId);
		oauthError(ctx, 400, 'invalid_grant', 'The authorization code was already used.');
		return;
	}
	const problem = record.expiresAt <= Date.now() ? 'The authorization code has expired.'
		: record.clientId !== client.clientId ? 'The authorization code was issued to another client.'
		: record.redirectUri !== redirectUri.trim() ? 'redirectUri does not match the authorization request.'
		: !VERIFIER_PATTERN.test(verifier) ? 'codeVerifier must be 43-128 characters of [A-Za-z0-9-._~].'
		: s256(verifier) !== record.codeChallenge ? 'PKCE verification failed.'
		: null;
	if (problem !== null) {
		oauthError(ctx, 400, 'invalid_grant', problem);
		return;
	}
	record.used = true;
	issue(ctx, client, { sub: record.sub, scopes: record.scopes, grantId: record.grantId });
}

async function refresh(ctx: Ctx, client: ClientRecord, fields: Fields): Promise<void> {
	const value = text(fields.refreshToken);
	if (value === null) {
		oauthError(ctx, 400, 'invalid_request', 'refreshToken is required.');
		return;
	}
	const fault = ctx.state.faults.take(['failNextRefresh']);
	if (fault) {
		const status = fault.status ?? 400;
		const error = fault.error ?? defaultRefreshError(status);
		oauthError(ctx, status, error, 'Injected refresh failure.', status === 503 ? { 'Retry-After': '1' } : {});
		return;
	}
	const inFlight = ctx.state.refreshesInFlight;
	if (ctx.state.config.refreshConflict) {
		const held = inFlight.get(value);
		if (held) {
			oauthError(ctx, 503, 'temporarily_unavailable', 'A refresh of this token is already in progress.', { 'Retry-After': '1' });
			held();
			return;
		}
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, CONFLICT_WINDOW_MS);
			inFlight.set(value, () => { clearTimeout(timer); resolve(); });
		}).finally(() => inFlight.delete(value));
	}
	const record = ctx.state.tokens.findActive(value, 'refresh');
	if (!record || record.clientId !== client.clientId) {
		oauthError(ctx, 400, 'invalid_grant', 'The refresh token is invalid, expired, revoked or already rotated.');
		return;
	}
	const hold = ctx.state.faults.take(['holdRefresh']);
	// Rotation: the old refresh token and the access tokens issued with it die.
	ctx.state.tokens.revokeGrant(record.grantId);
	const answer = issuePair(ctx, client, record);
	if (hold) {
		// Rotated at the server, answer not yet delivered: a client acting meanwhile sees the new pair only later.
		await ctx.state.holdRefresh();
	}
	sendPair(ctx, answer);
}

function issue(ctx: Ctx, client: ClientRecord, grant: Pick<TokenRecord, 'sub' | 'scopes' | 'grantId'>): void {
	sendPair(ctx, issuePair(ctx, client, grant));
}

function issuePair(ctx: Ctx, client: ClientRecord, grant: Pick<TokenRecord, 'sub' | 'scopes' | 'grantId'>): IssuedPair {
	return ctx.state.tokens.issuePair({
		clientId: client.clientId,
		sub: grant.sub,
		scopes: grant.scopes,
		grantId: grant.grantId,
		accessTtlSeconds: ctx.state.config.accessTokenTtlSeconds ?? client.accessTokenTtlSeconds,
		refreshTtlSeconds: client.refreshTokenTtlSeconds,
	});
}

function sendPair(ctx: Ctx, pair: IssuedPair): void {
	sendJson(ctx, 200, {
		access_token: pair.access.token,
		refresh_token: pair.refresh.token,
		expires_in: pair.expiresIn,
		token_type: 'Bearer',
		scope: scopeString(pair.access.scopes),
	}, NO_STORE);
}

function defaultRefreshError(status: number): string {
	return status === 401 ? 'invalid_client' : status === 500 ? 'server_error' : status === 503 ? 'temporarily_unavailable' : 'invalid_grant';
}

function oauthError(ctx: Ctx, status: number, error: string, description: string, headers: HeaderMap = {}): void {
	sendJson(ctx, status, { error, error_description: description }, { ...NO_STORE, ...headers });
}

function s256(verifier: string): string {
	return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function scopeString(scopes: readonly Scope[]): string {
	return ALL_SCOPES.filter((scope) => scopes.includes(scope)).join(' ');
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

