import assert from 'node:assert/strict';
import { signIn, useEmulator } from './harness';

describe('emulator: unauthorized and dropConnection faults', () => {
	const emu = useEmulator();

	function summary(token: string): Promise<Response> {
		return fetch(`${emu.url}/api/v1/usage/me/summary`, { headers: { Authorization: `Bearer ${token}` } });
	}

	it('unauthorized answers 401 invalid_token to a live token, only on its path and only `times` times', async () => {
		const { access_token: access } = await signIn(emu.url);
		await emu.admin.fault({ kind: 'unauthorized', path: '/usage/me/summary', times: 2 });
		const models = await fetch(`${emu.url}/oauth2/v1/models`, { headers: { Authorization: `Bearer ${access}` } });
		assert.equal(models.status, 200, 'another path is not affected');
		await models.body?.cancel();
		for (let i = 0; i < 2; i++) {
			const rejected = await summary(access);
			assert.equal(rejected.status, 401);
			assert.equal(rejected.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
			assert.equal(((await rejected.json()) as { error?: string }).error, 'invalid_token');
		}
		const accepted = await summary(access);
		assert.equal(accepted.status, 200, 'the token itself was never revoked');
		await accepted.body?.cancel();
		assert.deepEqual(await emu.admin.faults(), []);
		assert.deepEqual((await emu.admin.requests({ path: '/usage/me/summary' })).map(e => e.status), [401, 401, 200]);
	});

	it('dropConnection closes the socket without an answer (a network error), once', async () => {
		const { access_token: access } = await signIn(emu.url);
		await emu.admin.fault({ kind: 'dropConnection', path: '/usage/me/summary' });
		await assert.rejects(summary(access), (e: Error) => e instanceof TypeError);
		const next = await summary(access);
		assert.equal(next.status, 200);
		await next.body?.cancel();
	});

	it('without a path, each hits the next request of any kind', async () => {
		await emu.admin.fault({ kind: 'unauthorized' });
		await emu.admin.fault({ kind: 'dropConnection' });
		assert.deepEqual((await emu.admin.faults()).map(f => f.kind), ['unauthorized', 'dropConnection']);
		const first = await fetch(`${emu.url}/.well-known/oauth-authorization-server`);
		assert.equal(first.status, 401);
		await first.body?.cancel();
		await assert.rejects(fetch(`${emu.url}/.well-known/oauth-authorization-server`), TypeError);
	});
});

describe('emulator: hugeBody fault', () => {
	const emu = useEmulator();

	it('sends exactly `bytes` of JSON whitespace, chunked, on its path only', async () => {
		const { access_token: access } = await signIn(emu.url);
		await emu.admin.fault({ kind: 'hugeBody', bytes: 200_000, path: '/models' });
		const response = await fetch(`${emu.url}/oauth2/v1/models`, { headers: { Authorization: `Bearer ${access}` } });
		assert.equal(response.status, 200);
		assert.equal(response.headers.get('content-length'), null);
		const body = new Uint8Array(await response.arrayBuffer());
		assert.equal(body.byteLength, 200_000);
		assert.ok(body.every(byte => byte === 0x20));
	});

	it('declares a Content-Length larger than it sends, then stalls; refuses a contentLength below bytes', async () => {
		await emu.admin.fault({ kind: 'hugeBody', bytes: 10, contentLength: 1_000_000, status: 503, path: '/models' });
		const response = await fetch(`${emu.url}/oauth2/v1/models`);
		assert.equal(response.status, 503);
		assert.equal(response.headers.get('content-length'), '1000000');
		const reader = response.body?.getReader();
		assert.equal((await reader?.read())?.value?.byteLength, 10);
		await reader?.cancel();
		const refused = await fetch(`${emu.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ kind: 'hugeBody', bytes: 10, contentLength: 5 }) });
		assert.equal(refused.status, 400);
	});
});
