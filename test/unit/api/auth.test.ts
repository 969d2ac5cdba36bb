import assert from 'node:assert/strict';
import { type LoggedPart } from '../../emulator/types';
import { colourFor, solidPng } from '../../emulator/mediaBytes';
import { AuthExpiredError, NotSignedInError } from '../../../src/api/errors';
import { collect, EmulatorTokenSource, fixedTokens, rejection, useEmulator } from './helpers';

const CHAT = { model: 'gpt-5-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('api: authorization and the single refresh-and-retry', () => {
	const api = useEmulator();

	it('sends the bearer token and the client id on every call', async () => {
		await api.client.listModels();
		await api.client.chat(CHAT);
		await api.client.usageSummary();
		const log = await api.emulator.admin.requests();
		assert.equal(log.length, 3);
		for (const entry of log) {
			assert.equal(entry.headers.authorization, `Bearer ${api.tokens.accessToken}`);
			assert.equal(entry.headers['x-aipass-oauth-client-id'], 'client_vscode_test');
		}
	});

	it('sends the user agent when one is given', async () => {
		await api.makeClient({ userAgent: 'aipass-vscode/0.1.0 test' }).listModels();
		const [entry] = await api.emulator.admin.requests();
		assert.equal(entry.headers['user-agent'], 'aipass-vscode/0.1.0 test');
	});

	it('omits the client id header when the client id is unknown', async () => {
		const tokens = { clientId: undefined, getAccessToken: () => api.tokens.getAccessToken() };
		await api.makeClient({ tokens }).listModels();
		const [entry] = await api.emulator.admin.requests();
		assert.equal(entry.headers['x-aipass-oauth-client-id'], undefined);
	});

	it('throws NotSignedInError without sending anything when there is no session', async () => {
		const tokens = new EmulatorTokenSource(api.emulator.url, undefined);
		const error = await rejection(api.makeClient({ tokens }).chat(CHAT));
		assert.ok(error instanceof NotSignedInError);
		assert.equal((await api.emulator.admin.requests()).length, 0);
		assert.equal(api.settled, 1);
	});

	it('refreshes once and retries once after a 401, then succeeds', async () => {
		const expired = api.tokens.accessToken;
		await api.emulator.admin.expireTokens();
		const completion = await api.client.chat(CHAT);
		assert.equal(completion.choices.length, 1);
		assert.equal(api.tokens.refreshes, 1);
		const chats = await api.emulator.admin.requests({ path: '/chat/completions' });
		assert.deepEqual(chats.map((entry) => [entry.headers.authorization, entry.status]), [
			[`Bearer ${expired}`, 401], [`Bearer ${api.tokens.accessToken}`, 200],
		]);
		assert.equal(api.settled, 1, 'one settled call, not one per attempt');
	});

	it('rebuilds a multipart body for the retry', async () => {
		await api.emulator.admin.expireTokens();
		const image = (seed: string) => ({ data: new Uint8Array(solidPng(4, 4, colourFor(seed))), filename: `${seed}.png`, mime: 'image/png' });
		await api.client.editImages({ model: 'gpt-image-2-edit', prompt: 'combine', images: [image('a'), image('b')] });
		const edits = await api.emulator.admin.requests({ path: '/images/edits' });
		assert.deepEqual(edits.map((entry) => entry.status), [401, 200]);
		for (const entry of edits) {
			assert.deepEqual((entry.body as LoggedPart[]).filter((part) => part.name === 'image').map((part) => part.size), [
				solidPng(4, 4, colourFor('a')).length, solidPng(4, 4, colourFor('b')).length,
			]);
		}
	});

	it('refreshes and retries a stream that is refused with 401 before it starts', async () => {
		await api.emulator.admin.expireTokens();
		const { events, error } = await collect(api.client.streamChat(CHAT));
		assert.equal(error, undefined);
		assert.deepEqual(events.at(-1), { type: 'done' });
		assert.equal(api.tokens.refreshes, 1);
	});

	it('gives up with AuthExpiredError when the refreshed token is refused too: one retry only', async () => {
		await api.emulator.admin.setConfig({ accessTokenTtlSeconds: 0 });
		await api.emulator.admin.expireTokens();
		const error = await rejection(api.client.chat(CHAT));
		assert.ok(error instanceof AuthExpiredError);
		assert.equal(error.status, 401);
		assert.equal(api.tokens.refreshes, 1);
		assert.deepEqual((await api.emulator.admin.requests({ path: '/chat/completions' })).map((entry) => entry.status), [401, 401]);
	});

	it('gives up with AuthExpiredError when the refresh itself fails, without a retry', async () => {
		await api.emulator.admin.fault({ kind: 'failNextRefresh', status: 400, error: 'invalid_grant' });
		await api.emulator.admin.expireTokens();
		const error = await rejection(api.client.chat(CHAT));
		assert.ok(error instanceof AuthExpiredError);
		assert.match(error.message, /token refresh failed/);
		assert.equal(api.tokens.refreshes, 1);
		assert.equal((await api.emulator.admin.requests({ path: '/chat/completions' })).length, 1);
		assert.equal(api.settled, 1);
	});

	it('does not retry when the token source has nothing newer', async () => {
		const stale = api.tokens.accessToken;
		await api.emulator.admin.expireTokens();
		const error = await rejection(api.makeClient({ tokens: fixedTokens(stale) }).listModels());
		assert.ok(error instanceof AuthExpiredError);
		assert.equal((await api.emulator.admin.requests({ path: '/models' })).length, 1);
	});
});
