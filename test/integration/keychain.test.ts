import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { SecretStorageUnavailableError } from '../../src/auth/sessionStore';
import { expireStoredSession, openWindow, signedOutFresh, storedSessions, type TestWindow } from './authWindows';
import { admin, extensionApi, waitFor } from './helpers';

/**
 * The real SecretStorage of the extension, with writes that fail while `locked` is set. A locked OS
 * keychain cannot be produced here (the web host keeps secrets in memory), so this wrapper is the one
 * stand-in; reads, events and successful writes are the real ones.
 */
class LockableSecrets implements vscode.SecretStorage {
	locked = false;
	readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

	constructor(private readonly real: vscode.SecretStorage) {
		this.onDidChange = real.onDidChange;
	}

	get(key: string): Thenable<string | undefined> { return this.real.get(key); }
	store(key: string, value: string): Thenable<void> {
		return this.locked && key.startsWith('aipass.sessions') ? Promise.reject(new Error('keychain locked')) : this.real.store(key, value);
	}
	delete(key: string): Thenable<void> {
		return this.locked && key.startsWith('aipass.sessions') ? Promise.reject(new Error('keychain locked')) : this.real.delete(key);
	}
}

describe('keychain failures and half-finished sign-ins', function () {
	this.timeout(60_000);
	let window: TestWindow | undefined;

	beforeEach(signedOutFresh);

	afterEach(() => {
		window?.dispose();
		window = undefined;
	});

	it('a failed write during rotation keeps the session: the new pair is used from memory, the user is told, and saving is retried', async () => {
		const { testing } = await extensionApi();
		await testing.authProvider.createSession([]);
		const secrets = new LockableSecrets(testing.secrets);
		window = await openWindow({ secrets, timing: { saveRetryMs: [60_000] } });
		const original = await expireStoredSession([window]);
		secrets.locked = true;
		const models = await window.client.listModels();
		assert.ok(models.length > 0, 'the API call succeeded with the rotated pair');
		assert.deepEqual(window.saveFailures, ['ada@example.com'], 'the user was told once');
		assert.equal(window.provider.unsavedCount, 1);
		const [stillStored] = await storedSessions();
		assert.equal(stillStored?.refreshToken, original.refreshToken, 'storage could not take the new pair');
		const inMemory = await window.provider.activeSession();
		assert.ok(inMemory && inMemory.refreshToken !== original.refreshToken);
		assert.deepEqual(await admin().tokenStatus([original.refreshToken, inMemory.refreshToken]), ['revoked', 'active']);
		// A second call in the meantime works and does not refresh again.
		await window.client.listModels();
		assert.equal(window.saveFailures.length, 1);
		// The keychain is back: the next use saves the pair.
		secrets.locked = false;
		await window.provider.getAccessToken();
		await waitFor('the renewed pair to be saved', async () => (await storedSessions())[0]?.refreshToken === inMemory.refreshToken || undefined);
		assert.equal(window.provider.unsavedCount, 0);
	});

	it('saving an unsaved renewal is retried on a backoff timer too, without any further use', async () => {
		const { testing } = await extensionApi();
		await testing.authProvider.createSession([]);
		const secrets = new LockableSecrets(testing.secrets);
		window = await openWindow({ secrets, timing: { saveRetryMs: [200] } });
		await expireStoredSession([window]);
		secrets.locked = true;
		const token = await window.provider.getAccessToken();
		assert.equal(window.provider.unsavedCount, 1);
		secrets.locked = false;
		await waitFor('the timer to save the renewed pair', async () => (await storedSessions())[0]?.accessToken === token || undefined);
		assert.equal(window.provider.unsavedCount, 0);
	});

	it('a session signed out elsewhere while its renewal was unsaved is not written back, and the unsaved pair is revoked', async () => {
		const { testing } = await extensionApi();
		const session = await testing.authProvider.createSession([]);
		const secrets = new LockableSecrets(testing.secrets);
		window = await openWindow({ secrets, timing: { saveRetryMs: [60_000] } });
		await expireStoredSession([window]);
		secrets.locked = true;
		await window.provider.getAccessToken();
		const unsaved = await window.provider.activeSession();
		assert.ok(unsaved);
		await testing.authProvider.removeSession(session.id);
		await waitFor('the window to see the sign-out', async () => (await window!.provider.getSessions()).length === 0 || undefined);
		secrets.locked = false;
		await assert.rejects(window.provider.getAccessToken(), (e: Error) => e.name === 'NotSignedInError');
		assert.deepEqual(await storedSessions(), []);
		await waitFor('the unsaved pair to be revoked', async () => (await admin().tokenStatus([unsaved.refreshToken]))[0] === 'revoked' || undefined);
	});

	it('tokens obtained but not saved (keychain refuses the new session) are revoked', async () => {
		const { testing } = await extensionApi();
		const secrets = new LockableSecrets(testing.secrets);
		secrets.locked = true;
		window = await openWindow({ secrets });
		await admin().clearRequests();
		await assert.rejects(window.provider.createSession([]), SecretStorageUnavailableError);
		assert.deepEqual(await storedSessions(), []);
		await waitFor('both issued tokens to be revoked', async () => (await admin().requests({ path: '/oauth2/revoke' })).length === 2 || undefined);
		assert.deepEqual(await admin().tokens(), {}, 'no live token left at the server');
	});

	it('tokens obtained but not turned into a session (user info fails) are revoked', async () => {
		const { testing } = await extensionApi();
		await admin().fault({ kind: 'serverError', status: 500, path: '/oauth2/userinfo' });
		await assert.rejects(testing.authProvider.createSession([]));
		assert.deepEqual(await testing.authProvider.getSessions(), []);
		await waitFor('the issued tokens to be revoked', async () => Object.keys(await admin().tokens()).length === 0 || undefined);
	});

	it('profile:read is not required: a 403 from user info still signs in, as "AI Pass account"', async () => {
		const { testing } = await extensionApi();
		await admin().fault({ kind: 'userinfoForbidden' });
		const session = await testing.authProvider.createSession([]);
		assert.equal(session.account.label, 'AI Pass account');
		assert.deepEqual((await testing.authProvider.getSessions()).map(s => s.id), [session.id]);
		assert.equal(await testing.authProvider.getAccessToken(), session.accessToken);
		assert.ok((await testing.client.listModels()).length > 0, 'the session works for API calls');
	});

	for (const reads of ['query', 'body'] as const) {
		it(`sign-out revokes at a server that reads the token only from the ${reads === 'query' ? '?token= query' : 'RFC 7009 form body'}`, async () => {
			const { testing } = await extensionApi();
			const session = await testing.authProvider.createSession([]);
			const stored = await testing.authProvider.activeSession();
			assert.ok(stored);
			await admin().setConfig({ revokeReads: reads });
			await testing.authProvider.removeSession(session.id);
			assert.deepEqual(await admin().tokenStatus([stored.refreshToken, stored.accessToken]), ['revoked', 'revoked']);
		});
	}
});
