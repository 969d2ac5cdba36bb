import { handleMetadata, handleRevoke, handleUsageSummary, handleUserinfo } from './account';
import { handleAdmin } from './admin';
import { handleAuthorize, handleDecision } from './authorize';
import { sendInvalidToken } from './bearer';
import { handleListClients, handleRegisterClient } from './clientRegistration';
import { type Ctx, send, sendLiteLlmError, sendNotFound } from './http';
import { sendHugeBody } from './hugeBody';
import { handleMedia } from './media';
import { handleResource, resourceSubpath } from './resource';
import { handleToken } from './tokenEndpoint';

type Handler = (ctx: Ctx) => void | Promise<void>;

const ROUTES: Record<string, Handler> = {
	'GET /.well-known/oauth-authorization-server': handleMetadata,
	'GET /oauth2/authorize': handleAuthorize,
	'POST /oauth2/authorize/decision': handleDecision,
	'POST /oauth2/token': handleToken,
	'POST /oauth2/revoke': handleRevoke,
	'GET /oauth2/userinfo': handleUserinfo,
	'GET /api/v1/usage/me/summary': handleUsageSummary,
	'POST /api/v1/oauth2/clients': handleRegisterClient,
	'GET /api/v1/oauth2/clients': handleListClients,
};

/**
 * CORS as AI Pass must answer a cross-origin client such as the extension in VS Code for the Web
 * (the browser's web worker extension host, origin vscode.dev / github.dev / a self-hosted workbench):
 * every path but the authorize pages, which the browser navigates to rather than fetches. `*` without
 * credentials (the client sends a bearer header, never cookies); Retry-After and WWW-Authenticate
 * exposed so the client can read them; the header on error responses too, or the browser hides the
 * status and body. A header outside ALLOWED_HEADERS makes the browser drop the request unsent, as
 * the live service would.
 */
const NO_CORS_PATHS = /^\/oauth2\/authorize(?:\/decision)?$/;
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, X-AIPass-OAuth-Client-Id';
export const CORS_EXPOSED_HEADERS = 'Retry-After, WWW-Authenticate';

const SERVER_ERRORS: Record<number, string> = { 500: 'Internal server error', 502: 'Bad gateway', 503: 'Service temporarily unavailable' };

export async function route(ctx: Ctx): Promise<void> {
	const { method, path } = ctx;
	if (!NO_CORS_PATHS.test(path)) {
		ctx.res.setHeader('Access-Control-Allow-Origin', '*');
		ctx.res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
		if (method === 'OPTIONS') {
			// A preflight: answered before routing and faults, so it never consumes a queued fault.
			send(ctx, 204, {
				'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
				'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
				'Access-Control-Max-Age': 600,
			});
			return;
		}
	}
	if (path.startsWith('/__admin/')) {
		handleAdmin(ctx);
		return;
	}
	if (applyRequestFault(ctx)) {
		return;
	}
	const key = `${method} ${path}`;
	if (Object.hasOwn(ROUTES, key)) {
		await ROUTES[key](ctx);
		return;
	}
	if (method === 'GET' && path.startsWith('/__media/')) {
		handleMedia(ctx, path.slice('/__media/'.length));
		return;
	}
	const subpath = resourceSubpath(path);
	if (subpath !== null) {
		await handleResource(ctx, subpath);
		return;
	}
	sendNotFound(ctx);
}

/** The `rateLimit`, `serverError`, `hang`, `unauthorized`, `dropConnection` and `hugeBody` faults apply to any non-admin request they match. */
function applyRequestFault(ctx: Ctx): boolean {
	const fault = ctx.state.faults.take(['rateLimit', 'serverError', 'hang', 'unauthorized', 'dropConnection', 'hugeBody'], ctx.path);
	if (fault?.kind === 'rateLimit') {
		sendLiteLlmError(ctx, 429, `Rate limit exceeded. Please retry after ${fault.retryAfter} seconds.`, 'rate_limit_error', {
			'Retry-After': String(fault.retryAfter),
		});
	} else if (fault?.kind === 'serverError') {
		const status = fault.status ?? 500;
		sendLiteLlmError(ctx, status, SERVER_ERRORS[status], 'server_error');
	} else if (fault?.kind === 'unauthorized') {
		sendInvalidToken(ctx); // Even a live token: the service rejected it (refresh still works).
	} else if (fault?.kind === 'dropConnection') {
		ctx.res.socket?.destroy(); // No response at all: the client sees a network error.
	} else if (fault?.kind === 'hugeBody') {
		void sendHugeBody(ctx, fault);
	}
	// `hang`: accept the request and never answer; the socket dies when the client aborts or on close().
	return fault !== undefined;
}
