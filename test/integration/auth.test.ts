import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LogEntry } from '../emulator/types';
import { SessionStore } from '../../src/auth/sessionStore';
import type { Logger } from '../../src/platform/log';
import { admin, deliverCallback, extensionApi, isSettled, signOutEverywhere, waitFor } from './helpers';

const pkceValue = /^[A-Za-z0-9_-]{43,128}$/;
const quietLog: Logger = { trace() {}, info() {}, warn() {}, error() {}, child() { return quietLog; } };

function authorizeRequests(log: LogEntry[]): LogEntry[] {
	return log.filter(e => e.path === '/oauth2/authorize');
}

function tokenRequests(log: LogEntry[], grantType?: string): LogEntry[] {
	return log.filter(e => e.path === '/oauth2/token' && (!grantType || (e.body as Record<string, unknown> | null)?.grantType === grantType));
}

describe('sign-in (AuthenticationProvider + UriHandler, real host, emulator)', function () {
	this.timeout(60_000);

	beforeEach(async () => {
		await admin().reset();
		await signOutEverywhere();
		await admin().clearRequests();
		const { testing } = await extensionApi();
		testing.signInFlow.cancelPending();
		testing.setSignInTimeout(undefined);
	});

	it('signs in through the browser and VS Code\'s own redirect, with S256 PKCE, state and an exact redirect URI', async () => {
		const { testing } = await extensionApi();
		await admin().setConfig({ autoApprove: 'allow' });
		const changes: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[] = [];
		const listener = testing.authProvider.onDidChangeSessions(e => changes.push(e));
		try {
			const session = await testing.authProvider.createSession(['api:access']);
			assert.equal(session.account.label, 'ada@example.com');
			assert.equal(session.account.id, 'u_ada');
			assert.deepEqual([...session.scopes], ['api:access', 'profile:read']);
			const sessions = await testing.authProvider.getSessions(['api:access']);
			assert.deepEqual(sessions.map(s => s.id), [session.id]);
			assert.equal(changes.filter(c => c.added?.some(s => s.id === session.id)).length, 1);
		} finally {
			listener.dispose();
		}
		const log = await admin().requests();
		const [authorize] = authorizeRequests(log);
		assert.ok(authorize, 'the browser reached /oauth2/authorize');
		assert.equal(authorize.query.code_challenge_method, 'S256');
		assert.match(String(authorize.query.code_challenge), /^[A-Za-z0-9_-]{43}$/);
		assert.match(String(authorize.query.state), pkceValue);
		assert.equal(authorize.query.response_type, 'code');
		assert.equal(authorize.query.scope, 'api:access profile:read');
		const redirectUri = String(authorize.query.redirect_uri);
		assert.match(redirectUri, /\/callback\?vscode-reqid=\d+&vscode-scheme=/, 'the web host externalised the vscode:// callback');
		const [exchange] = tokenRequests(log, 'authorization_code');
		assert.ok(exchange, 'the code was exchanged');
		assert.equal(exchange.headers['content-type']?.split(';')[0], 'application/json');
		const body = exchange.body as Record<string, string>;
		assert.deepEqual(Object.keys(body).sort(), ['clientId', 'code', 'codeVerifier', 'grantType', 'redirectUri']);
		assert.equal(body.redirectUri, redirectUri, 'the token request repeats redirect_uri byte for byte');
		assert.match(body.codeVerifier, pkceValue);
		assert.equal(body.clientId, 'client_vscode_test');
		assert.equal(exchange.status, 200);
	});

	it('ends at once when the user denies at the consent page, and keeps the previous session', async () => {
		const { testing } = await extensionApi();
		await admin().setConfig({ autoApprove: 'allow' });
		const first = await testing.authProvider.createSession([]);
		await admin().setConfig({ autoApprove: 'deny' });
		await assert.rejects(testing.authProvider.createSession([]), (e: Error) => e.name === 'AccessDeniedError');
		assert.deepEqual((await testing.authProvider.getSessions()).map(s => s.id), [first.id]);
		assert.equal(tokenRequests(await admin().requests(), 'authorization_code').length, 1, 'no token request after a denial');
		assert.equal(await testing.authProvider.getAccessToken(), first.accessToken);
	});

	it('is cancelled silently and clears its pending state', async () => {
		const { testing } = await extensionApi();
		const attempt = testing.authProvider.createSession([]);
		await waitFor('the consent page request', async () => authorizeRequests(await admin().requests()).length === 1 || undefined);
		testing.authProvider.cancelPendingSignIns();
		await assert.rejects(attempt, (e: Error) => e instanceof vscode.CancellationError);
		assert.deepEqual(await testing.authProvider.getSessions(), []);
	});

	it('times out when the browser never comes back', async () => {
		const { testing } = await extensionApi();
		testing.setSignInTimeout(1500);
		await assert.rejects(testing.authProvider.createSession([]), (e: Error) => e.name === 'SignInTimeoutError');
		assert.deepEqual(await testing.authProvider.getSessions(), []);
	});

	it('ignores a callback with the wrong state and a replayed callback', async () => {
		const { testing } = await extensionApi();
		const attempt = testing.authProvider.createSession([]);
		attempt.catch(() => undefined);
		const [authorize] = await waitFor('the consent page request', async () => {
			const found = authorizeRequests(await admin().requests());
			return found.length > 0 ? found : undefined;
		});
		const ignoredBefore = testing.callbackRouter.ignoredCount;
		await deliverCallback(`code=forged&state=${'x'.repeat(43)}`);
		await waitFor('the forged callback to reach the UriHandler', () => testing.callbackRouter.ignoredCount === ignoredBefore + 1 || undefined);
		assert.equal(await isSettled(attempt), false, 'a wrong state must not end the attempt');
		assert.equal(tokenRequests(await admin().requests()).length, 0, 'no exchange for a forged callback');
		testing.authProvider.cancelPendingSignIns();
		await assert.rejects(attempt, (e: Error) => e instanceof vscode.CancellationError);
		// The attempt is over: its own state is now a replay and must be ignored too.
		await deliverCallback(`code=replayed&state=${encodeURIComponent(String(authorize.query.state))}`);
		await waitFor('the replayed callback to reach the UriHandler', () => testing.callbackRouter.ignoredCount === ignoredBefore + 2 || undefined);
		assert.equal(tokenRequests(await admin().requests()).length, 0);
		assert.deepEqual(await testing.authProvider.getSessions(), []);
	});

	it('keeps two concurrent sign-ins apart: each callback resolves only its own attempt', async () => {
		const { testing } = await extensionApi();
		const first = testing.authProvider.createSession([]);
		first.catch(() => undefined);
		await waitFor('the first consent page', async () => authorizeRequests(await admin().requests()).length === 1 || undefined);
		await admin().setConfig({ autoApprove: 'allow', autoApproveUser: 'u_grace' });
		const second = await testing.authProvider.createSession([]);
		assert.equal(second.account.id, 'u_grace');
		assert.equal(await isSettled(first), false, 'the first attempt still waits for its own callback');
		testing.authProvider.cancelPendingSignIns();
		await assert.rejects(first, (e: Error) => e instanceof vscode.CancellationError);
		assert.deepEqual((await testing.authProvider.getSessions()).map(s => s.account.id), ['u_grace']);
	});

	it('fails cleanly on an expired authorization code', async () => {
		const { testing } = await extensionApi();
		await admin().setConfig({ autoApprove: 'allow', codeTtlSeconds: 0 });
		await assert.rejects(testing.authProvider.createSession([]), (e: Error) => /invalid_grant/.test(e.message));
		assert.deepEqual(await testing.authProvider.getSessions(), []);
		const [exchange] = tokenRequests(await admin().requests(), 'authorization_code');
		assert.equal(exchange?.status, 400);
	});

	it('supports several accounts, labelled from /oauth2/userinfo', async () => {
		const { testing } = await extensionApi();
		await admin().setConfig({ autoApprove: 'allow', autoApproveUser: 'u_ada' });
		await testing.authProvider.createSession([]);
		await admin().setConfig({ autoApproveUser: 'u_grace' });
		await testing.authProvider.createSession([]);
		const labels = (await testing.authProvider.getSessions()).map(s => s.account.label).sort();
		assert.deepEqual(labels, ['ada@example.com', 'grace@example.com']);
		assert.equal((await testing.authProvider.activeSession())?.accountId, 'u_grace', 'the newest sign-in is the active account');
	});
});

