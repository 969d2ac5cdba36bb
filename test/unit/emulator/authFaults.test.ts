import assert from 'node:assert/strict';
import { CLIENT_ID, api, postJson, signIn, type TokenResponse, useEmulator } from './harness';

describe('emulator: faults for several windows, hung and refusing servers', () => {
	const emu = useEmulator();
	const refresh = (refreshToken: string): Promise<Response> => postJson(`${emu.url}/oauth2/token`, { grantType: 'refresh_token', refreshToken, clientId: CLIENT_ID });

	it('holdRefresh rotates at once but answers only when released', async () => {
		const tokens = await signIn(emu.url);
		await emu.admin.fault({ kind: 'holdRefresh' });
		let answered = false;
		const answer = refresh(tokens.refresh_token).finally(() => { answered = true; });
		// The held request is in the log, unanswered, and the old token is already dead.
		for (;;) {
			const held = (await emu.admin.requests({ path: '/oauth2/token' })).filter(r => (r.body as Record<string, string>).grantType === 'refresh_token');
			if (held.length === 1 && (await emu.admin.tokenStatus([tokens.refresh_token]))[0] === 'revoked') {
				assert.equal(held[0].status, null);
				break;
			}
		}
		assert.equal(answered, false, 'no answer while held');
		assert.deepEqual(await emu.admin.tokenStatus([tokens.refresh_token]), ['revoked'], 'already rotated at the server');
		assert.equal(await emu.admin.releaseRefreshes(), 1);
		const renewed = (await (await answer).json()) as TokenResponse;
		assert.deepEqual(await emu.admin.tokenStatus([renewed.refresh_token, renewed.access_token, 'nope']), ['active', 'active', 'unknown']);
	});

	it('summaryUnsuccessful answers the AI Pass envelope with success:false and the message, once', async () => {
		const tokens = await signIn(emu.url);
		await emu.admin.fault({ kind: 'summaryUnsuccessful', message: 'Wallet suspended' });
		const refused = await api(emu.url, tokens.access_token, '/usage/me/summary', {}, '/api/v1');
		assert.equal(refused.status, 200);
		const body = (await refused.json()) as { success: boolean; message: string };
		assert.deepEqual([body.success, body.message], [false, 'Wallet suspended']);
		const next = (await (await api(emu.url, tokens.access_token, '/usage/me/summary', {}, '/api/v1')).json()) as { success: boolean };
		assert.equal(next.success, true);
	});

	it('revokeReads=query ignores a form body, and revokeReads=body ignores the query', async () => {
		const tokens = await signIn(emu.url);
		await emu.admin.setConfig({ revokeReads: 'query' });
		await fetch(`${emu.url}/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: tokens.access_token }) });
		assert.deepEqual(await emu.admin.tokenStatus([tokens.access_token]), ['active']);
		await emu.admin.setConfig({ revokeReads: 'body' });
		await fetch(`${emu.url}/oauth2/revoke?token=${tokens.access_token}`, { method: 'POST' });
		assert.deepEqual(await emu.admin.tokenStatus([tokens.access_token]), ['active']);
		await fetch(`${emu.url}/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: tokens.access_token }) });
		assert.deepEqual(await emu.admin.tokenStatus([tokens.access_token]), ['revoked']);
	});
});
