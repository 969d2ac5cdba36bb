import assert from 'node:assert/strict';
import { fetchUserInfo, OAuthError, refreshTokens, revokeToken, rotatedElsewhere } from '../../../src/auth/oauthApi';
import { BadRequestError } from '../../../src/api/errors';
import { parseUsageSummary } from '../../../src/api/account';
import { CLIENT_ID, signIn, useEmulator } from '../emulator/harness';

/** The pure OAuth calls against the emulator over loopback: revocation, timeouts, cancellation, retries. */
describe('auth: OAuth endpoint calls', () => {
	const emu = useEmulator();
	const endpoint = () => ({ baseUrl: emu.url, clientId: CLIENT_ID });

	for (const reads of ['query', 'body'] as const) {
		it(`revokes at a server that reads the token only from the ${reads === 'query' ? '?token= query' : 'RFC 7009 form body'}`, async () => {
			await emu.admin.setConfig({ revokeReads: reads });
			const tokens = await signIn(emu.url);
			await revokeToken({ ...endpoint(), token: tokens.refresh_token, hint: 'refresh_token' });
			assert.deepEqual(await emu.admin.tokenStatus([tokens.refresh_token, tokens.access_token]), ['revoked', 'revoked']);
			const [request] = await emu.admin.requests({ path: '/oauth2/revoke' });
			assert.equal(request.query.token, tokens.refresh_token);
			assert.equal((request.body as Record<string, string>).token, tokens.refresh_token);
			assert.equal((request.body as Record<string, string>).token_type_hint, 'refresh_token');
		});
	}

	it('gives up on a token endpoint that accepts the request and never answers, after its own timeout', async () => {
		const tokens = await signIn(emu.url);
		await emu.admin.fault({ kind: 'hang', path: '/oauth2/token' });
		const error: unknown = await refreshTokens({ ...endpoint(), refreshToken: tokens.refresh_token, timeoutMs: 300 }).catch((e: unknown) => e);
		assert.ok(error instanceof OAuthError && error.error === 'timeout', String(error));
		const requests = await emu.admin.requests({ path: '/oauth2/token' });
		assert.equal(requests.at(-1)?.status, null, 'the server never answered');
	});

	it('rejects with the caller\'s own reason when the caller cancels a hung call', async () => {
		const tokens = await signIn(emu.url);
		await emu.admin.fault({ kind: 'hang', path: '/oauth2/userinfo' });
		const controller = new AbortController();
		const call = fetchUserInfo({ ...endpoint(), accessToken: tokens.access_token, signal: controller.signal });
		const reason = new Error('stopped by the user');
		setImmediate(() => controller.abort(reason));
		await assert.rejects(call, (e: unknown) => e === reason);
	});

	it('does not resend a refresh token that was rotated elsewhere while waiting out 503 + Retry-After', async () => {
		const tokens = await signIn(emu.url);
		await emu.admin.fault({ kind: 'failNextRefresh', status: 503 });
		const error: unknown = await refreshTokens({ ...endpoint(), refreshToken: tokens.refresh_token, stillCurrent: () => Promise.resolve(false) }).catch((e: unknown) => e);
		assert.ok(error instanceof OAuthError && error.error === rotatedElsewhere, String(error));
		const refreshes = await emu.admin.requests({ path: '/oauth2/token' });
		assert.deepEqual(refreshes.filter(r => (r.body as Record<string, string>).grantType === 'refresh_token').map(r => r.status), [503]);
	});

	it('retries once after 503 + Retry-After when the token is still the current one', async () => {
		const tokens = await signIn(emu.url);
		await emu.admin.fault({ kind: 'failNextRefresh', status: 503 });
		const renewed = await refreshTokens({ ...endpoint(), refreshToken: tokens.refresh_token, stillCurrent: () => Promise.resolve(true) });
		assert.notEqual(renewed.refreshToken, tokens.refresh_token);
		assert.deepEqual(await emu.admin.tokenStatus([tokens.refresh_token, renewed.refreshToken!]), ['revoked', 'active']);
	});

	it('rejects a rotated refresh token with invalid_grant (strict rotation)', async () => {
		const tokens = await signIn(emu.url);
		await refreshTokens({ ...endpoint(), refreshToken: tokens.refresh_token });
		const error: unknown = await refreshTokens({ ...endpoint(), refreshToken: tokens.refresh_token }).catch((e: unknown) => e);
		assert.ok(error instanceof OAuthError && error.error === 'invalid_grant' && error.isTerminal);
	});
});

describe('api: usage summary with success:false', () => {
	it('becomes an error carrying the server\'s message, on one line and bounded', () => {
		const hostile = `Account [locked](command:aipass.signOut)\n\n# now ${'x'.repeat(1000)}`;
		assert.throws(() => parseUsageSummary({ success: false, message: hostile, data: null }, 'usage/me/summary'), (e: unknown) => {
			assert.ok(e instanceof BadRequestError);
			assert.match(e.userMessage, /^AI Pass rejected the request: Account \[locked\]\(command:aipass\.signOut\) # now x+/);
			assert.ok(!e.userMessage.includes('\n'));
			assert.ok(e.userMessage.length < 400);
			return true;
		});
	});

	it('is an error even when figures come with it', () => {
		assert.throws(() => parseUsageSummary({ success: false, message: 'Wallet suspended', data: { totalCost: 1, maxBudget: 2, remainingBudget: 1 } }, 'r'),
			(e: unknown) => e instanceof BadRequestError && e.userMessage.includes('Wallet suspended'));
	});
});
