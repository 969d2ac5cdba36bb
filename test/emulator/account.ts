import { isRecord } from './body';
import { requireAccessToken } from './bearer';
import { budgetView } from './budget';
import { type Ctx, send, sendJson } from './http';
import { ALL_SCOPES } from './state';

/** GET /.well-known/oauth-authorization-server (spec §1), with the emulator as issuer. */
export function handleMetadata(ctx: Ctx): void {
	const issuer = ctx.origin;
	sendJson(ctx, 200, {
		issuer,
		authorization_endpoint: `${issuer}/oauth2/authorize`,
		token_endpoint: `${issuer}/oauth2/token`,
		userinfo_endpoint: `${issuer}/oauth2/userinfo`,
		revocation_endpoint: `${issuer}/oauth2/revoke`,
		scopes_supported: [...ALL_SCOPES],
		response_types_supported: ['code'],
		grant_types_supported: ['authorization_code', 'refresh_token'],
		code_challenge_methods_supported: ['S256'],
		token_endpoint_auth_methods_supported: ['none'],
	});
}

/**
 * POST /oauth2/revoke (spec §10): the token comes from `?token=`, a form body or a JSON body
 * (config `revokeReads` plays a server that reads only one of them).
 * Always 200 with an empty body (RFC 7009), unknown tokens included.
 */
export function handleRevoke(ctx: Ctx): void {
	const reads = ctx.state.config.revokeReads;
	const token = (reads === 'body' ? null : ctx.query.get('token')) ?? (reads === 'query' ? null : bodyToken(ctx));
	if (token !== null) {
		ctx.state.tokens.revoke(token);
	}
	send(ctx, 200, { 'Cache-Control': 'no-store', 'Content-Length': 0 });
}

function bodyToken(ctx: Ctx): string | null {
	const body = ctx.body;
	if (body.kind === 'form') {
		return body.params.get('token');
	}
	if (body.kind === 'json' && isRecord(body.value) && typeof body.value.token === 'string') {
		return body.value.token;
	}
	return null;
}

/** GET /oauth2/userinfo (spec §9): plain JSON, needs `profile:read`. */
export function handleUserinfo(ctx: Ctx): void {
	const token = requireAccessToken(ctx);
	if (!token) {
		return;
	}
	// `userinfoForbidden` plays a server where the user withheld profile:read at consent.
	if (!token.scopes.includes('profile:read') || ctx.state.faults.take(['userinfoForbidden'])) {
		sendJson(ctx, 403, { error: 'insufficient_scope', error_description: 'The access token lacks the profile:read scope.' }, {
			'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="profile:read"',
		});
		return;
	}
	const user = ctx.state.users.get(token.sub);
	if (!user) {
		sendJson(ctx, 404, { error: 'not_found', error_description: 'The user no longer exists.' });
		return;
	}
	sendJson(ctx, 200, {
		sub: user.sub,
		name: user.name,
		email: user.email,
		email_verified: user.emailVerified,
		preferred_username: user.preferredUsername,
		updated_at: user.updatedAt,
		scopes: [...token.scopes],
	}, { 'Cache-Control': 'no-store' });
}

/** GET /api/v1/usage/me/summary (spec §11). */
export function handleUsageSummary(ctx: Ctx): void {
	const token = requireAccessToken(ctx);
	if (!token) {
		return;
	}
	const refusal = ctx.state.faults.take(['summaryUnsuccessful']);
	if (refusal) {
		// The AI Pass envelope saying no with a 200 status (spec §11: read `success`).
		sendJson(ctx, 200, { success: false, message: refusal.message ?? 'Usage summary unavailable', data: null, timestamp: new Date().toISOString() });
		return;
	}
	const { totalCost, maxBudget, remainingBudget } = budgetView(ctx.state, token.sub);
	sendJson(ctx, 200, {
		success: true,
		message: 'Usage summary retrieved successfully',
		data: { totalCost, maxBudget, remainingBudget },
		timestamp: new Date().toISOString(),
	}, { 'Cache-Control': 'no-store' });
}
