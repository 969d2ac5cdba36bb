import assert from 'node:assert/strict';
import { ForbiddenError } from '../../../src/api/errors';
import { EmulatorTokenSource, rejection, signIn, useEmulator } from './helpers';

describe('api: account', () => {
	const api = useEmulator();

	it('reads the user info as plain JSON', async () => {
		const info = await api.client.userInfo();
		assert.deepEqual(info, {
			sub: 'u_ada', name: 'Ada Lovelace', email: 'ada@example.com', email_verified: true, preferred_username: 'ada',
			scopes: ['api:access', 'profile:read'],
		});
		const [request] = await api.emulator.admin.requests({ path: '/oauth2/userinfo' });
		assert.equal(request.path, '/oauth2/userinfo');
	});

	it('maps user info without profile:read to ForbiddenError', async () => {
		const tokens = new EmulatorTokenSource(api.emulator.url, await signIn(api.emulator, 'api:access'));
		const error = await rejection(api.makeClient({ tokens }).userInfo());
		assert.ok(error instanceof ForbiddenError);
		assert.equal(error.status, 403);
	});

	it('unwraps the usage summary, and a chat call debits it', async () => {
		const before = await api.client.usageSummary();
		assert.deepEqual(before, { totalCost: 2.45, maxBudget: 10, remainingBudget: 7.55 });
		await api.client.chat({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'What does this cost?' }] });
		const after = await api.client.usageSummary();
		assert.ok(after.remainingBudget < before.remainingBudget);
		assert.equal(Math.round((after.totalCost + after.remainingBudget) * 1e4) / 1e4, after.maxBudget);
		assert.equal(api.settled, 1, 'only the chat call is paid');
	});
});
