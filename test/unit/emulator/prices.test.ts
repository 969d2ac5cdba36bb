import assert from 'node:assert/strict';
import { api, chat, signIn, useEmulator } from './harness';

describe('emulator: per-model, per-token prices', () => {
	const emu = useEmulator();

	let before = 0;
	beforeEach(async () => {
		before = (await emu.admin.getBudget()).totalCost;
	});

	/** What was debited since the test started (the seeded user has spent some already). */
	async function spent(): Promise<number> {
		return Math.round(((await emu.admin.getBudget()).totalCost - before) * 10000) / 10000;
	}

	it('charges a priced chat model per request and per token in and out, and reports those tokens', async () => {
		await emu.admin.setPrice({ model: 'gpt-5-mini', perRequest: 0.001, inputPerToken: 0.00001, outputPerToken: 0.00004 });
		const { access_token: access } = await signIn(emu.url);
		const response = await chat(emu.url, access, { messages: [{ role: 'user', content: 'How much does this cost, please?' }] });
		const body = await response.json() as { usage: { prompt_tokens: number; completion_tokens: number } };
		const { prompt_tokens: input, completion_tokens: output } = body.usage;
		assert.ok(input > 0 && output > 0);
		const expected = Math.round((0.001 + 0.00001 * input + 0.00004 * output) * 10000) / 10000;
		assert.equal(await spent(), expected);
	});

	it('prices models independently; an unpriced model costs the route default', async () => {
		await emu.admin.setPrice({ model: 'gpt-5-nano', perRequest: 0.25 });
		const { access_token: access } = await signIn(emu.url);
		await (await chat(emu.url, access, { model: 'gpt-5-nano', messages: [{ role: 'user', content: 'hi' }] })).body?.cancel();
		assert.equal(await spent(), 0.25);
		await (await chat(emu.url, access, { messages: [{ role: 'user', content: 'hi' }] })).body?.cancel();
		const afterDefault = await spent();
		assert.ok(afterDefault > 0.25 && afterDefault < 0.26, String(afterDefault));
	});

	it('charges video per second of a priced model', async () => {
		await emu.admin.setPrice({ model: 'sora-2', perUnit: 0.1 });
		const { access_token: access } = await signIn(emu.url);
		const response = await api(emu.url, access, '/videos', { method: 'POST', body: JSON.stringify({ model: 'sora-2', prompt: 'waves', seconds: '8' }) });
		assert.equal(response.status, 200);
		await response.body?.cancel();
		assert.equal(await spent(), 0.8);
	});

	it('lists, validates and clears prices', async () => {
		const bad = await fetch(`${emu.url}/__admin/prices`, { method: 'POST', body: JSON.stringify({ model: 'x', perUnit: -1 }), headers: { 'Content-Type': 'application/json' } });
		assert.equal(bad.status, 400);
		await emu.admin.setPrice({ model: 'dall-e-3', perUnit: 0.04 });
		assert.deepEqual(await emu.admin.prices(), { 'dall-e-3': { perRequest: 0, inputPerToken: 0, outputPerToken: 0, perUnit: 0.04 } });
		await emu.admin.clearPrices();
		assert.deepEqual(await emu.admin.prices(), {});
	});

	it('a budget error frame mid-stream says budget_exceeded', async () => {
		await emu.admin.fault({ kind: 'errorFrame', afterChunks: 1, budget: true });
		const { access_token: access } = await signIn(emu.url);
		const text = await (await chat(emu.url, access, { messages: [{ role: 'user', content: 'one two three' }], stream: true })).text();
		assert.match(text, /"type":"budget_exceeded"/);
	});
});
