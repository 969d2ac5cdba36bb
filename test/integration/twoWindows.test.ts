import assert from 'node:assert/strict';
import type { LogEntry } from '../emulator/types';
import { NotSignedInError } from '../../src/api/errors';
import type { StoredSession } from '../../src/auth/sessionStore';
import { expireStoredSession, openWindow, refreshInFlight, signedOutFresh, storedSessions, type TestWindow, tokenRequests } from './authWindows';
import { admin, extensionApi, waitFor } from './helpers';

function refreshRequests(log: LogEntry[]): LogEntry[] {
	return tokenRequests(log, 'refresh_token');
}

function revokedTokens(log: LogEntry[]): string[] {
	return log.filter(e => e.path === '/oauth2/revoke').map(e => String(e.query.token ?? (e.body as Record<string, string>).token));
}

/** See authWindows.ts for why two provider instances over one real SecretStorage stand for two windows. */
describe('two windows on one account (shared SecretStorage, strict rotation)', function () {
	this.timeout(60_000);
	let windows: TestWindow[] = [];

	beforeEach(async () => {
		await signedOutFresh();
		const { testing } = await extensionApi();
		await testing.authProvider.createSession([]);
		windows = [await openWindow(), await openWindow()];
	});

	afterEach(async () => {
		windows.forEach(w => w.dispose());
		windows = [];
		await admin().releaseRefreshes();
	});

	async function bothCallAtOnce(): Promise<void> {
		const [a, b] = windows;
		const original = await expireStoredSession(windows);
		await admin().expireTokens();
		await admin().clearRequests();
		const [modelsA, modelsB] = await Promise.all([a.client.listModels(), b.client.listModels()]);
		assert.ok(modelsA.length > 0 && modelsB.length > 0, 'both API calls succeeded');
		const accepted = refreshRequests(await admin().requests()).filter(r => r.status === 200);
		assert.equal(accepted.length, 1, 'exactly one refresh was accepted by the server');
		const [stored] = await storedSessions();
		assert.ok(stored, 'the session is still stored');
		assert.notEqual(stored.refreshToken, original.refreshToken, 'the rotated pair was saved');
		for (const window of windows) {
			assert.deepEqual((await window.provider.getSessions()).map(s => s.id), [stored.id], 'signed in in every window');
			assert.equal(await window.provider.getAccessToken(), stored.accessToken, 'every window uses the saved pair');
		}
		const { testing } = await extensionApi();
		await waitFor('the extension\'s own window to follow', async () => (await testing.authProvider.activeSession())?.accessToken === stored.accessToken || undefined);
		assert.deepEqual(await admin().tokenStatus([stored.accessToken, stored.refreshToken]), ['active', 'active']);
	}

	it('expired token, both windows call at the same moment: both signed in, both calls succeed, one refresh accepted', async () => {
		await bothCallAtOnce();
	});

	it('the same with 503 + Retry-After on the first refresh: the rotated token is never resent', async () => {
		await admin().fault({ kind: 'failNextRefresh', status: 503 });
		await bothCallAtOnce();
		const refreshes = refreshRequests(await admin().requests());
		assert.equal(refreshes.filter(r => r.status === 400).length, 0, 'no refresh token was sent after it had been rotated');
		assert.equal(refreshes[0]?.status, 503);
	});

	it('the same when the server answers overlapping refreshes with 503 + Retry-After (refreshConflict)', async () => {
		await admin().setConfig({ refreshConflict: true });
		await bothCallAtOnce();
		assert.equal(refreshRequests(await admin().requests()).filter(r => r.status === 400).length, 0);
	});

	/**
	 * Starts `call` (which needs a refresh), signs out in `signOutIn` while the server has rotated the pair
	 * but not answered yet, then lets the answer through: `call` must end as "not signed in".
	 */
	async function signOutDuringRefresh(call: () => Promise<unknown>, signOutIn: TestWindow): Promise<StoredSession> {
		const original = await expireStoredSession(windows);
		await admin().fault({ kind: 'holdRefresh' });
		await admin().clearRequests();
		const pending = call();
		pending.catch(() => undefined);
		await refreshInFlight();
		await signOutIn.provider.removeSession(original.id);
		assert.equal(await admin().releaseRefreshes(), 1);
		await assert.rejects(pending, (e: Error) => e instanceof NotSignedInError || (e as { kind?: string }).kind === 'notSignedIn');
		return original;
	}

	it('sign-out in one window during a refresh in the other: signed out everywhere, the new pair revoked', async () => {
		const [a, b] = windows;
		const original = await signOutDuringRefresh(() => b.client.listModels(), a);
		assert.deepEqual(await storedSessions(), [], 'the session was not written back');
		const { testing } = await extensionApi();
		for (const provider of [a.provider, b.provider, testing.authProvider]) {
			await waitFor('every window to be signed out', async () => (await provider.getSessions()).length === 0 || undefined);
		}
		// Window B revokes the pair it obtained for the removed session (A revoked the old one).
		const fresh = await waitFor('the new pair to be revoked', async () => {
			const tokens = revokedTokens(await admin().requests()).filter(t => t !== original.refreshToken && t !== original.accessToken);
			return tokens.length === 2 ? tokens : undefined;
		});
		assert.deepEqual(await admin().tokenStatus(fresh), ['revoked', 'revoked']);
		assert.deepEqual(await admin().tokens(), {}, 'no live token left at the server');
	});

	it('sign-out in the same window while its refresh is in flight: not re-added, the new pair revoked', async () => {
		const [a] = windows;
		const original = await signOutDuringRefresh(() => a.provider.getAccessToken(), a);
		assert.deepEqual(await storedSessions(), []);
		assert.deepEqual(await a.provider.getSessions(), []);
		await waitFor('the new pair to be revoked', async () => revokedTokens(await admin().requests()).filter(t => t !== original.refreshToken && t !== original.accessToken).length === 2 || undefined);
	});
});
