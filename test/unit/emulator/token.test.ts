import assert from 'node:assert/strict';
import { CLIENT_ID, LOOPBACK_CALLBACK, type TokenResponse, api, obtainCode, postJson, signIn, useEmulator } from './harness';

describe('emulator: /oauth2/token', () => {
	const emu = useEmulator();
	const token = (body: unknown, headers?: Record<string, string>): Promise<Response> => postJson(`${emu.url}/oauth2/token`, body, headers);

	async function expectOAuthError(response: Response, status: number, error: string): Promise<string> {
		assert.equal(response.status, status);
		assert.equal(response.headers.get('cache-control'), 'no-store');
		const body = (await response.json()) as { error: string; error_description: string };
		assert.equal(body.error, error);
		assert.equal(typeof body.error_description, 'string');
		return body.error_description;
	}

	async function exchange(overrides: Record<string, unknown> = {}): Promise<Response> {
		const { code, verifier } = await obtainCode(emu.url);
		return token({ grantType: 'authorization_code', code, codeVerifier: verifier, clientId: CLIENT_ID, redirectUri: LOOPBACK_CALLBACK, ...overrides });
	}

	async function modelsStatus(accessToken: string): Promise<number> {
		const response = await api(emu.url, accessToken, '/models');
		await response.body?.cancel();
		return response.status;
	}

	it('exchanges a code for snake_case opaque tokens', async () => {
		const response = await exchange();
		assert.equal(response.status, 200);
		assert.equal(response.headers.get('cache-control'), 'no-store');
		const body = (await response.json()) as TokenResponse;
		assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
		assert.match(body.access_token, /^[A-Za-z0-9_-]{43}$/);
		assert.match(body.refresh_token, /^[A-Za-z0-9_-]{43}$/);
		assert.equal(body.token_type, 'Bearer');
		assert.equal(body.expires_in, 3600);
		assert.equal(body.scope, 'api:access profile:read');
	});

	it('rejects a form-encoded body', async () => {
		const { code, verifier } = await obtainCode(emu.url);
		const form = new URLSearchParams({
			grant_type: 'authorization_code', code, code_verifier: verifier, client_id: CLIENT_ID, redirect_uri: LOOPBACK_CALLBACK,
		});
		const response = await fetch(`${emu.url}/oauth2/token`, { method: 'POST', body: form });
		assert.match(await expectOAuthError(response, 400, 'invalid_request'), /JSON body with camelCase fields/);
	});

	it('rejects snake_case JSON keys', async () => {
		const { code, verifier } = await obtainCode(emu.url);
		const response = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: CLIENT_ID, redirect_uri: LOOPBACK_CALLBACK });
		assert.match(await expectOAuthError(response, 400, 'invalid_request'), /camelCase/);
	});

	it('answers 401 invalid_client for an unknown client', async () => {
		await expectOAuthError(await exchange({ clientId: 'client_nope' }), 401, 'invalid_client');
	});

	it('answers invalid_grant when PKCE does not verify', async () => {
		const wrong = 'x'.repeat(43);
		assert.match(await expectOAuthError(await exchange({ codeVerifier: wrong }), 400, 'invalid_grant'), /PKCE/);
		assert.match(await expectOAuthError(await exchange({ codeVerifier: 'short' }), 400, 'invalid_grant'), /43-128/);
	});

	it('answers invalid_grant when redirectUri differs from the authorization request', async () => {
		const response = await exchange({ redirectUri: `${LOOPBACK_CALLBACK}/` });
		assert.match(await expectOAuthError(response, 400, 'invalid_grant'), /redirectUri/);
	});

	it('refuses a reused code and revokes the tokens it issued', async () => {
		const { code, verifier } = await obtainCode(emu.url);
		const body = { grantType: 'authorization_code', code, codeVerifier: verifier, clientId: CLIENT_ID, redirectUri: LOOPBACK_CALLBACK };
		const first = (await (await token(body)).json()) as TokenResponse;
		assert.equal(await modelsStatus(first.access_token), 200);
		assert.match(await expectOAuthError(await token(body), 400, 'invalid_grant'), /already used/);
		assert.equal(await modelsStatus(first.access_token), 401);
		await expectOAuthError(await token({ grantType: 'refresh_token', refreshToken: first.refresh_token, clientId: CLIENT_ID }), 400, 'invalid_grant');
	});

	it('refuses an expired code', async () => {
		await emu.admin.setConfig({ codeTtlSeconds: 0.05 });
		const { code, verifier } = await obtainCode(emu.url);
		await new Promise((resolve) => setTimeout(resolve, 80));
		const response = await token({ grantType: 'authorization_code', code, codeVerifier: verifier, clientId: CLIENT_ID, redirectUri: LOOPBACK_CALLBACK });
		assert.match(await expectOAuthError(response, 400, 'invalid_grant'), /expired/);
	});

	it('answers unsupported_grant_type for other grants', async () => {
		await expectOAuthError(await token({ grantType: 'password', clientId: CLIENT_ID }), 400, 'unsupported_grant_type');
	});

	it('rotates both tokens on refresh; the old refresh token dies and scopes are kept', async () => {
		const first = await signIn(emu.url, { scope: 'api:access' });
		const response = await token({ grantType: 'refresh_token', refreshToken: first.refresh_token, clientId: CLIENT_ID });
		assert.equal(response.status, 200);
		const second = (await response.json()) as TokenResponse;
		assert.notEqual(second.access_token, first.access_token);
		assert.notEqual(second.refresh_token, first.refresh_token);
		assert.equal(second.scope, 'api:access');
		assert.equal(await modelsStatus(second.access_token), 200);
		assert.equal(await modelsStatus(first.access_token), 401);
		const reuse = await token({ grantType: 'refresh_token', refreshToken: first.refresh_token, clientId: CLIENT_ID });
		await expectOAuthError(reuse, 400, 'invalid_grant');
		const third = await token({ grantType: 'refresh_token', refreshToken: second.refresh_token, clientId: CLIENT_ID });
		assert.equal(third.status, 200);
		await third.body?.cancel();
	});

	it('answers 503 + Retry-After: 1 to the second of two overlapping refreshes (refreshConflict)', async () => {
		await emu.admin.setConfig({ refreshConflict: true });
		const { refresh_token: refreshToken } = await signIn(emu.url);
		const body = { grantType: 'refresh_token', refreshToken, clientId: CLIENT_ID };
		const firstPromise = token(body);
		await new Promise((resolve) => setTimeout(resolve, 10));
		const second = await token(body);
		const first = await firstPromise;
		assert.equal(first.status, 200);
		await first.body?.cancel();
		assert.equal(second.headers.get('retry-after'), '1');
		await expectOAuthError(second, 503, 'temporarily_unavailable');
	});

	it('fails the next refresh as configured (failNextRefresh), once', async () => {
		const { refresh_token: refreshToken } = await signIn(emu.url);
		const body = { grantType: 'refresh_token', refreshToken, clientId: CLIENT_ID };
		await emu.admin.fault({ kind: 'failNextRefresh' });
		await expectOAuthError(await token(body), 400, 'invalid_grant');
		await emu.admin.fault({ kind: 'failNextRefresh', status: 503 });
		const unavailable = await token(body);
		assert.equal(unavailable.headers.get('retry-after'), '1');
		await expectOAuthError(unavailable, 503, 'temporarily_unavailable');
		const ok = await token(body);
		assert.equal(ok.status, 200);
		await ok.body?.cancel();
	});

	it('takes expires_in from the admin accessTokenTtlSeconds override', async () => {
		await emu.admin.setConfig({ accessTokenTtlSeconds: 5 });
		const tokens = await signIn(emu.url);
		assert.equal(tokens.expires_in, 5);
	});
});
