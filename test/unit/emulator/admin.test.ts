import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server';
import { LOOPBACK_CALLBACK, api, authorizeUrl, chat, getManual, signIn, useEmulator } from './harness';

describe('emulator: admin API and lifecycle', () => {
	const emu = useEmulator();

	it('reset puts clients, budgets, tokens, faults, replies, config and the log back to the seed', async () => {
		const { access_token: access } = await signIn(emu.url);
		await emu.admin.addClient({ clientId: 'client_extra', redirectUris: null });
		await emu.admin.addUser({ sub: 'u_alan', name: 'Alan Turing', email: 'alan@example.com' });
		await emu.admin.setBudget({ totalCost: 9 });
		await emu.admin.setConfig({ modelsShape: 'strings', autoApprove: 'allow' });
		await emu.admin.fault({ kind: 'serverError', path: '/nothing' });
		await emu.admin.setChatReply({ content: 'canned' });

		await emu.admin.reset();
		assert.deepEqual((await emu.admin.clients()).map((client) => [client.clientId, client.redirectUris]), [
			['client_vscode_test', null], ['client_exact', ['vscode://aipass.aipass-vscode/callback']],
		]);
		assert.deepEqual((await emu.admin.users()).map((user) => user.sub), ['u_ada', 'u_grace']);
		assert.deepEqual(await emu.admin.getBudget(), { sub: 'u_ada', maxBudget: 10, totalCost: 2.45, remainingBudget: 7.55 });
		assert.deepEqual(await emu.admin.tokens(), {});
		assert.deepEqual(await emu.admin.faults(), []);
		assert.deepEqual(await emu.admin.requests(), []);
		const config = await emu.admin.getConfig();
		assert.equal(config.modelsShape, 'list');
		assert.equal(config.autoApprove, null);
		const models = await api(emu.url, access, '/models');
		assert.equal(models.status, 401, 'tokens issued before the reset are gone');
		await models.body?.cancel();
	});

	it('logs non-admin requests with method, path, query, lower-cased headers, parsed body and status', async () => {
		const { access_token: access } = await signIn(emu.url);
		await emu.admin.clearRequests();
		await chat(emu.url, access, { messages: [{ role: 'user', content: 'hi' }] }).then((response) => response.text());
		await fetch(`${emu.url}/oauth2/revoke?hint=x`, { method: 'POST', body: new URLSearchParams({ token: 'abc', client_id: 'c' }) });
		await fetch(`${emu.url}/v1/models`, { method: 'POST', body: new Uint8Array([1, 2, 3]), headers: { 'Content-Type': 'application/octet-stream' } });

		const log = await emu.admin.requests();
		assert.deepEqual(log.map((entry) => [entry.seq - log[0].seq, entry.method, entry.path, entry.status]), [
			[0, 'POST', '/oauth2/v1/chat/completions', 200], [1, 'POST', '/oauth2/revoke', 200], [2, 'POST', '/v1/models', 401],
		]);
		const [chatEntry, revokeEntry, bytesEntry] = log;
		assert.deepEqual(chatEntry.body, { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] });
		assert.equal(chatEntry.headers.authorization, `Bearer ${access}`);
		assert.equal(chatEntry.headers['content-type'], 'application/json');
		assert.deepEqual(revokeEntry.query, { hint: 'x' });
		assert.deepEqual(revokeEntry.body, { token: 'abc', client_id: 'c' });
		assert.equal(bytesEntry.body, 3);
		assert.deepEqual((await emu.admin.requests({ path: '/revoke' })).map((entry) => entry.seq), [revokeEntry.seq]);
		await emu.admin.clearRequests();
		assert.deepEqual(await emu.admin.requests(), []);
	});

	it('counts live tokens per user and expires them on demand', async () => {
		await signIn(emu.url);
		await signIn(emu.url, { user: 'u_grace' });
		assert.deepEqual(await emu.admin.tokens(), { u_ada: { access: 1, refresh: 1 }, u_grace: { access: 1, refresh: 1 } });
		assert.equal(await emu.admin.expireTokens('u_grace'), 1);
		assert.deepEqual(await emu.admin.tokens(), { u_ada: { access: 1, refresh: 1 }, u_grace: { access: 0, refresh: 1 } });
		assert.equal(await emu.admin.expireTokens(), 1);
	});

	it('rejects invalid config, faults and clients with 400', async () => {
		await assert.rejects(emu.admin.setConfig({ modelsShape: 'xml' as 'list' }), /400/);
		await assert.rejects(emu.admin.setConfig({ autoApproveUser: 'u_nobody' }), /400/);
		await assert.rejects(emu.admin.fault({ kind: 'dropStream' } as unknown as { kind: 'dropStream'; afterChunks: number }), /afterChunks/);
		await assert.rejects(emu.admin.fault({ kind: 'explode' } as unknown as { kind: 'hang' }), /Unknown fault kind/);
		await assert.rejects(emu.admin.addClient({ clientId: 'c' } as unknown as { clientId: string; redirectUris: null }), /redirectUris/);
		const res = await fetch(`${emu.url}/__admin/nope`);
		assert.equal(res.status, 404);
		await res.body?.cancel();
		assert.deepEqual(await emu.admin.requests(), [], 'admin calls are never logged');
	});

	it('keeps seedClients and accessTokenTtlSeconds options across reset', async () => {
		const custom = await startEmulator({ quiet: true, accessTokenTtlSeconds: 42, seedClients: [{ clientId: 'client_mine', redirectUris: [LOOPBACK_CALLBACK] }] });
		try {
			await custom.admin.reset();
			assert.deepEqual((await custom.admin.clients()).map((client) => client.clientId), ['client_vscode_test', 'client_exact', 'client_mine']);
			assert.equal((await signIn(custom.url, { clientId: 'client_mine' })).expires_in, 42);
		} finally {
			await custom.close();
		}
	});

	it('close() ends hung requests and stalled streams', async () => {
		const local = await startEmulator({ quiet: true });
		const { access_token: access } = await signIn(local.url);
		await local.admin.fault({ kind: 'stallStream', afterChunks: 0 });
		await local.admin.fault({ kind: 'hang', path: '/oauth2/userinfo' });
		const stalled = await chat(local.url, access, { messages: [{ role: 'user', content: 'hi' }], stream: true });
		const hung = fetch(`${local.url}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${access}` } });
		const pending = await getManual(authorizeUrl(local.url));
		await pending.text();
		await local.close();
		await assert.rejects(stalled.text());
		await assert.rejects(hung);
	});
});
