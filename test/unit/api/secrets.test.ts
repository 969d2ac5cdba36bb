import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { isAiPassError } from '../../../src/api/errors';
import { collect, EmulatorTokenSource, fixedTokens, rejection, signIn, startRawPeer, useEmulator } from './helpers';
import { AiPassClient } from '../../../src/api/client';

const CHAT = { model: 'gpt-5-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

/** Every rendering of an error a log line or a report could contain. */
function renderings(error: unknown): string[] {
	assert.ok(isAiPassError(error), `expected an AiPassError, got ${String(error)}`);
	return [error.message, error.userMessage, error.stack ?? '', String(error.cause), JSON.stringify(error), inspect(error, { depth: 8 })];
}

describe('api: tokens never leak', () => {
	const api = useEmulator();

	it('keeps access and refresh tokens out of every error the client throws', async () => {
		const secrets = [api.tokens.accessToken];
		const errors: unknown[] = [];
		errors.push(await rejection(api.client.chat({ ...CHAT, model: 'unknown-model' })));
		await api.emulator.admin.fault({ kind: 'rateLimit', retryAfter: 1 });
		errors.push(await rejection(api.client.chat(CHAT)));
		await api.emulator.admin.fault({ kind: 'serverError', status: 502 });
		errors.push(await rejection(api.client.listModels()));
		await api.emulator.admin.fault({ kind: 'hang', path: '/models' });
		errors.push(await rejection(api.makeClient({ limits: { headersTimeoutMs: 50 } }).listModels()));
		await api.emulator.admin.fault({ kind: 'errorFrame', afterChunks: 1 });
		errors.push((await collect(api.client.streamChat(CHAT))).error);
		await api.emulator.admin.fault({ kind: 'dropStream', afterChunks: 1 });
		errors.push((await collect(api.client.streamChat(CHAT))).error);
		errors.push(await rejection(api.makeClient({ baseUrl: () => 'http://127.0.0.1:1' }).chat(CHAT)));
		// Expired token + failed refresh, and expired token + refresh to a token that is refused too.
		await api.emulator.admin.setConfig({ accessTokenTtlSeconds: 0 });
		await api.emulator.admin.expireTokens();
		errors.push(await rejection(api.client.chat(CHAT)));
		secrets.push(api.tokens.accessToken);
		const tokens = new EmulatorTokenSource(api.emulator.url, await signIn(api.emulator));
		secrets.push(tokens.accessToken);
		await api.emulator.admin.expireTokens();
		await api.emulator.admin.fault({ kind: 'failNextRefresh', status: 400, error: 'invalid_grant' });
		errors.push(await rejection(api.makeClient({ tokens }).chat(CHAT)));
		assert.equal(errors.length, 9);
		for (const error of errors) {
			for (const text of renderings(error)) {
				for (const secret of secrets) {
					assert.ok(secret.length > 20 && !text.includes(secret), `a token appears in: ${text.slice(0, 200)}`);
				}
				assert.doesNotMatch(text, /Bearer\s+[\w-]{20,}/);
			}
		}
	});

	it('redacts a token that a server echoes back in its error body', async () => {
		const token = 'sekr3t-access-token-value-0123456789';
		const peer = await startRawPeer((req, res) => {
			res.writeHead(400, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `bad header ${String(req.headers.authorization)} (token ${token})`, type: 'x', code: '400' } }));
		});
		try {
			const client = new AiPassClient({ baseUrl: () => peer.url, apiBasePath: () => '/v1', tokens: fixedTokens(token) });
			const error = await rejection(client.chat(CHAT));
			for (const text of renderings(error)) {
				assert.ok(!text.includes(token), text);
			}
			assert.ok(isAiPassError(error));
			assert.match(error.userMessage, /bad header Bearer \[redacted\] \(token \[redacted\]\)/);
		} finally {
			await peer.close();
		}
	});

	it('never sends the token to a download URL on another origin', async () => {
		const cdn = await startRawPeer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'video/mp4' });
			res.end(Buffer.from('....ftypmp42'));
		});
		const service = await startRawPeer((req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(req.url?.endsWith('/status')
				? { status: 'completed', progress: 100, downloadUrl: `${cdn.url}/v/abc.mp4` }
				: { videoId: 'vid_1' }));
		});
		try {
			const client = new AiPassClient({ baseUrl: () => service.url, apiBasePath: () => '/v1', tokens: fixedTokens('the-token') });
			const job = await client.createVideo({ model: 'sora-2', prompt: 'x' });
			const video = await client.downloadVideo(job.id);
			assert.equal(video.mime, 'video/mp4');
			assert.deepEqual(service.requests.map((r) => [r.url, r.headers.authorization]), [
				['/v1/videos', 'Bearer the-token'], ['/v1/videos/vid_1/status', 'Bearer the-token'],
			]);
			assert.deepEqual(cdn.requests.map((r) => [r.url, r.headers.authorization, r.headers['x-aipass-oauth-client-id']]), [
				['/v/abc.mp4', undefined, undefined],
			]);
		} finally {
			await Promise.all([cdn.close(), service.close()]);
		}
	});
});
