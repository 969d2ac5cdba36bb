import assert from 'node:assert/strict';
import { CLIENT_ID, api, authorizeUrl, getManual, postJson, signIn, useEmulator } from './harness';

describe('emulator: revoke, userinfo, usage summary, client registration', () => {
	const emu = useEmulator();

	async function modelsStatus(accessToken: string): Promise<number> {
		const response = await api(emu.url, accessToken, '/models');
		await response.body?.cancel();
		return response.status;
	}

	async function expectEmptyOk(response: Response): Promise<void> {
		assert.equal(response.status, 200);
		assert.equal(await response.text(), '');
	}

	describe('POST /oauth2/revoke', () => {
		it('revokes with ?token= and a Bearer header (docs style)', async () => {
			const { access_token: access } = await signIn(emu.url);
			await expectEmptyOk(await fetch(`${emu.url}/oauth2/revoke?token=${access}`, { method: 'POST', headers: { Authorization: `Bearer ${access}` } }));
			assert.equal(await modelsStatus(access), 401);
		});

		it('revokes with an RFC 7009 form body', async () => {
			const { access_token: access } = await signIn(emu.url);
			const form = new URLSearchParams({ token: access, client_id: CLIENT_ID, token_type_hint: 'access_token' });
			await expectEmptyOk(await fetch(`${emu.url}/oauth2/revoke`, { method: 'POST', body: form }));
			assert.equal(await modelsStatus(access), 401);
		});

		it('revokes with a JSON body (SDK style)', async () => {
			const { access_token: access } = await signIn(emu.url);
			await expectEmptyOk(await postJson(`${emu.url}/oauth2/revoke`, { token: access }));
			assert.equal(await modelsStatus(access), 401);
		});

		it('answers 200 for unknown tokens', async () => {
			await expectEmptyOk(await postJson(`${emu.url}/oauth2/revoke`, { token: 'not-a-token' }));
		});

		it('revoking an access token leaves the refresh token; revoking a refresh token kills its access tokens', async () => {
			const first = await signIn(emu.url);
			await postJson(`${emu.url}/oauth2/revoke`, { token: first.access_token });
			const refreshed = await postJson(`${emu.url}/oauth2/token`, { grantType: 'refresh_token', refreshToken: first.refresh_token, clientId: CLIENT_ID });
			assert.equal(refreshed.status, 200);
			await refreshed.body?.cancel();

			const second = await signIn(emu.url);
			assert.equal(await modelsStatus(second.access_token), 200);
			await postJson(`${emu.url}/oauth2/revoke`, { token: second.refresh_token, token_type_hint: 'refresh_token' });
			assert.equal(await modelsStatus(second.access_token), 401);
		});
	});

	describe('GET /oauth2/userinfo', () => {
		it('returns the plain profile with profile:read', async () => {
			const { access_token: access } = await signIn(emu.url);
			const response = await fetch(`${emu.url}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${access}` } });
			assert.equal(response.status, 200);
			assert.deepEqual(await response.json(), {
				sub: 'u_ada', name: 'Ada Lovelace', email: 'ada@example.com', email_verified: true, preferred_username: 'ada',
				updated_at: '2026-07-15T12:00:00Z', scopes: ['api:access', 'profile:read'],
			});
		});

		it('answers 403 insufficient_scope without profile:read', async () => {
			const { access_token: access } = await signIn(emu.url, { scope: 'api:access' });
			const response = await fetch(`${emu.url}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${access}` } });
			assert.equal(response.status, 403);
			assert.equal(((await response.json()) as { error: string }).error, 'insufficient_scope');
		});
	});

	it('GET /api/v1/usage/me/summary returns the budget envelope', async () => {
		const { access_token: access } = await signIn(emu.url);
		const response = await fetch(`${emu.url}/api/v1/usage/me/summary`, { headers: { Authorization: `Bearer ${access}` } });
		assert.equal(response.status, 200);
		const body = (await response.json()) as Record<string, unknown>;
		assert.equal(body.success, true);
		assert.equal(body.message, 'Usage summary retrieved successfully');
		assert.deepEqual(body.data, { totalCost: 2.45, maxBudget: 10, remainingBudget: 7.55 });
		assert.ok(!Number.isNaN(Date.parse(String(body.timestamp))));
	});

	describe('POST /api/v1/oauth2/clients', () => {
		interface Registered { success: true; data: Record<string, unknown> & { clientId: string } }

		it('registers with the short form (redirectUri string) and the client works at once', async () => {
			const response = await postJson(`${emu.url}/api/v1/oauth2/clients`, {
				clientName: 'My Flutter App', redirectUri: 'myapp://auth/callback', requestedScopes: ['api:access', 'profile:read'],
			});
			assert.equal(response.status, 201);
			const { success, data } = (await response.json()) as Registered;
			assert.equal(success, true);
			assert.match(data.clientId, /^client_/);
			assert.match(String(data.clientSecret), /^secret_/);
			assert.deepEqual({ ...data, id: 0, clientId: '', clientSecret: '', createdAt: '', updatedAt: '' }, {
				id: 0, clientId: '', clientSecret: '', clientName: 'My Flutter App', clientType: 'PUBLIC',
				redirectUris: ['myapp://auth/callback'], scopes: ['api:access', 'profile:read'], accessTokenTtlSeconds: 3600,
				refreshTokenTtlSeconds: 2592000, requirePkce: true, requireConsent: true, isActive: true, createdAt: '', updatedAt: '',
			});
			const consent = await getManual(authorizeUrl(emu.url, { clientId: data.clientId, redirectUri: 'myapp://auth/callback' }));
			assert.equal(consent.status, 200);
			await consent.body?.cancel();
		});

		it('registers with the full form (redirectUris array) under a Bearer token and lists it', async () => {
			const { access_token: access } = await signIn(emu.url);
			const headers = { Authorization: `Bearer ${access}` };
			const response = await postJson(`${emu.url}/api/v1/oauth2/clients`, {
				clientName: 'My App', redirectUris: ['https://app.example.com/cb', 'http://127.0.0.1:7777/cb'],
				requestedScopes: ['api:access'], requireConsent: false, accessTokenTtlSeconds: 600,
			}, headers);
			assert.equal(response.status, 201);
			const { data } = (await response.json()) as Registered;
			assert.deepEqual(data.redirectUris, ['https://app.example.com/cb', 'http://127.0.0.1:7777/cb']);
			assert.equal(data.accessTokenTtlSeconds, 600);
			const list = await fetch(`${emu.url}/api/v1/oauth2/clients`, { headers });
			const listed = (await list.json()) as { success: boolean; data: Array<{ clientId: string; clientSecret?: string }> };
			assert.deepEqual(listed.data.map((client) => client.clientId), [data.clientId]);
			assert.equal(listed.data[0].clientSecret, undefined);
		});

		it('answers 400 validation_error for bad bodies', async () => {
			for (const body of [
				{ clientName: 'ab', redirectUri: 'myapp://cb' },
				{ clientName: 'Valid name' },
				{ clientName: 'Valid name', redirectUris: ['https://x.example/cb#frag'] },
				{ clientName: 'Valid name', redirectUri: 'myapp://cb', requestedScopes: ['admin'] },
			]) {
				const response = await postJson(`${emu.url}/api/v1/oauth2/clients`, body);
				assert.equal(response.status, 400, JSON.stringify(body));
				const error = (await response.json()) as { success: boolean; message: string; error: string };
				assert.equal(error.success, false);
				assert.equal(error.error, 'validation_error');
				assert.ok(error.message.length > 0);
			}
		});

		it('answers 401 when a Bearer token is sent but invalid', async () => {
			const response = await postJson(`${emu.url}/api/v1/oauth2/clients`, { clientName: 'My App', redirectUri: 'myapp://cb' }, { Authorization: 'Bearer nope' });
			assert.equal(response.status, 401);
			assert.equal(((await response.json()) as { error: string }).error, 'invalid_token');
		});
	});
});
