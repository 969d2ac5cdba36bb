import assert from 'node:assert/strict';
import {
	AbortedError, BudgetExhaustedError, NetworkError, NotFoundError, RateLimitedError, ServerError, TimeoutError,
} from '../../../src/api/errors';
import { collect, rejection, startRawPeer, useEmulator } from './helpers';

const CHAT = { model: 'gpt-5-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('api: failures are typed and never retried', () => {
	const api = useEmulator();

	async function chatAttempts(): Promise<number> {
		return (await api.emulator.admin.requests({ path: '/chat/completions' })).length;
	}

	it('maps 429 to RateLimitedError with Retry-After, and does not retry', async () => {
		await api.emulator.admin.fault({ kind: 'rateLimit', retryAfter: 7 });
		const error = await rejection(api.client.chat(CHAT));
		assert.ok(error instanceof RateLimitedError);
		assert.equal(error.retryAfterSeconds, 7);
		assert.match(error.userMessage, /Wait 7 seconds/);
		assert.equal(await chatAttempts(), 1);
		assert.equal(api.settled, 1);
	});

	for (const status of [500, 502, 503] as const) {
		it(`maps ${status} to ServerError, and does not retry`, async () => {
			await api.emulator.admin.fault({ kind: 'serverError', status });
			const error = await rejection(api.client.chat(CHAT));
			assert.ok(error instanceof ServerError);
			assert.equal(error.status, status);
			assert.equal(await chatAttempts(), 1);
		});
	}

	it('maps an exhausted budget (AI Pass 402) to BudgetExhaustedError', async () => {
		await api.emulator.admin.setBudget({ maxBudget: 5, totalCost: 5 });
		const error = await rejection(api.client.chat(CHAT));
		assert.ok(error instanceof BudgetExhaustedError);
		assert.equal(error.status, 402);
		assert.equal(error.userMessage, 'Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.');
		assert.equal(await chatAttempts(), 1);
	});

	it('maps an exhausted budget (LiteLLM 400 budget_exceeded) to BudgetExhaustedError', async () => {
		await api.emulator.admin.setConfig({ budgetErrorStyle: 'litellm' });
		await api.emulator.admin.setBudget({ maxBudget: 5, totalCost: 6 });
		const error = await rejection(api.client.generateImages({ model: 'imagen-4-ultra', prompt: 'x' }));
		assert.ok(error instanceof BudgetExhaustedError);
		assert.equal(error.status, 400);
		assert.match(error.message, /Budget has been exceeded/);
	});

	it('maps a path outside the allowlist to NotFoundError', async () => {
		const error = await rejection(api.makeClient({ apiBasePath: () => '/oauth2/v2' }).listModels());
		assert.ok(error instanceof NotFoundError);
	});

	it('times out a call that gets no answer (TimeoutError), without a retry', async () => {
		await api.emulator.admin.fault({ kind: 'hang', path: '/chat/completions' });
		const started = performance.now();
		const error = await rejection(api.makeClient({ limits: { mediaHeadersTimeoutMs: 150 } }).chat(CHAT));
		assert.ok(error instanceof TimeoutError);
		assert.ok(performance.now() - started < 1000);
		assert.equal(await chatAttempts(), 1);
		assert.equal(api.settled, 1);
	});

	it('times out a stream that does not start, but never cuts one that is under way', async () => {
		const client = api.makeClient({ limits: { headersTimeoutMs: 100 } });
		await api.emulator.admin.fault({ kind: 'hang', path: '/chat/completions' });
		const { error } = await collect(client.streamChat(CHAT));
		assert.ok(error instanceof TimeoutError);
		await api.emulator.admin.setConfig({ chunkDelayMs: 30 });
		await api.emulator.admin.setChatReply({ content: 'one two three four five six seven eight' });
		const started = performance.now();
		const slow = await collect(client.streamChat(CHAT));
		assert.equal(slow.error, undefined);
		assert.ok(performance.now() - started > 200, 'the stream outlived timeoutMs');
		assert.deepEqual(slow.events.at(-1), { type: 'done' });
	});

	it('aborts a waiting call at once when the caller cancels (AbortedError)', async () => {
		await api.emulator.admin.fault({ kind: 'hang', path: '/models' });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		const error = await rejection(api.client.listModels(undefined, controller.signal));
		assert.ok(error instanceof AbortedError);
		assert.equal(error.userMessage, 'The request was cancelled.');
	});

	it('fails at once for a signal that is already aborted, sending nothing', async () => {
		const error = await rejection(api.client.usageSummary(AbortSignal.abort()));
		assert.ok(error instanceof AbortedError);
		assert.equal((await api.emulator.admin.requests()).length, 0);
	});

	it('maps a refused connection to NetworkError, once', async () => {
		const peer = await startRawPeer((_req, res) => {
			res.end();
		});
		const url = peer.url;
		await peer.close();
		const error = await rejection(api.makeClient({ baseUrl: () => url }).chat(CHAT));
		assert.ok(error instanceof NetworkError);
		assert.match(error.message, /ECONNREFUSED/);
		assert.equal(api.settled, 1);
	});

	it('maps a connection reset after the request was sent to NetworkError, without a retry', async () => {
		const peer = await startRawPeer((req) => {
			req.socket.destroy();
		});
		try {
			const error = await rejection(api.makeClient({ baseUrl: () => peer.url }).chat(CHAT));
			assert.ok(error instanceof NetworkError);
			assert.equal(peer.requests.length, 1);
		} finally {
			await peer.close();
		}
	});
});
