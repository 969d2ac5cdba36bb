import assert from 'node:assert/strict';
import { type ServerResponse } from 'node:http';
import { AiPassClient } from '../../../src/api/client';
import {
	type AiPassErrorKind, AuthExpiredError, BadRequestError, BudgetExhaustedError, InvalidModelError, InvalidResponseError,
	isAiPassError, RateLimitedError, TimeoutError,
} from '../../../src/api/errors';
import { fixedTokens, type RawPeer, rejection, startRawPeer } from './helpers';

interface Answer {
	status: number;
	body?: string;
	headers?: Record<string, string>;
}

const json = (value: unknown): string => JSON.stringify(value);
const INVALID_MODEL = json({
	error: {
		message: "{'error': '/chat/completions: Invalid model name passed in model=gemini-2.5-pro-exp. Call /v1/models to view available models for your key.'}",
		type: 'None', param: 'None', code: '400',
	},
});

/** Each documented status and body shape (aipass-api.md §12), and what the client must make of it. */
const CASES: { name: string; answer: Answer; kind: AiPassErrorKind; says?: RegExp }[] = [
	{ name: '401 AI Pass envelope', answer: { status: 401, body: json({ success: false, message: 'Invalid token', error: 'invalid_token', timestamp: 't' }) }, kind: 'authExpired' },
	{ name: '402 empty body', answer: { status: 402 }, kind: 'budgetExhausted' },
	{ name: '402 AI Pass envelope', answer: { status: 402, body: json({ success: false, message: 'Insufficient balance', error: 'insufficient_balance' }) }, kind: 'budgetExhausted' },
	{ name: '400 LiteLLM budget_exceeded', answer: { status: 400, body: json({ error: { message: 'Budget has been exceeded! Current cost: 10.2, Max budget: 10.0', type: 'budget_exceeded', param: null, code: '400' } }) }, kind: 'budgetExhausted' },
	{ name: '400 ExceededBudget message only', answer: { status: 400, body: json({ error: { message: 'ExceededBudget: User=u_ada over budget', type: 'None', param: 'None', code: '400' } }) }, kind: 'budgetExhausted' },
	{ name: '400 invalid model (LiteLLM full body)', answer: { status: 400, body: INVALID_MODEL }, kind: 'invalidModel' },
	{ name: '429 no Retry-After', answer: { status: 429, body: json({ error: { message: 'No healthy deployment available', type: 'None', param: null, code: '429' } }) }, kind: 'rateLimited' },
	{ name: '403 RFC 6749 body', answer: { status: 403, body: json({ error: 'insufficient_scope', error_description: 'Needs api:access.' }) }, kind: 'forbidden' },
	{ name: '404 plain text', answer: { status: 404, body: 'Not Found' }, kind: 'notFound' },
	{ name: '409 LiteLLM envelope', answer: { status: 409, body: json({ error: { message: 'Video is not ready.', type: 'invalid_request_error', param: null, code: '409' } }) }, kind: 'badRequest', says: /Video is not ready\./ },
	{ name: '400 AI Pass envelope', answer: { status: 400, body: json({ success: false, message: 'prompt is too long', error: 'validation_error' }) }, kind: 'badRequest', says: /prompt is too long/ },
	{ name: '400 RFC 6749 body', answer: { status: 400, body: json({ error: 'invalid_request', error_description: 'model is required' }) }, kind: 'badRequest', says: /model is required/ },
	{ name: '422 FastAPI detail', answer: { status: 422, body: json({ detail: 'messages: field required' }) }, kind: 'badRequest', says: /messages: field required/ },
	{ name: '400 plain text', answer: { status: 400, body: 'temperature out of range' }, kind: 'badRequest', says: /temperature out of range/ },
	{ name: '400 empty body', answer: { status: 400 }, kind: 'badRequest', says: /Bad Request/ },
	{ name: '400 HTML page', answer: { status: 400, body: '<html><body><h1>400</h1>nginx</body></html>' }, kind: 'badRequest', says: /: Bad Request\.?$/ },
	{ name: '500 LiteLLM envelope', answer: { status: 500, body: json({ error: { message: 'boom', type: 'server_error', param: null, code: '500' } }) }, kind: 'server' },
	{ name: '502 HTML page', answer: { status: 502, body: '<html>Bad gateway</html>' }, kind: 'server' },
	{ name: '503 empty body', answer: { status: 503 }, kind: 'server' },
	{ name: '200 that is not JSON', answer: { status: 200, body: '<html>captive portal</html>' }, kind: 'invalidResponse' },
	{ name: '200 JSON of the wrong shape', answer: { status: 200, body: json({ object: 'list' }) }, kind: 'invalidResponse' },
];

