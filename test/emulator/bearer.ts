import { type Ctx, aipassError, sendJson } from './http';
import { type TokenRecord } from './tokenStore';

/** The value of `Authorization: Bearer <token>`, or null. */
function bearerValue(ctx: Ctx): string | null {
	const header = ctx.req.headers.authorization;
	const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
	return match ? match[1] : null;
}

/** The live access token of the request, or null (nothing is sent). */
export function accessTokenOf(ctx: Ctx): TokenRecord | null {
	const value = bearerValue(ctx);
	return value === null ? null : ctx.state.tokens.findActive(value, 'access') ?? null;
}

/** The live access token, or a 401 `invalid_token` response and null. */
export function requireAccessToken(ctx: Ctx): TokenRecord | null {
	const token = accessTokenOf(ctx);
	if (!token) {
		sendInvalidToken(ctx);
	}
	return token;
}

export function sendInvalidToken(ctx: Ctx): void {
	sendJson(ctx, 401, aipassError('Invalid or expired access token', 'invalid_token'), {
		'WWW-Authenticate': 'Bearer error="invalid_token"',
	});
}
