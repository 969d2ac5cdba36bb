import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SecretStorageUnavailableError, SessionStore, type StoredSession } from '../../src/auth/sessionStore';
import type { Logger } from '../../src/platform/log';
import { admin, extensionApi, signOutEverywhere, waitFor } from './helpers';

const quietLog: Logger = { trace() {}, info() {}, warn() {}, error() {}, child() { return quietLog; } };

describe('sessions across windows and secret-storage failures', function () {
	this.timeout(60_000);

	beforeEach(async () => {
		await admin().reset();
		await signOutEverywhere();
		await admin().setConfig({ autoApprove: 'allow' });
	});

	it('follows a rotation written by another window: one changed event, its token used without a refresh', async () => {
		const { testing } = await extensionApi();
		await testing.authProvider.createSession([]);
		const otherWindow = new SessionStore(testing.secrets, quietLog);
		const events: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[] = [];
		const listener = testing.authProvider.onDidChangeSessions(e => events.push(e));
		try {
			const [stored] = await otherWindow.read();
			assert.ok(stored);
			const rotated: StoredSession = { ...stored, accessToken: 'rotated-elsewhere-token-value-0123456789abcdef', expiresAt: Date.now() + 3_600_000 };
			await admin().clearRequests();
			await otherWindow.write([rotated]);
			await waitFor('the changed event', () => events.length > 0 || undefined);
			assert.deepEqual(events.map(e => [e.added?.length ?? 0, e.removed?.length ?? 0, e.changed?.map(s => s.id)]), [[0, 0, [stored.id]]]);
			assert.equal(await testing.authProvider.getAccessToken(), rotated.accessToken);
			assert.equal((await admin().requests({ path: '/oauth2/token' })).length, 0, 'no refresh: the other window already rotated');
			// Writing the same sessions again is not a change.
			await otherWindow.write([rotated]);
			await new Promise(resolve => setTimeout(resolve, 300));
			assert.equal(events.length, 1);
		} finally {
			listener.dispose();
			otherWindow.dispose();
		}
	});

	it('sees a sign-out done in another window', async () => {
		const { testing } = await extensionApi();
		const session = await testing.authProvider.createSession([]);
		const otherWindow = new SessionStore(testing.secrets, quietLog);
		try {
			const removed = new Promise<readonly vscode.AuthenticationSession[]>(resolve => {
				const listener = testing.authProvider.onDidChangeSessions(e => { listener.dispose(); resolve(e.removed ?? []); });
			});
			await otherWindow.write([]);
			assert.deepEqual((await removed).map(s => s.id), [session.id]);
			assert.deepEqual(await testing.authProvider.getSessions(), []);
		} finally {
			otherWindow.dispose();
		}
	});

	it('a keychain that fails to read or write gives a clear error and deletes nothing', async () => {
		// The one hand-written fake in these suites: a real OS keychain failure cannot be produced here.
		const deleted: string[] = [];
		const broken: vscode.SecretStorage = {
			get: () => Promise.reject(new Error('keyring locked')),
			store: () => Promise.reject(new Error('keyring locked')),
			delete: key => { deleted.push(key); return Promise.resolve(); },
			onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
		};
		const store = new SessionStore(broken, quietLog);
		await assert.rejects(store.read(), (e: Error) => e instanceof SecretStorageUnavailableError && /keychain|keyring/.test(e.message) && /not removed/.test(e.message));
		await assert.rejects(store.write([{ id: 'x', accountId: 'a', accountLabel: 'a', scopes: [], accessToken: 't', refreshToken: 'r', expiresAt: 0, clientId: 'c', baseUrl: 'b' }]), SecretStorageUnavailableError);
		assert.deepEqual(deleted, []);
		store.dispose();
	});
});