describe('tokens (refresh, rotation, revoke)', function () {
	this.timeout(60_000);

	beforeEach(async () => {
		await admin().reset();
		await signOutEverywhere();
		await admin().setConfig({ autoApprove: 'allow' });
	});

	it('50 concurrent getAccessToken() calls with an expiring token cause exactly one refresh', async () => {
		const { testing } = await extensionApi();
		const session = await testing.authProvider.createSession([]);
		// Age the stored token as if 59 minutes had passed (written like another window would), so the
		// provider sees it inside its 60 s refresh margin; other features may call for a token too.
		const store = new SessionStore(testing.secrets, quietLog);
		const [stored] = await store.read();
		const agedExpiry = Date.now() + 30_000;
		await store.write([{ ...stored!, expiresAt: agedExpiry }]);
		store.dispose();
		await waitFor('the provider to pick up the aged token', async () => (await testing.authProvider.activeSession())?.expiresAt === agedExpiry || undefined);
		await admin().clearRequests();
		const tokens = await Promise.all(Array.from({ length: 50 }, () => testing.authProvider.getAccessToken()));
		assert.equal(new Set(tokens).size, 1, 'every caller got the same new token');
		assert.notEqual(tokens[0], session.accessToken, 'the token was rotated');
		assert.equal(tokenRequests(await admin().requests(), 'refresh_token').length, 1);
		// Fresh now: no more refreshes.
		await Promise.all(Array.from({ length: 50 }, () => testing.authProvider.getAccessToken()));
		assert.equal(tokenRequests(await admin().requests(), 'refresh_token').length, 1);
		// The rotated pair was persisted and announced.
		const [current] = await testing.authProvider.getSessions();
		assert.equal(current?.accessToken, tokens[0]);
	});

	it('a forced refresh after a 401 is shared, and a caller with an already-replaced token does not refresh again', async () => {
		const { testing } = await extensionApi();
		const session = await testing.authProvider.createSession([]);
		await admin().clearRequests();
		const [a, b] = await Promise.all([
			testing.authProvider.getAccessToken({ forceRefresh: true, rejectedToken: session.accessToken }),
			testing.authProvider.getAccessToken({ forceRefresh: true, rejectedToken: session.accessToken }),
		]);
		assert.equal(a, b);
		const late = await testing.authProvider.getAccessToken({ forceRefresh: true, rejectedToken: session.accessToken });
		assert.equal(late, a);
		assert.equal(tokenRequests(await admin().requests(), 'refresh_token').length, 1);
	});

	it('retries a refresh once after 503 Retry-After (concurrent rotation on the server)', async () => {
		const { testing } = await extensionApi();
		await testing.authProvider.createSession([]);
		await admin().clearRequests();
		await admin().fault({ kind: 'failNextRefresh', status: 503 });
		const token = await testing.authProvider.getAccessToken({ forceRefresh: true });
		assert.ok(token);
		const refreshes = tokenRequests(await admin().requests(), 'refresh_token');
		assert.deepEqual(refreshes.map(r => r.status), [503, 200]);
	});

	it('a rejected refresh (invalid_grant) removes the session and fires the change event', async () => {
		const { testing } = await extensionApi();
		const session = await testing.authProvider.createSession([]);
		await admin().fault({ kind: 'failNextRefresh', status: 400, error: 'invalid_grant' });
		const removed = new Promise<string[]>(resolve => {
			const listener = testing.authProvider.onDidChangeSessions(e => {
				if (e.removed?.length) {
					listener.dispose();
					resolve(e.removed.map(s => s.id));
				}
			});
		});
		await assert.rejects(testing.authProvider.getAccessToken({ forceRefresh: true }), (e: Error) => e.name === 'AuthExpiredError');
		assert.deepEqual(await removed, [session.id]);
		assert.deepEqual(await testing.authProvider.getSessions(), []);
		await assert.rejects(testing.authProvider.getAccessToken(), (e: Error) => e.name === 'NotSignedInError');
	});

	it('a server error during refresh keeps the session', async () => {
		const { testing } = await extensionApi();
		const session = await testing.authProvider.createSession([]);
		await admin().fault({ kind: 'failNextRefresh', status: 500 });
		await assert.rejects(testing.authProvider.getAccessToken({ forceRefresh: true }), (e: Error) => e.name === 'ServerError');
		assert.deepEqual((await testing.authProvider.getSessions()).map(s => s.id), [session.id]);
	});

	it('sign-out forgets the session, then revokes refresh token first with an RFC 7009 form body', async () => {
		const { testing } = await extensionApi();
		const session = await testing.authProvider.createSession([]);
		await admin().clearRequests();
		await testing.authProvider.removeSession(session.id);
		assert.deepEqual(await testing.authProvider.getSessions(), []);
		const revokes = (await admin().requests()).filter(e => e.path === '/oauth2/revoke');
		assert.equal(revokes.length, 2);
		assert.deepEqual(revokes.map(r => (r.body as Record<string, string>).token_type_hint), ['refresh_token', 'access_token']);
		assert.ok(revokes.every(r => r.headers['content-type']?.startsWith('application/x-www-form-urlencoded')));
		const probe = await fetch(`${process.env.AIPASS_EMULATOR_URL}/oauth2/v1/models`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
		assert.equal(probe.status, 401, 'the revoked access token no longer works');
	});
});
