import { applyConfig, parseClientSeed, parseUserSeed } from './adminConfig';
import { budgetView, parsePrice, round4 } from './budget';
import { parseFault } from './faults';
import { type Ctx, jsonObject, send, sendJson } from './http';
import { DEFAULT_USER } from './seed';
import { clientView } from './state';
import { type TokenStatus } from './types';

type AdminHandler = (ctx: Ctx, body: Record<string, unknown>) => void;

/** Admin API under /__admin/ (no auth, never logged, never on the allowlist). Keys are `METHOD path`. */
const ADMIN_ROUTES: Record<string, AdminHandler> = {
	'POST reset': (ctx) => {
		ctx.state.reset();
		ok(ctx);
	},
	'GET requests': (ctx) => {
		const filter = ctx.query.get('path');
		sendJson(ctx, 200, filter === null ? ctx.state.log : ctx.state.log.filter((entry) => entry.path.includes(filter)));
	},
	'DELETE requests': (ctx) => {
		ctx.state.log.length = 0;
		ok(ctx);
	},
	'GET clients': (ctx) => sendJson(ctx, 200, [...ctx.state.clients.values()].map(clientView)),
	'POST clients': (ctx, body) => {
		const seed = parseClientSeed(body);
		if (typeof seed === 'string') {
			badRequest(ctx, seed);
			return;
		}
		sendJson(ctx, 201, clientView(ctx.state.addClient(seed, null)));
	},
	'GET users': (ctx) => sendJson(ctx, 200, [...ctx.state.users.values()]),
	'POST users': (ctx, body) => {
		const seed = parseUserSeed(body);
		if (typeof seed === 'string') {
			badRequest(ctx, seed);
			return;
		}
		sendJson(ctx, 201, ctx.state.addUser(seed));
	},
	'GET budget': (ctx) => sendBudget(ctx, ctx.query.get('sub') ?? DEFAULT_USER),
	'POST budget': (ctx, body) => {
		const sub = typeof body.sub === 'string' ? body.sub : DEFAULT_USER;
		const budget = ctx.state.budgets.get(sub);
		const { maxBudget, totalCost } = body;
		if (!budget) {
			sendJson(ctx, 404, { error: `Unknown user "${sub}".` });
			return;
		}
		if ((maxBudget !== undefined && typeof maxBudget !== 'number') || (totalCost !== undefined && typeof totalCost !== 'number')) {
			badRequest(ctx, 'maxBudget and totalCost must be numbers.');
			return;
		}
		budget.maxBudget = round4(maxBudget ?? budget.maxBudget);
		budget.totalCost = round4(totalCost ?? budget.totalCost);
		sendBudget(ctx, sub);
	},
	'GET prices': (ctx) => sendJson(ctx, 200, Object.fromEntries(ctx.state.prices)),
	'POST prices': (ctx, body) => {
		const parsed = parsePrice(body);
		if (typeof parsed === 'string') {
			badRequest(ctx, parsed);
			return;
		}
		ctx.state.prices.set(parsed.model, parsed.price);
		sendJson(ctx, 200, Object.fromEntries(ctx.state.prices));
	},
	'DELETE prices': (ctx) => {
		ctx.state.prices.clear();
		ok(ctx);
	},
	'GET faults': (ctx) => sendJson(ctx, 200, ctx.state.faults.list()),
	'POST faults': (ctx, body) => {
		const fault = parseFault(body);
		if (typeof fault === 'string') {
			badRequest(ctx, fault);
			return;
		}
		if (fault.kind === 'expireTokens') {
			sendJson(ctx, 200, { ok: true, expired: ctx.state.tokens.expireAccess(fault.sub) });
			return;
		}
		ctx.state.faults.add(fault);
		sendJson(ctx, 200, { ok: true, armed: ctx.state.faults.list() });
	},
	'DELETE faults': (ctx) => {
		ctx.state.faults.clear();
		ok(ctx);
	},
	'POST chat-reply': (ctx, body) => {
		if (typeof body.content !== 'string') {
			badRequest(ctx, 'content must be a string.');
			return;
		}
		if (body.once === true) {
			ctx.state.chatReplies.queue.push(body.content);
		} else {
			ctx.state.chatReplies.sticky = body.content;
		}
		ok(ctx);
	},
	'DELETE chat-reply': (ctx) => {
		ctx.state.chatReplies.sticky = null;
		ctx.state.chatReplies.queue = [];
		ok(ctx);
	},
	'GET config': (ctx) => sendJson(ctx, 200, ctx.state.config),
	'POST config': (ctx, body) => {
		const problem = applyConfig(ctx.state, body);
		if (problem === null) {
			sendJson(ctx, 200, ctx.state.config);
		} else {
			badRequest(ctx, problem);
		}
	},
	'POST expire-tokens': (ctx, body) => {
		const sub = typeof body.sub === 'string' ? body.sub : undefined;
		sendJson(ctx, 200, { ok: true, expired: ctx.state.tokens.expireAccess(sub) });
	},
	'GET tokens': (ctx) => sendJson(ctx, 200, ctx.state.tokens.counts()),
	'POST token-status': (ctx, body) => {
		const tokens = body.tokens;
		if (!Array.isArray(tokens) || !tokens.every((token) => typeof token === 'string')) {
			badRequest(ctx, 'tokens must be an array of token strings.');
			return;
		}
		sendJson(ctx, 200, tokens.map((token: string) => tokenStatus(ctx, token)));
	},
	'POST release-refreshes': (ctx) => sendJson(ctx, 200, { ok: true, released: ctx.state.releaseHeldRefreshes() }),
	'GET pending-authorizations': (ctx) => sendJson(ctx, 200, { count: ctx.state.pending.size }),
	// Plays a browser landing on an arbitrary callback (a stray or replayed redirect) for sign-in tests.
	'GET redirect': (ctx) => {
		const to = ctx.query.get('to');
		if (!to || !/^[a-z][a-z0-9+.-]*:/i.test(to)) {
			badRequest(ctx, 'redirect needs an absolute ?to= URL.');
			return;
		}
		send(ctx, 302, { Location: to, 'Cache-Control': 'no-store' }, '');
	},
};

export function handleAdmin(ctx: Ctx): void {
	const key = `${ctx.method} ${ctx.path.slice('/__admin/'.length)}`;
	const handler = Object.hasOwn(ADMIN_ROUTES, key) ? ADMIN_ROUTES[key] : undefined;
	if (!handler) {
		sendJson(ctx, 404, { error: `No admin route ${ctx.method} ${ctx.path}.` });
		return;
	}
	const body = ctx.body.kind === 'none' ? {} : jsonObject(ctx);
	if (!body) {
		badRequest(ctx, 'Admin requests take a JSON object body.');
		return;
	}
	handler(ctx, body);
}

function tokenStatus(ctx: Ctx, token: string): TokenStatus {
	const record = ctx.state.tokens.find(token);
	if (!record) {
		return 'unknown';
	}
	return record.revoked ? 'revoked' : record.expiresAt <= Date.now() ? 'expired' : 'active';
}

function sendBudget(ctx: Ctx, sub: string): void {
	if (ctx.state.budgets.has(sub)) {
		sendJson(ctx, 200, budgetView(ctx.state, sub));
	} else {
		sendJson(ctx, 404, { error: `Unknown user "${sub}".` });
	}
}

function ok(ctx: Ctx): void {
	sendJson(ctx, 200, { ok: true });
}

function badRequest(ctx: Ctx, message: string): void {
	sendJson(ctx, 400, { error: message });
}