describe('api: error mapping over real HTTP (raw peer answers)', () => {
	let peer: RawPeer;
	let next: Answer = { status: 200 };
	let client: AiPassClient;

	before(async () => {
		peer = await startRawPeer((_req, res: ServerResponse) => {
			res.writeHead(next.status, { 'Content-Type': next.body?.startsWith('{') ? 'application/json' : 'text/plain', ...next.headers });
			res.end(next.body);
		});
		client = new AiPassClient({ baseUrl: () => peer.url, apiBasePath: () => '/v1', tokens: fixedTokens('tok') });
	});
	after(() => peer.close());

	for (const { name, answer, kind, says } of CASES) {
		it(`${name} → ${kind}`, async () => {
			next = answer;
			const error = await rejection(client.listModels());
			assert.ok(isAiPassError(error), String(error));
			assert.equal(error.kind, kind);
			assert.equal(error.status, answer.status === 200 ? undefined : answer.status);
			assert.ok(error.userMessage.length > 0 && error.userMessage.endsWith('.'));
			if (says !== undefined) {
				assert.match(error instanceof BadRequestError ? error.userMessage : error.message, says);
				assert.match(error.message, says);
			}
		});
	}

	it('extracts the model id from "Invalid model name … model=X."', async () => {
		next = { status: 400, body: INVALID_MODEL };
		const error = await rejection(client.listModels());
		assert.ok(error instanceof InvalidModelError);
		assert.equal(error.model, 'gemini-2.5-pro-exp');
	});

	it('reads Retry-After as seconds or as an HTTP date', async () => {
		next = { status: 429, headers: { 'Retry-After': '12' } };
		const inSeconds = await rejection(client.listModels());
		assert.ok(inSeconds instanceof RateLimitedError && inSeconds.retryAfterSeconds === 12);
		next = { status: 429, headers: { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() } };
		const asDate = await rejection(client.listModels());
		assert.ok(asDate instanceof RateLimitedError);
		const seconds = asDate.retryAfterSeconds ?? -1;
		assert.ok(seconds >= 28 && seconds <= 31, `got ${seconds}`);
	});

	it('a second 401 is AuthExpiredError after exactly one retry', async () => {
		next = { status: 401 };
		let calls = 0;
		const tokens = { clientId: undefined, getAccessToken: () => Promise.resolve(`token-${++calls}`) };
		const before = peer.requests.length;
		const error = await rejection(new AiPassClient({ baseUrl: () => peer.url, apiBasePath: () => '/v1', tokens }).listModels());
		assert.ok(error instanceof AuthExpiredError);
		assert.deepEqual(peer.requests.slice(before).map((r) => r.headers.authorization), ['Bearer token-1', 'Bearer token-2']);
	});

	it('times out a body that stops half-way (TimeoutError)', async () => {
		const stalling = await startRawPeer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write('{"object":"list","data":[');
		});
		try {
			const slow = new AiPassClient({ baseUrl: () => stalling.url, apiBasePath: () => '/v1', tokens: fixedTokens('tok'), limits: { idleTimeoutMs: 100 } });
			assert.ok((await rejection(slow.listModels())) instanceof TimeoutError);
		} finally {
			await stalling.close();
		}
	});

	it('keeps classifying a budget message nested in a LiteLLM string', async () => {
		next = { status: 400, body: json({ error: { message: "{'error': 'Budget has been exceeded! Current cost: 1, Max budget: 1'}", type: 'None', code: '400' } }) };
		assert.ok((await rejection(client.listModels())) instanceof BudgetExhaustedError);
	});

	it('rejects a usage summary without numbers (InvalidResponseError)', async () => {
		next = { status: 200, body: json({ success: true, data: { totalCost: '2.45', maxBudget: 10, remainingBudget: 7.55 } }) };
		assert.ok((await rejection(client.usageSummary())) instanceof InvalidResponseError);
	});
});
