import { accessTokenOf, requireAccessToken, sendInvalidToken } from './bearer';
import { type Ctx, aipassError, jsonObject, randomId, sendJson } from './http';
import { dynamicRedirectProblem } from './redirectUris';
import { DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_REFRESH_TTL_SECONDS } from './seed';
import { ALL_SCOPES, clientView } from './state';
import { type ClientSeed, type Scope } from './types';

/**
 * POST /api/v1/oauth2/clients (spec §3.1). Accepts both `redirectUri` (string, P-rest) and
 * `redirectUris` (array, P-end). A Bearer token is optional, but must be valid when sent.
 */
export function handleRegisterClient(ctx: Ctx): void {
	let ownerSub: string | null = null;
	if (ctx.req.headers.authorization !== undefined) {
		const token = accessTokenOf(ctx);
		if (!token) {
			sendInvalidToken(ctx);
			return;
		}
		ownerSub = token.sub;
	}
	const body = jsonObject(ctx);
	const seed = body ? validate(body) : 'The request body must be a JSON object.';
	if (typeof seed === 'string') {
		sendJson(ctx, 400, aipassError(seed, 'validation_error'));
		return;
	}
	const client = ctx.state.addClient(seed, ownerSub);
	sendJson(ctx, 201, { success: true, data: { ...clientView(client), clientSecret: client.clientSecret } });
}

/** GET /api/v1/oauth2/clients: the caller's own clients (secrets are never shown again). */
export function handleListClients(ctx: Ctx): void {
	const token = requireAccessToken(ctx);
	if (!token) {
		return;
	}
	const data = [...ctx.state.clients.values()].filter((client) => client.ownerSub === token.sub).map(clientView);
	sendJson(ctx, 200, { success: true, data });
}

function validate(body: Record<string, unknown>): ClientSeed | string {
	const name = body.clientName;
	if (typeof name !== 'string' || name.trim().length < 3 || name.trim().length > 255) {
		return 'clientName is required and must be 3-255 characters.';
	}
	const uris = body.redirectUris !== undefined ? body.redirectUris : body.redirectUri !== undefined ? [body.redirectUri] : undefined;
	if (!Array.isArray(uris) || uris.length === 0 || !uris.every((uri): uri is string => typeof uri === 'string' && uri.trim() !== '')) {
		return 'redirectUri (string) or redirectUris (non-empty array of strings) is required.';
	}
	for (const uri of uris) {
		const problem = dynamicRedirectProblem(uri.trim());
		if (problem !== null) {
			return `Invalid redirect URI "${uri}": ${problem}.`;
		}
	}
	const scopes = body.requestedScopes ?? [...ALL_SCOPES];
	if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every(isScope)) {
		return `requestedScopes must be a non-empty array of: ${ALL_SCOPES.join(', ')}.`;
	}
	const requireConsent = body.requireConsent ?? true;
	if (typeof requireConsent !== 'boolean') {
		return 'requireConsent must be a boolean.';
	}
	const accessTtl = body.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
	const refreshTtl = body.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS;
	if (!isPositiveInteger(accessTtl) || !isPositiveInteger(refreshTtl)) {
		return 'accessTokenTtlSeconds and refreshTokenTtlSeconds must be positive integers.';
	}
	return {
		clientId: `client_${randomId(12)}`,
		clientSecret: `secret_${randomId(24)}`,
		clientName: name.trim(),
		redirectUris: [...new Set(uris.map((uri) => uri.trim()))],
		scopes: ALL_SCOPES.filter((scope) => scopes.includes(scope)),
		requireConsent,
		accessTokenTtlSeconds: accessTtl,
		refreshTokenTtlSeconds: refreshTtl,
	};
}

function isScope(value: unknown): value is Scope {
	return ALL_SCOPES.some((scope) => scope === value);
}

function isPositiveInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
