import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expireStoredSession, openWindow, refreshInFlight, signedOutFresh, type TestWindow, tokenRequests } from './authWindows';
import { admin, extensionApi, isSettled, waitFor } from './helpers';

function kindOf(e: unknown): string | undefined {
	return (e as { kind?: string }).kind;
}

/** A token endpoint that accepts the request and never answers (emulator fault `hang`). */
describe('hung token endpoint: timeouts and each caller\'s own cancellation', function () {
	this.timeout(60_000);
	let window: TestWindow | undefined;

	beforeEach(async () => {
		await signedOutFresh();
		const { testing } = await extensionApi();
		testing.signInFlow.cancelPending();
	});

	afterEach(async () => {
		window?.dispose();
		window = undefined;
		await admin().clearFaults();
	});

	async function hungRefresh(timing = {}): Promise<TestWindow> {
		const { testing } = await extensionApi();
		await testing.authProvider.createSession([]);
		// Time limits far beyond the test: only the callers' own cancellation can end their wait.
		window = await openWindow({ timing: { refreshMs: 600_000, oauthMs: 600_000, ...timing } });
		await expireStoredSession([window]);
		await admin().fault({ kind: 'hang', path: '/oauth2/token' });
		await admin().clearRequests();
		return window;
	}

	it('Stop on one API call settles it while the refresh hangs; the other caller keeps waiting until it stops too', async () => {
		const { client, provider } = await hungRefresh();
		const first = new AbortController();
		const second = new AbortController();
		const callOne = client.listModels(undefined, first.signal);
		const callTwo = client.listModels(undefined, second.signal);
		const tokenThree = provider.getAccessToken();
		[callOne, callTwo, tokenThree].forEach(p => p.catch(() => undefined));
		await refreshInFlight();
		first.abort();
		await assert.rejects(callOne, (e: unknown) => kindOf(e) === 'aborted');
		assert.equal(await isSettled(callTwo), false, 'the other caller still waits for the shared refresh');
		assert.equal(await isSettled(tokenThree), false);
		second.abort();
		await assert.rejects(callTwo, (e: unknown) => kindOf(e) === 'aborted');
		// Settled before the hung server answered: it never did.
		const [refresh] = tokenRequests(await admin().requests(), 'refresh_token');
		assert.equal(refresh?.status, null, 'the token endpoint still has not answered');
		assert.equal(tokenRequests(await admin().requests(), 'refresh_token').length, 1, 'one shared refresh');
		assert.equal(await isSettled(tokenThree), false, 'a caller without cancellation waits for the refresh\'s own time limit');
	});

	it('a getAccessToken caller (vscode.lm / chat path) leaves with cancellation at once', async () => {
		const { provider } = await hungRefresh();
		const stop = new AbortController();
		const token = provider.getAccessToken({ signal: stop.signal });
		token.catch(() => undefined);
		await refreshInFlight();
		stop.abort();
		await assert.rejects(token, (e: unknown) => kindOf(e) === 'aborted');
		assert.equal(tokenRequests(await admin().requests(), 'refresh_token')[0]?.status, null);
	});

	it('the shared refresh has its own time limit: it fails as a timeout and keeps the session', async () => {
		const { provider } = await hungRefresh({ refreshMs: 1500 });
		await assert.rejects(provider.getAccessToken(), (e: unknown) => kindOf(e) === 'timeout');
		assert.equal((await provider.getSessions()).length, 1, 'a hung server is no reason to sign out');
		assert.equal(tokenRequests(await admin().requests(), 'refresh_token')[0]?.status, null);
	});

	it('each OAuth call has a time limit of its own', async () => {
		const { provider } = await hungRefresh({ oauthMs: 1000 });
		await assert.rejects(provider.getAccessToken(), (e: unknown) => kindOf(e) === 'timeout');
		assert.equal((await provider.getSessions()).length, 1);
	});

	for (const step of ['code exchange', 'user info'] as const) {
		it(`cancelling sign-in during a hung ${step} ends it at once${step === 'user info' ? ', and the tokens already issued are revoked' : ''}`, async () => {
			const { testing } = await extensionApi();
			await admin().fault({ kind: 'hang', path: step === 'code exchange' ? '/oauth2/token' : '/oauth2/userinfo' });
			const attempt = testing.authProvider.createSession([]);
			attempt.catch(() => undefined);
			const path = step === 'code exchange' ? '/oauth2/token' : '/oauth2/userinfo';
			await waitFor(`the ${step} to hang`, async () => (await admin().requests({ path })).some(r => r.status === null) || undefined);
			// The same AbortSignal the progress notification's Cancel button aborts.
			testing.authProvider.cancelPendingSignIns();
			await assert.rejects(attempt, (e: unknown) => e instanceof vscode.CancellationError);
			assert.equal((await admin().requests({ path })).find(r => r.status === null)?.status, null, 'the server never answered');
			assert.deepEqual(await testing.authProvider.getSessions(), []);
			if (step === 'user info') {
				await waitFor('the issued tokens to be revoked', async () => Object.keys(await admin().tokens()).length === 0 || undefined);
			}
		});
	}
});
