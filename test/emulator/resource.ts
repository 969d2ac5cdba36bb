import { handleSpeech, handleTranscription } from './audio';
import { requireAccessToken } from './bearer';
import { ensureBudget } from './budget';
import { handleChat } from './chat';
import { handleEmbeddings } from './embeddings';
import { type Ctx, type ResourceCall, sendJson, sendLiteLlmError, sendNotFound } from './http';
import { handleImageEdit, handleImageGeneration } from './images';
import { handleGetModel, handleListModels } from './models';
import { handleCreateVideo, handleGetVideo, handleRemixVideo, handleVideoContent, handleVideoStatus } from './videos';

/** The two resource bases (spec §1): canonical `/v1` and the `/oauth2/v1` alias. */
const BASES = ['/v1', '/oauth2/v1'] as const;

interface Route {
	method: 'GET' | 'POST';
	pattern: RegExp;
	/** LiteLLM's name for the route in errors; defaults to the matched path. */
	name?: string;
	/** Paid calls are refused when the balance is exhausted. */
	paid?: boolean;
	handle(ctx: Ctx, call: ResourceCall): void | Promise<void>;
}

/** The proxy allowlist (spec §6); anything else is 404. */
const ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/models$/, handle: (ctx) => handleListModels(ctx) },
	{ method: 'GET', pattern: /^\/models\/([^/]+)$/, handle: (ctx, call) => handleGetModel(ctx, call.params[0]) },
	{ method: 'POST', pattern: /^\/chat\/completions$/, paid: true, handle: handleChat },
	{ method: 'POST', pattern: /^\/embeddings$/, paid: true, handle: handleEmbeddings },
	{ method: 'POST', pattern: /^\/images\/generations$/, paid: true, handle: handleImageGeneration },
	{ method: 'POST', pattern: /^\/images\/(?:edits|variations)$/, paid: true, handle: handleImageEdit },
	{ method: 'POST', pattern: /^\/audio\/speech$/, paid: true, handle: handleSpeech },
	{ method: 'POST', pattern: /^\/audio\/transcriptions$/, paid: true, handle: handleTranscription },
	{ method: 'POST', pattern: /^\/videos$/, paid: true, handle: handleCreateVideo },
	{ method: 'POST', pattern: /^\/videos\/([^/]+)\/remix$/, name: '/videos/{id}/remix', paid: true, handle: handleRemixVideo },
	{ method: 'GET', pattern: /^\/videos\/([^/]+)$/, name: '/videos/{id}', handle: handleGetVideo },
	{ method: 'GET', pattern: /^\/videos\/([^/]+)\/content$/, name: '/videos/{id}/content', handle: handleVideoContent },
	{
		method: 'GET', pattern: /^\/videos\/([^/]+)\/status$/, name: '/videos/{id}/status',
		handle: (ctx, call) => (ctx.state.config.videoShape === 'videoId' ? handleVideoStatus(ctx, call) : sendNotFound(ctx)),
	},
];

/** The path below a resource base, or null when the path is not under one. */
export function resourceSubpath(path: string): string | null {
	for (const base of BASES) {
		if (path.startsWith(`${base}/`)) {
			return path.slice(base.length);
		}
	}
	return null;
}

/** Bearer + `api:access` + client binding, then the allowlist, the budget and the route. */
export async function handleResource(ctx: Ctx, subpath: string): Promise<void> {
	const token = requireAccessToken(ctx);
	if (!token) {
		return;
	}
	if (!token.scopes.includes('api:access')) {
		sendLiteLlmError(ctx, 403, 'The access token lacks the api:access scope.', 'insufficient_scope', {
			'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="api:access"',
		});
		return;
	}
	const declaredClient = ctx.req.headers['x-aipass-oauth-client-id'];
	if (typeof declaredClient === 'string' && declaredClient.trim() !== token.clientId) {
		sendJson(ctx, 401, { error: { message: 'OAuth client mismatch', type: 'invalid_client', param: null, code: '401' } });
		return;
	}
	for (const route of ROUTES) {
		const match = route.method === ctx.method ? route.pattern.exec(subpath) : null;
		if (!match) {
			continue;
		}
		if (route.paid && !ensureBudget(ctx, token.sub)) {
			return;
		}
		await route.handle(ctx, { token, route: route.name ?? subpath, params: match.slice(1) });
		return;
	}
	sendNotFound(ctx);
}
