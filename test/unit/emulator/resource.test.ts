import assert from 'node:assert/strict';
import { CLIENT_ID, api, chat, postJson, signIn, useEmulator } from './harness';

interface ModelEntry { id: string; object: string; created: number; owned_by: string; type: string; capabilities: string[]; methods: string[] }

describe('emulator: resource API (/v1 and /oauth2/v1)', () => {
	const emu = useEmulator();
	let access = '';
	beforeEach(async () => {
		access = (await signIn(emu.url)).access_token;
	});

	async function expectInvalidToken(response: Response): Promise<void> {
		assert.equal(response.status, 401);
		assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
		const body = (await response.json()) as Record<string, unknown>;
		assert.deepEqual({ ...body, timestamp: 'x' }, {
			success: false, message: 'Invalid or expired access token', error: 'invalid_token', timestamp: 'x',
		});
	}

	describe('authentication', () => {
		it('answers 401 invalid_token without a Bearer token', async () => {
			await expectInvalidToken(await fetch(`${emu.url}/v1/models`));
		});

		it('answers 401 invalid_token for an unknown token', async () => {
			await expectInvalidToken(await api(emu.url, 'made-up', '/models'));
		});

		it('answers 401 invalid_token for an expired token (expireTokens fault)', async () => {
			await emu.admin.fault({ kind: 'expireTokens', sub: 'u_ada' });
			await expectInvalidToken(await api(emu.url, access, '/models'));
		});

		it('answers 401 invalid_token for a revoked token', async () => {
			await postJson(`${emu.url}/oauth2/revoke`, { token: access });
			await expectInvalidToken(await api(emu.url, access, '/models', {}, '/v1'));
		});

		it('answers 403 for a token without api:access', async () => {
			const profileOnly = (await signIn(emu.url, { scope: 'profile:read' })).access_token;
			const response = await api(emu.url, profileOnly, '/models');
			assert.equal(response.status, 403);
			assert.equal(((await response.json()) as { error: { type: string } }).error.type, 'insufficient_scope');
		});

		it('checks X-AIPass-OAuth-Client-Id against the token client when present', async () => {
			const ok = await api(emu.url, access, '/models', { headers: { 'X-AIPass-OAuth-Client-Id': CLIENT_ID } });
			assert.equal(ok.status, 200);
			await ok.body?.cancel();
			const mismatch = await api(emu.url, access, '/models', { headers: { 'X-AIPass-OAuth-Client-Id': 'client_exact' } });
			assert.equal(mismatch.status, 401);
			assert.deepEqual(await mismatch.json(), { error: { message: 'OAuth client mismatch', type: 'invalid_client', param: null, code: '401' } });
		});
	});

	for (const prefix of ['/v1', '/oauth2/v1']) {
		it(`answers 404 outside the allowlist under ${prefix}`, async () => {
			for (const [method, path] of [['GET', '/files'], ['POST', '/responses'], ['GET', '/chat/completions'], ['DELETE', '/models/gpt-5-mini']]) {
				const response = await api(emu.url, access, path, { method }, prefix);
				assert.equal(response.status, 404, `${method} ${path}`);
				assert.deepEqual(await response.json(), { error: { message: 'Not found', type: 'not_found', param: null, code: '404' } });
			}
		});

		it(`lists models as {object:"list",data} under ${prefix}`, async () => {
			const response = await api(emu.url, access, '/models', {}, prefix);
			const body = (await response.json()) as { object: string; data: ModelEntry[] };
			assert.equal(body.object, 'list');
			assert.deepEqual(body.data.find((model) => model.id === 'gpt-5-mini'), {
				id: 'gpt-5-mini', object: 'model', created: 1753000000, owned_by: 'openai', type: 'text',
				capabilities: ['vision'], methods: ['chat_completions'],
			});
			const ids = body.data.map((model) => model.id);
			for (const id of ['gpt-5-nano', 'claude-haiku-4-5', 'gemini-2.5-flash-lite', 'nano-banana-2', 'imagen-4-ultra', 'nano-banana-2-edit',
				'gpt-image-2-edit', 'tts-1', 'gpt-4o-mini-tts', 'whisper-1', 'text-embedding-3-small', 'text-embedding-3-large', 'sora-2',
				'veo-3.1-fast-generate-preview']) {
				assert.ok(ids.includes(id), id);
			}
		});
	}

	it('lists model ids as strings with ?detailed=false or modelsShape "strings"', async () => {
		const strings = (await (await api(emu.url, access, '/models?detailed=false')).json()) as string[];
		assert.ok(strings.includes('whisper-1'));
		assert.ok(strings.every((id) => typeof id === 'string'));
		await emu.admin.setConfig({ modelsShape: 'strings' });
		assert.deepEqual(await (await api(emu.url, access, '/models')).json(), strings);
		const detailed = (await (await api(emu.url, access, '/models?detailed=true')).json()) as { object: string };
		assert.equal(detailed.object, 'list');
	});

	it('filters models by type, method and capability', async () => {
		const ids = async (query: string): Promise<string[]> =>
			((await (await api(emu.url, access, `/models?${query}`)).json()) as { data: ModelEntry[] }).data.map((model) => model.id);
		assert.deepEqual(await ids('type=embedding'), ['text-embedding-3-small', 'text-embedding-3-large']);
		assert.deepEqual(await ids('method=audio_transcription'), ['whisper-1']);
		assert.deepEqual(await ids('type=text&capability=vision'), ['gpt-5-mini', 'claude-haiku-4-5', 'gemini-2.5-flash-lite']);
		assert.deepEqual(await ids('method=video_generation'), ['sora-2', 'veo-3.1-fast-generate-preview']);
	});

	it('GET /models/{id} returns one entry, or 404', async () => {
		const entry = (await (await api(emu.url, access, '/models/whisper-1')).json()) as ModelEntry;
		assert.deepEqual(entry.methods, ['audio_transcription']);
		const missing = await api(emu.url, access, '/models/gpt-4');
		assert.equal(missing.status, 404);
		assert.equal(((await missing.json()) as { error: { code: string } }).error.code, '404');
	});

	it('answers LiteLLM 400 "Invalid model name" for unknown models and models of the wrong type', async () => {
		for (const [model, route, path, body] of [
			['gemini/gemini-2.5-flash-lite', '/chat/completions', '/chat/completions', { messages: [{ role: 'user', content: 'hi' }] }],
			['whisper-1', '/chat/completions', '/chat/completions', { messages: [{ role: 'user', content: 'hi' }] }],
			['gpt-5-mini', '/embeddings', '/embeddings', { input: 'x' }],
			['tts-1', '/images/generations', '/images/generations', { prompt: 'x' }],
		] as const) {
			const response = await api(emu.url, access, path, { method: 'POST', body: JSON.stringify({ model, ...body }) });
			assert.equal(response.status, 400);
			assert.deepEqual(await response.json(), {
				error: {
					message: `{'error': '${route}: Invalid model name passed in model=${model}. Call /v1/models to view available models for your key.'}`,
					type: 'None', param: 'None', code: '400',
				},
			});
		}
	});

	describe('request faults', () => {
		it('rateLimit answers 429 with Retry-After on the matching path only', async () => {
			await emu.admin.fault({ kind: 'rateLimit', retryAfter: 7, path: '/chat/completions' });
			const models = await api(emu.url, access, '/models');
			assert.equal(models.status, 200);
			await models.body?.cancel();
			const limited = await chat(emu.url, access, { messages: [{ role: 'user', content: 'hi' }] });
			assert.equal(limited.status, 429);
			assert.equal(limited.headers.get('retry-after'), '7');
			const body = (await limited.json()) as { error: { type: string; code: string } };
			assert.equal(body.error.type, 'rate_limit_error');
			assert.equal(body.error.code, '429');
			const after = await chat(emu.url, access, { messages: [{ role: 'user', content: 'hi' }] });
			assert.equal(after.status, 200);
			await after.body?.cancel();
		});

		it('serverError answers the status `times` times', async () => {
			await emu.admin.fault({ kind: 'serverError', status: 502, times: 2 });
			for (let i = 0; i < 2; i++) {
				const response = await api(emu.url, access, '/models');
				assert.equal(response.status, 502);
				assert.deepEqual(await response.json(), { error: { message: 'Bad gateway', type: 'server_error', param: null, code: '502' } });
			}
			const ok = await api(emu.url, access, '/models');
			assert.equal(ok.status, 200);
			await ok.body?.cancel();
		});

		it('hang accepts the request and never answers until the client aborts', async () => {
			await emu.admin.fault({ kind: 'hang', path: '/usage/me/summary' });
			await assert.rejects(
				fetch(`${emu.url}/api/v1/usage/me/summary`, { headers: { Authorization: `Bearer ${access}` }, signal: AbortSignal.timeout(150) }),
				(error: Error) => error.name === 'TimeoutError',
			);
			const [entry] = await emu.admin.requests({ path: '/usage/me/summary' });
			assert.equal(entry.status, null);
		});
	});
});
